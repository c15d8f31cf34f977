using System.Globalization;
using MultiRegionInfra.Monitoring;

namespace MultiRegionInfra.Service;

/// <summary>What an instance's metrics collector does: scrape the host (node_exporter) and, when the
/// service serves metrics, the service on its port, every <paramref name="ScrapeIntervalSeconds"/>
/// seconds, and remote-write everything to one Prometheus workspace, signing with the instance role.</summary>
/// <param name="RemoteWriteUrl">The workspace's remote write URL.</param>
/// <param name="WorkspaceRegion">The workspace's region, which SigV4 signs for.</param>
/// <param name="ScrapeIntervalSeconds">Seconds between two scrapes of a target.</param>
/// <param name="ServiceMetricsPath">The service's metrics path (app.metricsPath), or null: then only the host is scraped.</param>
/// <param name="CollectorImage">Prometheus, run in agent mode.</param>
/// <param name="NodeExporterImage">The host metrics exporter.</param>
public sealed record MetricsCollection(
    string RemoteWriteUrl,
    string WorkspaceRegion,
    int ScrapeIntervalSeconds,
    string? ServiceMetricsPath,
    ImageReference CollectorImage,
    ImageReference NodeExporterImage);

/// <summary>The collector's Prometheus configuration. Every instance labels its series with its own ID
/// (<see cref="InstanceIdPlaceholder"/>, replaced at start from the instance metadata), the region and
/// the stack, so the instances of a group never write the same series.</summary>
public static class CollectorConfig
{
    /// <summary>Replaced with the instance's ID when the collector starts (the launch template is shared by the group).</summary>
    public const string InstanceIdPlaceholder = "__INSTANCE_ID__";

    /// <summary>Where node_exporter listens: the loopback only, the collector is on the same host.</summary>
    public const string NodeExporterAddress = "127.0.0.1:9100";

    /// <summary>Where the agent's own web interface listens (loopback only).</summary>
    public const string AgentAddress = "127.0.0.1:9090";

    public const string NodeJob = "node";
    public const string ServiceJob = "service";

    /// <summary>The remote write URL of a workspace's Prometheus endpoint (which ends in '/').</summary>
    public static string RemoteWriteUrl(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.TrimEnd('/') + "/api/v1/remote_write";
    }

    /// <summary>The query URL of a workspace's Prometheus endpoint.</summary>
    public static string QueryUrl(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.TrimEnd('/') + "/api/v1/query";
    }

    /// <summary>The scrape timeout: 10 s, Prometheus's default, or the interval when that is shorter.</summary>
    public static int ScrapeTimeoutSeconds(int scrapeIntervalSeconds) => Math.Min(10, scrapeIntervalSeconds);

    /// <summary>The configuration file, with <see cref="InstanceIdPlaceholder"/> for the instance's ID.</summary>
    public static string Render(MetricsCollection metrics, string region, string stackName, int servicePort)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        static string Seconds(int s) => s.ToString(CultureInfo.InvariantCulture) + "s";
        var instance = new List<object> { new Dictionary<string, object> { ["target_label"] = "instance", ["replacement"] = InstanceIdPlaceholder } };
        var scrapes = new List<object>
        {
            new Dictionary<string, object>
            {
                ["job_name"] = NodeJob,
                ["static_configs"] = new[] { new Dictionary<string, object> { ["targets"] = new[] { NodeExporterAddress } } },
                ["relabel_configs"] = instance,
            },
        };
        if (metrics.ServiceMetricsPath is { } path)
        {
            scrapes.Add(new Dictionary<string, object>
            {
                ["job_name"] = ServiceJob,
                ["metrics_path"] = path,
                ["static_configs"] = new[] { new Dictionary<string, object> { ["targets"] = new[] { $"127.0.0.1:{servicePort.ToString(CultureInfo.InvariantCulture)}" } } },
                ["relabel_configs"] = instance,
            });
        }
        var document = new Dictionary<string, object>
        {
            ["global"] = new Dictionary<string, object>
            {
                ["scrape_interval"] = Seconds(metrics.ScrapeIntervalSeconds),
                ["scrape_timeout"] = Seconds(ScrapeTimeoutSeconds(metrics.ScrapeIntervalSeconds)),
                ["external_labels"] = new Dictionary<string, object> { ["region"] = region, ["stack"] = stackName },
            },
            ["scrape_configs"] = scrapes,
            ["remote_write"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["url"] = metrics.RemoteWriteUrl,
                    // Signed with the instance role's credentials (the SDK's default chain reads them
                    // from the instance metadata), for the workspace's region.
                    ["sigv4"] = new Dictionary<string, object> { ["region"] = metrics.WorkspaceRegion },
                },
            },
        };
        return YamlText.Serialize(document);
    }
}
