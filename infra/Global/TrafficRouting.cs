using System.Collections.Immutable;
using MultiRegionInfra.Compute;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Route53;
using Pulumi.Aws.Route53.Inputs;

namespace MultiRegionInfra.Global;

/// <summary>Route 53 across the regions: an HTTPS health check of every region's load balancer, and
/// api.&lt;domain&gt; records that route by latency between healthy regions (active-active) or fail over
/// from the primary (active-passive). Route 53 allows one PRIMARY and one SECONDARY record per name, so
/// with more than two regions the SECONDARY of each level is an alias to the next level's name.</summary>
public sealed class TrafficRouting : ComponentResource
{
    /// <summary>The health check ID of each regional stack.</summary>
    [Output]
    public Output<ImmutableDictionary<string, string>> HealthCheckIds { get; private set; } = null!;

    /// <summary>The hostname clients use for the API.</summary>
    [Output]
    public Output<string> ApiHostname { get; private set; } = null!;

    /// <summary>latency or failover.</summary>
    [Output]
    public Output<string> RoutingMode { get; private set; } = null!;

    public TrafficRouting(string name, TrafficRoutingArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:routing:TrafficRouting", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var self = new CustomResourceOptions { Parent = this };
        var api = AppTier.ApiHostname(args.Domain);

        var checks = args.Regions.ToDictionary(r => r.StackName, region =>
            new HealthCheck(ResourceNames.Child(name, $"{region.StackName}-health"), new HealthCheckArgs
            {
                Type = "HTTPS",
                Fqdn = region.OriginDomain,
                Port = 443,
                ResourcePath = region.HealthCheckPath,
                EnableSni = true,
                RequestInterval = args.HealthCheck.IntervalSeconds,
                FailureThreshold = args.HealthCheck.FailureThreshold,
                MeasureLatency = true,
                Regions = args.HealthCheck.CheckerRegions.ToList(),
                ReferenceName = ResourceNames.Limit($"{region.StackName}-{args.Context.StackName}", 64),
                Tags = args.Context.Tags(ResourceNames.Child(name, $"{region.StackName}-health")),
            }, self));

        if (args.Strategy == RoutingStrategy.ActiveActive)
        {
            foreach (var region in args.Regions)
            {
                foreach (var type in RecordTypes(region))
                {
                    new Record(ResourceNames.Child(name, $"{region.StackName}-latency-{type.ToLowerInvariant()}"), new RecordArgs
                    {
                        ZoneId = args.ZoneId,
                        Name = api,
                        Type = type,
                        SetIdentifier = region.StackName,
                        LatencyRoutingPolicies = { new RecordLatencyRoutingPolicyArgs { Region = region.Region } },
                        HealthCheckId = checks[region.StackName].Id,
                        Aliases = { LoadBalancerAlias(region) },
                    }, self);
                }
            }
        }
        else
        {
            CreateFailoverChain(name, args, api, checks, self);
        }

        HealthCheckIds = Output.All(checks.Select(c => c.Value.Id.Apply(id => KeyValuePair.Create(c.Key, id))))
            .Apply(pairs => pairs.ToImmutableDictionary());
        ApiHostname = Output.Create(api);
        RoutingMode = Output.Create(args.Strategy == RoutingStrategy.ActiveActive ? "latency" : "failover");
        RegisterOutputs();
    }

    /// <summary>The record name of failover level <paramref name="level"/>: api.&lt;domain&gt;, then failover-1.api.&lt;domain&gt;, ...</summary>
    public static string FailoverName(string api, int level) => level == 0 ? api : $"failover-{level}.{api}";

    private static IEnumerable<string> RecordTypes(RegionEndpoint region) => region.Dualstack ? new[] { "A", "AAAA" } : new[] { "A" };

    private static RecordAliasArgs LoadBalancerAlias(RegionEndpoint region) =>
        new() { Name = region.AlbDnsName, ZoneId = region.AlbZoneId, EvaluateTargetHealth = true };

    private void CreateFailoverChain(string name, TrafficRoutingArgs args, string api, Dictionary<string, HealthCheck> checks, CustomResourceOptions self)
    {
        var order = args.Regions;
        for (var level = 0; level < order.Count - 1; level++)
        {
            var recordName = FailoverName(api, level);
            var primary = order[level];
            var last = level == order.Count - 2;
            foreach (var type in RecordTypes(primary))
            {
                new Record(ResourceNames.Child(name, $"{primary.StackName}-primary-{type.ToLowerInvariant()}"), new RecordArgs
                {
                    ZoneId = args.ZoneId,
                    Name = recordName,
                    Type = type,
                    SetIdentifier = $"{primary.StackName}-primary",
                    FailoverRoutingPolicies = { new RecordFailoverRoutingPolicyArgs { Type = "PRIMARY" } },
                    HealthCheckId = checks[primary.StackName].Id,
                    Aliases = { LoadBalancerAlias(primary) },
                }, self);
            }
            var secondary = order[level + 1];
            foreach (var type in RecordTypes(secondary))
            {
                var alias = last
                    ? LoadBalancerAlias(secondary)
                    : new RecordAliasArgs { Name = FailoverName(api, level + 1), ZoneId = args.ZoneId, EvaluateTargetHealth = true };
                var record = new RecordArgs
                {
                    ZoneId = args.ZoneId,
                    Name = recordName,
                    Type = type,
                    SetIdentifier = last ? $"{secondary.StackName}-secondary" : $"failover-{level + 1}-secondary",
                    FailoverRoutingPolicies = { new RecordFailoverRoutingPolicyArgs { Type = "SECONDARY" } },
                    Aliases = { alias },
                };
                if (last)
                    record.HealthCheckId = checks[secondary.StackName].Id;
                new Record(ResourceNames.Child(name, last ? $"{secondary.StackName}-secondary-{type.ToLowerInvariant()}" : $"level-{level + 1}-secondary-{type.ToLowerInvariant()}"), record, self);
            }
        }
    }
}
