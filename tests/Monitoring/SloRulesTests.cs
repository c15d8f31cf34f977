using MultiRegionInfra.Configuration;
using MultiRegionInfra.Monitoring;
using MultiRegionInfra.Reliability;
using YamlDotNet.RepresentationModel;

namespace MultiRegionInfra.Tests.Monitoring;

/// <summary>The Prometheus rules derived from the SLO: thresholds and windows as tables, the rule file and
/// the alert manager definition read back as YAML.</summary>
public class SloRulesTests
{
    private static SloSettings Slo(double availability = 99.9, int p99 = 500) => new(availability, 300, 60, p99, null, 90, 600, 5, 1);

    [Theory]
    [InlineData(99.9, 0.001)]
    [InlineData(99.95, 0.0005)]
    [InlineData(99.0, 0.01)]
    [InlineData(99.999, 0.00001)]
    [InlineData(90.0, 0.1)]
    public void The_error_budget_is_what_availability_leaves(double availability, double budget) =>
        Assert.Equal(budget, SloRules.ErrorBudget(Slo(availability)));

    [Theory]
    [InlineData(99.9, "SloErrorBudgetFastBurn", 0.0144)]
    [InlineData(99.9, "SloErrorBudgetSlowBurn", 0.006)]
    [InlineData(99.0, "SloErrorBudgetFastBurn", 0.144)]
    [InlineData(99.99, "SloErrorBudgetSlowBurn", 0.0006)]
    public void A_burn_rate_alert_fires_at_its_factor_times_the_budget(double availability, string alert, double ratio) =>
        Assert.Equal(ratio, SloRules.ErrorRatioThreshold(Slo(availability), SloRules.BurnRateAlerts.Single(a => a.Name == alert)));

    [Theory]
    [InlineData("SloErrorBudgetFastBurn", "page", "1h", "5m", 14.4, 2.0, "50h")]
    [InlineData("SloErrorBudgetSlowBurn", "ticket", "6h", "30m", 6.0, 5.0, "5d")]
    public void The_two_windows_are_the_sre_workbooks(string name, string severity, string longWindow, string shortWindow, double factor, double budgetSpentPercent, string exhaustion)
    {
        var alert = SloRules.BurnRateAlerts.Single(a => a.Name == name);
        Assert.Equal(severity, alert.Severity);
        Assert.Equal(longWindow, SloRules.Duration(alert.LongWindow));
        Assert.Equal(shortWindow, SloRules.Duration(alert.ShortWindow));
        Assert.Equal(factor, alert.Factor);
        // The short window is a twelfth of the long one.
        Assert.Equal(alert.LongWindow / 12, alert.ShortWindow);
        Assert.Equal(budgetSpentPercent, SloRules.BudgetSpentPercent(alert));
        Assert.Equal(exhaustion, SloRules.Duration(SloRules.TimeToExhaustion(alert)));
    }

