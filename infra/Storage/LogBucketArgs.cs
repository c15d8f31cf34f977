using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Storage;

/// <summary>Inputs of <see cref="LogBucket"/>.</summary>
public sealed class LogBucketArgs
{
    /// <summary>Whose resources these are: tags, display names and the region (which decides who
    /// delivers load balancer logs).</summary>
    public required StackContext Context { get; init; }

    /// <summary>The AWS account, whose load balancers and buckets may deliver logs here.</summary>
    public required Input<string> AccountId { get; init; }

    /// <summary>Days a log object is kept.</summary>
    public required int RetentionDays { get; init; }

    /// <summary>ARN patterns of the buckets whose server access logs come here (e.g. the asset bucket's
    /// name prefix followed by *).</summary>
    public IReadOnlyList<string> ServerAccessSources { get; init; } = Array.Empty<string>();

    /// <summary>Whether the bucket is protected (prod).</summary>
    public bool Protect { get; init; }
}
