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

    /// <summary>The header each region's load balancer requires, one per region: each regional origin
    /// sends its own region's, the api origin (routed to any region) every region's.</summary>
    public required IReadOnlyList<OriginHeader> OriginHeaders { get; init; }

    /// <summary>The program's web ACL; when null, the one cloudfront.webAclArn names, if any.</summary>
    public Input<string>? WebAclArn { get; init; }

    /// <summary>Whether each region gets a probe behaviour, /_regions/&lt;stack&gt;/* to that region alone (the
    /// canaries check each region through it: its load balancer admits nothing but CloudFront and the health
    /// checkers).</summary>
    public bool RegionProbes { get; init; }
}

/// <summary>The header a regional load balancer requires, as its stack exports it.</summary>
/// <param name="StackName">The regional stack.</param>
/// <param name="Name">The header's name.</param>
/// <param name="Value">Its current value (a secret).</param>
public sealed record OriginHeader(string StackName, Output<string> Name, Output<string> Value);
