using MultiRegionInfra.Tests.Support;
using static MultiRegionInfra.Tests.Support.InputValues;

namespace MultiRegionInfra.Tests.Regional;

/// <summary>A PostgreSQL replica region's private path to the primary for its writes.</summary>
public class WritePathTests
{
    private static Task<AwsMocks.RunResult> Replica(params (string Key, string? Value)[] changes) =>
        AwsMocks.RunStackAsync("eu-west", AwsMocks.ReplicaConfig().With(changes), AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(
            engine: changes.Any(c => c is ("database.engine", "aurora-postgresql")) ? "aurora-postgresql" : "postgres"));

    [Fact]
    public async Task The_replica_peers_with_the_primarys_vpc_and_accepts_in_the_primarys_region()
    {
        var run = await Replica();
        var peering = run.Single("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "write-path-peering").Inputs;
        Assert.Equal("network-vpc-id", peering["vpcId"]);
        Assert.Equal("vpc-0primary", peering["peerVpcId"]);
        Assert.Equal("us-east-1", peering["peerRegion"]);
        Assert.Equal(false, peering["autoAccept"]);
        var accepter = run.Single("aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter", "write-path-peering-accepter").Inputs;
        Assert.Equal("us-east-1", accepter["region"]);
        Assert.Equal("write-path-peering-id", accepter["vpcPeeringConnectionId"]);
        Assert.Equal(true, accepter["autoAccept"]);
    }

    [Fact]
    public async Task Routes_join_only_the_replicas_private_tier_and_the_primarys_isolated_tier()
    {
        var run = await Replica();
        var routes = run.OfType("aws:ec2/route:Route").Where(r => r.Name!.StartsWith("write-path-", StringComparison.Ordinal)).ToDictionary(r => r.Name!, r => r.Inputs);
        Assert.Equal(new[] { "write-path-primary-to-private", "write-path-private-a-to-primary", "write-path-private-b-to-primary", "write-path-private-c-to-primary" }, routes.Keys.Order());
        foreach (var zone in new[] { "a", "b", "c" })
        {
            var route = routes[$"write-path-private-{zone}-to-primary"];
            Assert.Equal($"network-private-{zone}-rt-id", route["routeTableId"]);
            Assert.Equal("10.10.128.0/18", route["destinationCidrBlock"]);
            Assert.Equal("write-path-peering-accepter-id", route["vpcPeeringConnectionId"]);
            Assert.False(route.ContainsKey("region"));
        }
        var back = routes["write-path-primary-to-private"];
        Assert.Equal("us-east-1", back["region"]);
        Assert.Equal("rtb-0primaryisolated", back["routeTableId"]);
        Assert.Equal("10.20.64.0/18", back["destinationCidrBlock"]);
    }

    [Fact]
    public async Task The_primarys_database_admits_the_replicas_instances_on_its_port_only()
    {
        var run = await Replica();
        var ingress = run.Single("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "write-path-primary-db-from-region").Inputs;
        Assert.Equal("us-east-1", ingress["region"]);
        Assert.Equal("sg-0primarydb", ingress["securityGroupId"]);
        Assert.Equal(("tcp", 5432.0, 5432.0), ((string)ingress["ipProtocol"], (double)ingress["fromPort"], (double)ingress["toPort"]));
        Assert.Equal("10.20.64.0/18", ingress["cidrIpv4"]);
        var egress = run.Single("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "write-path-instances-to-primary-db").Inputs;
        Assert.Equal("app-instance-sg-id", egress["securityGroupId"]);
        Assert.Equal("10.10.128.0/18", egress["cidrIpv4"]);
        Assert.Equal(5432.0, egress["fromPort"]);
    }

    [Fact]
    public async Task Primaries_and_aurora_secondaries_need_no_peering()
    {
        var primary = await AwsMocks.RunStackAsync("us-east", AwsMocks.PrimaryConfig());
        Assert.DoesNotContain(primary.Graph, r => r.Type == "multiregion:network:PrimaryWritePath");
        var aurora = await Replica(("database.engine", "aurora-postgresql"));
        Assert.DoesNotContain(aurora.Graph, r => r.Type.StartsWith("aws:ec2/vpcPeering", StringComparison.Ordinal));
        Assert.Contains(aurora.OfType("aws:ssm/parameter:Parameter"), p => Equals(p.Inputs["name"], "/multi-region-infra/eu-west/db/write-path") && Equals(p.Inputs["value"], "write-forwarding"));
    }
}
