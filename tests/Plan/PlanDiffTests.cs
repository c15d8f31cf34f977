using System.Text.Json;
using MultiRegionInfra.Stacks.Plan;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Plan;

/// <summary><c>plan --diff BASE_DIR</c>: this plan against an earlier plan's JSON, as the pull-request
/// workflow runs it.</summary>
public class PlanDiffTests
{
    /// <summary>Plans the project as the base branch would (<c>plan --format json --out base/</c>).</summary>
    private static async Task<string> PlanBaseAsync(TempProject project)
    {
        var run = await PlanProject.CliAsync(project.Root, "plan", "--format", "json", "--out", "base/");
        Assert.Equal(0, run.Code);
        return Path.Combine(project.Root, "base");
    }

    /// <summary>The head: one instance class changed (an update), a region added (creations), a VPC's
    /// block changed (a replacement), and a secret added to a stack's settings.</summary>
    private static void ChangeToHead(TempProject project)
    {
        project.SetConfig("us-east", "multi-region-infra:database.instanceClass", "db.t4g.large");
        project.SetConfig("us-east", "cloudflare:apiToken", "\n    secure: AAABAHsecretciphertext");
        project.SetConfig("eu-west", "multi-region-infra:vpcCidr", "10.21.0.0/16");
        project.WriteStack("us-west", PlanProject.Regional("us-west-2", "10.30.0.0/16", primaryStack: "us-east"));
        project.SetConfig("global", "multi-region-infra:regions", "[us-east, eu-west, us-west]");
    }

    private static JsonElement Stack(JsonDocument diff, string stack) =>
        diff.RootElement.GetProperty("stacks").EnumerateArray().Single(s => s.GetProperty("stack").GetString() == stack);

