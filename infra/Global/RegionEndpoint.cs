using Pulumi;

namespace MultiRegionInfra.Global;

/// <summary>What the global stack knows of one region, read from its stack's outputs.</summary>
/// <param name="StackName">The regional stack, e.g. us-east.</param>
/// <param name="Region">Its AWS region, e.g. us-east-1.</param>
/// <param name="AlbDnsName">Its load balancer's DNS name.</param>
/// <param name="AlbZoneId">Its load balancer's canonical hosted zone.</param>
/// <param name="OriginDomain">The regional HTTPS hostname (&lt;stack&gt;.api.&lt;domain&gt;).</param>
/// <param name="HealthCheckPath">The path its health checks probe.</param>
/// <param name="Dualstack">Whether its load balancer also has IPv6 addresses (AAAA records).</param>
public sealed record RegionEndpoint(
    string StackName,
    Output<string> Region,
    Output<string> AlbDnsName,
    Output<string> AlbZoneId,
    Output<string> OriginDomain,
    Output<string> HealthCheckPath,
    bool Dualstack = false);
