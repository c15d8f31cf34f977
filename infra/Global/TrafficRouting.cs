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

        var recordChecks = args.Regions.ToDictionary(r => r.StackName, r => args.SwitchHealthChecks?.GetValueOrDefault(r.StackName) is { } planCheck
            ? PlanGate(name, args, r.StackName, checks[r.StackName], planCheck, self)
            : checks[r.StackName].Id);

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
                        HealthCheckId = recordChecks[region.StackName],
                        Aliases = { LoadBalancerAlias(region) },
                    }, self);
                }
            }
        }
        else
        {
            CreateFailoverChain(name, args, api, recordChecks, self);
        }

        HealthCheckIds = Output.All(checks.Select(c => c.Value.Id.Apply(id => KeyValuePair.Create(c.Key, id))))
            .Apply(pairs => pairs.ToImmutableDictionary());
        ApiHostname = Output.Create(api);
        RoutingMode = Output.Create(args.Strategy == RoutingStrategy.ActiveActive ? "latency" : "failover");
        RegisterOutputs();
    }

    /// <summary>The set identifier of a regional stack's record for api.&lt;domain&gt; itself: its stack name in
    /// latency routing; in failover routing <c>&lt;stack&gt;-primary</c> for the first region and, for the
    /// second, <c>&lt;stack&gt;-secondary</c>, or <c>failover-1-secondary</c> (the alias to the next level)
    /// when there are more than two. Null for a region without a record of that name.</summary>
    public static string? ApiRecordSetIdentifier(RoutingStrategy strategy, IReadOnlyList<string> failoverOrder, string stack)
    {
        ArgumentNullException.ThrowIfNull(failoverOrder);
        if (strategy == RoutingStrategy.ActiveActive)
            return failoverOrder.Contains(stack) ? stack : null;
        if (failoverOrder.Count > 0 && failoverOrder[0] == stack)
            return $"{stack}-primary";
        if (failoverOrder.Count > 1 && failoverOrder[1] == stack)
            return failoverOrder.Count == 2 ? $"{stack}-secondary" : "failover-1-secondary";
        return null;
    }

    /// <summary>Route 53's CALCULATED health check that is healthy only while both the region's endpoint
    /// answers and the Region switch plan keeps the region in service, so a region the plan took out stays
    /// out even when it answers again (no failback to a database that is no longer the writer). A region the
    /// plan returned no health check for keeps its endpoint check alone, with a warning.</summary>
    private static Output<string> PlanGate(string name, TrafficRoutingArgs args, string stack, HealthCheck endpoint,
        Output<string> planCheck, CustomResourceOptions self)
    {
        var children = Output.Tuple(endpoint.Id, planCheck).Apply(t =>
        {
            if (t.Item2.Length > 0)
                return ImmutableArray.Create(t.Item1, t.Item2);
            Log.Warn($"The Region switch plan returned no Route 53 health check for {stack}: its api records follow its endpoint health check only, and the plan's routing step does not move them.");
            return ImmutableArray.Create(t.Item1);
        });
        var gateName = ResourceNames.Child(name, $"{stack}-switch-gate");
        return new HealthCheck(gateName, new HealthCheckArgs
        {
            Type = "CALCULATED",
            ChildHealthchecks = children,
            ChildHealthThreshold = children.Apply(c => c.Length),
            ReferenceName = ResourceNames.Limit($"{stack}-gate-{args.Context.StackName}", 64),
            Tags = args.Context.Tags(gateName),
        }, self).Id;
    }

    /// <summary>The record name of failover level <paramref name="level"/>: api.&lt;domain&gt;, then failover-1.api.&lt;domain&gt;, ...</summary>
    public static string FailoverName(string api, int level) => level == 0 ? api : $"failover-{level}.{api}";

    private static IEnumerable<string> RecordTypes(RegionEndpoint region) => region.Dualstack ? new[] { "A", "AAAA" } : new[] { "A" };

    private static RecordAliasArgs LoadBalancerAlias(RegionEndpoint region) =>
        new() { Name = region.AlbDnsName, ZoneId = region.AlbZoneId, EvaluateTargetHealth = true };

    private void CreateFailoverChain(string name, TrafficRoutingArgs args, string api, Dictionary<string, Output<string>> checks, CustomResourceOptions self)
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
                    HealthCheckId = checks[primary.StackName],
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
                    record.HealthCheckId = checks[secondary.StackName];
                new Record(ResourceNames.Child(name, last ? $"{secondary.StackName}-secondary-{type.ToLowerInvariant()}" : $"level-{level + 1}-secondary-{type.ToLowerInvariant()}"), record, self);
            }
        }
    }
}
