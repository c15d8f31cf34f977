using MultiRegionInfra.Naming;

namespace MultiRegionInfra.Storage;

/// <summary>Inputs of <see cref="AssetBucket"/>.</summary>
public sealed class AssetBucketArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The start of the bucket's name (a random suffix follows).</summary>
    public required string NamePrefix { get; init; }

    /// <summary>The AWS account, for the key policy that lets CloudFront decrypt through the distribution.</summary>
    public required Pulumi.Input<string> AccountId { get; init; }

    /// <summary>Days an overwritten or deleted version is kept before it expires.</summary>
    public int NoncurrentVersionDays { get; init; } = 30;

    /// <summary>Whether the key and bucket are protected (prod).</summary>
    public bool Protect { get; init; }

    /// <summary>Where the bucket's server access logs go; none when null.</summary>
    public ServerAccessLogTarget? AccessLogs { get; init; }
}

/// <summary>A log bucket that takes a bucket's server access logs.</summary>
/// <param name="Bucket">The log bucket's name.</param>
/// <param name="Prefix">The folder the logs go to, ending in '/'.</param>
/// <param name="After">The log bucket's policy, which admits the delivery.</param>
public sealed record ServerAccessLogTarget(Pulumi.Input<string> Bucket, string Prefix, Pulumi.Resource After);
