using MultiRegionInfra.Contracts;

namespace MultiRegionInfra.Tests.Ci;

/// <summary>
/// .github/scripts/wait_for_instance_refresh.py, which a region's deploy job runs after its pulumi up: it reads the
/// stack's auto scaling group and region from its outputs and passes only when the group's latest instance refresh,
/// if this deploy started one, ended Successful. Pulumi and AWS are stand-ins that answer from a scenario (see
/// <see cref="InstanceRefreshWaitScript"/>).
/// </summary>
public class InstanceRefreshWaitScriptTests
{
    private const string Outputs = """{"outputs": {"autoScalingGroupName": "us-east-app-asg-5f2c1a7", "region": "us-east-1", "stackKind": "regional"}""";

    private static string Scenario(string refreshes) => $"{Outputs}, \"refreshes\": {refreshes}}}";

    private static readonly string[] UsEast = ["--stack", "us-east", "--org", "acme", "--root", RepositoryFiles.Root, "--poll", "0"];

    [Fact]
    public void The_outputs_it_reads_are_the_regional_contracts()
    {
        Assert.Equal("autoScalingGroupName", RegionalContract.AutoScalingGroupName.Name);
        Assert.Equal("region", RegionalContract.Region.Name);
        var script = File.ReadAllText(InstanceRefreshWaitScript.Path);
        Assert.Contains($"GROUP_OUTPUT = \"{RegionalContract.AutoScalingGroupName.Name}\"", script, StringComparison.Ordinal);
        Assert.Contains($"REGION_OUTPUT = \"{RegionalContract.Region.Name}\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public void It_waits_while_the_refresh_runs_and_passes_when_it_is_successful()
    {
        using var script = new InstanceRefreshWaitScript();
        const string refreshes = """
            [{"status": "Pending"},
             {"status": "InProgress", "age": 20, "percent": 0},
             {"status": "InProgress", "age": 40, "percent": 50, "toUpdate": 1},
             {"status": "Successful", "age": 60, "percent": 100, "toUpdate": 0}]
            """;
        var run = script.Run(Scenario(refreshes), [.. UsEast, "--since", InstanceRefreshWaitScript.Since(120)]);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("instance refresh 08b91cf7-8fa6-48af-b6a6-d227f40f1b9b of us-east-app-asg-5f2c1a7 in us-east-1: Successful", run.Output, StringComparison.Ordinal);
        Assert.Contains("InProgress, 50 % complete, 1 instance(s) to update", run.Output, StringComparison.Ordinal);

        // The stack by its full name (organization, Pulumi.yaml's project), then the group's latest refresh, four times.
        Assert.Equal(["pulumi", "stack", "output", "--json", "--stack", $"acme/{RepositoryFiles.ProjectName}/us-east"], script.Calls[0]);
        Assert.Equal(4, script.AwsCalls.Count);
        Assert.All(script.AwsCalls, call => Assert.Equal(
            ["aws", "autoscaling", "describe-instance-refreshes", "--auto-scaling-group-name", "us-east-app-asg-5f2c1a7", "--region", "us-east-1", "--max-records", "1", "--output", "json"], call));
    }

    [Theory]
    [InlineData("Failed", "the refresh failed")]
    [InlineData("Cancelled", "the refresh was cancelled before it replaced every instance")]
    [InlineData("RollbackSuccessful", "the new instances failed and the group rolled back to the previous launch template version")]
    [InlineData("RollbackFailed", "the new instances failed and the rollback to the previous launch template version failed too")]
    public void A_refresh_that_ends_other_than_successful_fails_the_step_with_its_reason(string status, string why)
    {
        using var script = new InstanceRefreshWaitScript();
        var refreshes = $$"""
            [{"status": "InProgress", "age": 30},
             {"status": "{{status}}", "age": 30, "reason": "Instance refresh failed: instances failed the load balancer's health checks"}]
            """;
        var run = script.Run(Scenario(refreshes), [.. UsEast, "--since", InstanceRefreshWaitScript.Since(60)]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"::error title=instance refresh::instance refresh 08b91cf7-8fa6-48af-b6a6-d227f40f1b9b of us-east-app-asg-5f2c1a7 in us-east-1 ended {status}: {why} " +
                        "(Instance refresh failed: instances failed the load balancer's health checks)", run.Output, StringComparison.Ordinal);
        Assert.Equal(2, script.AwsCalls.Count);
    }

    [Fact]
    public void A_rollback_in_progress_is_waited_for_and_fails_when_it_ends()
    {
        using var script = new InstanceRefreshWaitScript();
        const string refreshes = """[{"status": "InProgress", "age": 30}, {"status": "RollbackInProgress", "age": 30}, {"status": "RollbackSuccessful", "age": 30}]""";
        var run = script.Run(Scenario(refreshes), [.. UsEast, "--since", InstanceRefreshWaitScript.Since(60)]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("RollbackInProgress", run.Output, StringComparison.Ordinal);
        Assert.Contains("ended RollbackSuccessful", run.Output, StringComparison.Ordinal);
        Assert.Equal(3, script.AwsCalls.Count);
    }

    [Fact]
    public void A_group_that_never_had_a_refresh_has_nothing_to_wait_for()
    {
        using var script = new InstanceRefreshWaitScript();
        var run = script.Run(Scenario("[null]"), [.. UsEast, "--since", InstanceRefreshWaitScript.Since(60)]);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("::notice title=instance refresh::us-east-app-asg-5f2c1a7 in us-east-1 has had no instance refresh: this deploy started none, nothing to wait for", run.Output, StringComparison.Ordinal);
        Assert.Single(script.AwsCalls);
    }

    [Theory]
    [InlineData("Successful")]
    [InlineData("RollbackSuccessful")]
    [InlineData("Failed")]
    public void A_refresh_an_earlier_deploy_started_is_not_this_deploys_whatever_its_end(string status)
    {
        using var script = new InstanceRefreshWaitScript();
        // It started an hour ago; this deploy started two minutes ago and changed nothing in the launch template.
        var run = script.Run(Scenario($$"""[{"status": "{{status}}", "age": 3600}]"""), [.. UsEast, "--since", InstanceRefreshWaitScript.Since(120)]);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains($"::notice title=instance refresh::the latest instance refresh of us-east-app-asg-5f2c1a7 in us-east-1 (08b91cf7-8fa6-48af-b6a6-d227f40f1b9b, {status}) started", run.Output, StringComparison.Ordinal);
        Assert.Contains("before this deploy", run.Output, StringComparison.Ordinal);
        Assert.Single(script.AwsCalls);
    }

    [Fact]
    public void A_refresh_that_started_within_a_minute_before_the_noted_time_is_this_deploys()
    {
        using var script = new InstanceRefreshWaitScript();
        // The runner's clock may be ahead of AWS's by a little: 30 s before --since still counts.
        var run = script.Run(Scenario("""[{"status": "Failed", "age": 30, "reason": "health checks"}]"""), [.. UsEast, "--since", InstanceRefreshWaitScript.Since(0)]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ended Failed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refresh_still_running_at_the_timeout_fails_the_step()
    {
        using var script = new InstanceRefreshWaitScript();
        var run = script.Run(Scenario("""[{"status": "InProgress", "age": 30, "percent": 50}]"""), [.. UsEast, "--since", InstanceRefreshWaitScript.Since(60), "--timeout", "0"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("::error title=instance refresh::instance refresh 08b91cf7-8fa6-48af-b6a6-d227f40f1b9b of us-east-app-asg-5f2c1a7 in us-east-1 is still InProgress after 0 s (50 % complete)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stack_without_the_outputs_fails_without_calling_aws()
    {
        using var script = new InstanceRefreshWaitScript();
        var global = script.Run("""{"outputs": {"stackKind": "global"}, "refreshes": [null]}""", ["--stack", "global", "--org", "acme", "--root", RepositoryFiles.Root, "--since", InstanceRefreshWaitScript.Since(60)]);
        Assert.Equal(1, global.ExitCode);
        Assert.Contains($"::error title=instance refresh::stack acme/{RepositoryFiles.ProjectName}/global has no output autoScalingGroupName", global.Output, StringComparison.Ordinal);

        var missing = script.Run("""{"outputs": null, "refreshes": [null]}""", ["--stack", "nowhere", "--since", InstanceRefreshWaitScript.Since(60)]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("pulumi stack output --json --stack nowhere failed: error: no stack named 'nowhere' found", missing.Output, StringComparison.Ordinal);
        Assert.Empty(script.AwsCalls);
    }

    [Fact]
    public void A_failed_aws_call_fails_the_step()
    {
        using var script = new InstanceRefreshWaitScript();
        const string scenario = """{"outputs": {"autoScalingGroupName": "g", "region": "eu-west-1"}, "awsError": "An error occurred (AccessDenied) when calling the DescribeInstanceRefreshes operation", "refreshes": [null]}""";
        var run = script.Run(scenario, ["--stack", "eu-west", "--since", InstanceRefreshWaitScript.Since(60), "--poll", "0"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("aws autoscaling describe-instance-refreshes --auto-scaling-group-name g --region eu-west-1 failed: An error occurred (AccessDenied)", run.Output, StringComparison.Ordinal);
        // Without --org the stack is named as given.
        Assert.Equal(["pulumi", "stack", "output", "--json", "--stack", "eu-west"], script.Calls[0]);
    }

    [Fact]
    public void A_missing_or_unreadable_since_is_bad_usage()
    {
        using var script = new InstanceRefreshWaitScript();
        // An empty --since: the step that notes the time did not run or wrote nothing.
        var empty = script.Run(Scenario("[null]"), [.. UsEast, "--since", ""]);
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("is not an ISO 8601 time", empty.Error, StringComparison.Ordinal);
        Assert.Equal(2, script.Run(Scenario("[null]"), UsEast).ExitCode);
        Assert.Empty(script.Calls);
    }
}
