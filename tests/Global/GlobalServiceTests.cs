using MultiRegionInfra.Configuration;
using MultiRegionInfra.Policies;
using MultiRegionInfra.Tests.Support;
using static MultiRegionInfra.Tests.Support.InputValues;

namespace MultiRegionInfra.Tests.Global;

/// <summary>What the global stack adds to every region's service: the session table's name and access,
/// and the image replicated from the primary's repository.</summary>
public class GlobalServiceTests
{
    [Fact]
    public async Task Every_region_gets_the_session_table_its_access_and_a_restart_when_it_changes()
    {
        var run = await GlobalMocks.RunAsync(GlobalMocks.Config().With(("sessionStore", "true")));
        foreach (var (stack, region) in new[] { ("us-east", "us-east-1"), ("eu-west", "eu-west-1") })
        {
            var parameter = run.Single("aws:ssm/parameter:Parameter", $"{stack}-sessions-table-parameter").Inputs;
            Assert.Equal(region, parameter["region"]);
            Assert.Equal($"/multi-region-infra/{stack}/sessions/table", parameter["name"]);
            Assert.Equal("SecureString", parameter["type"]);
            Assert.Equal($"arn:aws:kms:{region}:123456789012:key/service-config-{stack}", parameter["keyId"]);
            Assert.Equal("sessions", parameter["value"]);

            var policy = run.Single("aws:iam/rolePolicy:RolePolicy", $"{stack}-sessions-table-access").Inputs;
            Assert.Equal($"app-instance-role-{stack}", policy["role"]);
            var statement = Statements(policy["policy"])["UseSessionTable"];
            Assert.Equal(new[] { $"arn:aws:dynamodb:{region}:123456789012:table/sessions", $"arn:aws:dynamodb:{region}:123456789012:table/sessions/index/*" }, statement.Resources);
            Assert.Contains("dynamodb:PutItem", statement.Actions);
            Assert.DoesNotContain(statement.Actions, a => a is "dynamodb:*" or "dynamodb:Scan" or "dynamodb:DeleteTable");

            var restart = run.Single("aws:ssm/association:Association", $"{stack}-sessions-restart-service").Inputs;
            Assert.Equal(region, restart["region"]);
            Assert.Equal("AWS-RunShellScript", restart["name"]);
            var target = Map(Assert.Single(List(restart["targets"])));
            Assert.Equal(("tag:aws:autoscaling:groupName", $"app-asg-{stack}"), ((string)target["key"]!, Strings(target["values"]).Single()));
            Assert.EndsWith("systemctl restart app.service", (string)Map(restart["parameters"])["commands"]!, StringComparison.Ordinal);
            Assert.Equal(("1", "1"), ((string)restart["maxConcurrency"], (string)restart["maxErrors"]));
        }
    }

    [Fact]
    public async Task Without_the_session_store_no_region_is_touched()
    {
        var run = await GlobalMocks.RunAsync();
        Assert.Empty(run.OfType("aws:ssm/parameter:Parameter"));
        // The only role policies are the Region switch plans' approval permissions, on the global stack's own role.
        Assert.Equal(new[] { "regionswitch-approval-policy", "regionswitch-writer-approval-policy" }, run.OfType("aws:iam/rolePolicy:RolePolicy").Select(p => p.Name).Order());
        Assert.All(run.OfType("aws:iam/rolePolicy:RolePolicy"), p => Assert.Equal("regionswitch-approval-role", p.Inputs["role"]));
    }

    [Fact]
    public async Task The_primarys_repository_replicates_to_every_other_region()
    {
        var run = await GlobalMocks.RunAsync(mocks: GlobalMocks.Mocks("us-east", "eu-west", "ap-south"), config: GlobalMocks.Config().With(("regions", "[\"us-east\",\"eu-west\",\"ap-south\"]")));
        var replication = Assert.Single(run.OfType("aws:ecr/replicationConfiguration:ReplicationConfiguration")).Inputs;
        Assert.Equal("us-east-1", replication["region"]);
        var rule = Map(Assert.Single(List(Map(replication["replicationConfiguration"])["rules"])));
        Assert.Equal(new[] { ("ap-south-1", "123456789012"), ("eu-west-1", "123456789012") },
            List(rule["destinations"]).Select(Map).Select(d => ((string)d["region"]!, (string)d["registryId"]!)));
        var filter = Map(Assert.Single(List(rule["repositoryFilters"])));
        Assert.Equal(("multi-region-infra", "PREFIX_MATCH"), ((string)filter["filter"]!, (string)filter["filterType"]!));
    }

