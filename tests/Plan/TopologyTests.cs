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
        // And the health path, which would otherwise ask the buckets.
        Assert.Contains("cdn -->|\"/health\"| api", topology);
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
        // The health path stays uncached, to api.<domain>.
        Assert.Contains("cdn -->|\"/health\"| api", topology);
    }

    [Theory]
    // strategy, engine, the Region switch plans drawn with what they do to the replica region's database
    [InlineData("active-active", "postgres",
        "regionswitch[[\"ARC Region switch plan, shift away: approve → route-traffic\"]]\n" +
        "regionswitch -.->|\"routing change\"| api\n" +
        "regionswitch_1[[\"ARC Region switch writer plan, failover: approve → promote-replica\"]]\n" +
        "regionswitch_1 -.->|\"promotes\"| eu_west_db")]
    [InlineData("active-active", "aurora-postgresql",
        "regionswitch[[\"ARC Region switch plan, shift away: approve → switch-global-database → route-traffic\"]]\n" +
        "regionswitch -.->|\"routing change\"| api\n" +
        "regionswitch -.->|\"moves the writer to\"| eu_west_db")]
    [InlineData("active-passive", "postgres",
        "regionswitch[[\"ARC Region switch plan, failover: approve → scale-up-standby ∥ promote-replica → route-traffic\"]]\n" +
        "regionswitch -.->|\"routing change\"| api\n" +
        "regionswitch -.->|\"promotes\"| eu_west_db")]
    public async Task The_region_switch_plans_are_drawn_with_their_steps(string strategy, string engine, string lines)
    {
        using var project = PlanProject.ThreeStacks();
        PlanProject.SetStrategy(project, strategy);
        foreach (var stack in new[] { "us-east", "eu-west" })
        {
            project.SetConfig(stack, "multi-region-infra:database.engine", engine);
            if (engine == "aurora-postgresql")
                project.SetConfig(stack, "multi-region-infra:database.instanceClass", "db.r7g.large");
        }
        var (run, outDir) = await PlanProject.PlanAsync(project);
        Assert.True(run.Code == 0, run.Error);
        var drawn = File.ReadAllLines(Path.Combine(outDir, "topology.md")).Select(l => l.Trim()).Where(l => l.StartsWith("regionswitch", StringComparison.Ordinal));
        Assert.Equal(lines.Split('\n'), drawn);
    }

    [Fact]
    public async Task Active_passive_shows_primary_and_secondary_records()
    {
        using var project = PlanProject.ThreeStacks();
        PlanProject.SetStrategy(project, "active-passive");
        var (run, outDir) = await PlanProject.PlanAsync(project);
        Assert.Equal(0, run.Code);
        var topology = File.ReadAllText(Path.Combine(outDir, "topology.md"));
        Assert.Contains("subgraph route53[\"Route 53 · failover routing\"]", topology);
        Assert.Contains("api -->|\"PRIMARY\"| us_east_alb", topology);
        Assert.Contains("api -->|\"SECONDARY\"| eu_west_alb", topology);
    }

    [Fact]
    public async Task The_metrics_path_runs_from_the_instances_to_a_workspace_and_from_its_alert_manager_to_the_topic()
    {
        using var project = PlanProject.ThreeStacks();
        var (_, outDir) = await PlanProject.PlanAsync(project);
        var topology = File.ReadAllText(Path.Combine(outDir, "topology.md"));
        Assert.Contains("    us_east_amp[(\"Prometheus workspace\")]\n", topology);
        Assert.Contains("us_east_asg -.->|\"metrics, remote write\"| us_east_amp", topology);
        Assert.Contains("eu_west_asg -.->|\"metrics, remote write\"| eu_west_amp", topology);
        Assert.Contains("us_east_alarms[/\"alarm topic us-east-1\"/]", topology);
        Assert.Contains("eu_west_amp -.->|\"alert manager\"| eu_west_alarms", topology);

        // One workspace for the system: the replica writes into the primary's, whose alert manager alone notifies.
        project.SetConfig("eu-west", "multi-region-infra:metrics.workspace", "primary");
        var (shared, sharedOut) = await PlanProject.PlanAsync(project);
        Assert.Equal(0, shared.Code);
        topology = File.ReadAllText(Path.Combine(sharedOut, "topology.md"));
        Assert.Contains("eu_west_asg -.->|\"metrics, remote write\"| us_east_amp", topology);
        Assert.DoesNotContain("eu_west_amp", topology);
        Assert.Contains("us_east_amp -.->|\"alert manager\"| us_east_alarms", topology);
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

        // On in prod, with the health path only: CloudFront's default behaviour serves the assets, and the health
        // path has a behaviour of its own to the API, so the canaries call CloudFront with it, and only CloudFront
        // (the load balancers behind it admit no one else but the health checkers), their own region through
        // its probe behaviour.
        var topology = await Topology();
        Assert.Contains("us_east_canary[/\"canary api-us-east · us-east-1 · rate(5 minutes)\"/]", topology);
        Assert.Contains("eu_west_canary[/\"canary api-eu-west · eu-west-1 · rate(5 minutes)\"/]", topology);
        Assert.DoesNotContain("_canary -.->|\"synthetic checks\"| us_east_alb", topology);
        Assert.DoesNotContain("_canary -.->|\"synthetic checks\"| api", topology);
        Assert.Contains("cdn -->|\"/health\"| api", topology);
        Assert.Contains("cdn -->|\"/_regions/us-east/*\"| us_east_alb", topology);
        Assert.Contains("cdn -->|\"/_regions/eu-west/*\"| eu_west_alb", topology);
        Assert.Contains("us_east_canary -.->|\"synthetic checks\"| cdn", topology);
        Assert.Contains("eu_west_canary -.->|\"synthetic checks\"| cdn", topology);

        // A check under /api/ reaches the API through CloudFront too.
        project.SetConfig("global", $"{PlanProject.Ns}:canary.checks", "[\"{path: /api/status}\"]");
        project.SetConfig("global", $"{PlanProject.Ns}:canary.schedule", "rate(1 minute)");
        topology = await Topology();
        Assert.Contains("us_east_canary[/\"canary api-us-east · us-east-1 · rate(1 minute)\"/]", topology);
        Assert.Contains("us_east_canary -.->|\"synthetic checks\"| cdn", topology);
        Assert.Contains("eu_west_canary -.->|\"synthetic checks\"| cdn", topology);

        project.SetConfig("global", $"{PlanProject.Ns}:canary.enabled", "false");
        topology = await Topology();
        Assert.DoesNotContain("_canary", topology);
        Assert.DoesNotContain("/_regions/", topology);
    }

    private const string Readme = "# Project\n\n<!-- generated:topology from the stack files by docs; do not edit -->\n```mermaid\nflowchart TB\n```\n<!-- end:topology -->\n";

    /// <summary>The README's diagram is the one plan draws for the stack files beside it: docs writes it
    /// there and docs --check (run by .ci/run on the project) fails when it drifts. Shown on a copy of the
    /// project with a fourth region, so that adding a region is seen to need nothing but the docs run.</summary>
    [Fact]
    public async Task Docs_draws_the_readme_diagram_from_the_stack_files_and_check_fails_when_it_drifts()
    {
        using var project = PlanProject.ThreeStacks();
        File.WriteAllText(Path.Combine(project.Root, "README.md"), Readme);
        foreach (var (name, content) in ReadmeSections.Render(TempProject.RepositoryRoot))
            File.AppendAllText(Path.Combine(project.Root, "README.md"), $"<!-- generated:{name} from the code; do not edit -->\n{content}<!-- end:{name} -->\n");

        var stale = await PlanProject.CliAsync(project.Root, "docs", "--check");
        Assert.Equal(1, stale.Code);
        Assert.Equal("docs: README.md's section 'topology' is stale; run: dotnet run --project stacks -- docs\n", stale.Error);

        var written = await PlanProject.CliAsync(project.Root, "docs");
        Assert.Equal((0, "docs: rewrote topology in README.md\n"), (written.Code, written.Output));
        var result = await PlanCommand.PlanAllAsync(project.Root, Array.Empty<string>());
        var readme = File.ReadAllText(Path.Combine(project.Root, "README.md"));
        var match = Regex.Match(readme, "<!-- generated:topology [^>]*-->\n```mermaid\n(?<diagram>.*?)```\n<!-- end:topology -->", RegexOptions.Singleline);
        Assert.Equal(Topology.Mermaid(result.Plans), match.Groups["diagram"].Value);
        Assert.Equal(0, (await PlanProject.CliAsync(project.Root, "docs", "--check")).Code);

        // A fourth region: the plan draws it, so the README's diagram is stale until docs runs again.
        project.WriteStack("us-west", PlanProject.Regional("us-west-2", "10.30.0.0/16", primaryStack: "us-east"));
        project.SetConfig("global", "multi-region-infra:regions", "[us-east, eu-west, us-west]");
        Assert.Equal(1, (await PlanProject.CliAsync(project.Root, "docs", "--check")).Code);
        await PlanProject.CliAsync(project.Root, "docs");
        Assert.Contains("subgraph us_west[\"us-west · us-west-2 · replica\"]", File.ReadAllText(Path.Combine(project.Root, "README.md")));
    }
}
