namespace MultiRegionInfra.Networking;

/// <summary>The three subnet tiers of a regional VPC.</summary>
public enum SubnetTier
{
    /// <summary>Load balancers and NAT gateways; routes to the internet gateway.</summary>
    Public,

    /// <summary>Application instances; routes out through NAT.</summary>
    Private,

    /// <summary>Databases; no route outside the VPC.</summary>
    Isolated,
}

/// <summary>One subnet of the layout.</summary>
public sealed record SubnetSlot(SubnetTier Tier, int ZoneIndex, string Cidr);

/// <summary>Carves a VPC's CIDR into tiers and zones. Each tier takes a quarter of the VPC (public,
/// private, isolated; the last quarter stays free for growth) and each zone an eighth of its tier, so a
/// subnet is the VPC's prefix plus 5 bits, and adding a zone never moves an existing subnet.</summary>
public static class SubnetLayout
{
    public const int TierBits = 2;
    public const int ZoneBits = 3;
    public const int MaxZones = 1 << ZoneBits;

    /// <summary>AWS's smallest subnet is a /28.</summary>
    public const int SmallestSubnetPrefix = 28;

    /// <summary>AWS's largest VPC is a /16.</summary>
    public const int LargestVpcPrefix = 16;

    /// <summary>The longest VPC prefix whose subnets are still at least a /28.</summary>
    public const int SmallestVpcPrefix = SmallestSubnetPrefix - TierBits - ZoneBits;

    public static int SubnetPrefix(int vpcPrefix) => vpcPrefix + TierBits + ZoneBits;

    /// <summary>The block a tier takes of the VPC (a quarter), which holds its subnets in every zone:
    /// what routes between peered VPCs name.</summary>
    public static string TierBlock(string vpcCidr, SubnetTier tier) => Ipv4Cidr.Parse(vpcCidr).Subnet(TierBits, (int)tier).ToString();

    public static IReadOnlyList<SubnetSlot> Carve(string vpcCidr, int zoneCount)
    {
        var vpc = Ipv4Cidr.Parse(vpcCidr);
        if (vpc.PrefixLength < LargestVpcPrefix || vpc.PrefixLength > SmallestVpcPrefix)
            throw new ArgumentOutOfRangeException(nameof(vpcCidr), $"{vpcCidr}: a VPC prefix must be /{LargestVpcPrefix} to /{SmallestVpcPrefix}");
        if (zoneCount < 1 || zoneCount > MaxZones)
            throw new ArgumentOutOfRangeException(nameof(zoneCount), $"{zoneCount}: from 1 to {MaxZones} zones");
        return Enum.GetValues<SubnetTier>()
            .SelectMany(tier => Enumerable.Range(0, zoneCount).Select(zone =>
                new SubnetSlot(tier, zone, vpc.Subnet(TierBits, (int)tier).Subnet(ZoneBits, zone).ToString())))
            .ToList();
    }
}
