using System.Text.RegularExpressions;
using MultiRegionInfra.Service;

namespace MultiRegionInfra.Configuration;

/// <summary>Where a regional stack's instances send their metrics.</summary>
public enum MetricsWorkspaceMode
{
    /// <summary>A Prometheus workspace of the stack's own, in its region.</summary>
    Regional,

    /// <summary>The primary stack's workspace (a replica only): one workspace for the whole system.</summary>
    Primary,
}

/// <summary>A regional stack's Prometheus metrics: whether its instances run the collector, which
/// workspace it writes to, how often it scrapes, and the collector's images.</summary>
/// <param name="Enabled">Whether the instances collect metrics (and the stack has a workspace, unless it writes to its primary's).</param>
/// <param name="Workspace">The stack's own workspace, or its primary's.</param>
/// <param name="ScrapeIntervalSeconds">Seconds between two scrapes of each target.</param>
/// <param name="CollectorImage">Prometheus, run in agent mode.</param>
/// <param name="NodeExporterImage">The host metrics exporter.</param>
public sealed record MetricsSettings(bool Enabled, MetricsWorkspaceMode Workspace, int ScrapeIntervalSeconds, ImageReference CollectorImage, ImageReference NodeExporterImage)
{
    public const string EnabledKey = "metrics.enabled";
    public const string WorkspaceKey = "metrics.workspace";
    public const string ScrapeIntervalKey = "metrics.scrapeIntervalSeconds";
    public const string CollectorImageKey = "metrics.collectorImage";
    public const string NodeExporterImageKey = "metrics.nodeExporterImage";

    /// <summary>Prometheus 3.5, a long-term support release, whose agent mode is the <c>--agent</c> flag.</summary>
    public const string DefaultCollectorImage = "quay.io/prometheus/prometheus:v3.5.0";

    public const string DefaultNodeExporterImage = "quay.io/prometheus/node-exporter:v1.9.1";

    public const int DefaultScrapeIntervalSeconds = 30;

    /// <summary>The shortest rule window is 5 minutes; a rate over it needs several samples, so a target is
    /// scraped at least every minute.</summary>
    public const int MaxScrapeIntervalSeconds = 60;

    public const int MinScrapeIntervalSeconds = 10;

    public static readonly IReadOnlyDictionary<string, MetricsWorkspaceMode> Workspaces =
        new Dictionary<string, MetricsWorkspaceMode> { ["regional"] = MetricsWorkspaceMode.Regional, ["primary"] = MetricsWorkspaceMode.Primary };

    /// <summary>Whether the stack creates a workspace of its own.</summary>
    public bool OwnsWorkspace => Enabled && Workspace == MetricsWorkspaceMode.Regional;

    /// <summary>Whether the stack writes into its primary's workspace.</summary>
    public bool WritesToPrimary => Enabled && Workspace == MetricsWorkspaceMode.Primary;

    /// <summary>Samples each scraped series sends in a month of <paramref name="hours"/> hours.</summary>
    public static decimal SamplesPerSeriesPerMonth(int scrapeIntervalSeconds, decimal hours) => Math.Floor(hours * 3600m / scrapeIntervalSeconds);

    public static MetricsSettings Read(ConfigReader config, RegionRole? role)
    {
        ArgumentNullException.ThrowIfNull(config);
        var enabled = config.Bool(EnabledKey, true);
        var workspace = config.Choice(WorkspaceKey, MetricsWorkspaceMode.Regional, Workspaces);
        var interval = config.Int(ScrapeIntervalKey, DefaultScrapeIntervalSeconds, MinScrapeIntervalSeconds, MaxScrapeIntervalSeconds);
        var collector = Image(config, CollectorImageKey, DefaultCollectorImage);
        var exporter = Image(config, NodeExporterImageKey, DefaultNodeExporterImage);
        if (workspace == MetricsWorkspaceMode.Primary && role == RegionRole.Primary)
            config.Error(WorkspaceKey, "primary", "is set on a primary, which has no primary to write to",
                "allowed: regional on a primary (a replica may set primary to write into this stack's workspace)");
        if (!enabled)
        {
            foreach (var key in new[] { WorkspaceKey, ScrapeIntervalKey, CollectorImageKey, NodeExporterImageKey })
            {
                if (config.Raw(key) is { } set)
                    config.Error(key, set, $"is set but {EnabledKey} is false, so the instances collect no metrics", $"allowed: set {EnabledKey} to true, or remove {key}");
            }
        }
        return new MetricsSettings(enabled, workspace, interval, collector, exporter);
    }

    /// <summary>A public image the instances pull without logging in: they log in to no registry for the collector.</summary>
    private static ImageReference Image(ConfigReader config, string key, string fallback)
    {
        var text = config.Raw(key);
        var defaultImage = ImageReference.TryParse(fallback, out _)!;
        if (text is null)
            return defaultImage;
        var image = ImageReference.TryParse(text, out var problem);
        if (image is null)
        {
            config.Error(key, text, problem!, $"allowed: a public OCI image reference with a tag or digest, e.g. {fallback}");
            return defaultImage;
        }
        if (image.Ecr is not null)
        {
            config.Error(key, text, "is in a private ECR registry, which the instances do not log in to for the collector",
                $"allowed: a public image (a registry that needs no login, e.g. public.ecr.aws or quay.io), such as {fallback}");
            return defaultImage;
        }
        return image;
    }
}

/// <summary>What the service exposes to Prometheus, as the global stack's rules query it: a request
/// duration histogram (its <c>_count</c> counts requests) with the response's status code as a label.</summary>
/// <param name="RequestHistogram">The histogram's name, without the <c>_bucket</c>, <c>_count</c> and <c>_sum</c> suffixes.</param>
/// <param name="StatusLabel">The label that holds the HTTP status code (5xx counts against the error budget).</param>
public sealed partial record ServiceMetricNames(string RequestHistogram, string StatusLabel)
{
    public const string RequestHistogramKey = "metrics.requestHistogram";
    public const string StatusLabelKey = "metrics.statusLabel";

    /// <summary>The name Prometheus's client libraries' examples and the built-in sample use.</summary>
    public static readonly ServiceMetricNames Defaults = new("http_request_duration_seconds", "code");

    public static ServiceMetricNames Read(ConfigReader config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var histogram = config.String(RequestHistogramKey, Defaults.RequestHistogram);
        if (!MetricName().IsMatch(histogram))
        {
            config.Error(RequestHistogramKey, histogram, "is not a Prometheus metric name", "allowed: letters, digits, '_' and ':', not starting with a digit, e.g. http_request_duration_seconds");
            histogram = Defaults.RequestHistogram;
        }
        else if (new[] { "_bucket", "_count", "_sum" }.FirstOrDefault(s => histogram.EndsWith(s, StringComparison.Ordinal)) is { } suffix)
        {
            config.Error(RequestHistogramKey, histogram, $"ends with {suffix}, a series of the histogram rather than its name",
                $"allowed: the histogram's name without the suffix, e.g. {histogram[..^suffix.Length]}");
            histogram = Defaults.RequestHistogram;
        }
        var label = config.String(StatusLabelKey, Defaults.StatusLabel);
        if (!LabelName().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal))
        {
            config.Error(StatusLabelKey, label, "is not a Prometheus label name", "allowed: letters, digits and '_', not starting with a digit or '__', e.g. code or status");
            label = Defaults.StatusLabel;
        }
        return new ServiceMetricNames(histogram, label);
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
