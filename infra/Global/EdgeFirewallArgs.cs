using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;

namespace MultiRegionInfra.Global;

/// <summary>Inputs of <see cref="EdgeFirewall"/>.</summary>
public sealed class EdgeFirewallArgs
{
    /// <summary>Whose resources these are: tags and names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The rate limit (requests per IP address per 5 minutes).</summary>
    public required WafSettings Settings { get; init; }
}
