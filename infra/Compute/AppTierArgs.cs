using System.Collections.Immutable;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using MultiRegionInfra.Service;
using Pulumi;

namespace MultiRegionInfra.Compute;

/// <summary>Inputs of <see cref="AppTier"/>.</summary>
public sealed class AppTierArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The VPC the tier lives in.</summary>
    public required Input<string> VpcId { get; init; }

    /// <summary>Subnets of the load balancer.</summary>
    public required Output<ImmutableArray<string>> PublicSubnetIds { get; init; }

    /// <summary>Subnets of the instances.</summary>
    public required Output<ImmutableArray<string>> PrivateSubnetIds { get; init; }

    /// <summary>Instance type, sizes, scaling target.</summary>
    public required ComputeSettings Compute { get; init; }

    /// <summary>What runs on the instances: image, port, environment, secrets, command.</summary>
    public required ServiceSettings Service { get; init; }

    /// <summary>The image as this region pulls it (an ECR image is pulled from this region's replica), or
    /// null for the built-in sample.</summary>
    public ImageReference? Image { get; init; }

    /// <summary>The ECR registry the instances log in to before pulling, or null.</summary>
    public string? Registry { get; init; }

    /// <summary>The AMI the instances boot (resolved by the stack from configuration or SSM).</summary>
    public required Input<string> ImageId { get; init; }

    /// <summary>The path the load balancer and the global health checks probe.</summary>
    public string HealthCheckPath { get; init; } = "/health";

    /// <summary>The stack's parameter path and the parameters it publishes, which the service waits for.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>The parameters the regional stack publishes (the service waits for them at start).</summary>
    public required IReadOnlyCollection<ServiceParameter> PublishedParameters { get; init; }

    /// <summary>What the instance role may reach, resolved once the database, key, bucket and repository exist.</summary>
    public required Output<ServiceAccess> Access { get; init; }

    /// <summary>Resources the instances must not start before (the published parameters).</summary>
    public IReadOnlyList<Resource> StartAfter { get; init; } = Array.Empty<Resource>();

    /// <summary>The database's security group: the tier adds its own way in.</summary>
    public required Input<string> DatabaseSecurityGroupId { get; init; }

    /// <summary>The database's port.</summary>
    public required int DatabasePort { get; init; }

    /// <summary>Days the service's logs are kept (a CloudWatch Logs retention value).</summary>
    public int LogRetentionDays { get; init; } = 30;

    /// <summary>The domain whose hosted zone validates the certificate; without one the tier is HTTP only.</summary>
    public string? Domain { get; init; }

    /// <summary>The hosted zone of <see cref="Domain"/>.</summary>
    public Input<string>? HostedZoneId { get; init; }

    /// <summary>What sits in front of the load balancer, which decides who may reach it.</summary>
    public EdgeKind Edge { get; init; } = EdgeKind.CloudFront;

    /// <summary>CloudFront's origin-facing managed prefix list (needed when the edge is CloudFront).</summary>
    public Input<string>? CloudFrontPrefixListId { get; init; }

    /// <summary>The Route 53 health checkers' managed prefix list (needed when the edge is CloudFront or
    /// Cloudflare: Route 53 health checks may probe the load balancer behind either).</summary>
    public Input<string>? HealthCheckerPrefixListId { get; init; }

    /// <summary>The header a request must carry to be served (needed when the edge is CloudFront).</summary>
    public OriginHeaderCheck? OriginHeader { get; init; }

    /// <summary>Cloudflare's published address ranges, the only sources the load balancer admits (needed
    /// when the edge is Cloudflare).</summary>
    public CloudflareRanges? Cloudflare { get; init; }

    /// <summary>Whether the load balancer is protected from deletion (prod).</summary>
    public bool DeletionProtection { get; init; }

    /// <summary>Where the load balancer's access logs go; none when null.</summary>
    public LoadBalancerLogTarget? AccessLogs { get; init; }

    /// <summary>The Prometheus workspace the instances' collector writes to; no collector when null.</summary>
    public MetricsTarget? Metrics { get; init; }
}

/// <summary>The workspace an instance's metrics collector remote-writes to, and how it collects.</summary>
/// <param name="Endpoint">The workspace's Prometheus endpoint.</param>
/// <param name="Region">The workspace's region (the stack's own, or its primary's).</param>
/// <param name="Settings">The scrape interval and the collector's images.</param>
public sealed record MetricsTarget(Output<string> Endpoint, Output<string> Region, MetricsSettings Settings);

/// <summary>The header that ties a load balancer to its CloudFront distribution.</summary>
/// <param name="HeaderName">The header's name.</param>
/// <param name="AcceptedValues">The values the load balancer accepts (a secret): the current generation's
/// and the one before, so the value rotates without an outage.</param>
/// <param name="Required">Whether a request without it is refused (403); false only during an upgrade,
/// before the global stack sends it.</param>
public sealed record OriginHeaderCheck(string HeaderName, Output<ImmutableArray<string>> AcceptedValues, bool Required = true);

/// <summary>Cloudflare's published address ranges.</summary>
public sealed record CloudflareRanges(Output<ImmutableArray<string>> Ipv4, Output<ImmutableArray<string>> Ipv6);

/// <summary>A bucket that takes a load balancer's access logs.</summary>
/// <param name="Bucket">The bucket's name.</param>
/// <param name="Prefix">The folder, without a trailing '/'.</param>
/// <param name="After">What must exist before the load balancer logs there (the bucket's policy), if anything.</param>
public sealed record LoadBalancerLogTarget(Input<string> Bucket, string Prefix, Resource? After = null);
