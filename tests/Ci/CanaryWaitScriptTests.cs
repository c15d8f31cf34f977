using System.Text.Json;
using MultiRegionInfra.Monitoring;
using MultiRegionInfra.Tests.Plan;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Ci;

/// <summary>
/// .github/scripts/wait_for_canaries.py, which a region's deploy job runs after its pulumi up: it derives the
/// region's canaries from the stack files as the program names them, and passes only when the first run that
/// starts after it passed. AWS is a stand-in that answers from a scenario (see <see cref="CanaryWaitScript"/>).
/// The script's behaviour is shown on stack files written here (<see cref="PlanProject.ThreeStacks"/>: us-east,
/// eu-west and global); only the first test reads the project's own, and takes their names from them.
/// </summary>
public class CanaryWaitScriptTests
{
    private const string Key = "multi-region-infra";

    private sealed record Listed(string Name, string Region, int IntervalSeconds, string GlobalStack);

    private static IReadOnlyList<Listed> List(ScriptRun run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        using var document = JsonDocument.Parse(run.Output);
        return [.. document.RootElement.EnumerateArray().Select(c => new Listed(c.GetProperty("name").GetString()!, c.GetProperty("region").GetString()!,
            c.GetProperty("interval_seconds").GetInt32(), c.GetProperty("global_stack").GetString()!))];
    }

    private const string Running = """{"canary": "RUNNING", "runs": [[{"state": "PASSED", "age": 3600}], [{"state": "RUNNING", "age": 0}]]}""";

    [Fact]
    public void The_names_are_the_programs_for_the_repositorys_stack_files()
    {
        // Whatever the stack files are: each regional stack's canaries are those of the global stacks that list
        // it and run canaries, named, placed and scheduled as the program's settings of those stacks say.
        var stacks = ProjectStacks.In(RepositoryFiles.Root);
        Assert.NotEmpty(stacks.Regional);
        var settings = stacks.Global.Select(g => (g.Name, Settings: stacks.SettingsOf(g))).ToList();
        using var script = new CanaryWaitScript();
        foreach (var regional in stacks.Regional)
        {
            var expected = settings.Where(g => g.Settings.Canaries.Enabled && g.Settings.Regions.Contains(regional.Name))
                .Select(g => new Listed(CanarySettings.CanaryName(g.Settings.Canaries.NamePrefix, regional.Name), ProjectStacks.AwsRegionOf(regional),
                    g.Settings.Canaries.Schedule.IntervalSeconds, g.Name))
                .ToList();
            Assert.Equal(expected, List(script.Run("{}", "--stack", regional.Name, "--root", RepositoryFiles.Root, "--list")));
        }
        Assert.Empty(script.Calls);
    }

    [Fact]
    public void Unset_the_names_prefix_and_schedule_are_the_programs_defaults()
    {
        using var project = PlanProject.ThreeStacks();
        using var script = new CanaryWaitScript();
        foreach (var (stack, region) in new[] { ("us-east", "us-east-1"), ("eu-west", "eu-west-1") })
        {
            var canary = Assert.Single(List(script.Run("{}", "--stack", stack, "--root", project.Root, "--list")));
            Assert.Equal(new Listed(CanarySettings.CanaryName(CanarySettings.DefaultNamePrefix, stack), region, CanarySchedule.Default.IntervalSeconds, "global"), canary);
            Assert.Equal($"api-{stack}", canary.Name);
            Assert.Equal(300, canary.IntervalSeconds);
        }
        Assert.Empty(script.Calls);
    }

