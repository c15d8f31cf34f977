using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Ec2;
using Pulumi.Aws.Vpc;

namespace MultiRegionInfra.Networking;

/// <summary>A replica region's private path to the PostgreSQL primary for writes: an inter-region VPC
/// peering connection requested here and accepted in the primary's region, routes from this region's
/// private subnets to the primary's isolated subnets and back, and the primary database's security group
/// admitting this region's private subnets on the database port (nothing else crosses: the routes name
/// only those two tiers). The replica's stack owns all of it, including what lives in the primary's
/// region, so adding or removing a replica region never touches the primary's stack.</summary>
public sealed class PrimaryWritePath : ComponentResource
{
    /// <summary>The peering connection.</summary>
    [Output]
    public Output<string> PeeringConnectionId { get; private set; } = null!;

    public PrimaryWritePath(string name, PrimaryWritePathArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:network:PrimaryWritePath", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };

        var peering = new VpcPeeringConnection(ResourceNames.Child(name, "peering"), new VpcPeeringConnectionArgs
        {
            VpcId = args.VpcId,
            PeerVpcId = args.PrimaryVpcId,
            PeerRegion = args.PrimaryRegion,
            // Across regions the request is accepted on the other side, by the accepter below.
            AutoAccept = false,
            Tags = context.Tags(ResourceNames.Child(name, "peering")),
        }, self);
        var accepter = new VpcPeeringConnectionAccepter(ResourceNames.Child(name, "peering-accepter"), new VpcPeeringConnectionAccepterArgs
        {
            Region = args.PrimaryRegion,
            VpcPeeringConnectionId = peering.Id,
            AutoAccept = true,
            Tags = context.Tags(ResourceNames.Child(name, "peering-accepter")),
        }, self);

        // Routes name the accepted connection, so they wait until it is active.
        for (var zone = 0; zone < args.ZoneCount; zone++)
        {
            var zoneIndex = zone;
            new Route(ResourceNames.Child(name, $"private-{ResourceNames.ZoneLetter(zone)}-to-primary"), new RouteArgs
            {
                RouteTableId = args.PrivateRouteTableIds.Apply(ids => ids[zoneIndex]),
                DestinationCidrBlock = args.PrimaryIsolatedCidr,
                VpcPeeringConnectionId = accepter.Id,
            }, self);
        }
        new Route(ResourceNames.Child(name, "primary-to-private"), new RouteArgs
        {
            Region = args.PrimaryRegion,
            RouteTableId = args.PrimaryIsolatedRouteTableId,
            DestinationCidrBlock = args.PrivateCidr,
            VpcPeeringConnectionId = accepter.Id,
        }, self);

        new SecurityGroupIngressRule(ResourceNames.Child(name, "primary-db-from-region"), new SecurityGroupIngressRuleArgs
        {
            Region = args.PrimaryRegion,
            SecurityGroupId = args.PrimaryDatabaseSecurityGroupId,
            Description = $"PostgreSQL writes from the instances of {context.StackName} ({args.PrivateCidr}) over peering",
            IpProtocol = "tcp",
            FromPort = args.PrimaryDatabasePort,
            ToPort = args.PrimaryDatabasePort,
            CidrIpv4 = args.PrivateCidr,
            Tags = context.Tags(ResourceNames.Child(name, "primary-db-from-region")),
        }, self);
        new SecurityGroupEgressRule(ResourceNames.Child(name, "instances-to-primary-db"), new SecurityGroupEgressRuleArgs
        {
            SecurityGroupId = args.InstanceSecurityGroupId,
            Description = "PostgreSQL writes to the primary region over peering",
            IpProtocol = "tcp",
            FromPort = args.PrimaryDatabasePort,
            ToPort = args.PrimaryDatabasePort,
            CidrIpv4 = args.PrimaryIsolatedCidr,
            Tags = context.Tags(ResourceNames.Child(name, "instances-to-primary-db")),
        }, self);

        PeeringConnectionId = peering.Id;
        RegisterOutputs();
    }
}
