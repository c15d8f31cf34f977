using MultiRegionInfra.Configuration;
using MultiRegionInfra.Costs;
using MultiRegionInfra.Policies;
using MultiRegionInfra.Tests.Policies;
using MultiRegionInfra.Tests.Support;
using Pulumi;

namespace MultiRegionInfra.Tests.Monitoring;

/// <summary>What the metrics cost, what the cross-stack checks say of a shared workspace, and what the
/// policy rules say of workspaces, remote-write grants and alert managers.</summary>
public class MetricsChecksTests
{
    private const string P = "multi-region-infra";

    private static RegionalSettings Regional(Dictionary<string, string> config, string stack)
    {
        var region = config["aws:region"];
        config.Remove("aws:region");
        return RegionalSettings.Read(new ConfigReader(P, config), stack, region)!;
    }

    [Theory]
    [InlineData(2, 1000, 30, 175_200_000)]
    [InlineData(6, 1500, 15, 1_576_800_000)]
    [InlineData(1, 500, 60, 21_900_000)]
    public void Samples_are_instances_times_series_times_scrapes(int instances, int series, int interval, long samples) =>
        Assert.Equal(samples, CostModel.PrometheusSamplesPerMonth(instances, series, interval));

    [Theory]
    [InlineData(175_200_000, 1.609)]
    [InlineData(87_600_000, 0.805)]
    [InlineData(0, 0)]
    public void Storage_is_the_retention_periods_samples_at_two_bytes(long samplesPerMonth, double gb) =>
        Assert.Equal((decimal)gb, CostModel.PrometheusStoredGb(samplesPerMonth));

    [Fact]
    public void A_region_pays_for_its_samples_their_storage_its_workspaces_queries_and_key()
    {
        var cost = CostModel.Regional(Regional(AwsMocks.PrimaryConfig(), "us-east"), CostSettings.Defaults, instances: 2);
        CostLine Line(string prefix) => cost.Lines.Single(l => l.Item.StartsWith(prefix, StringComparison.Ordinal));
        var samples = Line("Prometheus samples ingested");
        Assert.Equal("Prometheus samples ingested (2 × 1000 series every 30 s)", samples.Item);
        Assert.Equal(17.52m, samples.Quantity);                      // 175.2 M samples in 10 M units
        Assert.Equal(15.77m, samples.MonthlyUsd);                    // × $0.90
        Assert.Equal(PriceCheck.Unverified, samples.Price.Check);
        Assert.Equal("https://aws.amazon.com/prometheus/pricing/", samples.Price.Source);
        Assert.Equal(0.05m, Line("Prometheus storage (150 days of those samples)").MonthlyUsd);    // 1.609 GB × $0.03
        Assert.Equal(1.00m, Line("Prometheus query samples processed").MonthlyUsd);                 // 10 B × $0.10 a billion
        Assert.Equal(5.00m, Line("KMS keys (database, service parameters, metrics workspace, asset bucket, origin secret)").MonthlyUsd);
    }

    [Fact]
    public void A_replica_writing_to_its_primarys_workspace_pays_for_its_samples_there_and_no_workspace()
    {
        var primary = Regional(AwsMocks.PrimaryConfig(), "us-east");
        var replica = Regional(AwsMocks.ReplicaConfig().With(("metrics.workspace", "primary"), ("metrics.scrapeIntervalSeconds", "60")), "eu-west");
        Assert.Equal("us-east-1", CostModel.MetricsWorkspaceRegion(replica, new[] { primary, replica }));
        var cost = CostModel.Regional(replica, CostSettings.Defaults with { MetricSeriesPerInstance = 2000 }, 3, CostModel.MetricsWorkspaceRegion(replica, new[] { primary }));
        var samples = Assert.Single(cost.Lines, l => l.Item.StartsWith("Prometheus samples ingested", StringComparison.Ordinal));
        Assert.Equal("Prometheus samples ingested (3 × 2000 series every 60 s, into the workspace in us-east-1)", samples.Item);
        Assert.Equal(26.28m, samples.Quantity);                      // 3 × 2000 × 43 800
        Assert.DoesNotContain(cost.Lines, l => l.Item.StartsWith("Prometheus query samples", StringComparison.Ordinal));
        Assert.Contains(cost.Lines, l => l.Item == "KMS keys (database, service parameters, asset bucket, origin secret)" && l.Quantity == 4);
    }