    [Fact]
    public async Task Alarms_follow_each_regions_engine_and_role()
    {
        var mocks = GlobalMocks.Mocks();
        mocks.WithStackOutputs("acme/multi-region-infra/eu-west", new Dictionary<string, object>(GlobalMocks.Outputs("eu-west")) { ["dbEngine"] = "aurora-postgresql", ["dbIdentifier"] = "multi-region-infra-eu-west-aurora" });
        mocks.WithStackOutputs("acme/multi-region-infra/us-east", new Dictionary<string, object>(GlobalMocks.Outputs("us-east"))
        {
            ["dbEngine"] = "aurora-postgresql", ["dbIdentifier"] = "multi-region-infra-us-east-aurora", ["dbGlobalClusterId"] = "multi-region-infra-global",
        });
        var run = await GlobalMocks.RunAsync(mocks: mocks);
        var lag = run.Single("aws:cloudwatch/metricAlarm:MetricAlarm", "eu-west-monitoring-replica-lag").Inputs;
        Assert.Equal("AuroraGlobalDBReplicationLag", lag["metricName"]);
        Assert.Equal("multi-region-infra-eu-west-aurora", Map(lag["dimensions"])["DBClusterIdentifier"]);
        Assert.Equal(30000.0, lag["threshold"]); // half of the 60 s RPO, in milliseconds
        Assert.Equal("notBreaching", lag["treatMissingData"]); // the writer's cluster reports no lag
        // Every Aurora cluster is alarmed on lag, the writer's too: after a global failover it is the secondary.
        Assert.Equal("multi-region-infra-us-east-aurora",
            Map(run.Single("aws:cloudwatch/metricAlarm:MetricAlarm", "us-east-monitoring-replica-lag").Inputs["dimensions"])["DBClusterIdentifier"]);
        Assert.DoesNotContain(run.OfType("aws:cloudwatch/metricAlarm:MetricAlarm"), a => a.Name is "eu-west-monitoring-db-free-storage" or "us-east-monitoring-db-free-storage");
    }

    [Fact]
    public void Mixing_engines_across_the_stack_files_is_an_error_naming_the_stacks()
    {
        var errors = CrossStackValidation.Validate("multi-region-infra", new Dictionary<string, ConfigSource>
        {
            ["us-east"] = Source(AwsMocks.PrimaryConfig()),
            ["eu-west"] = Source(AwsMocks.ReplicaConfig().With(("database.engine", "aurora-postgresql"))),
            ["global"] = Source(GlobalMocks.Config()),
        });
        // Said once, by the pair that disagrees.
        Assert.Equal(new[]
        {
            "eu-west and us-east: multi-region-infra:database.engine is 'aurora-postgresql' in eu-west but 'postgres' in its primary us-east; every stack of a system runs one engine",
        }, errors);
    }

    [Fact]
    public void A_global_stack_over_regions_of_different_engines_is_an_error_naming_them()
    {
        var errors = CrossStackValidation.Validate("multi-region-infra", new Dictionary<string, ConfigSource>
        {
            ["us-east"] = Source(AwsMocks.PrimaryConfig()),
            ["eu-west"] = Source(AwsMocks.PrimaryConfig().With(("aws:region", "eu-west-1"), ("vpcCidr", "10.20.0.0/16"), ("database.engine", "aurora-postgresql"),
                ("database.instanceClass", "db.r7g.large"))),
            ["global"] = Source(GlobalMocks.Config()),
        });
        // Two primaries as well: each runs its own database, which is a problem of its own.
        Assert.Equal(new[]
        {
            "global and us-east and eu-west: multi-region-infra:regions holds 2 primaries (us-east, eu-west); allowed: one, the stack of the writable database, and its replicas (role: replica, primaryStack: us-east)",
            "global: multi-region-infra:regions mixes database engines (postgres: us-east; aurora-postgresql: eu-west); every stack of a system runs one engine",
        }, errors);
    }

    private static ConfigSource Source(Dictionary<string, string> config) =>
        new(config.ToDictionary(p => p.Key.Contains(':', StringComparison.Ordinal) ? p.Key : $"multi-region-infra:{p.Key}", p => p.Value));
}
