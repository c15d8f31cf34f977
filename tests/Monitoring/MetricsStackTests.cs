using System.Text;
using MultiRegionInfra.Monitoring;
using MultiRegionInfra.Tests.Support;
using Pulumi;
using Pulumi.Utilities;
using YamlDotNet.RepresentationModel;

namespace MultiRegionInfra.Tests.Monitoring;

/// <summary>The metrics path as the stacks register it: the regional workspace and its key, the
/// collector in the launch template, the instance role's one write permission, the exports the global
/// stack reads, and per workspace the rules and alert manager the global stack adds.</summary>
public class MetricsStackTests
{
    private const string Workspace = "aws:amp/workspace:Workspace";
    private const string Rules = "aws:amp/ruleGroupNamespace:RuleGroupNamespace";
    private const string AlertManager = "aws:amp/alertManagerDefinition:AlertManagerDefinition";
    private const string PrimaryWorkspaceArn = "arn:aws:aps:us-east-1:123456789012:workspace/ws-primary";
    private const string PrimaryEndpoint = "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-primary/";

    private static Task<AwsMocks.RunResult> Primary(params (string Key, string? Value)[] changes) =>
        AwsMocks.RunStackAsync("us-east", AwsMocks.PrimaryConfig().With(changes));

    /// <summary>A replica whose primary exports a workspace.</summary>
    private static Task<AwsMocks.RunResult> Replica(params (string Key, string? Value)[] changes) =>
        AwsMocks.RunStackAsync("eu-west", AwsMocks.ReplicaConfig().With(changes), AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(changes: new Dictionary<string, object>
        {
            ["metricsEnabled"] = true,
            ["metricsWorkspaceStack"] = "us-east",
            ["metricsWorkspaceId"] = "ws-primary",
            ["metricsWorkspaceArn"] = PrimaryWorkspaceArn,
            ["metricsWorkspaceRegion"] = "us-east-1",
            ["metricsKeyArn"] = "arn:aws:kms:us-east-1:123456789012:key/primary-metrics",
            ["metricsEndpoint"] = PrimaryEndpoint,
            ["metricsServiceScraped"] = true,
        }));

    private static string UserData(AwsMocks.RunResult run) =>
        Encoding.UTF8.GetString(Convert.FromBase64String((string)run.Single("aws:ec2/launchTemplate:LaunchTemplate", "app-launch-template").Inputs["userData"]));

