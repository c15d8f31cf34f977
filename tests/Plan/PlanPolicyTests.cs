using System.Text.Json;
using MultiRegionInfra.Stacks.Plan;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Plan;

/// <summary>The plan enforces the policy set and the cross-stack checks.</summary>
public class PlanPolicyTests
{
    private static async Task<(int Code, string Output, string Error, string OutDir)> PlanAsync(TempProject project)
    {
        var (run, outDir) = await PlanProject.PlanAsync(project, "--format", "markdown");
        return (run.Code, run.Output, run.Error, outDir);
    }

    [Fact]
    public async Task A_policy_error_stops_the_plan()
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("us-east", "multi-region-infra:database.multiAz", "false");
        var (code, output, error, outDir) = await PlanAsync(project);
        Assert.Equal(1, code);
        Assert.Contains("- **error** [MRI-RDS-04] aws:rds/instance:Instance 'database-instance': multiAz is not true in prod: a zone's outage takes the database down", output);
        Assert.Contains("plan: us-east: error [MRI-RDS-04] aws:rds/instance:Instance 'database-instance': multiAz is not true in prod", error);
        Assert.Contains("plan: FAILED: errors in us-east", error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "us-east.json")));
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("MRI-RDS-04", finding.GetProperty("rule").GetString());
        Assert.Equal("urn:pulumi:us-east::multi-region-infra::multiregion:stacks:RegionalStack$multiregion:database:Database$aws:rds/instance:Instance::database-instance",
            finding.GetProperty("resource").GetString());
    }

    [Fact]
    public async Task Warnings_are_printed_and_written_but_do_not_fail_the_plan()
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("us-east", "multi-region-infra:natGateways", "single");
        var (code, output, _, outDir) = await PlanAsync(project);
        Assert.Equal(0, code);
        Assert.Contains("- **warning** [config] us-east: natGateways is 'single' in prod: one zone's outage cuts outbound traffic from every zone", output);
        var (create, protect) = PlanProject.Counts(outDir, "us-east");
        Assert.Contains($"**+ {create} to create; {protect} protected (Pulumi refuses to delete them); 1 warning**", output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "us-east.json")));
        Assert.Equal("warning", Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray()).GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Waivers_are_shown_and_let_the_plan_pass()
    {
        using var project = PlanProject.ThreeStacks();
        File.AppendAllLines(Path.Combine(project.Root, "Pulumi.eu-west.yaml"), new[]
        {
            "  multi-region-infra:database.multiAz: \"false\"",
            "  multi-region-infra:policy.waivers:",
            "    - \"MRI-RDS-04/database-instance: the replica is rebuilt from the primary if its zone fails\"",
        });
        var (code, output, _, outDir) = await PlanAsync(project);
        Assert.Equal(0, code);
        Assert.Contains("- **waived** [MRI-RDS-04] aws:rds/instance:Instance 'database-instance': multiAz is not true in prod: a zone's outage takes the database down (waived: the replica is rebuilt from the primary if its zone fails)", output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "eu-west.json")));
        Assert.Contains(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("severity").GetString() == "waived" && f.GetProperty("rule").GetString() == "MRI-RDS-04");
    }

    [Fact]
    public async Task Cross_stack_errors_fail_the_plan_naming_both_stacks()
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("eu-west", "multi-region-infra:vpcCidr", "10.10.0.0/16");
        var (code, _, error, outDir) = await PlanAsync(project);
        Assert.Equal(1, code);
        Assert.Contains("plan: cross-stack: eu-west and us-east: multi-region-infra:vpcCidr 10.10.0.0/16 and 10.10.0.0/16 overlap; give every region its own block so the VPCs can be peered", error);
        // eu-west makes the same check itself against us-east's outputs, so `pulumi up` would refuse it too.
        Assert.Contains("plan: eu-west: error [program] stack 'eu-west' has 1 configuration error:", error);
        Assert.Contains("plan: global: error [dependency] skipped: depends on eu-west, which failed", error);
        Assert.Contains("plan: FAILED: errors in us-east, eu-west, global", error);
        // Printed once, not once per stack it names; recorded in the plan file of each stack it names.
        Assert.Single(error.Split('\n'), l => l.Contains("overlap", StringComparison.Ordinal) && l.StartsWith("plan: ", StringComparison.Ordinal));
        foreach (var stack in new[] { "us-east", "eu-west" })
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, $"{stack}.json")));
            Assert.Contains(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "cross-stack" &&
                f.GetProperty("message").GetString() == "eu-west and us-east: multi-region-infra:vpcCidr 10.10.0.0/16 and 10.10.0.0/16 overlap; give every region its own block so the VPCs can be peered");
        }
    }

    [Fact]
    public async Task Residency_is_checked_across_the_stack_files()
    {
        using var project = PlanProject.ThreeStacks();
        File.AppendAllLines(Path.Combine(project.Root, "Pulumi.us-east.yaml"), new[] { "  multi-region-infra:dataResidency:", "    - us" });
        var (code, _, error, _) = await PlanAsync(project);
        Assert.Equal(1, code);
        Assert.Contains("plan: cross-stack: us-east and eu-west: multi-region-infra:dataResidency of us-east (us) forbids its database replica in eu-west-1 (eu-west's multi-region-infra:primaryStack)", error);
    }
}
