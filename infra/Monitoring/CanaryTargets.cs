using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Monitoring;

/// <summary>One address a canary calls: the base URL its checks' paths are appended to.</summary>
/// <param name="Name">region, api or edge: the first part of each step's name.</param>
/// <param name="BaseUrl">https://&lt;host&gt;, without a trailing slash.</param>
public sealed record CanaryTarget(string Name, string BaseUrl);

/// <summary>What a region's canary calls, by edge: whatever the internet may call. Without an edge the load
/// balancers admit everyone, so the region's own name and <c>api.&lt;domain&gt;</c>. Behind an edge their
/// security groups admit only the edge's servers and Route 53's health checkers (a canary outside a VPC
/// has no address to admit), so the canary calls the edge: behind CloudFront its region through the region's
/// probe behaviour (<c>https://&lt;domain&gt;/_regions/&lt;stack&gt;</c>, see <see cref="Global.CloudFrontEdge.RegionProbePattern"/>)
/// and the system at <c>https://&lt;domain&gt;</c>; behind Cloudflare its region through the region's probe
/// hostname (<see cref="Global.CloudflareEdge.ProbeHostname"/>) and the system at <c>https://&lt;domain&gt;</c>.
/// Which checks each target takes: <see cref="Reaches"/>.</summary>
public static class CanaryTargets
{
    public const string Region = "region";
    public const string Api = "api";
    public const string Edge = "edge";

    /// <summary>The targets' names for an edge, in the order the canary calls them.</summary>
    public static IReadOnlyList<string> Names(EdgeKind edge) => edge switch
    {
        EdgeKind.None => new[] { Region, Api },
        _ => new[] { Region, Edge },
    };

    /// <summary>The most targets a canary calls, whatever the edge.</summary>
    public static int MostTargets { get; } = Enum.GetValues<EdgeKind>().Max(edge => Names(edge).Count);

    /// <param name="stackName">The region's stack, whose probe behaviour CloudFront has.</param>
    /// <param name="originDomain">The region's own name, &lt;stack&gt;.api.&lt;domain&gt;.</param>
    public static IReadOnlyList<CanaryTarget> For(EdgeKind edge, string domain, string stackName, string originDomain) =>
        Names(edge).Select(name => name switch
        {
            Region when edge == EdgeKind.CloudFront => new CanaryTarget(Region, $"https://{domain}{Global.CloudFrontEdge.RegionProbePrefix}{stackName}"),
            Region when edge == EdgeKind.Cloudflare => new CanaryTarget(Region, $"https://{Global.CloudflareEdge.ProbeHostname(stackName, domain)}"),
            Region => new CanaryTarget(Region, $"https://{originDomain}"),
            Api => new CanaryTarget(Api, $"https://{Compute.AppTier.ApiHostname(domain)}"),
            _ => new CanaryTarget(Edge, $"https://{domain}"),
        }).ToList();

    /// <summary>Whether a check's request reaches the API on a target, uncached. A region's own target (its name,
    /// or behind an edge its probe) gets reads only (GET and HEAD): it pins a region the routing may have taken
    /// out, where a write would diverge. api.&lt;domain&gt; and Cloudflare send every request to the regions. On
    /// CloudFront only /api/* and reads of the health path (a behaviour of its own, see
    /// <see cref="Global.CloudFrontEdge.HealthPathPatterns"/>) reach them uncached; anything else takes the
    /// default behaviour, which serves the asset buckets or the regions' answers from its cache.</summary>
    /// <param name="method">The check's method.</param>
    /// <param name="path">The check's path and query (CloudFront matches its behaviours on the path alone).</param>
    /// <param name="healthCheckPath">The region's health path.</param>
    public static bool Reaches(string target, EdgeKind edge, string method, string path, string healthCheckPath)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(healthCheckPath);
        var read = Global.CloudFrontEdge.ReadMethods.Contains(method, StringComparer.Ordinal);
        return (edge, target) switch
        {
            (_, Region) => read,
            (EdgeKind.None, _) => true,
            (EdgeKind.Cloudflare, _) => true,
            _ => path.StartsWith(Global.CloudFrontEdge.ApiPathPattern.TrimEnd('*'), StringComparison.Ordinal)
                || (read && Global.CloudFrontEdge.HealthPathPatterns(new[] { healthCheckPath }).Contains(path.Split('?', 2)[0], StringComparer.Ordinal)),
        };
    }
}
