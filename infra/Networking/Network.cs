using System.Collections.Immutable;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.CloudWatch;
using Pulumi.Aws.Ec2;
using Pulumi.Aws.Iam;
using Pulumi.Aws.Iam.Inputs;

namespace MultiRegionInfra.Networking;

/// <summary>A VPC over several availability zones with public, private (application) and isolated
/// (database) subnets, an internet gateway, NAT, route tables, flow logs, and a default security group
/// stripped of its rules.</summary>
public sealed class Network : ComponentResource
{
    /// <summary>The VPC's ID.</summary>
    [Output]
    public Output<string> VpcId { get; private set; } = null!;

    /// <summary>The VPC's IPv4 block.</summary>
    [Output]
    public Output<string> VpcCidr { get; private set; } = null!;

    /// <summary>Subnets for load balancers and NAT gateways, one per zone.</summary>
    [Output]
    public Output<ImmutableArray<string>> PublicSubnetIds { get; private set; } = null!;

    /// <summary>Subnets for the application instances, one per zone.</summary>
    [Output]
    public Output<ImmutableArray<string>> PrivateSubnetIds { get; private set; } = null!;

    /// <summary>Subnets for the database, one per zone, with no route out of the VPC.</summary>
    [Output]
    public Output<ImmutableArray<string>> IsolatedSubnetIds { get; private set; } = null!;

    /// <summary>The availability zones the subnets are in.</summary>
    [Output]
    public Output<ImmutableArray<string>> Zones { get; private set; } = null!;

    /// <summary>The private subnets' route tables, one per zone.</summary>
    [Output]
    public Output<ImmutableArray<string>> PrivateRouteTableIds { get; private set; } = null!;

    /// <summary>The isolated subnets' route table.</summary>
    [Output]
    public Output<string> IsolatedRouteTableId { get; private set; } = null!;

    /// <summary>The block of the private tier (every zone's private subnet).</summary>
    public string PrivateCidr { get; }

    /// <summary>The block of the isolated tier (every zone's database subnet).</summary>
    public string IsolatedCidr { get; }