    private static YamlMappingNode CollectorConfigOf(string script)
    {
        var start = script.IndexOf("<<'METRICS_CONFIG'\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "the boot script has no collector configuration");
        start = script.IndexOf('\n', start) + 1;
        var end = script.IndexOf("\nMETRICS_CONFIG\n", start - 1, StringComparison.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader(script[start..(end + 1)]));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string RemoteWriteOf(YamlMappingNode config, out string region)
    {
        var write = (YamlMappingNode)((YamlSequenceNode)config["remote_write"]).Children.Single();
        region = ((YamlScalarNode)((YamlMappingNode)write["sigv4"])["region"]).Value!;
        return ((YamlScalarNode)write["url"]).Value!;
    }

    private static IReadOnlyList<PolicyStatement> InstancePermissions(AwsMocks.RunResult run) =>
        InputValues.PolicyStatements(run.Single("aws:iam/rolePolicy:RolePolicy", "app-service-access").Inputs["policy"]);

    [Fact]
    public async Task A_region_holds_a_workspace_on_a_key_of_its_own_logging_to_its_log_group()
    {
        var run = await Primary();
        var workspace = run.Single(Workspace, "metrics-workspace");
        Assert.Equal("multi-region-infra-us-east", workspace.Inputs["alias"]);
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:key/metrics-key-id", workspace.Inputs["kmsKeyArn"]);
        Assert.Equal("arn:aws:logs:us-east-1:123456789012:log-group:metrics-logs:*", InputValues.Map(workspace.Inputs["loggingConfiguration"])["logGroupArn"]);
        Assert.Equal("prod", InputValues.Map(workspace.Inputs["tags"])["Environment"]);
        Assert.True(run.Graph.Single(r => r.Type == Workspace).Options.Protect);

        var key = run.Single("aws:kms/key:Key", "metrics-key");
        Assert.Equal(true, key.Inputs["enableKeyRotation"]);
        var statement = Assert.Single(InputValues.PolicyStatements(key.Inputs["policy"]));
        Assert.Equal(new[] { "arn:aws:iam::123456789012:root" }, statement.AwsPrincipals);
        Assert.Empty(statement.ServicePrincipals);
        Assert.True(run.Graph.Single(r => r.Type == "aws:kms/key:Key" && r.Name == "metrics-key").Options.Protect);
        Assert.Equal("alias/multi-region-infra-us-east-metrics", run.Single("aws:kms/alias:Alias", "metrics-key-alias").Inputs["name"]);

        var logs = run.Single("aws:cloudwatch/logGroup:LogGroup", "metrics-logs");
        Assert.Equal("/aws/vendedlogs/prometheus/multi-region-infra-us-east", logs.Inputs["name"]);
        Assert.Equal(30.0, logs.Inputs["retentionInDays"]);
        Assert.Equal("multiregion:monitoring:MetricsWorkspace", run.Graph.Single(r => r.Type == Workspace).Parent!.GetResourceType());
    }

    [Fact]
    public async Task The_instances_remote_write_to_their_workspace_and_may_write_nowhere_else()
    {
        var run = await Primary(("app.metricsPath", "/metrics"), ("metrics.scrapeIntervalSeconds", "20"));
        var config = CollectorConfigOf(UserData(run));
        Assert.Equal("https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-metrics-workspace/api/v1/remote_write", RemoteWriteOf(config, out var region));
        Assert.Equal("us-east-1", region);
        Assert.Equal("20s", ((YamlScalarNode)((YamlMappingNode)config["global"])["scrape_interval"]).Value);
        Assert.Equal(new[] { "node", "service" }, ((YamlSequenceNode)config["scrape_configs"]).Children.Select(j => ((YamlScalarNode)((YamlMappingNode)j)["job_name"]).Value));

        var statements = InstancePermissions(run);
        var write = Assert.Single(statements, s => s.Actions.Any(a => a.StartsWith("aps:", StringComparison.Ordinal)));
        Assert.Equal("WriteMetrics", write.Sid);
        Assert.Equal(new[] { "aps:RemoteWrite" }, write.Actions);
        Assert.Equal(new[] { "arn:aws:aps:us-east-1:123456789012:workspace/ws-metrics-workspace" }, write.Resources);
        var key = Assert.Single(statements, s => s.Sid == "EncryptMetrics");
        Assert.Equal(new[] { "arn:aws:kms:us-east-1:123456789012:key/metrics-key-id" }, key.Resources);
        Assert.Equal(new[] { "aps.us-east-1.amazonaws.com" }, key.Condition("StringEquals", "kms:ViaService"));
    }

    [Fact]
    public async Task The_region_exports_its_workspace_through_the_contract()
    {
        var run = await Primary(("app.metricsPath", "/metrics"));
        Assert.Equal(true, run.Outputs["metricsEnabled"]);
        Assert.Equal("us-east", run.Outputs["metricsWorkspaceStack"]);
        Assert.Equal("metrics-workspace-id", await OutputUtilities.GetValueAsync((Output<string>)run.Outputs["metricsWorkspaceId"]!));
        Assert.Equal("arn:aws:aps:us-east-1:123456789012:workspace/ws-metrics-workspace", await OutputUtilities.GetValueAsync((Output<string>)run.Outputs["metricsWorkspaceArn"]!));
        Assert.Equal("us-east-1", await OutputUtilities.GetValueAsync((Output<string>)run.Outputs["metricsWorkspaceRegion"]!));
        Assert.Equal("https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-metrics-workspace/", await OutputUtilities.GetValueAsync((Output<string>)run.Outputs["metricsEndpoint"]!));
        Assert.Equal(true, run.Outputs["metricsServiceScraped"]);
    }

    [Fact]
    public async Task A_replica_writing_to_its_primarys_workspace_holds_none_and_signs_for_the_primarys_region()
    {
        var run = await Replica(("metrics.workspace", "primary"));
        Assert.Empty(run.OfType(Workspace));
        var config = CollectorConfigOf(UserData(run));
        Assert.Equal(PrimaryEndpoint + "api/v1/remote_write", RemoteWriteOf(config, out var region));
        Assert.Equal("us-east-1", region);
        // Its own series keep its region, so the primary's rules tell the regions apart.
        Assert.Equal("eu-west-1", ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)config["global"])["external_labels"])["region"]).Value);

        var statements = InstancePermissions(run);
        Assert.Equal(new[] { PrimaryWorkspaceArn }, Assert.Single(statements, s => s.Sid == "WriteMetrics").Resources);
        var key = Assert.Single(statements, s => s.Sid == "EncryptMetrics");
        Assert.Equal(new[] { "arn:aws:kms:us-east-1:123456789012:key/primary-metrics" }, key.Resources);
        Assert.Equal(new[] { "aps.us-east-1.amazonaws.com" }, key.Condition("StringEquals", "kms:ViaService"));
        Assert.Equal("us-east", run.Outputs["metricsWorkspaceStack"]);
        Assert.Equal(PrimaryWorkspaceArn, await OutputUtilities.GetValueAsync((Output<string>)run.Outputs["metricsWorkspaceArn"]!));
    }

    [Fact]
    public async Task Without_metrics_there_is_no_workspace_collector_or_permission()
    {
        var run = await Primary(("metrics.enabled", "false"));
        Assert.Empty(run.OfType(Workspace));
        Assert.DoesNotContain("METRICS_AGENT", UserData(run));
        Assert.DoesNotContain(InstancePermissions(run), s => s.Actions.Any(a => a.StartsWith("aps:", StringComparison.Ordinal)));
        Assert.Equal(false, run.Outputs["metricsEnabled"]);
        Assert.False(run.Outputs.ContainsKey("metricsWorkspaceArn"));
    }

    private static Dictionary<string, object> RegionOutputs(string stack, params (string Key, object Value)[] changes)
    {
        var outputs = GlobalMocks.Outputs(stack);
        foreach (var (key, value) in changes)
            outputs[key] = value;
        return outputs;
    }

    private static Task<AwsMocks.RunResult> Global(Dictionary<string, object> usEast, Dictionary<string, object> euWest)
    {
        var mocks = GlobalMocks.Mocks()
            .WithStackOutputs($"{AwsMocks.Organization}/{AwsMocks.Project}/us-east", usEast)
            .WithStackOutputs($"{AwsMocks.Organization}/{AwsMocks.Project}/eu-west", euWest);
        return GlobalMocks.RunAsync(mocks: mocks);
    }

    private static YamlMappingNode Yaml(object? text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Assert.IsType<string>(text)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [Fact]
    public async Task Each_workspace_gets_the_slos_rules_and_an_alert_manager_notifying_its_regions_topic()
    {
        var run = await GlobalMocks.RunAsync(GlobalMocks.Config().With(("slo.availabilityPercent", "99.5")));
        foreach (var (stack, region) in new[] { ("us-east", "us-east-1"), ("eu-west", "eu-west-1") })
        {
            var rules = run.Single(Rules, $"{stack}-metrics-alerting-rules");
            Assert.Equal(GlobalMocks.MetricsWorkspaceId(stack), rules.Inputs["workspaceId"]);
            Assert.Equal(region, rules.Inputs["region"]);
            Assert.Equal("multi-region-infra-rules", rules.Inputs["name"]);
            var groups = ((YamlSequenceNode)Yaml(rules.Inputs["data"])["groups"]).Children.Cast<YamlMappingNode>().ToList();
            Assert.Equal(new[] { "slo-recording", "slo-alerts", "host-alerts" }, groups.Select(g => ((YamlScalarNode)g["name"]).Value));
            // The budget of 99.5 % availability.
            Assert.Contains(((YamlSequenceNode)groups[0]["rules"]).Children.Cast<YamlMappingNode>(),
                r => ((YamlScalarNode)r["record"]).Value == "slo:error_budget_burn:rate1h" && ((YamlScalarNode)r["expr"]).Value == "slo:request_errors:ratio_rate1h / 0.005");

            var manager = run.Single(AlertManager, $"{stack}-metrics-alerting-alert-manager");
            Assert.Equal(GlobalMocks.MetricsWorkspaceId(stack), manager.Inputs["workspaceId"]);
            Assert.Equal(region, manager.Inputs["region"]);
            var configuration = Yaml(((YamlScalarNode)Yaml(manager.Inputs["definition"])["alertmanager_config"]).Value);
            var sns = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)configuration["receivers"]).Children.Single())["sns_configs"]).Children.Single();
            Assert.Equal($"arn:aws:sns:{region}:123456789012:multi-region-infra-{stack}-alarms", ((YamlScalarNode)sns["topic_arn"]).Value);
            Assert.Equal(region, ((YamlScalarNode)((YamlMappingNode)sns["sigv4"])["region"]).Value);

            // The topic and its key admit Prometheus's alert managers of this account and region.
            var topic = InputValues.PolicyStatements(run.Single("aws:sns/topic:Topic", $"{stack}-monitoring-alarms").Inputs["policy"]);
            var publish = Assert.Single(topic, s => s.ServicePrincipals.SequenceEqual(new[] { AlarmTopicArgs.Prometheus }));
            Assert.Equal(new[] { "sns:Publish", "sns:GetTopicAttributes" }, publish.Actions);
            Assert.Equal(new[] { $"arn:aws:aps:{region}:123456789012:workspace/*" }, publish.Condition("ArnLike", "aws:SourceArn"));
            Assert.Equal(new[] { "123456789012" }, publish.Condition("StringEquals", "aws:SourceAccount"));
            var key = InputValues.PolicyStatements(run.Single("aws:kms/key:Key", $"{stack}-monitoring-alarms-key").Inputs["policy"]);
            var use = Assert.Single(key, s => s.ServicePrincipals.SequenceEqual(new[] { AlarmTopicArgs.Prometheus }));
            Assert.Equal(new[] { "kms:GenerateDataKey*", "kms:Decrypt" }, use.Actions);
            Assert.Equal(new[] { $"arn:aws:sns:{region}:123456789012:multi-region-infra-{stack}-alarms" }, use.Condition("StringEquals", "kms:EncryptionContext:aws:sns:topicArn"));
        }
        // The Route 53 alarms' topic in us-east-1 has no alert manager: it admits CloudWatch only.
        var route53 = InputValues.PolicyStatements(run.Single("aws:sns/topic:Topic", "route53-alarms").Inputs["policy"]);
        Assert.DoesNotContain(route53, s => s.ServicePrincipals.Contains(AlarmTopicArgs.Prometheus));
        Assert.Equal(new[] { "eu-west=ws-eu-west", "us-east=ws-us-east" },
            await OutputUtilities.GetValueAsync((Output<System.Collections.Immutable.ImmutableArray<string>>)run.Outputs["metricsWorkspaces"]!));
    }

    [Fact]
    public async Task One_shared_workspace_gets_one_set_of_rules_in_the_primarys_region()
    {
        var run = await Global(RegionOutputs("us-east", ("metricsServiceScraped", false)), RegionOutputs("eu-west",
            ("metricsWorkspaceStack", "us-east"), ("metricsWorkspaceId", GlobalMocks.MetricsWorkspaceId("us-east")), ("metricsWorkspaceRegion", "us-east-1")));
        var rules = Assert.Single(run.OfType(Rules));
        Assert.Equal("us-east-metrics-alerting-rules", rules.Name);
        Assert.Equal("us-east-1", rules.Inputs["region"]);
        // eu-west scrapes the service, so the shared workspace has the SLO's rules.
        Assert.Contains("slo-alerts", (string)rules.Inputs["data"]);
        Assert.Equal("us-east-1", Assert.Single(run.OfType(AlertManager)).Inputs["region"]);
        var euTopic = InputValues.PolicyStatements(run.Single("aws:sns/topic:Topic", "eu-west-monitoring-alarms").Inputs["policy"]);
        Assert.DoesNotContain(euTopic, s => s.ServicePrincipals.Contains(AlarmTopicArgs.Prometheus));
    }

    [Fact]
    public async Task Regions_without_the_services_metrics_get_host_rules_and_regions_without_metrics_none()
    {
        var run = await Global(RegionOutputs("us-east", ("metricsServiceScraped", false)), RegionOutputs("eu-west", ("metricsEnabled", false)));
        var rules = Assert.Single(run.OfType(Rules));
        Assert.Equal("us-east-metrics-alerting-rules", rules.Name);
        var groups = ((YamlSequenceNode)Yaml(rules.Inputs["data"])["groups"]).Children.Cast<YamlMappingNode>();
        Assert.Equal("host-alerts", ((YamlScalarNode)Assert.Single(groups)["name"]).Value);
        Assert.Single(run.OfType(AlertManager));
        var euKey = InputValues.PolicyStatements(run.Single("aws:kms/key:Key", "eu-west-monitoring-alarms-key").Inputs["policy"]);
        Assert.Equal(2, euKey.Count);
    }

    [Fact]
    public async Task The_rules_read_the_global_stacks_histogram_and_status_label()
    {
        var run = await GlobalMocks.RunAsync(GlobalMocks.Config().With(("metrics.requestHistogram", "api_latency_seconds"), ("metrics.statusLabel", "status")));
        var data = (string)run.Single(Rules, "us-east-metrics-alerting-rules").Inputs["data"];
        Assert.Contains("rate(api_latency_seconds_count{status=~\"5..\"}[5m])", data);
        Assert.Contains("histogram_quantile(0.99, sum by (region, le) (rate(api_latency_seconds_bucket[5m])))", data);
    }
}
