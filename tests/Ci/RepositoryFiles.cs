using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MultiRegionInfra.Tests.Ci;

/// <summary>
/// One <c>Pulumi.&lt;stack&gt;.yaml</c>, reduced to what it says about the stacks it reads. The rules use it as the
/// oracle the derived matrices are held against (a replica after its primary, the global stack after the regions);
/// the matrices themselves come only from .github/scripts/stack_matrix.py.
/// </summary>
internal sealed record StackFile(string Name, string Kind, string? Role, string? PrimaryStack, IReadOnlyList<string> Regions, string? CanarySchedule = null)
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
            config.Texts($"{project}:regions"),
            config.Text($"{project}:canary.schedule"));
    }
}

/// <summary>A workflow file: its name, its text, and its parsed root.</summary>
internal sealed record WorkflowFile(string FileName, string Text, YamlMappingNode Root)
{
    public static WorkflowFile Parse(string fileName, string text) => new(fileName, text, Yaml.Parse(text, fileName));

    /// <summary>The workflow's <c>name:</c>, which other workflows' <c>workflow_run</c> triggers name.</summary>
    public string? Name => Root.Text("name");

    public YamlMappingNode? Env => Root.Map("env");
    public YamlNode? Permissions => Root.Get("permissions");

    public IReadOnlyList<WorkflowJob> Jobs =>
        [.. Root.Map("jobs").Entries().Select(e => new WorkflowJob(this, e.Key, e.Value as YamlMappingNode ?? new YamlMappingNode()))];

    public WorkflowJob? Job(string id) => Jobs.FirstOrDefault(j => j.Id == id);

    /// <summary>The events that start the workflow, each with its settings (a mapping, or null).</summary>
    public IReadOnlyDictionary<string, YamlMappingNode?> Triggers =>
        Root.Get("on") switch
        {
            YamlScalarNode scalar => new Dictionary<string, YamlMappingNode?> { [scalar.Value ?? ""] = null },
            YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().ToDictionary(s => s.Value ?? "", _ => (YamlMappingNode?)null),
            YamlMappingNode map => map.Entries().ToDictionary(e => e.Key, e => e.Value as YamlMappingNode),
            _ => new Dictionary<string, YamlMappingNode?>(),
        };

    /// <summary>Started by pull requests: the code it runs may come from anyone who can open one.</summary>
    public bool RunsOnPullRequests => Triggers.ContainsKey("pull_request") || Triggers.ContainsKey("pull_request_target");

    /// <summary>The text of a source line (1-based), for what YAML drops: comments.</summary>
    public string Line(int number)
    {
        var lines = Text.Split('\n');
        return number >= 1 && number <= lines.Length ? lines[number - 1].TrimEnd('\r') : "";
    }

    /// <summary>This workflow with <paramref name="oldText"/> replaced (it must occur), for tests of the checks themselves.</summary>
    public WorkflowFile With(string oldText, string newText) =>
        Text.Contains(oldText, StringComparison.Ordinal)
            ? Parse(FileName, Text.Replace(oldText, newText, StringComparison.Ordinal))
            : throw new ArgumentException($"{FileName} does not contain {oldText}", nameof(oldText));

    /// <summary>This workflow with the first <paramref name="oldText"/> replaced (it must occur).</summary>
    public WorkflowFile WithFirst(string oldText, string newText)
    {
        var index = Text.IndexOf(oldText, StringComparison.Ordinal);
        return index >= 0
            ? Parse(FileName, string.Concat(Text.AsSpan(0, index), newText, Text.AsSpan(index + oldText.Length)))
            : throw new ArgumentException($"{FileName} does not contain {oldText}", nameof(oldText));
    }
}

internal sealed partial record WorkflowJob(WorkflowFile Workflow, string Id, YamlMappingNode Node)
{
    public string Where => $"{Workflow.FileName}: job {Id}";
    public IReadOnlyList<string> Needs => Node.Texts("needs");
    public YamlMappingNode? Env => Node.Map("env");
    public string? If => Node.Text("if");

    /// <summary>The job's permissions, or the workflow's when the job sets none (GitHub's rule).</summary>
    public YamlNode? EffectivePermissions => Node.Get("permissions") ?? Workflow.Permissions;