    private static JsonElement Resource(JsonElement stack, string name) =>
        stack.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);

    [Fact]
    public async Task The_diff_classifies_updates_creations_and_replacements_with_the_inputs_that_change()
    {
        using var project = PlanProject.ThreeStacks();
        await PlanBaseAsync(project);
        ChangeToHead(project);
        var (run, _) = await PlanProject.PlanAsync(project, "--diff", "base/", "--format", "json");
        Assert.Equal(0, run.Code);
        using var diff = JsonDocument.Parse(run.Output);

        // An instance class is changed in place.
        var usEast = Stack(diff, "us-east");
        Assert.Equal("changed", usEast.GetProperty("status").GetString());
        var database = Resource(usEast, "database-instance");
        Assert.Equal("update", database.GetProperty("op").GetString());
        Assert.Equal("aws:rds/instance:Instance", database.GetProperty("type").GetString());
        var instanceClass = Assert.Single(database.GetProperty("properties").EnumerateArray());
        Assert.Equal("instanceClass", instanceClass.GetProperty("name").GetString());
        Assert.Equal("db.t4g.medium", instanceClass.GetProperty("before").GetString());
        Assert.Equal("db.t4g.large", instanceClass.GetProperty("after").GetString());
        Assert.False(instanceClass.GetProperty("replaces").GetBoolean());
        Assert.Equal(1, usEast.GetProperty("summary").GetProperty("update").GetInt32());
        Assert.Equal(0, usEast.GetProperty("summary").GetProperty("replace").GetInt32());
        // Multi-AZ db.t4g.large at $0.129 an hour instead of db.t4g.medium at $0.065: 1460 instance-hours.
        Assert.Equal(93.44m, usEast.GetProperty("cost").GetProperty("change").GetDecimal());

        // A new region is all creations.
        var usWest = Stack(diff, "us-west");
        Assert.Equal("created", usWest.GetProperty("status").GetString());
        var created = usWest.GetProperty("summary").GetProperty("create").GetInt32();
        Assert.True(created > 80, $"{created} creations");
        Assert.All(usWest.GetProperty("resources").EnumerateArray(), r => Assert.Equal("create", r.GetProperty("op").GetString()));
        Assert.Contains(usWest.GetProperty("resources").EnumerateArray(), r => r.GetProperty("type").GetString() == "aws:rds/instance:Instance");

        // A VPC's block cannot change in place: the VPC is replaced, and so is what is built on its ID.
        var euWest = Stack(diff, "eu-west");
        var vpc = Resource(euWest, "network-vpc");
        Assert.Equal("replace", vpc.GetProperty("op").GetString());
        var cidr = Assert.Single(vpc.GetProperty("properties").EnumerateArray());
        Assert.Equal("cidrBlock", cidr.GetProperty("name").GetString());
        Assert.Equal("10.20.0.0/16", cidr.GetProperty("before").GetString());
        Assert.Equal("10.21.0.0/16", cidr.GetProperty("after").GetString());
        Assert.True(cidr.GetProperty("replaces").GetBoolean());
        Assert.Contains("aws_vpc: cidr_block ForceNew", cidr.GetProperty("why").GetString());
        var routeTable = Resource(euWest, "network-public-rt");
        Assert.Equal("replace", routeTable.GetProperty("op").GetString());
        var vpcId = Assert.Single(routeTable.GetProperty("properties").EnumerateArray());
        Assert.Equal("vpcId", vpcId.GetProperty("name").GetString());
        Assert.Equal("output<string>", vpcId.GetProperty("after").GetString());
        Assert.StartsWith("comes from network-vpc, which is replaced", vpcId.GetProperty("why").GetString(), StringComparison.Ordinal);
        // The internet gateway is re-attached, not replaced.
        var gateway = Resource(euWest, "network-igw");
        Assert.Equal("update", gateway.GetProperty("op").GetString());

        // The global stack gains the new region's health check and records.
        var global = Stack(diff, "global");
        Assert.Contains(global.GetProperty("resources").EnumerateArray(), r => r.GetProperty("name").GetString() == "routing-us-west-health" && r.GetProperty("op").GetString() == "create");
        Assert.Equal(JsonValueKind.Array, diff.RootElement.GetProperty("stacks").ValueKind);
        Assert.Equal(diff.RootElement.GetProperty("stacks").EnumerateArray().Sum(s => s.GetProperty("summary").GetProperty("create").GetInt32()),
            diff.RootElement.GetProperty("summary").GetProperty("create").GetInt32());
    }

    [Fact]
    public async Task Secrets_stay_masked_and_modelled_values_show_as_outputs_in_every_format()
    {
        using var project = PlanProject.ThreeStacks();
        await PlanBaseAsync(project);
        ChangeToHead(project);
        foreach (var format in new[] { "text", "markdown", "json" })
        {
            var (run, _) = await PlanProject.PlanAsync(project, "--diff", "base/", "--format", format);
            Assert.Equal(0, run.Code);
            Assert.DoesNotContain("AAABAHsecretciphertext", run.Output);
            Assert.DoesNotContain("vpc-", run.Output);
            Assert.DoesNotContain(PlanMocks.DefaultAccount, run.Output);
            Assert.Contains("[secret]", run.Output);
            Assert.Contains("output<string>", run.Output);
        }
        var (json, _) = await PlanProject.PlanAsync(project, "--diff", "base/", "--format", "json");
        using var diff = JsonDocument.Parse(json.Output);
        var token = Stack(diff, "us-east").GetProperty("config").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "cloudflare:apiToken");
        Assert.Equal(JsonValueKind.Null, token.GetProperty("before").ValueKind);
        Assert.Equal("[secret]", token.GetProperty("after").GetString());
    }

    [Fact]
    public async Task The_pull_request_workflow_gets_a_markdown_comment_on_stdout()
    {
        using var project = PlanProject.ThreeStacks();
        await PlanBaseAsync(project);
        ChangeToHead(project);
        // What the workflow runs on the pull request's branch, posting stdout as the comment.
        var run = await PlanProject.CliAsync(project.Root, "plan", "--diff", "base/", "--format", "markdown");
        Assert.Equal(0, run.Code);
        Assert.StartsWith("## Plan diff of multi-region-infra\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("| `us-east` | changed | 0 | 1 | 0 | 0 | $284.85 → $378.29 (+$93.44 a month) |", run.Output);
        Assert.Matches(@"\| `us-west` \| created \| \d+ \| 0 \| 0 \| 0 \| none → \$[\d.]+ \(\+\$[\d.]+ a month\) \|", run.Output);
        Assert.Contains("| ~ update | `aws:rds:Instance` | database-instance | `instanceClass`: `db.t4g.medium` → `db.t4g.large` |", run.Output);
        Assert.Contains("| +- replace | `aws:ec2:Vpc` | network-vpc | `cidrBlock`: `10.20.0.0/16` → `10.21.0.0/16` **forces replacement** |", run.Output);
        Assert.Contains("- config multi-region-infra:database.instanceClass: db.t4g.medium → db.t4g.large", run.Output);
        Assert.DoesNotContain("plan:", run.Output);
        Assert.StartsWith("plan: all 4 stacks planned", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_file_that_is_not_a_plan_is_named_on_stderr_and_its_stack_compared_as_new()
    {
        using var project = PlanProject.ThreeStacks();
        var baseDir = await PlanBaseAsync(project);
        File.WriteAllText(Path.Combine(baseDir, "us-east.json"), "{\"stack\": \"us-ea");
        File.WriteAllText(Path.Combine(baseDir, "eu-west.json"), "{\"name\": \"eu-west\"}");
        var run = await PlanProject.CliAsync(project.Root, "plan", "--diff", "base/", "--out", "head/", "--format", "json");
        Assert.Equal(0, run.Code);
        Assert.Contains($"plan: --diff: {Path.Combine(baseDir, "us-east.json")} cannot be read as JSON (", run.Error);
        Assert.Contains($"plan: --diff: {Path.Combine(baseDir, "eu-west.json")} is not a plan file (no \"stack\" and \"resources\"); write one with plan --format json --out DIR; " +
            "its stack is compared as if it were new\n", run.Error);
        using var diff = JsonDocument.Parse(run.Output);
        Assert.Equal("created", Stack(diff, "us-east").GetProperty("status").GetString());
        Assert.Equal("unchanged", Stack(diff, "global").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_stack_only_in_the_base_is_deleted_and_an_unchanged_project_has_no_changes()
    {
        using var project = PlanProject.ThreeStacks();
        project.WriteStack("us-west", PlanProject.Regional("us-west-2", "10.30.0.0/16", primaryStack: "us-east"));
        await PlanBaseAsync(project);
        var same = await PlanProject.CliAsync(project.Root, "plan", "--diff", "base/", "--out", "head/");
        Assert.Equal(0, same.Code);
        Assert.Contains("Stack us-east: no changes (", same.Output);
        Assert.EndsWith("Resources:\n    no resource changes\n    monthly cost +$0.00 a month\n", same.Output, StringComparison.Ordinal);

        File.Delete(Path.Combine(project.Root, "Pulumi.us-west.yaml"));
        var run = await PlanProject.CliAsync(project.Root, "plan", "--diff", "base/", "--out", "head/", "--format", "json");
        Assert.Equal(0, run.Code);
        using var diff = JsonDocument.Parse(run.Output);
        var usWest = Stack(diff, "us-west");
        Assert.Equal("deleted", usWest.GetProperty("status").GetString());
        Assert.True(usWest.GetProperty("summary").GetProperty("delete").GetInt32() > 80);
        Assert.True(usWest.GetProperty("cost").GetProperty("change").GetDecimal() < 0);
        // A partial plan says nothing about the stacks it did not plan.
        var partial = await PlanProject.CliAsync(project.Root, "plan", "--diff", "base/", "--out", "head/", "--format", "json", "--stack", "us-east");
        using var partialDiff = JsonDocument.Parse(partial.Output);
        Assert.Equal(new[] { "us-east" }, partialDiff.RootElement.GetProperty("stacks").EnumerateArray().Select(s => s.GetProperty("stack").GetString()));
    }

    [Fact]
    public async Task Policy_findings_and_the_failover_budget_changes_are_reported()
    {
        using var project = PlanProject.ThreeStacks();
        await PlanBaseAsync(project);
        project.SetConfig("us-east", "multi-region-infra:natGateways", "single");
        project.SetConfig("global", "multi-region-infra:healthCheck.intervalSeconds", "30");
        var (run, _) = await PlanProject.PlanAsync(project, "--diff", "base/");
        Assert.Equal(0, run.Code);
        Assert.Contains("    new warning: [config] us-east: natGateways is 'single' in prod", run.Output);
        Assert.Contains("    failover budget: 1530 s active-active (meets RTO 1800 s) → 1590 s active-active (meets RTO 1800 s)", run.Output);
        Assert.Matches(@"aws:route53:HealthCheck +routing-us-east-health +requestInterval: 10 → 30 \(forces replacement\)", run.Output);
    }

    [Fact]
    public async Task A_head_that_does_not_plan_fails_the_diff_with_exit_1()
    {
        using var project = PlanProject.ThreeStacks();
        await PlanBaseAsync(project);
        project.SetConfig("eu-west", "multi-region-infra:azCount", "9");
        var (run, _) = await PlanProject.PlanAsync(project, "--diff", "base/");
        Assert.Equal(1, run.Code);
        Assert.Contains("Stack eu-west: did not plan (see its errors); nothing to compare", run.Output);
        Assert.Contains("Stack global: did not plan (see its errors); nothing to compare", run.Output);
        Assert.DoesNotContain("monthly cost: ", run.Output);
        Assert.Contains("    new error: [dependency] skipped: depends on eu-west, which failed", run.Output);
        Assert.Contains("plan: eu-west: error [program]", run.Error);
    }

    [Fact]
    public async Task A_change_to_something_the_price_table_lacks_says_the_estimate_leaves_it_out()
    {
        using var project = PlanProject.ThreeStacks();
        await PlanBaseAsync(project);
        project.SetConfig("us-east", "multi-region-infra:database.instanceClass", "db.r6g.large");
        var (run, _) = await PlanProject.PlanAsync(project, "--diff", "base/");
        Assert.Equal(0, run.Code);
        Assert.Matches(@"    monthly cost leaves out [^\n]*db\.r6g\.large[^\n]*: not in the price table\n", run.Output);
    }

    [Theory]
    [InlineData("aws:ec2/vpc:Vpc", "cidrBlock", true)]
    [InlineData("aws:ec2/vpc:Vpc", "enableDnsHostnames", false)]
    [InlineData("aws:rds/instance:Instance", "instanceClass", false)]
    [InlineData("aws:rds/instance:Instance", "kmsKeyId", true)]
    [InlineData("aws:rds/instance:Instance", "storageEncrypted", true)]
    [InlineData("aws:lb/targetGroup:TargetGroup", "port", true)]
    [InlineData("aws:lb/listener:Listener", "port", false)]
    [InlineData("aws:s3/bucketPolicy:BucketPolicy", "region", true)]
    [InlineData("aws-native:dynamodb:GlobalTable", "tableName", true)]
    [InlineData("aws-native:dynamodb:GlobalTable", "replicas", false)]
    [InlineData("multiregion:network:Network", "region", false)]
    [InlineData("aws:rds/cluster:Cluster", "storageEncrypted", true)]
    [InlineData("aws:rds/cluster:Cluster", "globalClusterIdentifier", false)]
    [InlineData("aws:rds/clusterInstance:ClusterInstance", "instanceClass", false)]
    [InlineData("aws:lb/listenerRule:ListenerRule", "priority", false)]
    [InlineData("aws:ec2/internetGateway:InternetGateway", "vpcId", false)]
    [InlineData("aws:ec2/internetGateway:InternetGateway", "region", true)]
    [InlineData("cloudflare:index/authenticatedOriginPullsSettings:AuthenticatedOriginPullsSettings", "zoneId", true)]
    public void The_replace_on_change_table_names_what_the_provider_cannot_update(string type, string input, bool replaces)
    {
        Assert.Equal(replaces, ReplaceOnChanges.Replaces(type, input, out var source));
        Assert.Equal(replaces, source.StartsWith("https://", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_entry_of_the_table_names_its_documentation_and_each_type_appears_once()
    {
        Assert.All(ReplaceOnChanges.Entries, e => Assert.Matches(@"^https://www\.pulumi\.com/registry/packages/[a-z-]+/api-docs/.+ \(.+\)$", e.Source));
        Assert.Equal(ReplaceOnChanges.Entries.Count, ReplaceOnChanges.Entries.Select(e => e.Type).Distinct().Count());
        Assert.All(ReplaceOnChanges.Entries, e => Assert.True(e.Inputs.Count > 0 || e.Source.Contains("no argument", StringComparison.Ordinal), $"{e.Type}: no inputs, and its source does not say that no argument forces replacement"));
        Assert.All(ReplaceOnChanges.Entries, e => Assert.Equal(e.Inputs.Count, e.Inputs.Distinct().Count()));
    }

    [Fact]
    public async Task A_change_to_an_unpriced_size_says_the_cost_change_is_unknown()
    {
        using var project = PlanProject.ThreeStacks();
        await PlanBaseAsync(project);
        project.SetConfig("eu-west", "multi-region-infra:compute.instanceType", "c7i.large");
        var run = await PlanProject.CliAsync(project.Root, "plan", "--diff", "base/", "--format", "markdown");
        Assert.Equal(0, run.Code);
        Assert.Matches(@"\| `eu-west` \| changed \| 0 \| 1 \| 0 \| 0 \| \$[\d.]+ → ≥ \$[\d.]+ \(change unknown: an estimate is incomplete\) \|", run.Output);
        Assert.Contains("monthly cost leaves out EC2 c7i.large in eu-west-1: not in the price table", run.Output);
        Assert.Contains("among priced items (an estimate leaves items out: listed per stack)", run.Output);
    }
}
