using MultiRegionInfra.Configuration;
using MultiRegionInfra.Monitoring;
using MultiRegionInfra.Naming;
using MultiRegionInfra.Tests.Support;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace MultiRegionInfra.Tests.Reliability;

/// <summary>Alarms that arrive: every alarm names a topic on a key of the program whose policy admits
/// CloudWatch, and a topic policy that lets CloudWatch publish for this account's alarms.</summary>
public class AlarmTopicTests
{
    private const string Alarm = "aws:cloudwatch/metricAlarm:MetricAlarm";
    private const string Topic = "aws:sns/topic:Topic";
    private const string Key = "aws:kms/key:Key";
    private const string CloudWatch = "cloudwatch.amazonaws.com";

    private static Task<AwsMocks.RunResult> RunGlobal(params (string Key, string Value)[] changes)
    {
        var config = GlobalMocks.Config();
        foreach (var (key, value) in changes)
            config[key] = value;
        return GlobalMocks.RunAsync(config);
    }

    [Fact]
    public async Task Every_alarm_notifies_a_topic_on_a_key_of_the_program_that_cloudwatch_may_use_and_publish_to()
    {
        var run = await RunGlobal();
        var alarms = run.OfType(Alarm);
        // The regional SLO alarms (six in the primary region, seven in the replica's) and a health alarm per region.
        Assert.Equal(15, alarms.Count);
        var topics = run.OfType(Topic);
        var keys = run.OfType(Key);
        Assert.Equal(3, topics.Count);
        foreach (var alarm in alarms)
        {
            var region = (string)alarm.Inputs["region"];
            var actions = InputValues.Strings(alarm.Inputs["alarmActions"]).Concat(InputValues.Strings(alarm.Inputs["okActions"])).Distinct().ToList();
            var action = Assert.Single(actions);
            // The ARN ends with the topic's explicit name; the topic is in the alarm's region and account.
            var topic = Assert.Single(topics, t => action == $"arn:aws:sns:{t.Inputs["region"]}:{AwsMocks.Account}:{t.Inputs["name"]}");
            Assert.Equal(region, topic.Inputs["region"]);

            var keyArn = Assert.IsType<string>(topic.Inputs["kmsMasterKeyId"]);
            Assert.DoesNotContain("alias/aws/", keyArn, StringComparison.Ordinal);
            var key = Assert.Single(keys, k => keyArn == $"arn:aws:kms:{k.Inputs["region"]}:{AwsMocks.Account}:key/{run.Mocks.IdOf(k)}");
            Assert.Equal(region, key.Inputs["region"]);
            Assert.Equal(true, key.Inputs["enableKeyRotation"]);

            var use = Assert.Single(InputValues.PolicyStatements(key.Inputs["policy"]), s => s.ServicePrincipals.Contains(CloudWatch));
            Assert.Equal("Allow", use.Effect);
            Assert.Equal(new[] { "kms:GenerateDataKey*", "kms:Decrypt" }, use.Actions);
            Assert.Equal(new[] { "*" }, use.Resources);
            Assert.Equal(new[] { AwsMocks.Account }, use.Condition("StringEquals", "aws:SourceAccount"));

            var publish = Assert.Single(InputValues.PolicyStatements(topic.Inputs["policy"]), s => s.ServicePrincipals.Contains(CloudWatch));
            Assert.Equal("Allow", publish.Effect);
            Assert.Equal(new[] { "sns:Publish" }, publish.Actions);
            Assert.Equal(new[] { action }, publish.Resources);
            Assert.Equal(new[] { AwsMocks.Account }, publish.Condition("StringEquals", "aws:SourceAccount"));
            var source = Assert.Single(publish.Condition("ArnLike", "aws:SourceArn"));
            Assert.Equal($"arn:aws:cloudwatch:{region}:{AwsMocks.Account}:alarm:*", source);
            Assert.StartsWith(source.TrimEnd('*'), $"arn:aws:cloudwatch:{region}:{AwsMocks.Account}:alarm:{alarm.Inputs["name"]}", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Each_alarm_topic_has_its_own_rotating_protected_key_with_an_alias_and_only_the_account_administers_it()
    {
        var run = await RunGlobal();
        var keys = run.OfType(Key);
        Assert.Equal(new[] { "eu-west-monitoring-alarms-key", "route53-alarms-key", "us-east-monitoring-alarms-key" }, keys.Select(k => k.Name!).Order());
        foreach (var key in keys)
        {
            Assert.Equal(30.0, key.Inputs["deletionWindowInDays"]);
            var tags = InputValues.Map(key.Inputs["tags"]);
            Assert.Equal($"multi-region-infra-global-{key.Name}", tags["Name"]);
            Assert.Equal("prod", tags["Environment"]);
            var statements = InputValues.PolicyStatements(key.Inputs["policy"]);
            // The account and CloudWatch; a region's topic also admits its Prometheus workspace's alert manager.
            Assert.Equal(key.Name == "route53-alarms-key" ? 2 : 3, statements.Count);
            var account = Assert.Single(statements, s => s.AwsPrincipals.Count > 0);
            Assert.Equal(new[] { $"arn:aws:iam::{AwsMocks.Account}:root" }, account.AwsPrincipals);
            Assert.Equal(new[] { "kms:*" }, account.Actions);
            // Prod keeps the key: without it the topic's messages cannot be read.
            Assert.True(run.Graph.Single(r => r.Type == Key && r.Name == key.Name).Options.Protect);
        }
        var alias = run.Single("aws:kms/alias:Alias", "route53-alarms-key-alias");
        Assert.Equal("alias/multi-region-infra-global-route53-alarms", alias.Inputs["name"]);
        Assert.Equal("route53-alarms-key-id", alias.Inputs["targetKeyId"]);
        Assert.Equal("us-east-1", alias.Inputs["region"]);
        Assert.Equal("eu-west-1", run.Single("aws:kms/alias:Alias", "eu-west-monitoring-alarms-key-alias").Inputs["region"]);
        Assert.Equal("multi-region-infra-eu-west-alarms", run.Single(Topic, "eu-west-monitoring-alarms").Inputs["name"]);
    }

    [Fact]
    public async Task The_topics_and_subscriptions_keep_their_urns_through_aliases_to_their_former_parents()
    {
        var run = await RunGlobal(("slo.notificationEmail", "oncall@example.com"));
        async Task<Resource?> FormerParent(string type, string name)
        {
            var recorded = run.Graph.Single(r => r.Type == type && r.Name == name);
            Assert.Equal("multiregion:monitoring:AlarmTopic", recorded.Parent!.GetResourceType());
            var alias = await OutputUtilities.GetValueAsync(Assert.Single(recorded.Options.Aliases).ToOutput());
            Assert.Null(alias.Name);
            Assert.Null(alias.Type);
            return alias.Parent;
        }
        // Their logical names are the ones they had before; only the parent moved under AlarmTopic.
        foreach (var (type, name) in new[] { (Topic, "us-east-monitoring-alarms"), ("aws:sns/topicSubscription:TopicSubscription", "us-east-monitoring-alarms-email") })
        {
            var parent = await FormerParent(type, name);
            Assert.Equal("multiregion:monitoring:RegionMonitoring", parent!.GetResourceType());
            Assert.Equal("us-east-monitoring", parent.GetResourceName());
        }
        foreach (var (type, name) in new[] { (Topic, "route53-alarms"), ("aws:sns/topicSubscription:TopicSubscription", "route53-alarms-email") })
        {
            var parent = await FormerParent(type, name);
            Assert.Equal("multiregion:stacks:GlobalStack", parent!.GetResourceType());
        }
        Assert.All(run.OfType("aws:sns/topicSubscription:TopicSubscription"), s =>
        {
            Assert.Equal("oncall@example.com", s.Inputs["endpoint"]);
            Assert.Equal("email", s.Inputs["protocol"]);
        });
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:multi-region-infra-global-route53-alarms",
            run.Single("aws:sns/topicSubscription:TopicSubscription", "route53-alarms-email").Inputs["topic"]);
    }

    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("eu-west-1", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    public async Task The_policies_name_the_partition_of_the_topics_region(string region, string partition)
    {
        var mocks = AwsMocks.ForRegion(region);
        await mocks.RunAsync(() => new AlarmTopic("alarms", new AlarmTopicArgs
        {
            Context = new StackContext("app", "dev", region, "ops", new Dictionary<string, string>()),
            Region = region,
            TopicName = "app-ops-alarms",
            AccountId = "210987654321",
        }));
        var key = InputValues.PolicyStatements(mocks.Single(Key, "alarms-key").Inputs["policy"]);
        Assert.Equal(new[] { $"arn:{partition}:iam::210987654321:root" }, key.Single(s => s.Sid == "Account").AwsPrincipals);
        var publish = Assert.Single(InputValues.PolicyStatements(mocks.Single(Topic, "alarms").Inputs["policy"]));
        Assert.Equal("PublishCloudwatch", publish.Sid);
        Assert.Equal(new[] { $"arn:{partition}:sns:{region}:210987654321:app-ops-alarms" }, publish.Resources);
        Assert.Equal(new[] { $"arn:{partition}:cloudwatch:{region}:210987654321:alarm:*" }, publish.Condition("ArnLike", "aws:SourceArn"));
        // Without an e-mail there is no subscription.
        Assert.Empty(mocks.OfType("aws:sns/topicSubscription:TopicSubscription"));
    }

    [Fact]
    public async Task Every_publisher_may_use_the_key_and_publish_for_this_account_and_the_component_registers_its_outputs()
    {
        var mocks = AwsMocks.ForRegion("eu-west-1");
        await mocks.RunAsync(() => new AlarmTopic("ops", new AlarmTopicArgs
        {
            Context = new StackContext("app", "prod", "eu-west-1", "ops", new Dictionary<string, string>()),
            Region = "eu-west-1",
            TopicName = "app-ops-events",
            AccountId = "210987654321",
            Publishers = new[] { CloudWatch, "events.amazonaws.com" },
        }));
        var key = InputValues.PolicyStatements(mocks.Single(Key, "ops-key").Inputs["policy"]);
        Assert.Equal(new[] { "Account", "UseCloudwatch", "UseEvents" }, key.Select(s => s.Sid));
        var events = key.Single(s => s.Sid == "UseEvents");
        Assert.Equal(new[] { "events.amazonaws.com" }, events.ServicePrincipals);
        Assert.Equal(new[] { "kms:GenerateDataKey*", "kms:Decrypt" }, events.Actions);
        Assert.Equal(new[] { "210987654321" }, events.Condition("StringEquals", "aws:SourceAccount"));
        var publish = InputValues.PolicyStatements(mocks.Single(Topic, "ops").Inputs["policy"]).Single(s => s.Sid == "PublishEvents");
        Assert.Equal(new[] { "210987654321" }, publish.Condition("StringEquals", "aws:SourceAccount"));
        // Only CloudWatch's publishing is narrowed to alarms.
        Assert.Empty(publish.Condition("ArnLike", "aws:SourceArn"));

        var outputs = Assert.Single(mocks.RegisteredOutputs, r => r.Urn.EndsWith("multiregion:monitoring:AlarmTopic::ops", StringComparison.Ordinal)).Outputs;
        Assert.Equal("arn:aws:sns:eu-west-1:123456789012:app-ops-events", await OutputUtilities.GetValueAsync(outputs["topicArn"]));
        Assert.Equal("app-ops-events", await OutputUtilities.GetValueAsync(outputs["topicName"]));
        Assert.Equal("arn:aws:kms:eu-west-1:123456789012:key/ops-key-id", await OutputUtilities.GetValueAsync(outputs["keyArn"]));
    }

    [Fact]
    public async Task A_topic_without_publishers_is_refused_naming_the_component()
    {
        var mocks = new PulumiMocks();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => mocks.RunAsync(() => new AlarmTopic("ops", new AlarmTopicArgs
        {
            Context = new StackContext("app", "prod", "eu-west-1", "ops", new Dictionary<string, string>()),
            Region = "eu-west-1",
            TopicName = "app-ops-alarms",
            AccountId = "210987654321",
            Publishers = Array.Empty<string>(),
        })));
        Assert.Contains("AlarmTopic 'ops': Publishers is []; it needs at least one AWS service principal, e.g. cloudwatch.amazonaws.com", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(mocks.OfType(Topic));
    }

    [Theory]
    [InlineData("cloudwatch.amazonaws.com", "PublishCloudwatch")]
    [InlineData("events.amazonaws.com", "PublishEvents")]
    [InlineData("aps-workspaces.amazonaws.com", "PublishApsworkspaces")]
    public void Statement_ids_come_from_the_service_principal(string service, string sid) =>
        Assert.Equal(sid, AlarmTopic.StatementId("Publish", service));

    [Theory]
    [InlineData(DatabaseEngine.Postgres, false, "DBInstanceIdentifier", null, 1, true)]
    [InlineData(DatabaseEngine.Postgres, true, "DBInstanceIdentifier", "ReplicaLag", 1, true)]
    // A global failover makes the primary's cluster a secondary without a deployment: it has the alarm too.
    [InlineData(DatabaseEngine.AuroraPostgresql, false, "DBClusterIdentifier", "AuroraGlobalDBReplicationLag", 1000, false)]
    [InlineData(DatabaseEngine.AuroraPostgresql, true, "DBClusterIdentifier", "AuroraGlobalDBReplicationLag", 1000, false)]
    public void A_database_is_alarmed_only_on_the_metrics_its_engine_and_role_report(DatabaseEngine engine, bool replica, string dimension, string? lag, int lagUnits, bool freeStorage) =>
        Assert.Equal(new DatabaseMetrics(dimension, lag, lagUnits, freeStorage), DatabaseMetrics.For(engine, replica));
}
