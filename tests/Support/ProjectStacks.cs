using MultiRegionInfra.Configuration;
using PlanStackFile = MultiRegionInfra.Stacks.Plan.StackFile;

namespace MultiRegionInfra.Tests.Support;

/// <summary>The stack files of a project folder by kind, read as the program reads them (stackKind, default
/// regional). A test whose subject is the project's own stack files takes their names from here, so that it
/// holds for any valid set of them; a test that needs particular stacks writes its own (PlanProject).</summary>
public sealed record ProjectStacks(string Root, string Project, IReadOnlyList<PlanStackFile> Regional, IReadOnlyList<PlanStackFile> Global)
{
    public static ProjectStacks In(string root)
    {
        var project = PlanStackFile.ReadProjectName(root);
        var files = PlanStackFile.Discover(root);
        bool IsGlobal(PlanStackFile file) => ConfigReader.For(project, file.Config).Choice("stackKind", StackKind.Regional, ConfigNames.StackKinds) == StackKind.Global;
        return new ProjectStacks(root, project, [.. files.Where(f => !IsGlobal(f))], [.. files.Where(IsGlobal)]);
    }

    /// <summary>Every stack file, regional and global.</summary>
    public IEnumerable<PlanStackFile> All => Regional.Concat(Global);

    /// <summary>A global stack file's settings, as the program validates them (a problem fails the test).</summary>
    public GlobalSettings SettingsOf(PlanStackFile global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var reader = ConfigReader.For(Project, global.Config);
        var settings = GlobalSettings.Read(reader, global.Name, global.Config.Get("aws:region"));
        Assert.True(settings is not null && reader.Errors.Count == 0, $"Pulumi.{global.Name}.yaml: {string.Join("; ", reader.Errors)}");
        return settings!;
    }

    /// <summary>A stack file's aws:region.</summary>
    public static string AwsRegionOf(PlanStackFile stack) => stack?.Config.Get("aws:region") ?? "";
}
