using System.Text.Json;
using MultiRegionInfra.Stacks.Plan;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Plan;

/// <summary>The offline plan of the project's own stack files, end to end.</summary>
public class PlanCommandTests
{
    private static async Task<(int Code, string Output, string Error, string OutDir)> RunPlanAsync(string root, params string[] args)
    {
        var outDir = Path.Combine(root, "plan-out");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await PlanCommand.RunAsync(args.Concat(new[] { "--out", outDir }).ToList(), output, error, root);
        return (code, output.ToString(), error.ToString(), outDir);
    }

    [Fact]
    public async Task Plans_every_stack_in_dependency_order_and_says_so()
    {
        using var project = new TempProject();
        var (code, output, error, _) = await RunPlanAsync(project.Root);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        var headers = output.Split('\n').Where(l => l.StartsWith("Stack ", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { "us-east", "eu-west", "global" }, headers.Select(h => h.Split(' ')[1]));
        Assert.Contains("us-east: ", output);
        Assert.Matches(@"plan: all 3 stacks planned \(\d+ resources\); wrote plan-out/", output);
        Assert.Contains(" +   └─ multiregion:stacks:RegionalStack", output);
        Assert.Contains("aws:rds/instance:Instance", output);
    }

    [Fact]
    public async Task Each_stack_reference_gets_the_outputs_of_the_referenced_stacks_plan()
    {
        using var project = new TempProject();
        var result = await PlanCommand.PlanAllAsync(project.Root, Array.Empty<string>());
        var primary = result.Plans.Single(p => p.Stack == "us-east");
        var replica = result.Plans.Single(p => p.Stack == "eu-west");
        var global = result.Plans.Single(p => p.Stack == "global");
        var dbArn = (string)primary.Outputs["dbArn"]!;
        Assert.StartsWith("arn:aws:rds:us-east-1:123456789012:db:", dbArn, StringComparison.Ordinal);
        var instance = replica.Resources.Single(r => r.Type == "aws:rds/instance:Instance");
        Assert.Equal(dbArn, instance.Inputs["replicateSourceDb"]);
        Assert.StartsWith("arn:aws:kms:eu-west-1:", (string)instance.Inputs["kmsKeyId"]!, StringComparison.Ordinal);
        var alias = global.Resources.Where(r => r.Type == "aws:route53/record:Record" && r.Name == "routing-eu-west-latency-a").Single();
        var target = (IReadOnlyList<object?>)alias.Inputs["aliases"]!;
        var first = (IReadOnlyDictionary<string, object?>)target[0]!;
        Assert.Equal(replica.Outputs["albDnsName"], first["name"]);
        Assert.Equal("Z32O12XQLNTSW2", first["zoneId"]);
        var distribution = global.Resources.Single(r => r.Type == "aws:cloudfront/distribution:Distribution");
        // The default behaviour serves the asset buckets the regional plans created.
        Assert.Contains((string)replica.Outputs["assetBucketDomain"]!, JsonSerializer.Serialize(distribution.Inputs["origins"]));
        Assert.Contains((string)primary.Outputs["assetBucketDomain"]!, JsonSerializer.Serialize(distribution.Inputs["origins"]));
    }

    [Fact]
    public async Task Two_runs_print_and_write_exactly_the_same()
    {
        using var project = new TempProject();
        var first = await RunPlanAsync(project.Root, "--format", "markdown");
        var firstFiles = Directory.GetFiles(first.OutDir).Order().Select(File.ReadAllText).ToList();
        var second = await RunPlanAsync(project.Root, "--format", "markdown");
        var secondFiles = Directory.GetFiles(second.OutDir).Order().Select(File.ReadAllText).ToList();
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(firstFiles, secondFiles);
        Assert.Contains("## Stack `us-east` (regional)", first.Output);
    }

    [Fact]
    public async Task The_json_has_the_documented_shape_and_hides_secrets()
    {
        using var project = new TempProject();
        // A secret of another package (the Cloudflare provider's token) stays encrypted in the stack file.
        project.SetConfig("us-east", "cloudflare:apiToken", "\n    secure: AAABAHdummyciphertext");
        var (_, _, _, outDir) = await RunPlanAsync(project.Root, "--stack", "us-east");
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "us-east.json")));
        var root = document.RootElement;
        Assert.Equal(new[] { "budget", "config", "cost", "findings", "kind", "outputs", "project", "resources", "stack" }, root.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("us-east", root.GetProperty("stack").GetString());
        Assert.Equal("multi-region-infra", root.GetProperty("project").GetString());
        Assert.Equal("[secret]", root.GetProperty("config").GetProperty("cloudflare:apiToken").GetString());
        var resources = root.GetProperty("resources").EnumerateArray().ToList();
        Assert.All(resources, r => Assert.Equal(new[] { "dependsOn", "inputs", "name", "outputs", "parent", "protect", "provider", "type", "urn", "where" },
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
    public async Task The_topology_is_a_mermaid_diagram_of_the_whole_system()
    {
        using var project = new TempProject();
        var (_, _, _, outDir) = await RunPlanAsync(project.Root);
        var topology = File.ReadAllText(Path.Combine(outDir, "topology.md"));
        Assert.Contains("```mermaid\nflowchart TB\n", topology);
        Assert.Contains("subgraph us_east[\"us-east · us-east-1 · primary\"]", topology);
        Assert.Contains("subgraph eu_west[\"eu-west · eu-west-1 · replica\"]", topology);
        Assert.Contains("us_east_db ==>|async replication| eu_west_db", topology);
        Assert.Contains("subgraph route53[\"Route 53 · latency routing\"]", topology);
        Assert.Contains("api -->|latency| us_east_alb", topology);
        Assert.Contains("routing_us_east_health -.->|probes| us_east_alb", topology);
        Assert.Contains("us_east_assets[(\"S3 assets ", topology);
        Assert.Contains("cdn -->|default: assets origin group| us_east_assets", topology);
        Assert.Contains("cdn -.->|on 403/404/5xx: failover| eu_west_assets", topology);
        Assert.Contains("us_east_assets ==>|S3 replication| eu_west_assets", topology);
        Assert.Contains("sessions[(\"DynamoDB global table sessions\")]", topology);
        Assert.EndsWith("```\n", topology);
    }

    [Fact]
    public async Task Active_passive_shows_primary_and_secondary_records()
    {
        using var project = new TempProject();
        project.SetConfig("global", "multi-region-infra:strategy", "active-passive");
        // Active-passive needs the standby's scale-up and the replica's promotion: a 300 s RTO is not enough.
        project.SetConfig("global", "multi-region-infra:slo.rtoSeconds", "1200");
        var (code, _, _, outDir) = await RunPlanAsync(project.Root);
        Assert.Equal(0, code);
        var topology = File.ReadAllText(Path.Combine(outDir, "topology.md"));
        Assert.Contains("subgraph route53[\"Route 53 · failover routing\"]", topology);
        Assert.Contains("api -->|PRIMARY| us_east_alb", topology);
        Assert.Contains("api -->|SECONDARY| eu_west_alb", topology);
    }

    [Fact]
    public async Task An_invalid_stack_prints_its_errors_and_fails_the_plan()
    {
        using var project = new TempProject();
        project.SetConfig("eu-west", "multi-region-infra:vpcCidr", "10.20.0/16");
        project.SetConfig("eu-west", "multi-region-infra:azCount", "9");
        var (code, output, error, _) = await RunPlanAsync(project.Root);
        Assert.Equal(1, code);
        Assert.Contains("error: [program] stack 'eu-west' has 2 configuration errors:\n" +
            "  - multi-region-infra:vpcCidr: '10.20.0/16' is not an IPv4 CIDR block; allowed: a private IPv4 block from /16 to /23, e.g. 10.10.0.0/16\n" +
            "  - multi-region-infra:azCount: '9' is out of range; allowed: an integer from 2 to 6", output);
        Assert.Contains("eu-west: FAILED with ", output);
        Assert.DoesNotContain("all 3 stacks planned", output);
        Assert.Contains("plan: FAILED: eu-west", error);
    }

    [Theory]
    [InlineData(new[] { "--format", "yaml" }, "plan: --format 'yaml' is not known; allowed: text, markdown, json")]
    [InlineData(new[] { "--stacks" }, "plan: '--stacks' is not an option of plan; allowed: --stack NAME (repeatable), --format text|markdown|json, --out DIR")]
    [InlineData(new[] { "--stack" }, "plan: --stack needs a value")]
    public async Task Bad_arguments_exit_2_with_what_is_allowed(string[] args, string message)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await PlanCommand.RunAsync(args, output, error, TempProject.RepositoryRoot);
        Assert.Equal(2, code);
        Assert.Equal(message, error.ToString().Trim());
    }

    [Fact]
    public async Task An_unknown_stack_is_an_error()
    {
        using var project = new TempProject();
        var (code, _, error, _) = await RunPlanAsync(project.Root, "--stack", "mars");
        Assert.Equal(1, code);
        Assert.Contains("plan: mars: no such stack (no Pulumi.mars.yaml)", error);
    }

    [Fact]
    public async Task Json_format_prints_every_stack_as_one_array()
    {
        using var project = new TempProject();
        var (code, output, _, _) = await RunPlanAsync(project.Root, "--format", "json");
        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(new[] { "us-east", "eu-west", "global" }, document.RootElement.EnumerateArray().Select(s => s.GetProperty("stack").GetString()));
    }
}
