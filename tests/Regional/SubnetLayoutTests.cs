using MultiRegionInfra.Networking;

namespace MultiRegionInfra.Tests.Regional;

public class SubnetLayoutTests
{
    [Theory]
    [InlineData("10.10.0.0/16", 3, SubnetTier.Public, 0, "10.10.0.0/21")]
    [InlineData("10.10.0.0/16", 3, SubnetTier.Public, 2, "10.10.16.0/21")]
    [InlineData("10.10.0.0/16", 3, SubnetTier.Private, 0, "10.10.64.0/21")]
    [InlineData("10.10.0.0/16", 3, SubnetTier.Private, 1, "10.10.72.0/21")]
    [InlineData("10.10.0.0/16", 3, SubnetTier.Isolated, 2, "10.10.144.0/21")]
    [InlineData("10.20.0.0/16", 6, SubnetTier.Isolated, 5, "10.20.168.0/21")]
    [InlineData("172.16.0.0/20", 2, SubnetTier.Private, 1, "172.16.4.128/25")]
    [InlineData("192.168.10.0/23", 2, SubnetTier.Isolated, 1, "192.168.11.16/28")]
    public void Carves_each_tier_and_zone_at_a_fixed_place(string vpc, int zones, SubnetTier tier, int zone, string expected)
    {
        var slot = SubnetLayout.Carve(vpc, zones).Single(s => s.Tier == tier && s.ZoneIndex == zone);
        Assert.Equal(expected, slot.Cidr);
    }

    [Theory]
    [InlineData("10.10.0.0/16", 2)]
    [InlineData("10.10.0.0/16", 6)]
    [InlineData("10.0.0.0/23", 3)]
    public void Subnets_are_inside_the_vpc_and_never_overlap(string vpc, int zones)
    {
        var network = Ipv4Cidr.Parse(vpc);
        var subnets = SubnetLayout.Carve(vpc, zones).Select(s => Ipv4Cidr.Parse(s.Cidr)).ToList();
        Assert.Equal(3 * zones, subnets.Count);
        Assert.All(subnets, s => Assert.True(network.Contains(s), $"{s} is outside {vpc}"));
        for (var i = 0; i < subnets.Count; i++)
            for (var j = i + 1; j < subnets.Count; j++)
                Assert.False(subnets[i].Overlaps(subnets[j]), $"{subnets[i]} overlaps {subnets[j]}");
    }

    [Fact]
    public void Adding_a_zone_keeps_every_existing_subnet()
    {
        var three = SubnetLayout.Carve("10.10.0.0/16", 3);
        var four = SubnetLayout.Carve("10.10.0.0/16", 4);
        Assert.All(three, slot => Assert.Contains(slot, four));
    }

    [Theory]
    [InlineData("10.10.0.0/24", 3)]
    [InlineData("10.0.0.0/15", 3)]
    [InlineData("10.10.0.0/16", 9)]
    public void Refuses_layouts_it_cannot_carve(string vpc, int zones) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SubnetLayout.Carve(vpc, zones));

    [Theory]
    [InlineData("10.10.0.0/16", true, "")]
    [InlineData("10.10.1.0/16", false, "has host bits set (the network address is 10.10.0.0/16)")]
    [InlineData("10.10.0/16", false, "is not an IPv4 CIDR block")]
    [InlineData("10.10.0.0", false, "is not an IPv4 CIDR block")]
    [InlineData("10.10.0.0/33", false, "is not an IPv4 CIDR block")]
    [InlineData("fd00::/8", false, "is not an IPv4 CIDR block")]
    public void Parses_cidr_blocks(string text, bool valid, string problem)
    {
        Assert.Equal(valid, Ipv4Cidr.TryParse(text, out var cidr, out var message));
        Assert.Equal(problem, message);
        if (valid)
            Assert.Equal(text, cidr.ToString());
    }

    [Theory]
    [InlineData("10.0.0.0/16", "10.0.255.0/24", true)]
    [InlineData("10.0.0.0/16", "10.1.0.0/16", false)]
    [InlineData("10.0.0.0/8", "10.20.0.0/16", true)]
    [InlineData("192.168.0.0/24", "192.168.0.128/25", true)]
    public void Detects_overlaps(string a, string b, bool overlap) =>
        Assert.Equal(overlap, Ipv4Cidr.Parse(a).Overlaps(Ipv4Cidr.Parse(b)));
}
