using MultiRegionInfra.Tests.Support;
using Pulumi;
using static MultiRegionInfra.Tests.Support.InputValues;

namespace MultiRegionInfra.Tests.Regional;

/// <summary>A region's service: its image, its parameters, what its role may do, and how it rolls out.</summary>
public class ServiceWiringTests
{
    private const string Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/multi-region-infra:1.4.2";

    private static Task<AwsMocks.RunResult> Primary(params (string Key, string? Value)[] changes) =>
        AwsMocks.RunStackAsync("us-east", AwsMocks.PrimaryConfig().With(changes));

    private static Task<AwsMocks.RunResult> Replica(params (string Key, string? Value)[] changes) =>
        AwsMocks.RunStackAsync("eu-west", AwsMocks.ReplicaConfig().With(changes), AwsMocks.ForRegion("eu-west-1").WithPrimaryStack());

    /// <summary>The service's parameters: those under the project's path (the origin secret lives beside it).</summary>
    private static IReadOnlyDictionary<string, object> Parameters(AwsMocks.RunResult run) =>
        run.OfType("aws:ssm/parameter:Parameter").Where(p => ((string)p.Inputs["name"]).StartsWith($"/{AwsMocks.Project}/", StringComparison.Ordinal))
            .ToDictionary(p => (string)p.Inputs["name"], p => p.Inputs["value"]);

    [Fact]
    public async Task The_service_restarts_one_instance_at_a_time_when_the_writer_it_reads_at_start_moves()
    {
        // The group's name is known once it exists; the mocks give it one.
        static async Task<IDictionary<string, object>> RestartOf(PulumiMocks mocks) =>
            (await AwsMocks.RunStackAsync("eu-west", AwsMocks.ReplicaConfig(),
                mocks.WithOutputs("aws:autoscaling/group:Group", _ => new Dictionary<string, object> { ["name"] = "app-asg-eu-west" })))
            .Single("aws:ssm/association:Association", "writer-restart-association").Inputs;
        var before = await RestartOf(AwsMocks.ForRegion("eu-west-1").WithPrimaryStack());
        Assert.Equal("AWS-RunShellScript", before["name"]);
        Assert.Equal("multi-region-infra-eu-west-restart-db-writer", before["associationName"]);
        Assert.Equal(("1", "1"), ((string)before["maxConcurrency"], (string)before["maxErrors"]));
        var target = Map(Assert.Single(List(before["targets"])));
        Assert.Equal("tag:aws:autoscaling:groupName", target["key"]);
        Assert.Equal(new object[] { "app-asg-eu-west" }, List(target["values"]));
        var command = (string)Map(before["parameters"])["commands"]!;
        Assert.Equal("# db-writer: writer multi-region-infra-us-east-pg.c1a2b3c4d5e6.us-east-1.rds.amazonaws.com in us-east-1, peering; " +
            "the service reads it when it starts\nsystemctl restart app.service", command);

        // After a promotion the stacks say another writer: the command changes, so SSM runs it again.
        var after = await RestartOf(AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(changes: new Dictionary<string, object> { ["dbAddress"] = "promoted.example.internal" }));
        Assert.NotEqual(command, (string)Map(after["parameters"])["commands"]!);
    }

