using Pulumi;

namespace MultiRegionInfra.Database;

/// <summary>What a region's database offers the rest of its stack, whichever engine runs it.</summary>
public interface IDatabase
{
    /// <summary>The RDS instance's or the Aurora cluster's ARN.</summary>
    Output<string> Arn { get; }

    /// <summary>The instance or cluster identifier.</summary>
    Output<string> Identifier { get; }

    /// <summary>The host that takes writes in this region: the instance, or the cluster endpoint.</summary>
    Output<string> Address { get; }

    /// <summary>The host for reads in this region.</summary>
    Output<string> ReaderAddress { get; }

    /// <summary>The port.</summary>
    Output<int> Port { get; }

    /// <summary>The instance's DbiResourceId or the cluster's resource ID, which IAM authentication names.</summary>
    Output<string> ResourceId { get; }

    /// <summary>The database's security group.</summary>
    Output<string> SecurityGroupId { get; }

    /// <summary>The key that encrypts the storage.</summary>
    Output<string> KmsKeyArn { get; }
}
