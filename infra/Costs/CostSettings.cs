using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Costs;

/// <summary>Traffic assumptions of the cost estimate (global stack keys, with documented defaults).</summary>
public sealed record CostSettings(
    long RequestsPerMonth,
    int DataOutGbPerMonth,
    int NatGbPerRegionPerMonth,
    int ReplicationGbPerMonth,
    long DnsQueriesPerMonth,
    long SessionWritesPerMonth,
    long SessionReadsPerMonth,
    int SessionStorageGb,
    double LcuPerLoadBalancer,
    long DatabaseIoPerMonth = 50_000_000,
    long ReplicatedWriteIoPerMonth = 10_000_000,
    int CrossRegionWriteGbPerMonth = 10,
    double ServerlessAverageAcu = 2,
    int MetricSeriesPerInstance = CostSettings.DefaultMetricSeriesPerInstance,
    long MetricQuerySamplesPerMonth = CostSettings.DefaultMetricQuerySamplesPerMonth)
{
    /// <summary>Active series one instance sends: node_exporter's defaults on a small Linux host (several
    /// hundred), the collector's own and the service's request histogram.</summary>
    public const int DefaultMetricSeriesPerInstance = 1000;

    /// <summary>Query samples a workspace processes in a month: its rules' evaluations every minute,
    /// dashboards and ad-hoc queries.</summary>
    public const long DefaultMetricQuerySamplesPerMonth = 10_000_000_000;

    public static readonly CostSettings Defaults = new(10_000_000, 100, 50, 20, 2_000_000, 5_000_000, 20_000_000, 5, 1.0);

    public static CostSettings Read(ConfigReader config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var d = Defaults;
        return new CostSettings(
            (long)config.Double("traffic.requestsPerMonth", d.RequestsPerMonth, 0, 1e12),
            config.Int("traffic.dataOutGbPerMonth", d.DataOutGbPerMonth, 0, 10_000_000),
            config.Int("traffic.natGbPerRegionPerMonth", d.NatGbPerRegionPerMonth, 0, 10_000_000),
            config.Int("traffic.replicationGbPerMonth", d.ReplicationGbPerMonth, 0, 10_000_000),
            (long)config.Double("traffic.dnsQueriesPerMonth", d.DnsQueriesPerMonth, 0, 1e12),
            (long)config.Double("traffic.sessionWritesPerMonth", d.SessionWritesPerMonth, 0, 1e12),
            (long)config.Double("traffic.sessionReadsPerMonth", d.SessionReadsPerMonth, 0, 1e12),
            config.Int("traffic.sessionStorageGb", d.SessionStorageGb, 0, 1_000_000),
            config.Double("traffic.lcuPerLoadBalancer", d.LcuPerLoadBalancer, 0, 10_000),
            (long)config.Double("traffic.databaseIoPerMonth", d.DatabaseIoPerMonth, 0, 1e13),
            (long)config.Double("traffic.replicatedWriteIoPerMonth", d.ReplicatedWriteIoPerMonth, 0, 1e13),
            config.Int("traffic.crossRegionWriteGbPerMonth", d.CrossRegionWriteGbPerMonth, 0, 10_000_000),
            config.Double("traffic.serverlessAverageAcu", d.ServerlessAverageAcu, 0.5, 256),
            config.Int("traffic.metricSeriesPerInstance", d.MetricSeriesPerInstance, 0, 10_000_000),
            (long)config.Double("traffic.metricQuerySamplesPerMonth", d.MetricQuerySamplesPerMonth, 0, 1e15));
    }
}