    /// <summary>The job's GitHub environment: <c>environment: name</c> or <c>environment: {name: ...}</c>.</summary>
    public string? Environment => Node.Get("environment") switch
    {
        YamlScalarNode scalar => scalar.Value,
        YamlMappingNode map => map.Text("name"),
        _ => null,
    };

    public YamlMappingNode? Strategy => Node.Map("strategy");

    /// <summary>The node of <c>strategy.matrix.stack</c>: a list written by hand, or an expression.</summary>
    public YamlNode? MatrixStack => Strategy.Map("matrix").Get("stack");

    /// <summary>
    /// The job and output a derived matrix reads: <c>${{ fromJSON(needs.J.outputs.O) }}</c> gives (J, O); anything
    /// else (a list written by hand, another expression, no matrix) gives null.
    /// </summary>
    public (string Job, string Output)? MatrixSource =>
        MatrixStack is YamlScalarNode { Value: { } value } && FromJsonOfNeeds().Match(value) is { Success: true } match
            ? (match.Groups["job"].Value, match.Groups["output"].Value)
            : null;

    /// <summary>The declared outputs: name to expression.</summary>
    public IReadOnlyDictionary<string, string> Outputs =>
        Node.Map("outputs").Entries().ToDictionary(e => e.Key, e => (e.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal);

    public IReadOnlyList<WorkflowStep> Steps =>
        Node.Get("steps") is YamlSequenceNode steps
            ? [.. steps.Children.Select((s, i) => new WorkflowStep(this, i, s as YamlMappingNode ?? new YamlMappingNode()))]
            : [];

    public IEnumerable<WorkflowStep> StepsUsing(string action) => Steps.Where(s => s.Action == action);

    /// <summary>Every scalar in the job (keys and values), for what may appear anywhere in it.</summary>
    public IEnumerable<string> Scalars => Yaml.Scalars(Node);

    [GeneratedRegex(@"^\$\{\{\s*fromJSON\(\s*needs\.(?<job>[\w-]+)\.outputs\.(?<output>[\w-]+)\s*\)\s*\}\}$")]
    private static partial Regex FromJsonOfNeeds();
}

internal sealed record WorkflowStep(WorkflowJob Job, int Index, YamlMappingNode Node)
{
    public string? Id => Node.Text("id");
    public string? Uses => Node.Text("uses");

    /// <summary>The source line of <c>uses:</c> (1-based), or 0.</summary>
    public int UsesLine => Node.Get("uses") is { } node ? (int)node.Start.Line : 0;

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

    /// <summary>The script the workflows derive their matrices with, relative to the root.</summary>
    public const string StackMatrixScript = ".github/scripts/stack_matrix.py";

    /// <summary>The script a region's deploy waits for its canaries with, relative to the root.</summary>
    public const string CanaryWaitScript = ".github/scripts/wait_for_canaries.py";

    /// <summary>The script a region's deploy waits for its auto scaling group's instance refresh with, relative to the root.</summary>
    public const string InstanceRefreshWaitScript = ".github/scripts/wait_for_instance_refresh.py";

    public static string FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Pulumi.yaml")))
                return directory.FullName;
        throw new DirectoryNotFoundException($"no folder with Pulumi.yaml at or above {start}");
    }

    public static string Read(params string[] parts) => File.ReadAllText(Path.Combine([Root, .. parts]));

    public static string ProjectName => ProjectNameIn(Root);

    public static string ProjectNameIn(string root) =>
        Yaml.Parse(File.ReadAllText(Path.Combine(root, "Pulumi.yaml")), "Pulumi.yaml").Text("name")
        ?? throw new InvalidDataException($"{root}/Pulumi.yaml has no name");

    /// <summary>Every <c>Pulumi.&lt;stack&gt;.yaml</c> at the repository root, by stack name.</summary>
    public static IReadOnlyList<StackFile> Stacks() => StacksIn(Root);

    /// <summary>Every <c>Pulumi.&lt;stack&gt;.yaml</c> in <paramref name="root"/>, by stack name.</summary>
    public static IReadOnlyList<StackFile> StacksIn(string root)
    {
        var project = ProjectNameIn(root);
        return [.. Directory.GetFiles(root, "Pulumi.*.yaml")
            .Select(Path.GetFileName)
            .Select(file => StackFileName().Match(file!))
            .Where(match => match.Success)
            .Select(match => StackFile.Parse(match.Groups["stack"].Value, File.ReadAllText(Path.Combine(root, match.Value)), project))
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