    [Theory]
    [InlineData(300, "5m")]
    [InlineData(1800, "30m")]
    [InlineData(3600, "1h")]
    [InlineData(21600, "6h")]
    [InlineData(2592000, "30d")]
    [InlineData(90, "90s")]
    public void Durations_are_written_as_promql_writes_them(int seconds, string duration) =>
        Assert.Equal(duration, SloRules.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void A_duration_is_positive()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SloRules.Duration(TimeSpan.Zero));
        Assert.Contains("a PromQL duration is positive", error.Message);
    }

    [Fact]
    public void The_windows_are_those_of_the_alerts_shortest_first() =>
        Assert.Equal(new[] { "5m", "30m", "1h", "6h" }, SloRules.Windows.Select(SloRules.Duration));

    [Theory]
    [InlineData("http_request_duration_seconds", "code", "5m",
        "(sum by (region) (rate(http_request_duration_seconds_count{code=~\"5..\"}[5m])) or sum by (region) (rate(http_request_duration_seconds_count[5m])) * 0) / sum by (region) (rate(http_request_duration_seconds_count[5m]))")]
    [InlineData("http_server_requests_seconds", "status", "6h",
        "(sum by (region) (rate(http_server_requests_seconds_count{status=~\"5..\"}[6h])) or sum by (region) (rate(http_server_requests_seconds_count[6h])) * 0) / sum by (region) (rate(http_server_requests_seconds_count[6h]))")]
    public void The_error_ratio_reads_the_histograms_count_by_status(string histogram, string label, string window, string expression)
    {
        var span = SloRules.Windows.Single(w => SloRules.Duration(w) == window);
        Assert.Equal(expression, SloRules.ErrorRatioExpression(new ServiceMetricNames(histogram, label), span));
    }

    [Theory]
    [InlineData(500, "slo:request_duration_seconds:p99_rate5m > 0.5")]
    [InlineData(250, "slo:request_duration_seconds:p99_rate5m > 0.25")]
    [InlineData(1200, "slo:request_duration_seconds:p99_rate5m > 1.2")]
    public void The_latency_alert_holds_the_p99_objective_in_seconds(int p99Ms, string expression) =>
        Assert.Equal(expression, SloRules.LatencyAlertExpression(Slo(p99: p99Ms)));

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)]).Value!;

    private static IEnumerable<YamlNode> Items(YamlNode node, string key) => ((YamlSequenceNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)]).Children;

    [Fact]
    public void The_rule_file_records_each_window_and_alerts_on_the_slo()
    {
        var file = Load(SloRules.RuleFile(Slo(99.95, 300), ServiceMetricNames.Defaults, serviceScraped: true));
        var groups = Items(file, "groups").ToDictionary(g => Scalar(g, "name"));
        Assert.Equal(new[] { "slo-recording", "slo-alerts", "host-alerts" }, groups.Keys);
        Assert.All(groups.Values, g => Assert.Equal("1m", Scalar(g, "interval")));

        var records = Items(groups["slo-recording"], "rules").ToDictionary(r => Scalar(r, "record"), r => Scalar(r, "expr"));
        Assert.Equal(13, records.Count);
        Assert.Equal(SloRules.ErrorRatioExpression(ServiceMetricNames.Defaults, TimeSpan.FromHours(1)), records["slo:request_errors:ratio_rate1h"]);
        Assert.Equal("1 - slo:request_errors:ratio_rate30m", records["slo:availability:ratio_rate30m"]);
        // The burn rate divides by the budget of 99.95 %.
        Assert.Equal("slo:request_errors:ratio_rate6h / 0.0005", records["slo:error_budget_burn:rate6h"]);
        Assert.Equal("slo:request_errors:ratio_rate5m / 0.0005", records["slo:error_budget_burn:rate5m"]);
        Assert.Equal("histogram_quantile(0.99, sum by (region, le) (rate(http_request_duration_seconds_bucket[5m])))", records["slo:request_duration_seconds:p99_rate5m"]);

        var alerts = Items(groups["slo-alerts"], "rules").ToDictionary(r => Scalar(r, "alert"));
        Assert.Equal("slo:error_budget_burn:rate1h > 14.4 and slo:error_budget_burn:rate5m > 14.4", Scalar(alerts["SloErrorBudgetFastBurn"], "expr"));
        Assert.Equal("slo:error_budget_burn:rate6h > 6 and slo:error_budget_burn:rate30m > 6", Scalar(alerts["SloErrorBudgetSlowBurn"], "expr"));
        Assert.Equal("page", Scalar(alerts["SloErrorBudgetFastBurn"]["labels"], "severity"));
        Assert.Equal("ticket", Scalar(alerts["SloErrorBudgetSlowBurn"]["labels"], "severity"));
        // Burn-rate alerts reset through their short window, not a hold time.
        Assert.False(((YamlMappingNode)alerts["SloErrorBudgetFastBurn"]).Children.ContainsKey(new YamlScalarNode("for")));
        Assert.Equal("5xx above 0.72% of requests over 1h and 5m: 2% of the 30d budget spent, all of it in 50h at this rate",
            Scalar(alerts["SloErrorBudgetFastBurn"]["annotations"], "description"));
        Assert.Equal("slo:request_duration_seconds:p99_rate5m > 0.3", Scalar(alerts["SloLatencyP99AboveObjective"], "expr"));
        Assert.Equal("10m", Scalar(alerts["SloLatencyP99AboveObjective"], "for"));
        Assert.Equal("{{ $labels.region }}: p99 response time above the 300 ms objective", Scalar(alerts["SloLatencyP99AboveObjective"]["annotations"], "summary"));

        var host = Items(groups["host-alerts"], "rules").ToDictionary(r => Scalar(r, "alert"));
        Assert.Equal("up == 0", Scalar(host["MetricsTargetDown"], "expr"));
        Assert.Equal("node_filesystem_avail_bytes{mountpoint=\"/\"} / node_filesystem_size_bytes{mountpoint=\"/\"} < 0.1", Scalar(host["HostRootDiskAlmostFull"], "expr"));
    }

    [Fact]
    public void The_rules_read_the_configured_histogram_and_label()
    {
        var file = SloRules.RuleFile(Slo(), new ServiceMetricNames("api_latency_seconds", "status"), serviceScraped: true);
        Assert.Contains("rate(api_latency_seconds_count{status=~\"5..\"}[6h])", file);
        Assert.Contains("rate(api_latency_seconds_bucket[5m])", file);
        Assert.DoesNotContain("http_request_duration_seconds", file);
    }

    [Fact]
    public void Without_the_services_metrics_only_the_host_rules_remain()
    {
        var file = Load(SloRules.RuleFile(Slo(), ServiceMetricNames.Defaults, serviceScraped: false));
        var group = Assert.Single(Items(file, "groups"));
        Assert.Equal("host-alerts", Scalar(group, "name"));
        Assert.Equal(new[] { "MetricsTargetDown", "HostRootDiskAlmostFull" }, Items(group, "rules").Select(r => Scalar(r, "alert")));
    }

    [Fact]
    public void The_alert_manager_sends_every_alert_to_the_topic_signed_for_its_region()
    {
        const string Topic = "arn:aws:sns:eu-west-1:123456789012:multi-region-infra-eu-west-alarms";
        var definition = Load(SloRules.AlertManagerDefinition(Topic, "eu-west-1"));
        // The configuration is a string inside the definition.
        var configuration = Load(Scalar(definition, "alertmanager_config"));
        var route = (YamlMappingNode)configuration["route"];
        Assert.Equal("alarm-topic", Scalar(route, "receiver"));
        Assert.Equal(new[] { "alertname", "region" }, Items(route, "group_by").Select(n => ((YamlScalarNode)n).Value));
        Assert.Equal("4h", Scalar(route, "repeat_interval"));
        var receiver = Assert.Single(Items(configuration, "receivers"));
        Assert.Equal("alarm-topic", Scalar(receiver, "name"));
        var sns = Assert.Single(Items(receiver, "sns_configs"));
        Assert.Equal(Topic, Scalar(sns, "topic_arn"));
        Assert.Equal("eu-west-1", Scalar(sns["sigv4"], "region"));
        Assert.Equal("[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} {{ .CommonLabels.region }}", Scalar(sns, "subject"));
        // Amazon Managed Service for Prometheus sets the API URL and has no proxy settings: neither is written.
        Assert.False(((YamlMappingNode)sns).Children.ContainsKey(new YamlScalarNode("api_url")));
        Assert.False(((YamlMappingNode)sns).Children.ContainsKey(new YamlScalarNode("http_config")));
    }
}