    public Network(string name, NetworkArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:network:Network", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = args.Context;
        var layout = SubnetLayout.Carve(args.VpcCidr, args.ZoneCount);
        if (args.AvailabilityZones.Count < args.ZoneCount)
            throw new ArgumentException($"{context.Region} has {args.AvailabilityZones.Count} availability zones; {args.ZoneCount} were asked for", nameof(args));
        var zones = args.AvailabilityZones.Take(args.ZoneCount).ToImmutableArray();
        var self = new CustomResourceOptions { Parent = this };
        PrivateCidr = SubnetLayout.TierBlock(args.VpcCidr, SubnetTier.Private);
        IsolatedCidr = SubnetLayout.TierBlock(args.VpcCidr, SubnetTier.Isolated);

        var vpc = new Vpc(ResourceNames.Child(name, "vpc"), new VpcArgs
        {
            CidrBlock = args.VpcCidr,
            EnableDnsHostnames = true,
            EnableDnsSupport = true,
            Tags = context.Tags(ResourceNames.Child(name, "vpc")),
        }, self);

        // Adopting the default security group with no rules removes AWS's allow-all rules.
        new DefaultSecurityGroup(ResourceNames.Child(name, "default-sg"), new DefaultSecurityGroupArgs
        {
            VpcId = vpc.Id,
            Tags = context.Tags(ResourceNames.Child(name, "default-sg")),
        }, self);

        var subnets = layout.ToDictionary(slot => (slot.Tier, slot.ZoneIndex), slot =>
        {
            var subnetName = ResourceNames.Child(name, $"{slot.Tier.ToString().ToLowerInvariant()}-{ResourceNames.ZoneLetter(slot.ZoneIndex)}");
            return new Subnet(subnetName, new SubnetArgs
            {
                VpcId = vpc.Id,
                CidrBlock = slot.Cidr,
                AvailabilityZone = zones[slot.ZoneIndex],
                MapPublicIpOnLaunch = false,
                Tags = TierTags(context, subnetName, slot.Tier),
            }, self);
        });
        Subnet[] Tier(SubnetTier tier) => Enumerable.Range(0, args.ZoneCount).Select(z => subnets[(tier, z)]).ToArray();

        var internetGateway = new InternetGateway(ResourceNames.Child(name, "igw"), new InternetGatewayArgs
        {
            VpcId = vpc.Id,
            Tags = context.Tags(ResourceNames.Child(name, "igw")),
        }, self);

        var publicRoutes = new RouteTable(ResourceNames.Child(name, "public-rt"), new RouteTableArgs
        {
            VpcId = vpc.Id,
            Tags = context.Tags(ResourceNames.Child(name, "public-rt")),
        }, self);
        new Route(ResourceNames.Child(name, "public-default"), new RouteArgs
        {
            RouteTableId = publicRoutes.Id,
            DestinationCidrBlock = "0.0.0.0/0",
            GatewayId = internetGateway.Id,
        }, self);

        var natCount = args.NatGateways == NatGatewayMode.PerAz ? args.ZoneCount : 1;
        var natGateways = Enumerable.Range(0, natCount).Select(zone =>
        {
            var natName = ResourceNames.Child(name, $"nat-{ResourceNames.ZoneLetter(zone)}");
            var address = new Eip($"{natName}-eip", new EipArgs
            {
                Domain = "vpc",
                Tags = context.Tags($"{natName}-eip"),
            }, self);
            return new NatGateway(natName, new NatGatewayArgs
            {
                AllocationId = address.Id,
                SubnetId = subnets[(SubnetTier.Public, zone)].Id,
                Tags = context.Tags(natName),
            }, new CustomResourceOptions { Parent = this, DependsOn = { internetGateway } });
        }).ToArray();

        var isolatedRoutes = new RouteTable(ResourceNames.Child(name, "isolated-rt"), new RouteTableArgs
        {
            VpcId = vpc.Id,
            Tags = context.Tags(ResourceNames.Child(name, "isolated-rt")),
        }, self);

        var privateRouteTables = new List<RouteTable>();
        for (var zone = 0; zone < args.ZoneCount; zone++)
        {
            var letter = ResourceNames.ZoneLetter(zone);
            new RouteTableAssociation(ResourceNames.Child(name, $"public-{letter}-rta"), new RouteTableAssociationArgs
            {
                SubnetId = subnets[(SubnetTier.Public, zone)].Id,
                RouteTableId = publicRoutes.Id,
            }, self);

            var privateRoutes = new RouteTable(ResourceNames.Child(name, $"private-{letter}-rt"), new RouteTableArgs
            {
                VpcId = vpc.Id,
                Tags = context.Tags(ResourceNames.Child(name, $"private-{letter}-rt")),
            }, self);
            privateRouteTables.Add(privateRoutes);
            new Route(ResourceNames.Child(name, $"private-{letter}-default"), new RouteArgs
            {
                RouteTableId = privateRoutes.Id,
                DestinationCidrBlock = "0.0.0.0/0",
                NatGatewayId = natGateways[Math.Min(zone, natGateways.Length - 1)].Id,
            }, self);
            new RouteTableAssociation(ResourceNames.Child(name, $"private-{letter}-rta"), new RouteTableAssociationArgs
            {
                SubnetId = subnets[(SubnetTier.Private, zone)].Id,
                RouteTableId = privateRoutes.Id,
            }, self);

            new RouteTableAssociation(ResourceNames.Child(name, $"isolated-{letter}-rta"), new RouteTableAssociationArgs
            {
                SubnetId = subnets[(SubnetTier.Isolated, zone)].Id,
                RouteTableId = isolatedRoutes.Id,
            }, self);
        }

        CreateFlowLogs(name, args, vpc, self);

        VpcId = vpc.Id;
        VpcCidr = vpc.CidrBlock;
        PublicSubnetIds = Output.All(Tier(SubnetTier.Public).Select(s => s.Id));
        PrivateSubnetIds = Output.All(Tier(SubnetTier.Private).Select(s => s.Id));
        IsolatedSubnetIds = Output.All(Tier(SubnetTier.Isolated).Select(s => s.Id));
        Zones = Output.Create(zones);
        PrivateRouteTableIds = Output.All(privateRouteTables.Select(t => t.Id));
        IsolatedRouteTableId = isolatedRoutes.Id;
        RegisterOutputs();
    }

    private static InputMap<string> TierTags(StackContext context, string subnetName, SubnetTier tier)
    {
        var tags = context.Tags(subnetName);
        tags.Add("Tier", tier.ToString().ToLowerInvariant());
        return tags;
    }

    private static void CreateFlowLogs(string name, NetworkArgs args, Vpc vpc, CustomResourceOptions self)
    {
        var context = args.Context;
        var logGroup = new LogGroup(ResourceNames.Child(name, "flow-logs"), new LogGroupArgs
        {
            RetentionInDays = args.FlowLogRetentionDays,
            Tags = context.Tags(ResourceNames.Child(name, "flow-logs")),
        }, self);

        var role = new Role(ResourceNames.Child(name, "flow-logs-role"), new RoleArgs
        {
            AssumeRolePolicy = PolicyDocuments.AssumeRole("vpc-flow-logs.amazonaws.com"),
            InlinePolicies =
            {
                new RoleInlinePolicyArgs
                {
                    Name = "write-flow-logs",
                    Policy = logGroup.Arn.Apply(arn => PolicyDocuments.Allow(
                        new[] { "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams" },
                        new[] { arn, $"{arn}:*" })),
                },
            },
            Tags = context.Tags(ResourceNames.Child(name, "flow-logs-role")),
        }, self);

        new FlowLog(ResourceNames.Child(name, "flow-log"), new FlowLogArgs
        {
            VpcId = vpc.Id,
            TrafficType = "ALL",
            LogDestinationType = "cloud-watch-logs",
            LogDestination = logGroup.Arn,
            IamRoleArn = role.Arn,
            MaxAggregationInterval = 60,
            Tags = context.Tags(ResourceNames.Child(name, "flow-log")),
        }, self);
    }
}
