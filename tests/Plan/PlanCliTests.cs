using MultiRegionInfra.Stacks.Plan;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Plan;

/// <summary>The program's command line: help at every level, the usual option forms, exit codes, and
/// nothing written when the arguments are bad.</summary>
public class PlanCliTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_of_the_program_exits_0_with_its_commands_examples_and_exit_codes(string word)
    {
        using var project = PlanProject.ThreeStacks();
        var run = await PlanProject.CliAsync(project.Root, word);
        Assert.Equal(0, run.Code);
        Assert.Equal("", run.Error);
        Assert.Contains("Usage:", run.Output);
        Assert.Contains("  plan  Plan every stack offline", run.Output);
        Assert.Contains("Examples:\n  dotnet run --project stacks -- plan\n", run.Output);
        Assert.Contains("Exit codes:\n  0  every stack planned", run.Output);
        Assert.Contains("  2  bad usage:", run.Output);
        Assert.DoesNotContain("cannot deploy", run.Output);
        Assert.False(Directory.Exists(Path.Combine(project.Root, "plan")));
    }

    [Theory]
    [InlineData("plan", "--help")]
    [InlineData("plan", "-h")]
    [InlineData("help", "plan")]
    public async Task Help_of_plan_exits_0_with_every_option_and_examples(string first, string second)
    {
        using var project = PlanProject.ThreeStacks();
        var run = await PlanProject.CliAsync(project.Root, first, second);
        Assert.Equal(0, run.Code);
        foreach (var option in new[] { "-s, --stack <NAME>", "-f, --format <text|markdown|json>", "-o, --out <DIR>", "--counts", "--diff <BASE_DIR>" })
            Assert.Contains(option, run.Output);
        Assert.Contains("  dotnet run --project stacks -- plan --diff base/ --format markdown", run.Output);
        Assert.Contains("  1  a stack is invalid", run.Output);
        Assert.False(Directory.Exists(Path.Combine(project.Root, "plan")));
    }

    [Theory]
    [InlineData(new[] { "--stack", "us-east", "--stack", "eu-west" }, "us-east, eu-west")]
    [InlineData(new[] { "--stack=us-east" }, "us-east")]
    [InlineData(new[] { "--stack=us-east,eu-west" }, "us-east, eu-west")]
    [InlineData(new[] { "-s", "us-east" }, "us-east")]
    [InlineData(new[] { "--stack", "us-east,eu-west" }, "us-east, eu-west")]
    [InlineData(new[] { "--stack", "Pulumi.eu-west.yaml" }, "eu-west")]
    [InlineData(new[] { "--stack", "./Pulumi.global.yaml", "--stack", "global" }, "global")]
    public async Task The_usual_forms_of_stack_select_the_same_stacks(string[] args, string planned)
    {
        using var project = PlanProject.ThreeStacks();
        var (run, outDir) = await PlanProject.PlanAsync(project, args);
        Assert.Equal(0, run.Code);
        Assert.StartsWith($"plan: {planned} (partial: ", run.Error, StringComparison.Ordinal);
        var stacks = planned.Split(", ");
        Assert.Equal(stacks.Select(s => $"{s}.json").Append("topology.md").Order(), Directory.GetFiles(outDir).Select(Path.GetFileName).Order());
        Assert.Equal(stacks, run.Lines.Where(l => l.StartsWith("Stack ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]));
    }

    [Theory]
    [InlineData(new[] { "plan", "--format", "yaml" }, "plan: Argument 'yaml' not recognized. Must be one of:")]
    [InlineData(new[] { "plan", "--stacks", "us-east" }, "plan: Unrecognized command or argument '--stacks'.")]
    [InlineData(new[] { "plan", "--stack" }, "plan: Required argument missing for option: '--stack'.")]
    [InlineData(new[] { "plan", "us-east" }, "plan: Unrecognized command or argument 'us-east'.")]
    [InlineData(new[] { "deploy" }, "plan: 'deploy' is not a command; commands: plan, docs, help")]
    [InlineData(new[] { "plan", "--stack", "mars" }, "plan: no stack 'mars' in ")]
    [InlineData(new[] { "plan", "--diff", "no-such-folder" }, "plan: --diff no-such-folder: no such folder; write one with plan --format json --out no-such-folder")]
    [InlineData(new[] { "plan", "--diff", "plan", "--out", "plan" }, "plan: --diff plan and --out plan are the same folder")]
    public async Task Bad_usage_exits_2_on_stderr_and_writes_nothing(string[] args, string message)
    {
        using var project = PlanProject.ThreeStacks();
        Directory.CreateDirectory(Path.Combine(project.Root, "plan"));
        var run = await PlanProject.CliAsync(project.Root, args);
        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Output);
        Assert.StartsWith(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(project.Root, "plan")));
    }

    [Fact]
    public async Task An_unknown_stack_lists_the_known_ones()
    {
        using var project = PlanProject.ThreeStacks();
        var run = await PlanProject.CliAsync(project.Root, "plan", "--stack", "us-east,mars", "--stack", "venus");
        Assert.Equal(2, run.Code);
        Assert.Equal($"plan: no stack 'mars', 'venus' in {project.Root}; known stacks: eu-west, global, us-east\n", run.Error);
    }

    [Fact]
    public async Task Outside_a_project_plan_says_so_and_exits_2()
    {
        var empty = Directory.CreateTempSubdirectory("mri-no-project-");
        try
        {
            var run = await PlanProject.CliAsync(empty.FullName, "plan");
            Assert.Equal(2, run.Code);
            Assert.Equal($"plan: no Pulumi.yaml in {empty.FullName} or above it; run plan inside the project\n", run.Error);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_stack_file_that_is_not_yaml_is_named_and_exits_1()
    {
        using var project = PlanProject.ThreeStacks();
        File.WriteAllText(Path.Combine(project.Root, "Pulumi.broken.yaml"), "config:\n  aws:region: [us-east-1\n");
        var run = await PlanProject.CliAsync(project.Root, "plan");
        Assert.Equal(1, run.Code);
        Assert.StartsWith("plan: Pulumi.broken.yaml: line ", run.Error, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", run.Error);
    }

    [Theory]
    [InlineData("us-east", "us-east")]
    [InlineData(" us-east ", "us-east")]
    [InlineData("Pulumi.us-east.yaml", "us-east")]
    [InlineData("Pulumi.us-east.yml", "us-east")]
    [InlineData("../project/Pulumi.eu-west.yaml", "eu-west")]
    [InlineData("Pulumi.yaml", "Pulumi.yaml")]
    public void A_stack_is_named_by_its_name_or_its_file(string value, string name) =>
        Assert.Equal(name, StackSelection.Name(value));

    [Fact]
    public void Stack_values_split_at_commas_keep_their_order_and_drop_repeats() =>
        Assert.Equal(new[] { "global", "us-east", "eu-west" }, StackSelection.Names(new[] { "global", "us-east, eu-west", "Pulumi.global.yaml", "" }));
}
