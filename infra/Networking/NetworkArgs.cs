using System.Collections.Immutable;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Networking;

/// <summary>Inputs of <see cref="Network"/>.</summary>
public sealed class NetworkArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The VPC's IPv4 block, e.g. 10.10.0.0/16 (/16 to /23).</summary>
    public required string VpcCidr { get; init; }

    /// <summary>How many availability zones to spread over (2 to 6).</summary>
    public required int ZoneCount { get; init; }

    /// <summary>The region's availability zone names, in order, read before anything is built (the program
    /// checks there are at least <see cref="ZoneCount"/>); the first <see cref="ZoneCount"/> are used.</summary>
    public required IReadOnlyList<string> AvailabilityZones { get; init; }

    /// <summary>One NAT gateway per zone, or one for the VPC.</summary>
    public NatGatewayMode NatGateways { get; init; } = NatGatewayMode.PerAz;

    /// <summary>How long VPC flow logs are kept, in days (a CloudWatch Logs retention value).</summary>
    public int FlowLogRetentionDays { get; init; } = 90;
}