    [Fact]
    public void Without_metrics_there_is_no_metrics_cost()
    {
        var cost = CostModel.Regional(Regional(AwsMocks.PrimaryConfig().With(("metrics.enabled", "false")), "us-east"), CostSettings.Defaults, 2);
        Assert.DoesNotContain(cost.Lines, l => l.Item.StartsWith("Prometheus", StringComparison.Ordinal));
        Assert.Contains(cost.Lines, l => l.Item == "KMS keys (database, service parameters, asset bucket, origin secret)");
    }

    private static ConfigSource Stack(string region, string cidr, params (string Key, string Value)[] values)
    {
        var config = new Dictionary<string, string> { ["aws:region"] = region, [$"{P}:stackKind"] = "regional", [$"{P}:vpcCidr"] = cidr };
        foreach (var (key, value) in values)
            config[$"{P}:{key}"] = value;
        return new ConfigSource(config);
    }

    [Fact]
    public void A_shared_workspace_needs_the_primary_to_have_one()
    {
        var errors = CrossStackValidation.Validate(P, new Dictionary<string, ConfigSource>
        {
            ["us-east"] = Stack("us-east-1", "10.10.0.0/16", ("role", "primary"), ("metrics.enabled", "false")),
            ["eu-west"] = Stack("eu-west-1", "10.20.0.0/16", ("role", "replica"), ("primaryStack", "us-east"), ("metrics.workspace", "primary")),
        });
        Assert.Equal("eu-west and us-east: multi-region-infra:metrics.workspace is 'primary' in eu-west, but us-east has multi-region-infra:metrics.enabled false, " +
            "so it has no workspace to write to; allowed: metrics.enabled true in us-east, or metrics.workspace regional in eu-west", Assert.Single(errors));
    }

    [Fact]
    public void A_shared_workspace_must_lie_where_the_replicas_data_may()
    {
        var errors = CrossStackValidation.Validate(P, new Dictionary<string, ConfigSource>
        {
            ["us-east"] = Stack("us-east-1", "10.10.0.0/16", ("role", "primary")),
            ["eu-west"] = Stack("eu-west-1", "10.20.0.0/16", ("role", "replica"), ("primaryStack", "us-east"), ("metrics.workspace", "primary"), ("dataResidency", "[\"eu\"]")),
        });
        Assert.Contains("eu-west and us-east: multi-region-infra:dataResidency of eu-west (eu) forbids sending its metrics to us-east's workspace in us-east-1 " +
            "(multi-region-infra:metrics.workspace primary); allowed: metrics.workspace regional in eu-west", errors);
        // Its own workspace is fine.
        var own = CrossStackValidation.Validate(P, new Dictionary<string, ConfigSource>
        {
            ["us-east"] = Stack("us-east-1", "10.10.0.0/16", ("role", "primary"), ("dataResidency", "[\"us\", \"eu\"]")),
            ["eu-west"] = Stack("eu-west-1", "10.20.0.0/16", ("role", "replica"), ("primaryStack", "us-east"), ("dataResidency", "[\"eu\", \"us\"]")),
        });
        Assert.Empty(own);
    }

    [Fact]
    public async Task A_replica_sharing_a_workspace_its_primary_lacks_stops_before_registering_anything()
    {
        // The primary's outputs have no metrics (metrics.enabled false there, or a stack older than the metrics).
        var mocks = AwsMocks.ForRegion("eu-west-1").WithPrimaryStack();
        var thrown = await Assert.ThrowsAsync<RunException>(() => AwsMocks.RunStackAsync("eu-west", AwsMocks.ReplicaConfig().With(("metrics.workspace", "primary")), mocks));
        Assert.Contains("eu-west and us-east: multi-region-infra:metrics.workspace is 'primary' in eu-west, but us-east has multi-region-infra:metrics.enabled false", thrown.Message);
        Assert.Equal(new[] { "pulumi:pulumi:StackReference" }, mocks.Resources.Select(r => r.Type).Distinct());
    }

    private static async Task<Violation> ViolationOf(string ruleId)
    {
        var report = PolicyEvaluator.Evaluate(await PolicyScenarios.Failing[ruleId].RunAsync(), Array.Empty<PolicyWaiver>());
        return Assert.Single(report.Violations);
    }

    [Fact]
    public async Task A_workspace_on_awss_own_key_is_refused()
    {
        var violation = await ViolationOf("MRI-APS-01");
        Assert.Equal("aws:amp/workspace:Workspace 'metrics-workspace': kmsKeyArn is unset: the workspace is on an AWS owned key, which cannot be audited or revoked (and a workspace never changes its key)",
            violation.Message);
    }

