using System.Collections.Immutable;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Ec2;
using Pulumi.Aws.Kms;
using Alias = Pulumi.Aws.Kms.Alias;
using Pulumi.Aws.Rds;

namespace MultiRegionInfra.Database;

/// <summary>What every database of a region stands on, whichever engine: a KMS key of its own region
/// (rotating), a subnet group on the isolated subnets, and a security group that admits nobody until a
/// client adds its rule (the application tier, and a replica region's instances over peering).</summary>
public sealed record DatabaseFoundation(Key Key, SubnetGroup SubnetGroup, SecurityGroup SecurityGroup)
{
    public static DatabaseFoundation Create(Resource parent, string name, StackContext context, string what, Input<string> vpcId,
        Output<ImmutableArray<string>> subnetIds, int port, bool protect)
    {
        ArgumentNullException.ThrowIfNull(context);
        var self = new CustomResourceOptions { Parent = parent };
        var key = new Key(ResourceNames.Child(name, "key"), new KeyArgs
        {
            Description = $"Encrypts the {what} of {context.StackName} ({context.Region})",
            EnableKeyRotation = true,
            DeletionWindowInDays = 30,
            Tags = context.Tags(ResourceNames.Child(name, "key")),
        }, new CustomResourceOptions { Parent = parent, Protect = protect });
        new Alias(ResourceNames.Child(name, "key-alias"), new AliasArgs
        {
            Name = $"alias/{ResourceNames.Join(context.Application, context.StackName, "rds")}",
            TargetKeyId = key.KeyId,
        }, self);
        var subnetGroup = new SubnetGroup(ResourceNames.Child(name, "subnets"), new SubnetGroupArgs
        {
            Description = $"Isolated subnets of {context.StackName}",
            SubnetIds = subnetIds,
            Tags = context.Tags(ResourceNames.Child(name, "subnets")),
        }, self);
        var securityGroup = new SecurityGroup(ResourceNames.Child(name, "sg"), new SecurityGroupArgs
        {
            VpcId = vpcId,
            Description = $"{what} of {context.StackName}: port {port} from the application instances only (and from replica regions over peering)",
            Tags = context.Tags(ResourceNames.Child(name, "sg")),
        }, self);
        return new DatabaseFoundation(key, subnetGroup, securityGroup);
    }
}
