using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Storage;

/// <summary>One region's asset bucket, as its stack exports it.</summary>
public sealed record AssetBucketRef(string StackName, Output<string> Region, Output<string> BucketName, Output<string> BucketArn, Output<string> DomainName, Output<string> KmsKeyArn);

/// <summary>Inputs of <see cref="AssetDelivery"/>.</summary>
public sealed class AssetDeliveryArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The bucket that is written to and replicates to the others.</summary>
    public required AssetBucketRef Primary { get; init; }

    /// <summary>The buckets that receive replicas.</summary>
    public required IReadOnlyList<AssetBucketRef> Replicas { get; init; }
}
