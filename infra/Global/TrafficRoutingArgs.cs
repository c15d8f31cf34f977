using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Global;

/// <summary>Inputs of <see cref="TrafficRouting"/>.</summary>
public sealed class TrafficRoutingArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The public domain; records are made for api.&lt;domain&gt;.</summary>
    public required string Domain { get; init; }

    /// <summary>The hosted zone of the domain.</summary>
    public required Input<string> ZoneId { get; init; }

    /// <summary>Latency routing (active-active) or failover routing (active-passive).</summary>
    public required RoutingStrategy Strategy { get; init; }

    /// <summary>The regions in failover order: the primary first.</summary>
    public required IReadOnlyList<RegionEndpoint> Regions { get; init; }

    /// <summary>Interval, threshold and checker regions of the health checks.</summary>
    public required HealthCheckSettings HealthCheck { get; init; }

    /// <summary>The Region switch plan's Route 53 health check of each regional stack it covers, by stack
    /// name (empty when the plan returned none); those regions' records then follow the plan as well as
    /// their endpoint check. None without a plan.</summary>
    public IReadOnlyDictionary<string, Output<string>>? SwitchHealthChecks { get; init; }
}
