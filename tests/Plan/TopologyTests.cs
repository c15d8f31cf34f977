using MultiRegionInfra.Stacks.Docs;
using System.Text.RegularExpressions;
using MultiRegionInfra.Stacks.Plan;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Plan;

/// <summary>The Mermaid diagram the plan draws into topology.md, and the README's copy of it.</summary>
public class TopologyTests
{
    [Fact]
    public async Task The_topology_is_a_mermaid_diagram_of_the_whole_system()
    {
        using var project = PlanProject.ThreeStacks();
        var (_, outDir) = await PlanProject.PlanAsync(project);
        var topology = File.ReadAllText(Path.Combine(outDir, "topology.md"));
        Assert.Contains("```mermaid\nflowchart TB\n", topology);
        Assert.Contains("subgraph us_east[\"us-east · us-east-1 · primary\"]", topology);
        Assert.Contains("subgraph eu_west[\"eu-west · eu-west-1 · replica\"]", topology);
        Assert.Contains("us_east_alb[\"ALB us-east.api.example.com, HTTPS\"]", topology);
        Assert.Contains("us_east_db[(\"PostgreSQL primary db.t4g.medium, Multi-AZ\")]", topology);
        Assert.Contains("us_east_db ==>|\"async replication\"| eu_west_db", topology);
        Assert.Contains("subgraph route53[\"Route 53 · latency routing\"]", topology);
        Assert.Contains("api -->|\"latency\"| us_east_alb", topology);
        Assert.Contains("routing_us_east_health -.->|\"probes\"| us_east_alb", topology);
        Assert.Contains("cdn[\"CloudFront example.com, www.example.com\"]", topology);
        // With assets on, CloudFront's default behaviour is the asset buckets' origin group, not the load balancers.
        Assert.Contains("cdn -->|\"default: origin group, primary\"| us_east_assets", topology);
        Assert.Contains("cdn -.->|\"failover on 403, 404, 500, 502, 503, 504\"| eu_west_assets", topology);
        Assert.Contains("cdn -->|\"/api/*\"| api", topology);
        Assert.DoesNotContain("cdn -->|\"default", topology.Replace("cdn -->|\"default: origin group, primary\"| us_east_assets", "", StringComparison.Ordinal));
        Assert.Contains("us_east_assets ==>|\"S3 replication\"| eu_west_assets", topology);
        Assert.Contains("sessions[(\"DynamoDB global table sessions\")]", topology);
        // Only what the stack files decide: no invented DNS names, bucket suffixes or account.
        Assert.DoesNotContain("elb.amazonaws.com", topology);
        Assert.DoesNotContain("cloudfront.net", topology);
        Assert.DoesNotContain("assets-us-east-", topology);
        Assert.EndsWith("```\n", topology);
    }

    [Fact]
    public async Task Without_assets_the_default_behaviour_is_the_load_balancers_origin_group()
    {
        using var project = PlanProject.ThreeStacks();
        foreach (var stack in new[] { "us-east", "eu-west", "global" })
            project.SetConfig(stack, "multi-region-infra:assets.enabled", "false");
        var (run, outDir) = await PlanProject.PlanAsync(project);
        Assert.Equal(0, run.Code);
        var topology = File.ReadAllText(Path.Combine(outDir, "topology.md"));
        Assert.Contains("cdn -->|\"default: origin group, primary\"| us_east_alb", topology);
        Assert.Contains("cdn -.->|\"failover on 500, 502, 503, 504\"| eu_west_alb", topology);
        Assert.DoesNotContain("_assets", topology);
    }

    [Fact]
    public async Task Active_passive_shows_primary_and_secondary_records()
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("global", "multi-region-infra:strategy", "active-passive");
        // Active-passive needs the standby's scale-up and the replica's promotion: a 300 s RTO is not enough.
        project.SetConfig("global", "multi-region-infra:slo.rtoSeconds", "1200");
        var (run, outDir) = await PlanProject.PlanAsync(project);
        Assert.Equal(0, run.Code);
        var topology = File.ReadAllText(Path.Combine(outDir, "topology.md"));
        Assert.Contains("subgraph route53[\"Route 53 · failover routing\"]", topology);
        Assert.Contains("api -->|\"PRIMARY\"| us_east_alb", topology);
        Assert.Contains("api -->|\"SECONDARY\"| eu_west_alb", topology);
    }

    [Fact]
    public async Task Each_regions_canary_is_drawn_with_the_addresses_it_calls()
    {
        using var project = PlanProject.ThreeStacks();
        async Task<string> Topology()
        {
            var (run, outDir) = await PlanProject.PlanAsync(project);
            Assert.Equal(0, run.Code);
            return File.ReadAllText(Path.Combine(outDir, "topology.md"));
        }

        // On in prod, with the health path only: CloudFront's default behaviour serves the assets, so no check reaches the API through it.
        var topology = await Topology();
        Assert.Contains("us_east_canary[/\"canary api-us-east · us-east-1 · rate(5 minutes)\"/]", topology);
        Assert.Contains("eu_west_canary[/\"canary api-eu-west · eu-west-1 · rate(5 minutes)\"/]", topology);
        Assert.Contains("us_east_canary -.->|\"synthetic checks\"| us_east_alb", topology);
        Assert.Contains("us_east_canary -.->|\"synthetic checks\"| api", topology);
        Assert.Contains("eu_west_canary -.->|\"synthetic checks\"| eu_west_alb", topology);
        Assert.DoesNotContain("us_east_canary -.->|\"synthetic checks\"| eu_west_alb", topology);
        Assert.DoesNotContain("-.->|\"synthetic checks\"| cdn", topology);

        // A check under /api/ reaches the API through CloudFront too.
        project.SetConfig("global", $"{PlanProject.Ns}:canary.checks", "[\"{path: /api/status}\"]");
        project.SetConfig("global", $"{PlanProject.Ns}:canary.schedule", "rate(1 minute)");
        topology = await Topology();
        Assert.Contains("us_east_canary[/\"canary api-us-east · us-east-1 · rate(1 minute)\"/]", topology);
        Assert.Contains("us_east_canary -.->|\"synthetic checks\"| cdn", topology);
        Assert.Contains("eu_west_canary -.->|\"synthetic checks\"| cdn", topology);

        project.SetConfig("global", $"{PlanProject.Ns}:canary.enabled", "false");
        Assert.DoesNotContain("_canary", await Topology());
    }

    /// <summary>This test's subject is the project's own stack files: the README shows their diagram.</summary>
    [Fact]
    public async Task The_readme_architecture_diagram_is_the_one_the_plan_draws_for_the_projects_stack_files()
    {
        var root = TempProject.RepositoryRoot;
        var result = await PlanCommand.PlanAllAsync(root, Array.Empty<string>());
        Assert.All(result.Plans, p => Assert.True(p.Succeeded, p.Stack));
        var expected = Topology.Mermaid(result.Plans);
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var match = Regex.Match(readme, "<!-- generated:topology [^>]*-->\n```mermaid\n(?<diagram>.*?)```\n<!-- end:topology -->", RegexOptions.Singleline);
        Assert.True(match.Success, "README.md has no diagram between <!-- generated:topology --> and <!-- end:topology -->");
        Assert.Equal(expected, match.Groups["diagram"].Value);
        // `docs` renders exactly that section.
        Assert.Equal($"```mermaid\n{expected}```\n", ReadmeSections.TopologySection(result.Plans));
    }
}
