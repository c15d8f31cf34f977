using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Monitoring;

/// <summary>One address a canary calls: the base URL its checks' paths are appended to, and the origin
/// headers (by name) its requests carry.</summary>
/// <param name="Name">region, api or edge: the first part of each step's name.</param>
/// <param name="BaseUrl">https://&lt;host&gt;, without a trailing slash.</param>
/// <param name="OriginHeaders">The origin headers the load balancers behind this address require.</param>
public sealed record CanaryTarget(string Name, string BaseUrl, IReadOnlyList<string> OriginHeaders);

/// <summary>What a region's canary calls, by edge. A load balancer behind CloudFront answers 403 without
/// its origin header (but the health path), so the region's own name gets the region's header and
/// <c>api.&lt;domain&gt;</c>, which Route 53 may answer with any region, every region's; CloudFront itself is
/// called at <c>https://&lt;domain&gt;</c> and adds the headers (with the asset buckets, for the health path and
/// /api/ only, see <see cref="Reaches"/>). Behind Cloudflare the load balancers admit only
/// Cloudflare's addresses, so only Cloudflare is called.</summary>
public static class CanaryTargets
{
    public const string Region = "region";
    public const string Api = "api";
    public const string Edge = "edge";

    /// <summary>The targets' names for an edge, in the order the canary calls them.</summary>
    public static IReadOnlyList<string> Names(EdgeKind edge) => edge switch
    {
        EdgeKind.CloudFront => new[] { Region, Api, Edge },
        EdgeKind.Cloudflare => new[] { Edge },
        _ => new[] { Region, Api },
    };

    /// <param name="originDomain">The region's own name, &lt;stack&gt;.api.&lt;domain&gt;.</param>
    /// <param name="ownHeader">The region's origin header (CloudFront only).</param>
    /// <param name="allHeaders">Every region's origin header (CloudFront only).</param>
    public static IReadOnlyList<CanaryTarget> For(EdgeKind edge, string domain, string originDomain, string? ownHeader, IReadOnlyList<string> allHeaders)
    {
        ArgumentNullException.ThrowIfNull(allHeaders);
        var cloudFront = edge == EdgeKind.CloudFront;
        return Names(edge).Select(name => name switch
        {
            Region => new CanaryTarget(Region, $"https://{originDomain}", cloudFront && ownHeader is not null ? new[] { ownHeader } : Array.Empty<string>()),
            Api => new CanaryTarget(Api, $"https://{Compute.AppTier.ApiHostname(domain)}", cloudFront ? allHeaders : Array.Empty<string>()),
            _ => new CanaryTarget(Edge, $"https://{domain}", Array.Empty<string>()),
        }).ToList();
    }

    /// <summary>Whether a check's request reaches the API on a target: the regions' and api's names serve every
    /// path; Cloudflare sends every path to the regions; CloudFront sends every path to them when the asset
    /// buckets are off, and otherwise (its default behaviour serving the buckets) only /api/* and GET or HEAD
    /// of the health path, which has a behaviour of its own (<see cref="Global.CloudFrontEdge.HealthPathPatterns"/>).
    /// Other paths on the edge would ask a bucket.</summary>
    /// <param name="method">The check's method.</param>
    /// <param name="path">The check's path and query (CloudFront matches its behaviours on the path alone).</param>
    /// <param name="healthCheckPath">The region's health path.</param>
    public static bool Reaches(string target, EdgeKind edge, bool assetsServed, string method, string path, string healthCheckPath)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(healthCheckPath);
        if (target != Edge || edge == EdgeKind.Cloudflare || !assetsServed || path.StartsWith("/api/", StringComparison.Ordinal))
            return true;
        return path.Split('?', 2)[0] == healthCheckPath && Global.CloudFrontEdge.HealthCheckMethods.Contains(method, StringComparer.Ordinal);
    }
}
