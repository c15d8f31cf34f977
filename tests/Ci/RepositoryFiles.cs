using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MultiRegionInfra.Tests.Ci;

/// <summary>One <c>Pulumi.&lt;stack&gt;.yaml</c>, reduced to what decides its place in the deployment order.</summary>
internal sealed record StackFile(string Name, string Kind, string? Role, string? PrimaryStack, IReadOnlyList<string> Regions)
{
    public bool IsGlobal => Kind == "global";
    public bool IsRegional => Kind == "regional";
    public bool IsPrimary => IsRegional && Role == "primary";
    public bool IsReplica => IsRegional && Role == "replica";

    public override string ToString() => IsRegional ? $"{Name} (regional, {Role ?? "no role"})" : $"{Name} ({Kind})";

    /// <summary>Reads a stack file's configuration under the project's namespace (<c>project:key</c>).</summary>
    public static StackFile Parse(string name, string text, string project)
    {
        var config = Yaml.Parse(text, $"Pulumi.{name}.yaml").Map("config");
        return new StackFile(
            name,
            // Pulumi.yaml: "stackKind ... Default: regional."
            config.Text($"{project}:stackKind") ?? "regional",
            config.Text($"{project}:role"),
            config.Text($"{project}:primaryStack"),
            config.Texts($"{project}:regions"));
    }
}

/// <summary>A workflow file: its name, its text, and its parsed root.</summary>
internal sealed record WorkflowFile(string FileName, string Text, YamlMappingNode Root)
{
    public static WorkflowFile Parse(string fileName, string text) => new(fileName, text, Yaml.Parse(text, fileName));

    public YamlMappingNode? Env => Root.Map("env");
    public YamlNode? Permissions => Root.Get("permissions");

    public IReadOnlyList<WorkflowJob> Jobs =>
        [.. Root.Map("jobs").Entries().Select(e => new WorkflowJob(this, e.Key, e.Value as YamlMappingNode ?? new YamlMappingNode()))];

    public WorkflowJob? Job(string id) => Jobs.FirstOrDefault(j => j.Id == id);

    /// <summary>This workflow with <paramref name="oldText"/> replaced (it must occur), for tests of the checks themselves.</summary>
    public WorkflowFile With(string oldText, string newText) =>
        Text.Contains(oldText, StringComparison.Ordinal)
            ? Parse(FileName, Text.Replace(oldText, newText, StringComparison.Ordinal))
            : throw new ArgumentException($"{FileName} does not contain {oldText}", nameof(oldText));
}

internal sealed record WorkflowJob(WorkflowFile Workflow, string Id, YamlMappingNode Node)
{
    public string Where => $"{Workflow.FileName}: job {Id}";
    public IReadOnlyList<string> Needs => Node.Texts("needs");
    public YamlMappingNode? Env => Node.Map("env");

    /// <summary>The job's permissions, or the workflow's when the job sets none (GitHub's rule).</summary>
    public YamlNode? EffectivePermissions => Node.Get("permissions") ?? Workflow.Permissions;

    /// <summary>The values of <c>strategy.matrix.stack</c>.</summary>
    public IReadOnlyList<string> MatrixStacks => Node.Map("strategy").Map("matrix").Texts("stack");

    public IReadOnlyList<WorkflowStep> Steps =>
        Node.Get("steps") is YamlSequenceNode steps
            ? [.. steps.Children.Select((s, i) => new WorkflowStep(this, i, s as YamlMappingNode ?? new YamlMappingNode()))]
            : [];

    public IEnumerable<WorkflowStep> StepsUsing(string action) => Steps.Where(s => s.Action == action);
}

internal sealed record WorkflowStep(WorkflowJob Job, int Index, YamlMappingNode Node)
{
    public string? Uses => Node.Text("uses");

    /// <summary>The action without its version: <c>pulumi/actions</c> of <c>pulumi/actions@v6</c>.</summary>
    public string? Action => Uses?.Split('@')[0];

    public string? Run => Node.Text("run");
    public YamlMappingNode? With => Node.Map("with");
    public string? Input(string name) => With.Text(name);
    public string Where => $"{Job.Where}, step {Index + 1}{(Node.Text("name") is { } name ? $" ({name})" : Uses is { } uses ? $" ({uses})" : "")}";

    /// <summary>An environment variable as the step sees it: its own env over the job's over the workflow's.</summary>
    public string? EnvValue(string name) => Node.Map("env").Text(name) ?? Job.Env.Text(name) ?? Job.Workflow.Env.Text(name);
}

/// <summary>The repository's own files: the project, its stack files and its workflows.</summary>
internal static partial class RepositoryFiles
{
    public static readonly string Root = FindRoot(AppContext.BaseDirectory);

    public static string FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Pulumi.yaml")))
                return directory.FullName;
        throw new DirectoryNotFoundException($"no folder with Pulumi.yaml at or above {start}");
    }

    public static string Read(params string[] parts) => File.ReadAllText(Path.Combine([Root, .. parts]));

    public static string ProjectName =>
        Yaml.Parse(Read("Pulumi.yaml"), "Pulumi.yaml").Text("name") ?? throw new InvalidDataException("Pulumi.yaml has no name");

    /// <summary>Every <c>Pulumi.&lt;stack&gt;.yaml</c> at the root, by stack name.</summary>
    public static IReadOnlyList<StackFile> Stacks()
    {
        var project = ProjectName;
        return [.. Directory.GetFiles(Root, "Pulumi.*.yaml")
            .Select(Path.GetFileName)
            .Select(file => StackFileName().Match(file!))
            .Where(match => match.Success)
            .Select(match => StackFile.Parse(match.Groups["stack"].Value, Read(match.Value), project))
            .OrderBy(stack => stack.Name, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<WorkflowFile> Workflows() =>
        [.. Directory.GetFiles(Path.Combine(Root, ".github", "workflows"))
            .Where(file => file.EndsWith(".yml", StringComparison.Ordinal) || file.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(file => WorkflowFile.Parse(Path.GetFileName(file), File.ReadAllText(file)))];

    public static WorkflowFile Workflow(string fileName) =>
        WorkflowFile.Parse(fileName, Read(".github", "workflows", fileName));

    /// <summary>The .NET version the projects target, as setup-dotnet takes it: net10.0 is 10.0.x.</summary>
    public static string DotnetVersion
    {
        get
        {
            var match = TargetFramework().Match(Read("Directory.Build.props"));
            return match.Success ? $"{match.Groups["version"].Value}.x" : throw new InvalidDataException("Directory.Build.props names no TargetFramework");
        }
    }

    /// <summary>The solution file at the root.</summary>
    public static string Solution => Path.GetFileName(Directory.GetFiles(Root, "*.sln").Single());

    [GeneratedRegex(@"^Pulumi\.(?<stack>.+)\.yaml$")]
    private static partial Regex StackFileName();

    [GeneratedRegex(@"<TargetFramework>net(?<version>\d+\.\d+)</TargetFramework>")]
    private static partial Regex TargetFramework();
}