    [Fact]
    public async Task The_replica_publishes_the_primary_as_its_writer_and_itself_as_its_reader()
    {
        var run = await Replica();
        var values = Parameters(run);
        Assert.Equal(new Dictionary<string, object>
        {
            ["/multi-region-infra/eu-west/db/writer-endpoint"] = "multi-region-infra-us-east-pg.c1a2b3c4d5e6.us-east-1.rds.amazonaws.com",
            ["/multi-region-infra/eu-west/db/reader-endpoint"] = "multi-region-infra-eu-west-pg.abcdefghij.eu-west-1.rds.amazonaws.com",
            ["/multi-region-infra/eu-west/db/port"] = "5432",
            ["/multi-region-infra/eu-west/db/name"] = "app",
            ["/multi-region-infra/eu-west/db/username"] = "app",
            ["/multi-region-infra/eu-west/db/credentials"] = "iam",
            ["/multi-region-infra/eu-west/db/writer-region"] = "us-east-1",
            ["/multi-region-infra/eu-west/db/write-path"] = "peering",
            ["/multi-region-infra/eu-west/assets/bucket"] = "assets-bucket-id",
            ["/multi-region-infra/eu-west/region"] = "eu-west-1",
            ["/multi-region-infra/eu-west/stack"] = "eu-west",
            ["/multi-region-infra/eu-west/environment"] = "prod",
        }, values);
        Assert.All(run.OfType("aws:ssm/parameter:Parameter"), p =>
        {
            Assert.Equal("SecureString", p.Inputs["type"]);
            // The origin secret is beside the path, on a key of its own (tests/Regional/OriginHeaderTests).
            var origin = ((string)p.Inputs["name"]).Contains("/origin-secret-", StringComparison.Ordinal);
            Assert.Equal($"arn:aws:kms:eu-west-1:123456789012:key/{(origin ? "origin-secret" : "service-config")}-key-id", p.Inputs["keyId"]);
        });
        Assert.Equal("alias/multi-region-infra-eu-west-service-config", run.Single("aws:kms/alias:Alias", "service-config-key-alias").Inputs["name"]);
        Assert.True(run.Graph.Single(r => r.Name == "service-config-key").Options.Protect);
    }

