using System.Text.RegularExpressions;
using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Reliability;

/// <summary>The service level the global stack promises, and what failover takes.</summary>
/// <param name="AvailabilityPercent">Target availability, e.g. 99.9.</param>
/// <param name="RtoSeconds">Recovery time objective: outage to traffic served elsewhere.</param>
/// <param name="RpoSeconds">Recovery point objective: data that may be lost.</param>
/// <param name="P99LatencyMs">The p99 response time target.</param>
/// <param name="NotificationEmail">Who the alarms e-mail; none when null.</param>
/// <param name="InstanceBootSeconds">Seconds from launch to a booted instance.</param>
/// <param name="ReplicaPromotionSeconds">Seconds to promote a read replica to a primary.</param>
/// <param name="ReplicaLagSeconds">Expected lag of the asynchronous cross-region replica.</param>
/// <param name="GlobalFailoverSeconds">Seconds an Aurora global database's managed failover takes.</param>
/// <param name="ApprovalSeconds">Seconds until the person who decides approves the Region switch plan's failover.</param>
/// <param name="WriterRepointSeconds">Seconds from a PostgreSQL replica's promotion until the service writes to it.</param>
public sealed record SloSettings(
    double AvailabilityPercent,
    int RtoSeconds,
    int RpoSeconds,
    int P99LatencyMs,
    string? NotificationEmail,
    int InstanceBootSeconds,
    int ReplicaPromotionSeconds,
    int ReplicaLagSeconds,
    int GlobalFailoverSeconds = SloSettings.DefaultGlobalFailoverSeconds,
    int ApprovalSeconds = SloSettings.DefaultApprovalSeconds,
    int WriterRepointSeconds = SloSettings.DefaultWriterRepointSeconds)
{
    /// <summary>The RTO a system is held to when slo.rtoSeconds is unset: what the default configuration
    /// (active-active PostgreSQL, 30 s health checks) can meet, its writes back within 1590 s.</summary>
    public const int DefaultRtoSeconds = 1800;

    /// <summary>After a PostgreSQL promotion the service still writes to the lost primary until the promoted
    /// region's stack says it is the primary: edit the stack files, pulumi up, and the writer-restart
    /// association restarts the service one instance at a time. Ten minutes is a planning figure.</summary>
    public const int DefaultWriterRepointSeconds = 600;

    /// <summary>AWS describes an Aurora global database's cross-region failover as taking about a minute
    /// (Aurora User Guide, "Using failover in an Amazon Aurora global database").</summary>
    public const int DefaultGlobalFailoverSeconds = 60;

    /// <summary>The documented default of a promotion: RDS says it takes "several minutes"; 10 minutes
    /// leaves room for the reboot it includes (RDS User Guide, Promoting a read replica).</summary>
    public const int DefaultPromotionSeconds = 600;

    /// <summary>Paged, the person on call confirms the region is lost and approves the plan's failover:
    /// five minutes is a planning figure, not a measurement; rehearse and set your own.</summary>
    public const int DefaultApprovalSeconds = 300;

    public static SloSettings Read(ConfigReader config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var email = config.OptionalString("slo.notificationEmail",
            e => Regex.IsMatch(e, @"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", RegexOptions.None, TimeSpan.FromSeconds(1)), "allowed: an e-mail address");
        return new SloSettings(
            config.Double("slo.availabilityPercent", 99.9, 90, 99.999),
            config.Int("slo.rtoSeconds", DefaultRtoSeconds, 30, 86400),
            config.Int("slo.rpoSeconds", 60, 1, 86400),
            config.Int("slo.p99LatencyMs", 500, 10, 60000),
            email,
            config.Int("failover.instanceBootSeconds", 90, 10, 1800),
            config.Int("failover.replicaPromotionSeconds", DefaultPromotionSeconds, 30, 7200),
            config.Int("failover.replicaLagSeconds", 5, 0, 3600),
            config.Int("failover.globalFailoverSeconds", DefaultGlobalFailoverSeconds, 10, 3600),
            config.Int("failover.approvalSeconds", DefaultApprovalSeconds, 0, 86400),
            config.Int("failover.writerRepointSeconds", DefaultWriterRepointSeconds, 0, 86400));
    }
}
