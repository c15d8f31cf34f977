using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Global;

/// <summary>Inputs of <see cref="CloudFrontEdge"/>.</summary>
public sealed class CloudFrontEdgeArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The public domain; the distribution answers &lt;domain&gt; and www.&lt;domain&gt;.</summary>
    public required string Domain { get; init; }

    /// <summary>The hosted zone of the domain (certificate validation and alias records).</summary>
    public required Input<string> ZoneId { get; init; }

    /// <summary>The regions in failover order: the primary first.</summary>
    public required IReadOnlyList<RegionEndpoint> Regions { get; init; }

    /// <summary>The asset buckets the default behaviour serves, primary first then its failover; when
    /// null, the default behaviour serves the regional load balancers.</summary>
    public IReadOnlyList<(string OriginId, Input<string> DomainName)>? AssetBuckets { get; init; }

    /// <summary>Price class, WAF, logging and origin failover timing.</summary>
    public required CloudFrontSettings Settings { get; init; }
}
