using MultiRegionInfra.Stacks.Plan;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Plan;

/// <summary>Stack files that cannot be read or are not stack files: every broken file is named with its
/// line, all at once, before anything is planned or written; secrets are recognised.</summary>
public class StackFileTests
{
    private static async Task<PlanProject.Run> PlanWithAsync(TempProject project, params (string File, string Text)[] files)
    {
        foreach (var (file, text) in files)
            File.WriteAllText(Path.Combine(project.Root, file), text);
        return await PlanProject.CliAsync(project.Root, "plan", "--out", "plan-out");
    }

    [Fact]
    public async Task Every_broken_file_is_named_with_its_line_at_once_and_nothing_is_written()
    {
        using var project = PlanProject.ThreeStacks();
        var run = await PlanWithAsync(project,
            ("Pulumi.tabbed.yaml", "config:\n  aws:region: us-east-1\n\tmulti-region-infra:role: primary\n"),
            ("Pulumi.twice.yaml", "config:\n  aws:region: us-east-1\n  aws:region: eu-west-1\n"));
        Assert.Equal(1, run.Code);
        var lines = run.Error.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("plan: Pulumi.tabbed.yaml: line 3: not valid YAML (", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("plan: Pulumi.twice.yaml: line 3: not valid YAML (", lines[1], StringComparison.Ordinal);
        Assert.Contains("Duplicate key", lines[1]);
        Assert.Equal("", run.Output);
        Assert.False(Directory.Exists(Path.Combine(project.Root, "plan-out")));
    }

    [Theory]
    [InlineData("- aws:region: us-east-1\n", "plan: Pulumi.odd.yaml: line 1: is not a stack file (its top level is not a mapping); allowed: a config: section, as pulumi config set writes it")]
    [InlineData("config: us-east-1\n", "plan: Pulumi.odd.yaml: line 1: config is not a mapping of keys to values; allowed: config: followed by indented namespace:key: value lines")]
    [InlineData("config:\n  [a, b]: c\n", "plan: Pulumi.odd.yaml: line 2: a config key is not a plain name; allowed: namespace:key, e.g. aws:region")]
    public async Task A_file_of_the_wrong_shape_is_named_with_its_line(string text, string message)
    {
        using var project = PlanProject.ThreeStacks();
        var run = await PlanWithAsync(project, ("Pulumi.odd.yaml", text));
        Assert.Equal(1, run.Code);
        Assert.Equal(message + "\n", run.Error);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_named_not_thrown()
    {
        using var project = PlanProject.ThreeStacks();
        File.CreateSymbolicLink(Path.Combine(project.Root, "Pulumi.gone.yaml"), Path.Combine(project.Root, "missing.yaml"));
        var run = await PlanProject.CliAsync(project.Root, "plan");
        Assert.Equal(1, run.Code);
        Assert.Equal("plan: Pulumi.gone.yaml: cannot be read (no such file; a link to a missing file?)\n", run.Error);
    }

    [Fact]
    public async Task An_out_folder_that_is_a_file_is_bad_usage()
    {
        using var project = PlanProject.ThreeStacks();
        File.WriteAllText(Path.Combine(project.Root, "plan-out"), "a file");
        var run = await PlanProject.CliAsync(project.Root, "plan", "--out", "plan-out");
        Assert.Equal(2, run.Code);
        Assert.Equal("plan: --out plan-out: is a file; allowed: a folder (created if missing) for the plan's files\n", run.Error);
        Assert.Equal("a file", File.ReadAllText(Path.Combine(project.Root, "plan-out")));
    }

    [Fact]
    public void Values_set_with_secret_are_known_as_secrets()
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("us-east", "cloudflare:apiToken", "\n    secure: AAABAHdummyciphertext");
        var file = StackFile.Read(project.Root, "us-east");
        Assert.True(file.Config.IsSecret("cloudflare:apiToken"));
        Assert.False(file.Config.IsSecret("aws:region"));
        Assert.Equal("{\"secure\":\"AAABAHdummyciphertext\"}", file.Config.Get("cloudflare:apiToken"));
    }
}
