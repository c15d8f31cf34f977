using MultiRegionInfra.Configuration;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Monitoring;

/// <summary>The metrics keys of both stack kinds: defaults, every refusal with key, value and what is
/// allowed, and all of them at once.</summary>
public class MetricsSettingsTests
{
    private const string P = "multi-region-infra";

    private static (RegionalSettings? Settings, IReadOnlyList<string> Errors) Regional(Dictionary<string, string> config)
    {
        var region = config.Remove("aws:region", out var r) ? r : null;
        var reader = new ConfigReader(P, config);
        return (RegionalSettings.Read(reader, config.GetValueOrDefault("role") == "replica" ? "eu-west" : "us-east", region), reader.Errors);
    }

    private static (GlobalSettings? Settings, IReadOnlyList<string> Errors) Global(Dictionary<string, string> config)
    {
        var reader = new ConfigReader(P, config.Where(p => !p.Key.Contains(':', StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value));
        return (GlobalSettings.Read(reader, "global", "us-east-1"), reader.Errors);
    }

    [Fact]
    public void A_region_collects_metrics_into_its_own_workspace_by_default_and_scrapes_no_service()
    {
        var (settings, errors) = Regional(AwsMocks.PrimaryConfig());
        Assert.Empty(errors);
        var metrics = settings!.Metrics;
        Assert.True(metrics.Enabled);
        Assert.True(metrics.OwnsWorkspace);
        Assert.False(metrics.WritesToPrimary);
        Assert.Equal(MetricsWorkspaceMode.Regional, metrics.Workspace);
        Assert.Equal(30, metrics.ScrapeIntervalSeconds);
        Assert.Equal("quay.io/prometheus/prometheus:v3.5.0", metrics.CollectorImage.ToString());
        Assert.Equal("quay.io/prometheus/node-exporter:v1.9.1", metrics.NodeExporterImage.ToString());
        Assert.Null(settings.Service.MetricsPath);
    }

    [Fact]
    public void A_replica_may_write_into_its_primarys_workspace()
    {
        var (settings, errors) = Regional(AwsMocks.ReplicaConfig().With(("metrics.workspace", "primary"), ("app.metricsPath", "/internal/metrics"),
            ("metrics.scrapeIntervalSeconds", "15"), ("metrics.collectorImage", "public.ecr.aws/bitnami/prometheus:3.5.0")));
        Assert.Empty(errors);
        Assert.False(settings!.Metrics.OwnsWorkspace);
        Assert.True(settings.Metrics.WritesToPrimary);
        Assert.Equal(15, settings.Metrics.ScrapeIntervalSeconds);
        Assert.Equal("public.ecr.aws/bitnami/prometheus:3.5.0", settings.Metrics.CollectorImage.ToString());
        Assert.Equal("/internal/metrics", settings.Service.MetricsPath);
    }

    [Fact]
    public void Without_metrics_no_workspace_is_held_or_written_to()
    {
        var (settings, errors) = Regional(AwsMocks.PrimaryConfig().With(("metrics.enabled", "false")));
        Assert.Empty(errors);
        Assert.False(settings!.Metrics.OwnsWorkspace);
        Assert.False(settings.Metrics.WritesToPrimary);
    }

    [Theory]
    [InlineData("metrics.enabled", "yes", P + ":metrics.enabled: 'yes' is not a boolean; allowed: true or false")]
    [InlineData("metrics.workspace", "shared", P + ":metrics.workspace: 'shared' is not allowed; allowed: regional, primary")]
    [InlineData("metrics.workspace", "primary", P + ":metrics.workspace: 'primary' is set on a primary, which has no primary to write to; allowed: regional on a primary (a replica may set primary to write into this stack's workspace)")]
    [InlineData("metrics.scrapeIntervalSeconds", "5", P + ":metrics.scrapeIntervalSeconds: '5' is out of range; allowed: an integer from 10 to 60")]
    [InlineData("metrics.scrapeIntervalSeconds", "120", P + ":metrics.scrapeIntervalSeconds: '120' is out of range; allowed: an integer from 10 to 60")]
    [InlineData("metrics.collectorImage", "prom/prometheus", P + ":metrics.collectorImage: 'prom/prometheus' names no tag or digest; allowed: a public OCI image reference with a tag or digest, e.g. quay.io/prometheus/prometheus:v3.5.0")]
    [InlineData("metrics.collectorImage", "123456789012.dkr.ecr.us-east-1.amazonaws.com/prometheus:v3.5.0", P + ":metrics.collectorImage: '123456789012.dkr.ecr.us-east-1.amazonaws.com/prometheus:v3.5.0' is in a private ECR registry, which the instances do not log in to for the collector; allowed: a public image (a registry that needs no login, e.g. public.ecr.aws or quay.io), such as quay.io/prometheus/prometheus:v3.5.0")]
    [InlineData("metrics.nodeExporterImage", "Node Exporter", P + ":metrics.nodeExporterImage: 'Node Exporter' is not an OCI image reference; allowed: a public OCI image reference with a tag or digest, e.g. quay.io/prometheus/node-exporter:v1.9.1")]
    [InlineData("app.metricsPath", "metrics", P + ":app.metricsPath: 'metrics' is not valid; allowed: an absolute URL path without a query, such as /metrics")]
    [InlineData("app.metricsPath", "/metrics?format=text", P + ":app.metricsPath: '/metrics?format=text' is not valid; allowed: an absolute URL path without a query, such as /metrics")]
    [InlineData("metrics.worksapce", "regional", P + ":metrics.worksapce: is not a known key; did you mean 'metrics.workspace'?")]
    public void A_bad_regional_metrics_value_is_named_with_what_is_allowed(string key, string value, string message)
    {
        var (settings, errors) = Regional(AwsMocks.PrimaryConfig().With((key, value)));
        Assert.Null(settings);
        Assert.Equal(message, Assert.Single(errors));
    }

    [Fact]
    public void Metrics_keys_without_metrics_are_refused_all_at_once()
    {
        var (settings, errors) = Regional(AwsMocks.ReplicaConfig().With(("metrics.enabled", "false"), ("metrics.workspace", "primary"),
            ("metrics.scrapeIntervalSeconds", "20"), ("metrics.nodeExporterImage", "quay.io/prometheus/node-exporter:v1.9.1"), ("app.metricsPath", "/metrics")));
        Assert.Null(settings);
        Assert.Equal(new[]
        {
            P + ":metrics.workspace: 'primary' is set but metrics.enabled is false, so the instances collect no metrics; allowed: set metrics.enabled to true, or remove metrics.workspace",
            P + ":metrics.scrapeIntervalSeconds: '20' is set but metrics.enabled is false, so the instances collect no metrics; allowed: set metrics.enabled to true, or remove metrics.scrapeIntervalSeconds",
            P + ":metrics.nodeExporterImage: 'quay.io/prometheus/node-exporter:v1.9.1' is set but metrics.enabled is false, so the instances collect no metrics; allowed: set metrics.enabled to true, or remove metrics.nodeExporterImage",
            P + ":app.metricsPath: '/metrics' is set but metrics.enabled is false, so nothing scrapes it; allowed: set metrics.enabled to true, or remove app.metricsPath",
        }, errors);
    }

    [Fact]
    public void The_global_stack_reads_the_services_histogram_and_status_label()
    {
        var (defaults, none) = Global(GlobalMocks.Config());
        Assert.Empty(none);
        Assert.Equal(ServiceMetricNames.Defaults, defaults!.ServiceMetrics);
        Assert.Equal(1000, defaults.Traffic.MetricSeriesPerInstance);
        Assert.Equal(10_000_000_000, defaults.Traffic.MetricQuerySamplesPerMonth);
        var (settings, errors) = Global(GlobalMocks.Config().With(("metrics.requestHistogram", "api:latency_seconds"), ("metrics.statusLabel", "status"),
            ("traffic.metricSeriesPerInstance", "2500"), ("traffic.metricQuerySamplesPerMonth", "25000000000")));
        Assert.Empty(errors);
        Assert.Equal(new ServiceMetricNames("api:latency_seconds", "status"), settings!.ServiceMetrics);
        Assert.Equal(2500, settings.Traffic.MetricSeriesPerInstance);
        Assert.Equal(25_000_000_000, settings.Traffic.MetricQuerySamplesPerMonth);
    }

    [Theory]
    [InlineData("metrics.requestHistogram", "http-requests", P + ":metrics.requestHistogram: 'http-requests' is not a Prometheus metric name; allowed: letters, digits, '_' and ':', not starting with a digit, e.g. http_request_duration_seconds")]
    [InlineData("metrics.requestHistogram", "http_request_duration_seconds_bucket", P + ":metrics.requestHistogram: 'http_request_duration_seconds_bucket' ends with _bucket, a series of the histogram rather than its name; allowed: the histogram's name without the suffix, e.g. http_request_duration_seconds")]
    [InlineData("metrics.requestHistogram", "requests_count", P + ":metrics.requestHistogram: 'requests_count' ends with _count, a series of the histogram rather than its name; allowed: the histogram's name without the suffix, e.g. requests")]
    [InlineData("metrics.statusLabel", "__code", P + ":metrics.statusLabel: '__code' is not a Prometheus label name; allowed: letters, digits and '_', not starting with a digit or '__', e.g. code or status")]
    [InlineData("metrics.statusLabel", "status.code", P + ":metrics.statusLabel: 'status.code' is not a Prometheus label name; allowed: letters, digits and '_', not starting with a digit or '__', e.g. code or status")]
    [InlineData("traffic.metricSeriesPerInstance", "-1", P + ":traffic.metricSeriesPerInstance: '-1' is out of range; allowed: an integer from 0 to 10000000")]
    [InlineData("traffic.metricQuerySamplesPerMonth", "lots", P + ":traffic.metricQuerySamplesPerMonth: 'lots' is not a number in range; allowed: a number from 0 to 1000000000000000")]
    // A regional stack's key in the global stack.
    [InlineData("metrics.enabled", "true", P + ":metrics.enabled: is not a known key; see the config section of Pulumi.yaml for the keys of this stack")]
    public void A_bad_global_metrics_value_is_named_with_what_is_allowed(string key, string value, string message)
    {
        var (settings, errors) = Global(GlobalMocks.Config().With((key, value)));
        Assert.Null(settings);
        Assert.Equal(message, Assert.Single(errors));
    }
}
