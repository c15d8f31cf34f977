using MultiRegionInfra.Tests.Support;
using Pulumi;
using static MultiRegionInfra.Tests.Support.InputValues;

namespace MultiRegionInfra.Tests.Regional;

/// <summary>The aurora-postgresql engine: a global database whose secondaries forward writes.</summary>
public class AuroraTests
{
    private static Dictionary<string, string> PrimaryConfig(params (string Key, string? Value)[] changes) =>
        AwsMocks.PrimaryConfig().With(("database.engine", "aurora-postgresql")).With(changes);

    private static Task<AwsMocks.RunResult> Secondary(params (string Key, string? Value)[] changes) =>
        AwsMocks.RunStackAsync("eu-west", AwsMocks.ReplicaConfig().With(("database.engine", "aurora-postgresql")).With(changes),
            AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(engine: "aurora-postgresql"));

    [Fact]
    public async Task The_primary_creates_the_global_cluster_and_a_writer_with_readers_over_the_zones()
    {
        var run = await AwsMocks.RunStackAsync("us-east", PrimaryConfig(("database.instances", "2")));
        var global = run.Single("aws:rds/globalCluster:GlobalCluster", "database-global").Inputs;
        Assert.Equal("multi-region-infra-global", global["globalClusterIdentifier"]);
        Assert.Equal(("aurora-postgresql", "16.4"), ((string)global["engine"], (string)global["engineVersion"]));
        Assert.Equal(true, global["storageEncrypted"]);
        Assert.Equal(true, global["deletionProtection"]);
        var cluster = run.Single("aws:rds/cluster:Cluster", "database-cluster").Inputs;
        Assert.Equal("multi-region-infra-global", cluster["globalClusterIdentifier"]);
        Assert.Equal("multi-region-infra-us-east-aurora", cluster["clusterIdentifier"]);
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:key/database-key-id", cluster["kmsKeyId"]);
        Assert.Equal(("app", "app_admin"), ((string)cluster["databaseName"], (string)cluster["masterUsername"]));
        Assert.Equal(40, ((string)cluster["masterPasswordWo"]).Length);
        Assert.False(cluster.ContainsKey("manageMasterUserPassword"));
        Assert.False(cluster.ContainsKey("enableGlobalWriteForwarding"));
        Assert.Equal(true, cluster["iamDatabaseAuthenticationEnabled"]);
        Assert.Equal(new object[] { "postgresql" }, List(cluster["enabledCloudwatchLogsExports"]));
        Assert.Equal(7.0, cluster["backupRetentionPeriod"]);
        Assert.Equal(false, cluster["skipFinalSnapshot"]);
        Assert.Matches("^multi-region-infra-us-east-aurora-final-[0-9a-f]{10}$", (string)cluster["finalSnapshotIdentifier"]);
        Assert.Empty(run.Graph.Single(r => r.Name == "database-cluster").Options.IgnoreChanges);
        Assert.True(run.Graph.Single(r => r.Name == "database-cluster").Options.Protect);
        var instances = run.OfType("aws:rds/clusterInstance:ClusterInstance").OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "us-east-1a", "us-east-1b", "us-east-1c" }, instances.Select(i => (string)i.Inputs["availabilityZone"]));
        Assert.All(instances, i =>
        {
            Assert.Equal("database-cluster-id", i.Inputs["clusterIdentifier"]);
            Assert.Equal(("aurora-postgresql", "db.r7g.large"), ((string)i.Inputs["engine"], (string)i.Inputs["instanceClass"]));
            Assert.Equal(false, i.Inputs["publiclyAccessible"]);
            Assert.Equal(true, i.Inputs["performanceInsightsEnabled"]);
        });
        var parameters = List(run.Single("aws:rds/clusterParameterGroup:ClusterParameterGroup", "database-cluster-params").Inputs["parameters"]).Select(Map);
        Assert.Contains(parameters, p => Equals(p["name"], "rds.force_ssl") && Equals(p["value"], "1"));
        Assert.Equal("aurora-postgresql16", run.Single("aws:rds/clusterParameterGroup:ClusterParameterGroup", "database-cluster-params").Inputs["family"]);
        Assert.Empty(run.OfType("aws:rds/instance:Instance"));
        Assert.Equal("multi-region-infra-global", await Pulumi.Utilities.OutputUtilities.GetValueAsync(run.OutputOf<string>("dbGlobalClusterId")));
    }

    [Fact]
    public async Task A_secondary_joins_the_global_cluster_with_its_own_key_and_forwards_writes()
    {
        var run = await Secondary();
        var cluster = run.Single("aws:rds/cluster:Cluster", "database-cluster").Inputs;
        Assert.Equal("multi-region-infra-global", cluster["globalClusterIdentifier"]);
        Assert.Equal(true, cluster["enableGlobalWriteForwarding"]);
        Assert.Equal("arn:aws:kms:eu-west-1:123456789012:key/database-key-id", cluster["kmsKeyId"]);
        Assert.False(cluster.ContainsKey("masterUsername"));
        Assert.False(cluster.ContainsKey("masterPasswordWo"));
        Assert.False(cluster.ContainsKey("databaseName"));
        Assert.Matches("^multi-region-infra-eu-west-aurora-final-[0-9a-f]{10}$", (string)cluster["finalSnapshotIdentifier"]);
        Assert.Empty(run.OfType("aws:rds/globalCluster:GlobalCluster"));
        Assert.Single(run.OfType("aws:rds/clusterInstance:ClusterInstance"));
        var values = run.OfType("aws:ssm/parameter:Parameter").ToDictionary(p => (string)p.Inputs["name"], p => p.Inputs["value"]);
        Assert.Equal("multi-region-infra-eu-west-aurora.cluster-abcdefghij.eu-west-1.rds.amazonaws.com", values["/multi-region-infra/eu-west/db/writer-endpoint"]);
        Assert.Equal("multi-region-infra-eu-west-aurora.cluster-ro-abcdefghij.eu-west-1.rds.amazonaws.com", values["/multi-region-infra/eu-west/db/reader-endpoint"]);
        Assert.Equal("eu-west-1", values["/multi-region-infra/eu-west/db/writer-region"]);
        var statements = Statements(run.Single("aws:iam/rolePolicy:RolePolicy", "app-service-access").Inputs["policy"]);
        Assert.Equal(new[] { "arn:aws:rds-db:eu-west-1:123456789012:dbuser:cluster-database-cluster-resource/app" }, statements["ConnectToDatabase"].Resources);
    }

    [Fact]
    public async Task Serverless_v2_scales_between_the_configured_capacities()
    {
        var run = await AwsMocks.RunStackAsync("us-east", PrimaryConfig(("database.instanceClass", "db.serverless"), ("database.serverlessMinCapacity", "1.5"), ("database.serverlessMaxCapacity", "32")));
        var scaling = Map(run.Single("aws:rds/cluster:Cluster", "database-cluster").Inputs["serverlessv2ScalingConfiguration"]);
        Assert.Equal(1.5, scaling["minCapacity"]);
        Assert.Equal(32.0, scaling["maxCapacity"]);
        Assert.All(run.OfType("aws:rds/clusterInstance:ClusterInstance"), i => Assert.Equal("db.serverless", i.Inputs["instanceClass"]));
    }

    [Theory]
    [InlineData("database.engineVersion", "15.7", "multi-region-infra:database.engineVersion: '15.7' is older than Aurora PostgreSQL 16, the first whose secondary clusters this program lets forward writes; allowed: 16 or later, e.g. 16.4, with database.engine aurora-postgresql")]
    [InlineData("database.instanceClass", "db.t4g.medium", "multi-region-infra:database.instanceClass: 'db.t4g.medium' is a burstable class, which an Aurora global database does not support; allowed: a db.r* or db.x2g class, or db.serverless")]
    [InlineData("database.engine", "mysql", "multi-region-infra:database.engine: 'mysql' is not allowed; allowed: postgres, aurora-postgresql")]
    [InlineData("database.serverlessMinCapacity", "0.7", "multi-region-infra:database.serverlessMinCapacity: '0.7' is not a whole or half ACU; allowed: a multiple of 0.5")]
    public async Task Settings_aurora_cannot_run_are_refused_before_anything_is_registered(string key, string value, string error)
    {
        var mocks = AwsMocks.ForRegion("us-east-1");
        var thrown = await Assert.ThrowsAsync<RunException>(() => AwsMocks.RunStackAsync("us-east", PrimaryConfig((key, value)), mocks));
        Assert.Contains(error, thrown.Message);
        Assert.Empty(mocks.Resources);
    }

    [Fact]
    public async Task A_replica_on_another_engine_than_its_primary_stops_before_registering_a_resource()
    {
        var mocks = AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(engine: "postgres");
        var thrown = await Assert.ThrowsAsync<RunException>(() => AwsMocks.RunStackAsync("eu-west",
            AwsMocks.ReplicaConfig().With(("database.engine", "aurora-postgresql")), mocks));
        Assert.Equal("stack 'eu-west' has 1 configuration error:\n" +
            "  - eu-west and us-east: multi-region-infra:database.engine is 'aurora-postgresql' in eu-west but 'postgres' in its primary us-east; every stack of a system runs one engine",
            thrown.Message);
        // Only the stack reference it read is registered.
        Assert.Equal(new[] { "pulumi:pulumi:StackReference" }, mocks.Resources.Select(r => r.Type).Distinct());
    }

    [Fact]
    public async Task A_replica_checks_its_primary_is_a_primary()
    {
        var mocks = AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(changes: new Dictionary<string, object> { ["dbRole"] = "replica", ["region"] = "eu-west-1" });
        var thrown = await Assert.ThrowsAsync<RunException>(() => AwsMocks.RunStackAsync("eu-west", AwsMocks.ReplicaConfig(), mocks));
        Assert.Equal("stack 'eu-west' has 1 configuration error:\n" +
            "  - eu-west and us-east: multi-region-infra:primaryStack names us-east, which is not a primary (its role is replica)", thrown.Message);
    }

    [Theory]
    [InlineData("global", "multi-region-infra:primaryStack names us-east, which is a global stack, not a regional one; allowed: regional stacks of this project")]
    [InlineData(null, "multi-region-infra:primaryStack names us-east, which exports no stackKind: it is not deployed yet, or not a stack of this project; " +
        "allowed: a regional stack of this project, deployed before this one")]
    public async Task A_replica_whose_primary_stack_is_not_a_deployed_regional_stack_says_so_instead_of_a_missing_output(string? kind, string error)
    {
        var mocks = AwsMocks.ForRegion("eu-west-1").WithStackOutputs($"{AwsMocks.Organization}/{AwsMocks.Project}/us-east",
            kind is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["stackKind"] = kind, ["regions"] = new[] { "us-east" } });
        var thrown = await Assert.ThrowsAsync<RunException>(() => AwsMocks.RunStackAsync("eu-west", AwsMocks.ReplicaConfig(), mocks));
        Assert.Equal($"stack 'eu-west' has 1 configuration error:\n  - {error}", thrown.Message);
        Assert.Equal(new[] { "pulumi:pulumi:StackReference" }, mocks.Resources.Select(r => r.Type).Distinct());
    }

    [Fact]
    public async Task A_replica_deployed_on_its_own_agrees_with_its_primary_on_edge_domain_and_strategy()
    {
        var mocks = AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(changes: new Dictionary<string, object>
        {
            ["edge"] = "cloudflare",
            ["domain"] = "example.org",
            ["strategy"] = "active-passive",
        });
        var thrown = await Assert.ThrowsAsync<RunException>(() => AwsMocks.RunStackAsync("eu-west", AwsMocks.ReplicaConfig(), mocks));
        Assert.Equal("stack 'eu-west' has 3 configuration errors:\n" +
            "  - eu-west and us-east: multi-region-infra:edge is 'cloudfront' in eu-west but 'cloudflare' in its primary us-east; allowed: edge cloudflare (one edge fronts every load balancer of a system)\n" +
            "  - eu-west and us-east: multi-region-infra:domain is 'example.com' in eu-west but 'example.org' in its primary us-east; allowed: domain example.org (one system answers under one domain)\n" +
            "  - eu-west and us-east: multi-region-infra:strategy is 'active-active' in eu-west but 'active-passive' in its primary us-east; allowed: strategy active-passive (one system, one strategy)",
            thrown.Message);
        Assert.Equal(new[] { "pulumi:pulumi:StackReference" }, mocks.Resources.Select(r => r.Type).Distinct());
    }

    [Fact]
    public async Task A_replica_checks_its_primary_is_in_another_region()
    {
        var mocks = AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(changes: new Dictionary<string, object> { ["region"] = "eu-west-1" });
        var thrown = await Assert.ThrowsAsync<RunException>(() => AwsMocks.RunStackAsync("eu-west", AwsMocks.ReplicaConfig(), mocks));
        Assert.Equal("stack 'eu-west' has 1 configuration error:\n" +
            "  - eu-west and us-east: multi-region-infra:primaryStack names a primary in the same region (eu-west-1); a cross-region replica must be in another region",
            thrown.Message);
        Assert.Equal(new[] { "pulumi:pulumi:StackReference" }, mocks.Resources.Select(r => r.Type).Distinct());
    }

    [Fact]
    public async Task A_replica_whose_vpc_overlaps_its_primarys_stops_before_registering_a_resource()
    {
        var mocks = AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(changes: new Dictionary<string, object> { ["vpcCidr"] = "10.20.0.0/16" });
        var thrown = await Assert.ThrowsAsync<RunException>(() => AwsMocks.RunStackAsync("eu-west", AwsMocks.ReplicaConfig(), mocks));
        Assert.Contains("eu-west and us-east: multi-region-infra:vpcCidr 10.20.0.0/16 and 10.20.0.0/16 overlap", thrown.Message);
    }
}