    [Fact]
    public async Task A_workspace_on_a_key_of_another_stack_is_refused()
    {
        var scenario = PolicyScenarios.Primary with
        {
            Changes = new[] { PolicyScenarios.Change<Pulumi.Aws.Amp.WorkspaceArgs>("metrics-workspace", a => a.KmsKeyArn = "arn:aws:kms:us-east-1:123456789012:key/elsewhere") },
        };
        var violation = Assert.Single(PolicyEvaluator.Evaluate(await scenario.RunAsync(), Array.Empty<PolicyWaiver>()).Violations);
        Assert.Equal("aws:amp/workspace:Workspace 'metrics-workspace': kmsKeyArn is 'arn:aws:kms:us-east-1:123456789012:key/elsewhere', a key this stack does not create, so its rotation and policy cannot be checked",
            violation.Message);
    }

    [Fact]
    public async Task A_grant_beyond_remote_write_to_one_workspace_is_refused_with_every_problem()
    {
        var violation = await ViolationOf("MRI-APS-02");
        Assert.Equal("aws:iam/rolePolicy:RolePolicy 'app-service-access': policy statement 'WriteMetrics' allows 'aps:QueryMetrics'; allowed: aps:RemoteWrite only; " +
            "statement 'WriteMetrics' lets it remote-write to '*'; allowed: the ARN of one workspace (arn:aws:aps:<region>:<account>:workspace/ws-...), no wildcard", violation.Message);
    }

    [Fact]
    public async Task A_replica_writing_to_its_primarys_workspace_passes_every_rule()
    {
        var scenario = PolicyScenarios.Replica with { Config = () => AwsMocks.ReplicaConfig().With(("metrics.workspace", "primary")) };
        var mocks = AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(changes: new Dictionary<string, object>
        {
            ["metricsEnabled"] = true,
            ["metricsWorkspaceStack"] = "us-east",
            ["metricsWorkspaceId"] = "ws-primary",
            ["metricsWorkspaceArn"] = "arn:aws:aps:us-east-1:123456789012:workspace/ws-primary",
            ["metricsWorkspaceRegion"] = "us-east-1",
            ["metricsKeyArn"] = "arn:aws:kms:us-east-1:123456789012:key/primary-metrics",
            ["metricsEndpoint"] = "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-primary/",
        });
        var run = await AwsMocks.RunStackAsync("eu-west", scenario.Config(), mocks);
        Assert.Empty(PolicyEvaluator.Evaluate(run.PolicyStack("eu-west", "eu-west-1", true), Array.Empty<PolicyWaiver>()).Violations);
    }

    [Fact]
    public async Task An_alert_manager_whose_topic_key_does_not_admit_prometheus_is_refused()
    {
        var violation = await ViolationOf("MRI-APS-03");
        Assert.Equal("aws:amp/alertManagerDefinition:AlertManagerDefinition 'us-east-metrics-alerting-alert-manager': definition names topic 'multi-region-infra-us-east-alarms', " +
            "whose key 'us-east-monitoring-alarms-key' does not let aps.amazonaws.com call kms:GenerateDataKey and kms:Decrypt: its alerts never arrive", violation.Message);
    }

    [Fact]
    public async Task An_alert_manager_without_a_signing_region_or_with_another_stacks_topic_is_refused()
    {
        const string Definition = "alertmanager_config: |\n  route:\n    receiver: r\n  receivers:\n  - name: r\n    sns_configs:\n" +
            "    - topic_arn: arn:aws:sns:us-east-1:123456789012:multi-region-infra-us-east-alarms\n    - topic_arn: arn:aws:sns:us-east-1:123456789012:someone-elses\n      sigv4:\n        region: us-east-1\n";
        var scenario = PolicyScenarios.Global with
        {
            Changes = new[] { PolicyScenarios.Change<Pulumi.Aws.Amp.AlertManagerDefinitionArgs>("us-east-metrics-alerting-alert-manager", a => a.Definition = Definition) },
        };
        var violation = Assert.Single(PolicyEvaluator.Evaluate(await scenario.RunAsync(), Array.Empty<PolicyWaiver>()).Violations);
        Assert.Equal("aws:amp/alertManagerDefinition:AlertManagerDefinition 'us-east-metrics-alerting-alert-manager': definition sends to 'arn:aws:sns:us-east-1:123456789012:multi-region-infra-us-east-alarms' without a sigv4 region; " +
            "names topic 'someone-elses', which this stack does not create under that name, so its key cannot be checked: its alerts never arrive", violation.Message);
    }
}
