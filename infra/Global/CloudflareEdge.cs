using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Cloudflare;
using Pulumi.Cloudflare.Inputs;

namespace MultiRegionInfra.Global;

/// <summary>Cloudflare in front of the regions instead of CloudFront: an HTTPS monitor on the health path,
/// one pool per region with its load balancer's regional hostname as origin, and a proxied load balancer
/// that steers by latency or proximity (active-active) or by pool order (active-passive), and optionally
/// the zone's authenticated origin pulls. With region probes, a proxied load balancer per region,
/// probe-&lt;stack&gt;.&lt;domain&gt;, on that region's pool alone: how a canary checks one region through
/// Cloudflare. The API token comes only from the Cloudflare provider's own
/// secret configuration (cloudflare:apiToken).</summary>
public sealed class CloudflareEdge : ComponentResource
{
    /// <summary>The load balancer's ID.</summary>
    [Output]
    public Output<string> LoadBalancerId { get; private set; } = null!;

    /// <summary>The steering policy in use.</summary>
    [Output]
    public Output<string> SteeringPolicy { get; private set; } = null!;

    /// <summary>A region's probe hostname: one label under the domain, so the zone's universal certificate covers it.</summary>
    public static string ProbeHostname(string stackName, string domain) => $"probe-{stackName}.{domain}";

    public CloudflareEdge(string name, CloudflareEdgeArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:edge:CloudflareEdge", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var self = new CustomResourceOptions { Parent = this };
        var context = args.Context;
        var healthPath = args.Regions[0].HealthCheckPath;

        var monitor = new LoadBalancerMonitor(ResourceNames.Child(name, "monitor"), new LoadBalancerMonitorArgs
        {
            AccountId = args.Settings.AccountId,
            Type = "https",
            Method = "GET",
            Path = healthPath,
            Port = 443,
            ExpectedCodes = "200",
            Interval = args.IntervalSeconds,
            Timeout = 5,
            Retries = 2,
            FollowRedirects = false,
            AllowInsecure = false,
            Description = $"{context.DisplayName("health")} HTTPS",
        }, self);

        var pools = args.Regions.Select(region => new LoadBalancerPool(ResourceNames.Child(name, $"{region.StackName}-pool"), new LoadBalancerPoolArgs
        {
            AccountId = args.Settings.AccountId,
            Name = ResourceNames.Join(context.Application, region.StackName),
            Description = $"{region.StackName} load balancer",
            Monitor = monitor.Id,
            Enabled = true,
            MinimumOrigins = 1,
            Origins =
            {
                new LoadBalancerPoolOriginArgs
                {
                    Name = region.StackName,
                    Address = region.OriginDomain,
                    Enabled = true,
                    Weight = 1,
                    Header = new LoadBalancerPoolOriginHeaderArgs { Hosts = { region.OriginDomain } },
                },
            },
        }, self)).ToList();

        var steering = Steering(args.Strategy, args.Settings.Steering);
        var loadBalancer = new LoadBalancer(ResourceNames.Child(name, "lb"), new LoadBalancerArgs
        {
            ZoneId = args.Settings.ZoneId,
            Name = args.Domain,
            Description = $"{context.Application}: {string.Join(", ", args.Regions.Select(r => r.StackName))}",
            DefaultPools = pools.Select(p => p.Id).ToList(),
            FallbackPool = pools[^1].Id,
            Proxied = true,
            SteeringPolicy = steering,
            Enabled = true,
        }, self);

        if (args.RegionProbes)
            AddRegionProbes(name, args, pools);

        // Cloudflare presents its origin-pull certificate on every connection to an origin. The regional
        // load balancers admit only Cloudflare's ranges; verifying the certificate would need a trust store
        // on their listeners (mutual TLS), which this program does not create.
        if (args.AuthenticatedOriginPulls)
        {
            new AuthenticatedOriginPullsSettings(ResourceNames.Child(name, "origin-pulls"), new AuthenticatedOriginPullsSettingsArgs
            {
                ZoneId = args.Settings.ZoneId,
                Enabled = true,
            }, self);
        }

        LoadBalancerId = loadBalancer.Id;
        SteeringPolicy = Output.Create(steering);
        RegisterOutputs();
    }

    /// <summary>One proxied load balancer per region on that region's pool alone, with no other pool to fall
    /// back to: a probe of a region that is down fails, which is what its canary is for.</summary>
    private void AddRegionProbes(string name, CloudflareEdgeArgs args, IReadOnlyList<LoadBalancerPool> pools)
    {
        foreach (var (region, pool) in args.Regions.Zip(pools))
        {
            new LoadBalancer(ResourceNames.Child(name, $"{region.StackName}-probe"), new LoadBalancerArgs
            {
                ZoneId = args.Settings.ZoneId,
                Name = ProbeHostname(region.StackName, args.Domain),
                Description = $"{args.Context.Application}: {region.StackName} alone, for its canary",
                DefaultPools = { pool.Id },
                FallbackPool = pool.Id,
                Proxied = true,
                SteeringPolicy = "off",
                Enabled = true,
            }, new CustomResourceOptions { Parent = this });
        }
    }

    /// <summary>Cloudflare's steering policy for a strategy: "off" follows the pool order, i.e. failover.</summary>
    public static string Steering(RoutingStrategy strategy, string activeActiveSteering) =>
        strategy == RoutingStrategy.ActiveActive ? activeActiveSteering : "off";
}
