using System.Collections.Immutable;
using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Networking;

/// <summary>Inputs of <see cref="PrimaryWritePath"/>: this replica region's network, and the primary
/// region's, as its stack exports it.</summary>
public sealed class PrimaryWritePathArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>This region's VPC.</summary>
    public required Input<string> VpcId { get; init; }

    /// <summary>This region's private route tables (one per zone), which get the route to the primary.</summary>
    public required Output<ImmutableArray<string>> PrivateRouteTableIds { get; init; }

    /// <summary>How many private route tables there are (one per zone).</summary>
    public required int ZoneCount { get; init; }

    /// <summary>This region's private tier, the instances' subnets: what the primary admits.</summary>
    public required string PrivateCidr { get; init; }

    /// <summary>This region's instances' security group, which gets the egress rule to the primary.</summary>
    public required Input<string> InstanceSecurityGroupId { get; init; }

    /// <summary>The primary's region.</summary>
    public required Input<string> PrimaryRegion { get; init; }

    /// <summary>The primary's VPC.</summary>
    public required Input<string> PrimaryVpcId { get; init; }

    /// <summary>The primary's isolated route table, which gets the return route.</summary>
    public required Input<string> PrimaryIsolatedRouteTableId { get; init; }

    /// <summary>The primary's isolated tier, where its database lives.</summary>
    public required Input<string> PrimaryIsolatedCidr { get; init; }

    /// <summary>The primary database's security group.</summary>
    public required Input<string> PrimaryDatabaseSecurityGroupId { get; init; }

    /// <summary>The primary database's port.</summary>
    public required Input<int> PrimaryDatabasePort { get; init; }
}