    /// <summary>The script's own bound is the one the workflow rule holds the step's timeout-minutes to.</summary>
    [Theory]
    [InlineData("rate(1 minute)")]
    [InlineData("rate(10 minutes)")]
    [InlineData("rate(1 hour)")]
    public void The_longest_wait_is_the_one_the_workflow_rule_expects(string schedule)
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("global", $"{Key}:canary.schedule", schedule);
        using var script = new CanaryWaitScript();
        var run = script.Run("{}", "--stack", "us-east", "--root", project.Root, "--list");
        Assert.True(run.ExitCode == 0, run.Error);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(WorkflowRules.CanaryWaitSeconds(CanarySchedule.Parse(schedule)!), Assert.Single(document.RootElement.EnumerateArray()).GetProperty("wait_seconds").GetInt32());
    }

    [Fact]
    public void A_prefix_and_a_schedule_of_the_global_stack_file_are_followed()
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("global", $"{Key}:canary.namePrefix", "edge");
        project.SetConfig("global", $"{Key}:canary.schedule", "rate(1 minute)");
        using var script = new CanaryWaitScript();
        Assert.Equal(new Listed("edge-eu-west", "eu-west-1", 60, "global"), Assert.Single(List(script.Run("{}", "--stack", "eu-west", "--root", project.Root, "--list"))));
    }

    [Fact]
    public void Without_canaries_there_is_nothing_to_wait_for_and_aws_is_not_called()
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("global", $"{Key}:canary.enabled", "false");
        using var script = new CanaryWaitScript();
        Assert.Empty(List(script.Run("{}", "--stack", "us-east", "--root", project.Root, "--list")));
        var run = script.Run(Running, "--stack", "us-east", "--root", project.Root, "--poll", "0");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("::notice title=canaries::no global stack runs a canary in us-east: nothing to wait for", run.Output, StringComparison.Ordinal);
        Assert.Empty(script.Calls);
    }

    [Fact]
    public void Outside_prod_the_canaries_are_on_where_rehearsals_are_as_the_program_decides()
    {
        using var project = PlanProject.ThreeStacks();
        using var script = new CanaryWaitScript();
        string[] Listed() => List(script.Run("{}", "--stack", "us-east", "--root", project.Root, "--list")).Select(c => c.Name).ToArray();
        project.SetConfig("global", $"{Key}:environment", "dev");
        Assert.Empty(Listed());
        // Staging rehearses by default, and a rehearsal stops on the canary's alarm: the program turns them on.
        project.SetConfig("global", $"{Key}:environment", "staging");
        Assert.Equal(new[] { "api-us-east" }, Listed());
        project.SetConfig("global", $"{Key}:rehearsal.enabled", "false");
        Assert.Empty(Listed());
        project.SetConfig("global", $"{Key}:canary.enabled", "true");
        Assert.Equal(new[] { "api-us-east" }, Listed());

        using var rehearsing = PlanProject.ThreeStacks();
        rehearsing.SetConfig("global", $"{Key}:environment", "dev");
        rehearsing.SetConfig("global", $"{Key}:rehearsal.enabled", "true");
        Assert.Equal("api-us-east", Assert.Single(List(script.Run("{}", "--stack", "us-east", "--root", rehearsing.Root, "--list"))).Name);
    }

    [Fact]
    public void A_canary_the_global_stack_has_not_created_yet_is_a_notice_not_a_failure()
    {
        using var project = PlanProject.ThreeStacks();
        using var script = new CanaryWaitScript();
        var run = script.Run("""{"canary": null, "runs": [[]]}""", "--stack", "us-east", "--root", project.Root, "--poll", "0");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("::notice title=canaries::api-us-east in us-east-1 does not exist yet (global creates it after the regions): nothing to wait for", run.Output, StringComparison.Ordinal);
        var call = Assert.Single(script.Calls);
        Assert.Equal(["synthetics", "get-canary", "--name", "api-us-east", "--region", "us-east-1", "--output", "json"], call);
    }

    [Fact]
    public void A_stopped_canary_is_a_notice_not_a_wait()
    {
        using var project = PlanProject.ThreeStacks();
        using var script = new CanaryWaitScript();
        var run = script.Run("""{"canary": "STOPPED", "runs": [[]]}""", "--stack", "eu-west", "--root", project.Root, "--poll", "0");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("api-eu-west in eu-west-1 is STOPPED, not RUNNING: no run to wait for", run.Output, StringComparison.Ordinal);
        Assert.Single(script.Calls);
    }

    [Fact]
    public void It_waits_past_runs_that_started_before_it_and_passes_with_the_next_passed_run()
    {
        using var project = PlanProject.ThreeStacks();
        using var script = new CanaryWaitScript();
        // An old passed run and one still running, twice; then the new run has passed.
        const string scenario = """
            {"canary": "RUNNING", "runs": [
              [{"state": "PASSED", "age": 3600}, {"state": "RUNNING", "age": 0}],
              [{"state": "PASSED", "age": 3600}, {"state": "RUNNING", "age": 0}],
              [{"state": "PASSED", "age": 3600}, {"state": "PASSED", "age": 0}]]}
            """;
        var run = script.Run(scenario, "--stack", "us-east", "--root", project.Root, "--poll", "0");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("api-us-east in us-east-1: the run started", run.Output, StringComparison.Ordinal);
        Assert.Contains("passed", run.Output, StringComparison.Ordinal);
        var runs = script.Calls.Where(c => c[1] == "get-canary-runs").ToList();
        Assert.Equal(3, runs.Count);
        Assert.All(runs, c => Assert.Equal(["synthetics", "get-canary-runs", "--name", "api-us-east", "--region", "us-east-1", "--max-results", "10", "--output", "json"], c));
    }

    [Fact]
    public void A_failed_next_run_fails_the_step_with_its_reason()
    {
        using var project = PlanProject.ThreeStacks();
        using var script = new CanaryWaitScript();
        const string scenario = """{"canary": "RUNNING", "runs": [[{"state": "PASSED", "age": 3600}], [{"state": "FAILED", "reason": "region-health: status 503, expected 200", "age": 0}]]}""";
        var run = script.Run(scenario, "--stack", "eu-west", "--root", project.Root, "--poll", "0");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("::error title=canaries::api-eu-west in eu-west-1: the run started", run.Output, StringComparison.Ordinal);
        Assert.Contains("failed: region-health: status 503, expected 200", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void No_new_run_within_the_timeout_fails_the_step()
    {
        using var project = PlanProject.ThreeStacks();
        using var script = new CanaryWaitScript();
        var run = script.Run(Running, "--stack", "us-east", "--root", project.Root, "--poll", "0", "--timeout", "0");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("::error title=canaries::api-us-east in us-east-1: no run that started after", run.Output, StringComparison.Ordinal);
        Assert.Contains("finished within 0 s", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Stack_files_the_program_would_refuse_are_listed_and_fail()
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("global", $"{Key}:canary.schedule", "rate(90 minutes)");
        project.SetConfig("global", $"{Key}:canary.namePrefix", "synthetics-api");
        using var script = new CanaryWaitScript();
        var run = script.Run(Running, "--stack", "us-east", "--root", project.Root);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"Pulumi.global.yaml: {Key}:canary.schedule is 'rate(90 minutes)'; allowed: rate(1 minute), rate(N minutes) with N from 2 to 60, or rate(1 hour)", run.Error, StringComparison.Ordinal);
        Assert.Contains("Pulumi.global.yaml: the canary of us-east would be 'synthetics-api-us-east'; allowed: at most 21 lower-case letters, digits, '-' and '_'", run.Error, StringComparison.Ordinal);
        Assert.Empty(script.Calls);

        var global = script.Run(Running, "--stack", "global", "--root", project.Root);
        Assert.Equal(1, global.ExitCode);
        Assert.Contains("Pulumi.global.yaml: multi-region-infra:stackKind is not regional", global.Error, StringComparison.Ordinal);
    }
}
