using System.Text.Json;
using MultiRegionInfra.Stacks.Plan;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Plan;

/// <summary>The offline plan of a three-stack project, end to end: what it prints and writes.</summary>
public class PlanCommandTests
{
    [Fact]
    public async Task Plans_every_stack_in_dependency_order_fits_120_columns_and_ends_with_its_summaries()
    {
        using var project = PlanProject.ThreeStacks();
        var (run, _) = await PlanProject.PlanAsync(project);
        Assert.Equal(0, run.Code);
        var headers = run.Lines.Where(l => l.StartsWith("Stack ", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[]
        {
            "Stack us-east (regional, us-east-1), offline plan of multi-region-infra",
            "Stack eu-west (regional, eu-west-1), offline plan of multi-region-infra",
            "Stack global (global, us-east-1), offline plan of multi-region-infra",
        }, headers);
        Assert.All(run.Lines, line => Assert.True(line.Length <= 120, $"{line.Length} columns: {line}"));
        Assert.All(run.Lines, line => Assert.Equal(line.TrimEnd(), line));

        // Each stack closes with what it would do, the plan with the total, as `pulumi preview` ends.
        var summaries = run.Lines.Select((l, i) => (l, i)).Where(p => p.l == "Resources:").Select(p => run.Lines[p.i + 1]).ToList();
        Assert.Equal(3, summaries.Count);
        Assert.All(summaries, s => Assert.Matches(@"^    \+ \d+ to create$", s));
        var counts = summaries.Select(s => int.Parse(s.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal("Plan of multi-region-infra:", run.Lines[^2]);
        Assert.Equal($"    + {counts.Sum()} to create in 3 stacks (us-east {counts[0]}, eu-west {counts[1]}, global {counts[2]})", run.Lines[^1]);
        // No count by type unless asked for.
        Assert.DoesNotContain("Resources by type:", run.Output);
        Assert.Equal($"plan: all 3 stacks planned ({counts.Sum()} resources); wrote plan-out/\n", run.Error);
    }

    [Fact]
    public async Task The_tree_is_in_registration_order_with_short_type_tokens()
    {
        using var project = PlanProject.ThreeStacks();
        var (run, _) = await PlanProject.PlanAsync(project, "--stack", "us-east");
        var network = run.Lines.SkipWhile(l => !l.Contains("multiregion:network:Network", StringComparison.Ordinal)).Take(12).ToList();
        var resources = network.Where(l => l.StartsWith(" +", StringComparison.Ordinal)).ToList();
        // The network component registers its VPC, the default security group, then the subnets zone by zone.
        Assert.Equal(new[]
        {
            " +      ├─ multiregion:network:Network",
            " +      │  ├─ aws:ec2:Vpc",
            " +      │  ├─ aws:ec2:DefaultSecurityGroup",
            " +      │  ├─ aws:ec2:Subnet",
        }, resources.Take(4).Select(l => l[..l.IndexOf("  network", StringComparison.Ordinal)].TrimEnd()));
        // The VPC's input follows on its own line (the tree is too wide for it to fit beside the name).
        var vpc = network.FindIndex(l => l.Contains("network-vpc", StringComparison.Ordinal));
        Assert.Equal("        │  │     cidrBlock=10.10.0.0/16", network[vpc + 1]);
        Assert.Contains(" +      │  ├─ aws:vpc:SecurityGroupIngressRule", run.Output);
        Assert.Matches(@"\n \+      │  ├─ aws:s3:BucketLifecycleConfiguration +assets-lifecycle\n", run.Output);
        Assert.DoesNotContain("aws:ec2/vpc:Vpc", run.Output);
        Assert.DoesNotContain("aws:rds/instance:Instance", run.Output);
        // The JSON keeps the full tokens, in the same (registration) order.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Root, "plan-out", "us-east.json")));
        var types = json.RootElement.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("type").GetString()).ToList();
        Assert.Equal(new[] { "pulumi:pulumi:Stack", "multiregion:stacks:RegionalStack", "multiregion:network:Network", "aws:ec2/vpc:Vpc", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "aws:ec2/subnet:Subnet" },
            types.Take(6));
    }

    [Fact]
    public async Task Inputs_that_do_not_fit_go_on_their_own_indented_lines_under_the_resource()
    {
        using var project = PlanProject.ThreeStacks();
        var (run, _) = await PlanProject.PlanAsync(project, "--stack", "global");
        var index = Array.FindIndex(run.Lines, l => l.Contains("routing-us-east-health", StringComparison.Ordinal));
        Assert.Equal("        │  │     fqdn=us-east.api.example.com", run.Lines[index + 1]);
        Assert.Equal("        │  │     requestInterval=10  failureThreshold=3", run.Lines[index + 2]);
    }

    [Fact]
    public async Task Values_known_only_after_deployment_are_shown_as_outputs_not_as_invented_ids()
    {
        using var project = PlanProject.ThreeStacks();
        var (run, outDir) = await PlanProject.PlanAsync(project);
        Assert.DoesNotContain(PlanMocks.DefaultAccount, run.Output);
        Assert.DoesNotContain("arn:aws:", run.Output);
        Assert.DoesNotContain("ami-", run.Output);
        Assert.DoesNotContain(".cloudfront.net", run.Output);
        Assert.DoesNotContain(".elb.amazonaws.com", run.Output);
        Assert.Matches(@"aws:ec2:LaunchTemplate +app-launch-template\n +│  │     instanceType=t3\.small  imageId=output<string>\n", run.Output);
        Assert.Matches(@"\n    albArn +output<string>\n", run.Output);
        // Settings from the stack files are real values and shown as they are.
        Assert.Matches(@"\n    originDomain +us-east\.api\.example\.com\n", run.Output);

        // The JSON keeps every input as the program registered it and says which hold modelled values.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "us-east.json")));
        var template = json.RootElement.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "aws:ec2/launchTemplate:LaunchTemplate");
        Assert.StartsWith("ami-", template.GetProperty("inputs").GetProperty("imageId").GetString(), StringComparison.Ordinal);
        var modelled = template.GetProperty("modelledInputs").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("imageId", modelled);
        Assert.Contains("vpcSecurityGroupIds[0]", modelled);
        Assert.DoesNotContain("instanceType", modelled);
        var outputs = json.RootElement.GetProperty("modelledOutputs").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("albArn", outputs);
        Assert.Contains("dbArn", outputs);
        Assert.DoesNotContain("originDomain", outputs);
        Assert.DoesNotContain("region", outputs);
        // A value carried by a stack reference is modelled in the stack that reads it too.
        using var replica = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "eu-west.json")));
        var instance = replica.RootElement.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "aws:rds/instance:Instance");
        Assert.Contains("replicateSourceDb", instance.GetProperty("modelledInputs").EnumerateArray().Select(p => p.GetString()));
        Assert.Matches(@"replicateSourceDb=output<string>", run.Output);
    }

    [Fact]
    public async Task Counts_by_type_come_only_with_the_counts_flag_and_use_short_tokens()
    {
        using var project = PlanProject.ThreeStacks();
        var (run, _) = await PlanProject.PlanAsync(project, "--stack", "us-east", "--counts");
        Assert.Equal(0, run.Code);
        var counts = run.Lines.SkipWhile(l => l != "Resources by type:").Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Contains("9  aws:ec2:Subnet", counts.Select(l => l.Trim()));
        Assert.Contains("3  aws:ec2:NatGateway", counts.Select(l => l.Trim()));
        Assert.Contains("1  aws:rds:Instance", counts.Select(l => l.Trim()));
        // The counts are right-aligned under the widest one.
        Assert.Single(counts.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^ *\d+").Length).Distinct());
    }

    [Fact]
    public async Task Each_stack_reference_gets_the_outputs_of_the_referenced_stacks_plan()
    {
        using var project = PlanProject.ThreeStacks();
        var result = await PlanCommand.PlanAllAsync(project.Root, Array.Empty<string>());
        var primary = result.Plans.Single(p => p.Stack == "us-east");
        var replica = result.Plans.Single(p => p.Stack == "eu-west");
        var global = result.Plans.Single(p => p.Stack == "global");
        var dbArn = (string)primary.Outputs["dbArn"]!;
        Assert.StartsWith("arn:aws:rds:us-east-1:123456789012:db:", dbArn, StringComparison.Ordinal);
        var instance = replica.Resources.Single(r => r.Type == "aws:rds/instance:Instance");
        Assert.Equal(dbArn, instance.Inputs["replicateSourceDb"]);
        Assert.StartsWith("arn:aws:kms:eu-west-1:", (string)instance.Inputs["kmsKeyId"]!, StringComparison.Ordinal);
        var alias = global.Resources.Single(r => r.Type == "aws:route53/record:Record" && r.Name == "routing-eu-west-latency-a");
        var target = (IReadOnlyList<object?>)alias.Inputs["aliases"]!;
        var first = (IReadOnlyDictionary<string, object?>)target[0]!;
        Assert.Equal(replica.Outputs["albDnsName"], first["name"]);
        Assert.Equal("Z32O12XQLNTSW2", first["zoneId"]);
        var distribution = global.Resources.Single(r => r.Type == "aws:cloudfront/distribution:Distribution");
        // The default behaviour serves the asset buckets the regional plans created.
        Assert.Contains((string)replica.Outputs["assetBucketDomain"]!, JsonSerializer.Serialize(distribution.Inputs["origins"]));
        Assert.Contains((string)primary.Outputs["assetBucketDomain"]!, JsonSerializer.Serialize(distribution.Inputs["origins"]));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("markdown")]
    [InlineData("json")]
    public async Task Two_runs_print_and_write_exactly_the_same(string format)
    {
        using var project = PlanProject.ThreeStacks();
        var (first, outDir) = await PlanProject.PlanAsync(project, "--format", format);
        var firstFiles = Directory.GetFiles(outDir).Order().Select(File.ReadAllText).ToList();
        var (second, _) = await PlanProject.PlanAsync(project, "--format", format);
        var secondFiles = Directory.GetFiles(outDir).Order().Select(File.ReadAllText).ToList();
        Assert.Equal(0, first.Code);
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(firstFiles, secondFiles);
        Assert.Equal(4, firstFiles.Count);
    }

    [Fact]
    public async Task Markdown_holds_only_markdown_and_the_status_goes_to_stderr()
    {
        using var project = PlanProject.ThreeStacks();
        var (run, outDir) = await PlanProject.PlanAsync(project, "--format", "markdown");
        Assert.Equal(0, run.Code);
        Assert.StartsWith("# Offline plan of multi-region-infra\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("## Stack `us-east` (regional, us-east-1)", run.Output);
        Assert.Contains("| + 🔒 | `   │  └─ aws:rds:Instance` | database-instance | instanceClass=db.t4g.medium engineVersion=16.4 multiAz=true |", run.Output);
        var (create, protect) = PlanProject.Counts(outDir, "us-east");
        Assert.True(protect > 0);
        Assert.Contains($"**+ {create} to create; {protect} protected (Pulumi refuses to delete them)**", run.Output);
        Assert.DoesNotContain("plan:", run.Output);
        Assert.StartsWith("plan: all 3 stacks planned (", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_has_the_documented_shape_and_hides_secrets()
    {
        using var project = PlanProject.ThreeStacks();
        // A secret of another package (the Cloudflare provider's token) stays encrypted in the stack file.
        project.SetConfig("us-east", "cloudflare:apiToken", "\n    secure: AAABAHdummyciphertext");
        var (run, outDir) = await PlanProject.PlanAsync(project, "--stack", "us-east");
        Assert.DoesNotContain("AAABAHdummyciphertext", run.Output);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "us-east.json")));
        var root = document.RootElement;
        Assert.Equal(new[] { "budget", "config", "cost", "findings", "kind", "modelledOutputs", "outputs", "project", "resources", "stack" }, root.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("us-east", root.GetProperty("stack").GetString());
        Assert.Equal("multi-region-infra", root.GetProperty("project").GetString());
        Assert.Equal("[secret]", root.GetProperty("config").GetProperty("cloudflare:apiToken").GetString());
        var resources = root.GetProperty("resources").EnumerateArray().ToList();
        Assert.All(resources, r => Assert.Equal(new[] { "dependsOn", "inputs", "modelledInputs", "name", "outputs", "parent", "protect", "provider", "type", "urn", "where" },
            r.EnumerateObject().Select(p => p.Name).Order()));
        var stack = resources[0];
        Assert.Equal("urn:pulumi:us-east::multi-region-infra::pulumi:pulumi:Stack::multi-region-infra-us-east", stack.GetProperty("urn").GetString());
        Assert.Equal(JsonValueKind.Null, stack.GetProperty("parent").ValueKind);
        var vpc = resources.Single(r => r.GetProperty("type").GetString() == "aws:ec2/vpc:Vpc");
        Assert.Equal("urn:pulumi:us-east::multi-region-infra::multiregion:stacks:RegionalStack$multiregion:network:Network$aws:ec2/vpc:Vpc::network-vpc", vpc.GetProperty("urn").GetString());
        Assert.Equal("urn:pulumi:us-east::multi-region-infra::multiregion:stacks:RegionalStack$multiregion:network:Network::network", vpc.GetProperty("parent").GetString());
        Assert.Equal("10.10.0.0/16", vpc.GetProperty("inputs").GetProperty("cidrBlock").GetString());
        Assert.StartsWith("vpc-", vpc.GetProperty("outputs").GetProperty("id").GetString(), StringComparison.Ordinal);
        var nat = resources.First(r => r.GetProperty("type").GetString() == "aws:ec2/natGateway:NatGateway");
        Assert.Equal(new[] { "urn:pulumi:us-east::multi-region-infra::multiregion:stacks:RegionalStack$multiregion:network:Network$aws:ec2/internetGateway:InternetGateway::network-igw" },
            nat.GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()));
        var db = resources.Single(r => r.GetProperty("type").GetString() == "aws:rds/instance:Instance");
        Assert.True(db.GetProperty("protect").GetBoolean());
        Assert.Equal("us-east-1", db.GetProperty("where").GetString());
        Assert.Equal("primary", root.GetProperty("outputs").GetProperty("dbRole").GetString());
    }

    [Fact]
    public async Task Json_format_prints_every_stack_as_one_array_on_stdout_only()
    {
        using var project = PlanProject.ThreeStacks();
        var (run, _) = await PlanProject.PlanAsync(project, "--format", "json");
        Assert.Equal(0, run.Code);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(new[] { "us-east", "eu-west", "global" }, document.RootElement.EnumerateArray().Select(s => s.GetProperty("stack").GetString()));
        Assert.StartsWith("plan: all 3 stacks planned", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_stack_prints_its_errors_on_stderr_and_exits_1()
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("eu-west", "multi-region-infra:vpcCidr", "10.20.0/16");
        project.SetConfig("eu-west", "multi-region-infra:azCount", "9");
        var (run, outDir) = await PlanProject.PlanAsync(project);
        Assert.Equal(1, run.Code);
        Assert.Contains("plan: eu-west: error [program] stack 'eu-west' has 2 configuration errors:\n" +
            "  - multi-region-infra:vpcCidr: '10.20.0/16' is not an IPv4 CIDR block; allowed: a private IPv4 block from /16 to /23, e.g. 10.10.0.0/16\n" +
            "  - multi-region-infra:azCount: '9' is out of range; allowed: an integer from 2 to 6", run.Error);
        Assert.Contains("    FAILED: 1 error; fix them before anything is created", run.Output);
        Assert.Contains("    FAILED: eu-west (1 error), global (1 error)", run.Output);
        // The global stack reads eu-west: it is not run, and says why, instead of failing on missing outputs.
        Assert.Contains("plan: global: error [dependency] skipped: depends on eu-west, which failed\n", run.Error);
        Assert.DoesNotContain("Exception", run.Error);
        Assert.DoesNotContain("all 3 stacks planned", run.Error);
        Assert.EndsWith("plan: FAILED: errors in eu-west, global; see them above; wrote plan-out/\n", run.Error, StringComparison.Ordinal);
        // The failed stack's file records why, for tools that read the plan.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "eu-west.json")));
        Assert.Equal("error", Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray()).GetProperty("severity").GetString());
    }

    [Fact]
    public async Task With_json_on_stdout_the_errors_still_go_to_stderr_and_the_skipped_stack_says_why_in_its_file()
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("eu-west", "multi-region-infra:azCount", "9");
        var (run, outDir) = await PlanProject.PlanAsync(project, "--format", "json");
        Assert.Equal(1, run.Code);
        using (JsonDocument.Parse(run.Output))
        {
            // stdout stays one JSON document.
        }
        Assert.Contains("plan: eu-west: error [program] stack 'eu-west' has 1 configuration error:\n  - multi-region-infra:azCount: '9' is out of range; allowed: an integer from 2 to 6\n", run.Error);
        Assert.Contains("plan: global: error [dependency] skipped: depends on eu-west, which failed\n", run.Error);
        using var global = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "global.json")));
        var finding = Assert.Single(global.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("dependency", finding.GetProperty("rule").GetString());
        Assert.Equal("skipped: depends on eu-west, which failed", finding.GetProperty("message").GetString());
        Assert.Empty(global.RootElement.GetProperty("resources").EnumerateArray());
    }

    [Fact]
    public async Task A_stack_that_reads_a_missing_stack_or_one_in_a_cycle_is_skipped_with_the_reason_not_run()
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("global", "multi-region-infra:regions", "[\"us-east\", \"eu-west\", \"ap-nowhere\"]");
        var (missing, outDir) = await PlanProject.PlanAsync(project);
        Assert.Equal(1, missing.Code);
        Assert.Contains("plan: global: error [dependency] skipped: reads ap-nowhere, which has no stack file (Pulumi.ap-nowhere.yaml)\n", missing.Error);
        Assert.DoesNotContain("Exception", missing.Error);
        using (var global = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "global.json"))))
            Assert.Empty(global.RootElement.GetProperty("resources").EnumerateArray());

        project.SetConfig("global", "multi-region-infra:regions", "[\"us-east\", \"eu-west\"]");
        project.SetConfig("eu-west", "multi-region-infra:primaryStack", "global");
        var (cycle, _) = await PlanProject.PlanAsync(project);
        Assert.Equal(1, cycle.Code);
        Assert.Contains("plan: cross-stack: eu-west and global: multi-region-infra:primaryStack names global, which is a global stack, not a primary\n", cycle.Error);
        Assert.Contains("plan: global: error [dependency] skipped: reads eu-west, which reads it in turn (a cycle)\n", cycle.Error);
        Assert.Contains("plan: eu-west: error [dependency] skipped: depends on global, which failed\n", cycle.Error);
        Assert.DoesNotContain("Exception", cycle.Error);
    }
}
