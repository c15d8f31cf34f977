using MultiRegionInfra.Stacks.Plan;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Plan;

/// <summary>The plan of a system on each engine: it plans cleanly, and its diagram shows where each
/// region writes and where the service's image comes from.</summary>
public class WritePathTopologyTests
{
    private const string P = "multi-region-infra";

    private static TempProject Project(string engine, string instanceClass, string? image = null)
    {
        var project = new TempProject(copyStacks: false);
        var service = image is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [$"{P}:app.image"] = image };
        project.WriteStack("us-east", new Dictionary<string, string>(service)
        {
            ["aws:region"] = "us-east-1", [$"{P}:environment"] = "prod", [$"{P}:role"] = "primary", [$"{P}:vpcCidr"] = "10.10.0.0/16",
            [$"{P}:domain"] = "example.com", [$"{P}:database.engine"] = engine, [$"{P}:database.instanceClass"] = instanceClass,
        });
        project.WriteStack("eu-west", new Dictionary<string, string>(service)
        {
            ["aws:region"] = "eu-west-1", [$"{P}:environment"] = "prod", [$"{P}:role"] = "replica", [$"{P}:primaryStack"] = "us-east",
            [$"{P}:vpcCidr"] = "10.20.0.0/16", [$"{P}:domain"] = "example.com", [$"{P}:database.engine"] = engine, [$"{P}:database.instanceClass"] = instanceClass,
        });
        project.WriteStack("global", new Dictionary<string, string>
        {
            ["aws:region"] = "us-east-1", [$"{P}:stackKind"] = "global", [$"{P}:environment"] = "prod", [$"{P}:regions"] = "[us-east, eu-west]",
            [$"{P}:domain"] = "example.com", [$"{P}:healthCheck.intervalSeconds"] = "10",
            [$"{P}:slo.rtoSeconds"] = "1800", // the writes: 1530 s with PostgreSQL (promotion, re-point), 390 s with Aurora
        });
        return project;
    }

    [Fact]
    public async Task A_postgres_system_writes_over_peering_and_pulls_its_image_from_each_regions_replica()
    {
        using var project = Project("postgres", "db.t4g.medium", "123456789012.dkr.ecr.us-east-1.amazonaws.com/multi-region-infra:1.4.2");
        var result = await PlanCommand.PlanAllAsync(project.Root, Array.Empty<string>());
        Assert.All(result.Plans, p => Assert.True(p.Succeeded, string.Join("; ", p.Errors.Select(e => e.Message))));
        var diagram = Topology.Mermaid(result.Plans);
        Assert.Contains("eu_west_asg -.->|\"writes over VPC peering\"| us_east_db", diagram);
        Assert.Contains("us_east_db ==>|\"async replication\"| eu_west_db", diagram);
        Assert.Contains("us_east_ecr ==>|\"ECR replication\"| eu_west_ecr", diagram);
        Assert.Contains("eu_west_ecr -.->|\"image\"| eu_west_asg", diagram);
        Assert.Contains("Auto scaling group 2-6 × t3.small: multi-region-infra:1.4.2", diagram);
        var euWest = result.Plans.Single(p => p.Stack == "eu-west");
        Assert.Contains(euWest.Resources, r => r.Type == "aws:ec2/vpcPeeringConnection:VpcPeeringConnection");
    }

    [Fact]
    public async Task An_image_outside_ecr_is_pulled_as_configured_not_from_the_regions_repository()
    {
        using var project = Project("postgres", "db.t4g.medium", "ghcr.io/team/api:1.4.2");
        var result = await PlanCommand.PlanAllAsync(project.Root, Array.Empty<string>());
        Assert.All(result.Plans, p => Assert.True(p.Succeeded, string.Join("; ", p.Errors.Select(e => e.Message))));
        var diagram = Topology.Mermaid(result.Plans);
        Assert.Contains("us_east_asg[\"Auto scaling group 2-6 × t3.small: api:1.4.2\"]", diagram);
        Assert.Contains("eu_west_asg[\"Auto scaling group 2-6 × t3.small: api:1.4.2\"]", diagram);
        // The repositories are still there (and replicate), but the instances do not pull from them.
        Assert.Contains("us_east_ecr[(\"ECR repository\")]", diagram);
        Assert.DoesNotContain("-.->|\"image\"|", diagram);
    }

    [Fact]
    public async Task An_aurora_system_forwards_writes_and_compares_both_engines()
    {
        using var project = Project("aurora-postgresql", "db.r7g.large");
        var result = await PlanCommand.PlanAllAsync(project.Root, Array.Empty<string>());
        Assert.All(result.Plans, p => Assert.True(p.Succeeded, string.Join("; ", p.Errors.Select(e => e.Message))));
        var diagram = Topology.Mermaid(result.Plans);
        Assert.Contains("eu_west_db -.->|\"write forwarding\"| us_east_db", diagram);
        Assert.Contains("us_east_db ==>|\"Aurora global replication\"| eu_west_db", diagram);
        Assert.Contains("us_east_db[(\"Aurora primary cluster 2 × db.r7g.large\")]", diagram);
        Assert.Contains("Auto scaling group 2-6 × t3.small: built-in sample", diagram);
        Assert.DoesNotContain("eu_west_ecr -.->|\"image\"|", diagram);
        var global = result.Plans.Single(p => p.Stack == "global");
        Assert.Equal(Configuration.DatabaseEngine.AuroraPostgresql, global.Budget!.Engine);
        Assert.Equal(new[] { (Configuration.DatabaseEngine.Postgres, false), (Configuration.DatabaseEngine.AuroraPostgresql, true) },
            global.Engines!.Select(e => (e.Engine, e.Configured)));
        Assert.Contains(global.Budget.RecoveryPoint, r => r.Model == "Aurora global database (storage-level replication)" && r.ExpectedLagSeconds == 1);
    }

    [Fact]
    public async Task An_aurora_system_runs_the_teams_image_pulled_from_each_regions_replica()
    {
        using var project = Project("aurora-postgresql", "db.r7g.large", "123456789012.dkr.ecr.us-east-1.amazonaws.com/multi-region-infra:1.4.2");
        var result = await PlanCommand.PlanAllAsync(project.Root, Array.Empty<string>());
        Assert.All(result.Plans, p => Assert.True(p.Succeeded, string.Join("; ", p.Errors.Select(e => e.Message))));
        var diagram = Topology.Mermaid(result.Plans);
        Assert.Contains("eu_west_db -.->|\"write forwarding\"| us_east_db", diagram);
        Assert.Contains("eu_west_ecr -.->|\"image\"| eu_west_asg", diagram);
        Assert.Contains("Auto scaling group 2-6 × t3.small: multi-region-infra:1.4.2", diagram);
        // The replica writes through its secondary cluster, not over peering.
        var euWest = result.Plans.Single(p => p.Stack == "eu-west");
        Assert.DoesNotContain(euWest.Resources, r => r.Type == "aws:ec2/vpcPeeringConnection:VpcPeeringConnection");
    }
}
