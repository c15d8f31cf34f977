using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;

namespace MultiRegionInfra.Global;

/// <summary>Inputs of <see cref="CloudflareEdge"/>.</summary>
public sealed class CloudflareEdgeArgs
{
    /// <summary>Whose resources these are: names and descriptions.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The public domain; the load balancer answers &lt;domain&gt;.</summary>
    public required string Domain { get; init; }

    /// <summary>The regions in failover order: the primary first.</summary>
    public required IReadOnlyList<RegionEndpoint> Regions { get; init; }

    /// <summary>Latency/proximity steering (active-active) or pool order (active-passive).</summary>
    public required RoutingStrategy Strategy { get; init; }

    /// <summary>The Cloudflare zone and account, and the active-active steering policy.</summary>
    public required CloudflareSettings Settings { get; init; }

    /// <summary>How often the monitor probes each origin, in seconds.</summary>
    public int IntervalSeconds { get; init; } = 60;

    /// <summary>Whether the zone's authenticated origin pulls are on: Cloudflare then presents its
    /// origin-pull client certificate to every origin.</summary>
    public bool AuthenticatedOriginPulls { get; init; }

    /// <summary>Whether each region gets a probe hostname, probe-&lt;stack&gt;.&lt;domain&gt;, that reaches that region
    /// alone (the canaries check each region through it: its load balancer admits nothing but Cloudflare and
    /// the health checkers).</summary>
    public bool RegionProbes { get; init; }
}