    [Fact]
    public async Task The_primary_writes_locally_and_without_assets_publishes_no_bucket()
    {
        var run = await Primary(("assets.enabled", "false"));
        var values = Parameters(run);
        Assert.Equal("multi-region-infra-us-east-pg.abcdefghij.us-east-1.rds.amazonaws.com", values["/multi-region-infra/us-east/db/writer-endpoint"]);
        Assert.Equal(values["/multi-region-infra/us-east/db/writer-endpoint"], values["/multi-region-infra/us-east/db/reader-endpoint"]);
        Assert.Equal("local", values["/multi-region-infra/us-east/db/write-path"]);
        Assert.Equal("us-east-1", values["/multi-region-infra/us-east/db/writer-region"]);
        Assert.False(values.ContainsKey("/multi-region-infra/us-east/assets/bucket"));
        var script = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)run.Single("aws:ec2/launchTemplate:LaunchTemplate", "app-launch-template").Inputs["userData"]));
        Assert.Contains("assets/bucket\tASSETS_BUCKET\toptional\n", script);
    }

    [Fact]
    public async Task The_instance_role_may_read_exactly_its_path_and_reach_its_databases()
    {
        var run = await Replica(("app.secrets", "[\"STRIPE_KEY=arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/stripe-AbCdEf\"]"));
        var policy = run.Single("aws:iam/rolePolicy:RolePolicy", "app-service-access").Inputs;
        Assert.Equal("app-instance-role", policy["role"]);
        var statements = Statements(policy["policy"]);
        Assert.Equal(new[] { "arn:aws:ssm:eu-west-1:123456789012:parameter/multi-region-infra/eu-west", "arn:aws:ssm:eu-west-1:123456789012:parameter/multi-region-infra/eu-west/*" },
            statements["ReadServiceParameters"].Resources);
        Assert.Equal(new[] { "arn:aws:kms:eu-west-1:123456789012:key/service-config-key-id" }, statements["DecryptServiceParameters"].Resources);
        Assert.Equal(new[] { "arn:aws:rds-db:us-east-1:123456789012:dbuser:db-PRIMARYRESOURCEID/app", "arn:aws:rds-db:eu-west-1:123456789012:dbuser:db-database-instance-resource/app" },
            statements["ConnectToDatabase"].Resources);
        Assert.Equal(new[] { "arn:aws:ecr:eu-west-1:123456789012:repository/multi-region-infra" }, statements["PullServiceImage"].Resources);
        Assert.Equal(new[] { "arn:aws:logs:eu-west-1:123456789012:log-group:/multi-region-infra/eu-west/service", "arn:aws:logs:eu-west-1:123456789012:log-group:/multi-region-infra/eu-west/service:log-stream:*" },
            statements["WriteServiceLogs"].Resources);
        Assert.Equal(new[] { "arn:aws:s3:::assets-bucket-bucket", "arn:aws:s3:::assets-bucket-bucket/*" }, statements["ReadAssets"].Resources);
        Assert.Equal(new[] { "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/stripe-AbCdEf" }, statements["ReadNamedSecrets"].Resources);
        Assert.Equal("/multi-region-infra/eu-west/service", run.Single("aws:cloudwatch/logGroup:LogGroup", "app-service-logs").Inputs["name"]);
        Assert.Equal(30.0, run.Single("aws:cloudwatch/logGroup:LogGroup", "app-service-logs").Inputs["retentionInDays"]);
    }

    [Fact]
    public async Task The_launch_template_runs_the_configured_image_from_the_regions_own_repository()
    {
        var run = await Replica(("app.image", Image), ("app.port", "9000"), ("app.environment", "[\"LOG_LEVEL=info\"]"),
            ("app.secrets", "[\"SIGNING=/team/api/signing\"]"), ("app.command", "[\"serve\"]"));
        var script = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)run.Single("aws:ec2/launchTemplate:LaunchTemplate", "app-launch-template").Inputs["userData"]));
        Assert.Contains("IMAGE=123456789012.dkr.ecr.eu-west-1.amazonaws.com/multi-region-infra:1.4.2\n", script);
        Assert.Contains("REGISTRY=123456789012.dkr.ecr.eu-west-1.amazonaws.com\n", script);
        Assert.Contains("\nLOG_LEVEL=info\nPORT=9000\n", script);
        Assert.Contains("SIGNING\tssm\teu-west-1\t/team/api/signing\n", script);
        Assert.Contains("<<'APP_COMMAND'\nserve\nAPP_COMMAND\n", script);
        Assert.Equal(9000.0, run.Single("aws:lb/targetGroup:TargetGroup", "app-tg").Inputs["port"]);
        Assert.Equal(9000.0, run.Single("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-instances-from-alb").Inputs["fromPort"]);
        Assert.Equal(Image, run.Outputs["image"]);
    }

    [Fact]
    public async Task Every_region_has_a_hardened_repository_protected_in_prod()
    {
        var run = await Replica();
        var repository = run.Single("aws:ecr/repository:Repository", "image-repository").Inputs;
        Assert.Equal("multi-region-infra", repository["name"]);
        Assert.Equal("IMMUTABLE", repository["imageTagMutability"]);
        Assert.Equal(true, Map(repository["imageScanningConfiguration"])["scanOnPush"]);
        Assert.Equal("KMS", Map(Assert.Single(List(repository["encryptionConfigurations"])))["encryptionType"]);
        Assert.Equal(false, repository["forceDelete"]);
        Assert.True(run.Graph.Single(r => r.Name == "image-repository").Options.Protect);
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com/multi-region-infra", await Pulumi.Utilities.OutputUtilities.GetValueAsync(run.OutputOf<string>("imageRepositoryUrl")));
    }

    [Fact]
    public async Task A_new_launch_template_rolls_out_by_instance_refresh_that_rolls_back_on_failure()
    {
        var run = await Primary();
        var group = run.Single("aws:autoscaling/group:Group", "app-asg").Inputs;
        var refresh = Map(group["instanceRefresh"]);
        Assert.Equal("Rolling", refresh["strategy"]);
        var preferences = Map(refresh["preferences"]);
        Assert.Equal(100.0, preferences["minHealthyPercentage"]);
        Assert.Equal(200.0, preferences["maxHealthyPercentage"]);
        Assert.Equal(true, preferences["autoRollback"]);
        Assert.Equal(true, preferences["skipMatching"]);
        Assert.Equal("120", preferences["instanceWarmup"]);
        // A numbered version: a refresh can roll back only to one.
        Assert.Equal("1", Map(group["launchTemplate"])["version"]);
        // The instances start once the parameters they read and the permission to read them exist.
        var dependsOn = run.Graph.Single(r => r.Name == "app-asg").Options.DependsOn;
        var names = (await Pulumi.Utilities.OutputUtilities.GetValueAsync(dependsOn.ToOutput())).Select(r => r.GetResourceName()).ToList();
        Assert.Contains("app-service-access", names);
        Assert.Contains("service-config-db-writer-endpoint", names);
        Assert.Equal(12, names.Count(n => n.StartsWith("service-config-", StringComparison.Ordinal)));
    }
}
