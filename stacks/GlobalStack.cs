using System.Collections.Immutable;
using MultiRegionInfra.Compute;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Global;
using MultiRegionInfra.Monitoring;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Route53;

namespace MultiRegionInfra.Stacks;

/// <summary>Inputs of <see cref="GlobalStack"/>.</summary>
public sealed class GlobalStackArgs
{
    /// <summary>The validated configuration of the stack.</summary>
    public required GlobalSettings Settings { get; init; }

    /// <summary>The application name (the Pulumi project), the Application tag.</summary>
    public required string Application { get; init; }

    /// <summary>The organization whose regional stacks are read.</summary>
    public required string Organization { get; init; }
}

/// <summary>Connects the regional stacks: reads each through a stack reference, then builds Route 53
/// health checks and routing, the CloudFront or Cloudflare edge, and optionally the session table.</summary>
public sealed class GlobalStack : ComponentResource
{
    /// <summary>The region tag of resources that are not in one region.</summary>
    public const string GlobalRegion = "global";

    /// <summary>What the global stack read of each region, in failover order.</summary>
    public IReadOnlyList<RegionEndpoint> Regions { get; }

    /// <summary>The stack outputs, by name.</summary>
    public IReadOnlyDictionary<string, object> Exports { get; }

    public GlobalStack(string name, GlobalStackArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:stacks:GlobalStack", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = args.Settings;
        var context = new StackContext(args.Application, ConfigNames.NameOf(ConfigNames.Environments, settings.Environment),
            GlobalRegion, settings.StackName, settings.Tags);
        var child = new ComponentResourceOptions { Parent = this };

        Regions = settings.FailoverOrder.Select(stack =>
        {
            var reference = new StackReference(stack, new StackReferenceArgs
            {
                Name = RegionalStack.StackReferenceName(args.Organization, args.Application, stack),
            }, new CustomResourceOptions { Parent = this });
            References[stack] = reference;
            Output<string> Read(string output) => reference.RequireOutput(output).Apply(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            return new RegionEndpoint(stack, Read("region"), Read("albDnsName"), Read("albZoneId"), Read("originDomain"), Read("healthCheckPath"));
        }).ToList();

        var exports = new Dictionary<string, object>
        {
            ["stackKind"] = "global",
            ["endpoint"] = $"https://{settings.Domain}",
            ["apiEndpoint"] = $"https://{AppTier.ApiHostname(settings.Domain)}",
            ["strategy"] = ConfigNames.NameOf(GlobalSettings.Strategies, settings.Strategy),
            ["edge"] = ConfigNames.NameOf(ConfigNames.Edges, settings.Edge),
            ["regions"] = settings.FailoverOrder.ToImmutableArray(),
            ["primaryRegion"] = settings.PrimaryRegion,
        };

        if (settings.Dns == DnsProvider.Route53)
        {
            Input<string> zoneId = settings.HostedZoneId is { } configured
                ? configured
                : GetZone.Invoke(new GetZoneInvokeArgs { Name = settings.Domain, PrivateZone = false }, new InvokeOptions { Parent = this }).Apply(z => z.ZoneId);
            var routing = new TrafficRouting("routing", new TrafficRoutingArgs
            {
                Context = context,
                Domain = settings.Domain,
                ZoneId = zoneId,
                Strategy = settings.Strategy,
                Regions = Regions,
                HealthCheck = settings.HealthCheck,
            }, child);
            exports["healthCheckIds"] = routing.HealthCheckIds;
            exports["routingMode"] = routing.RoutingMode;
            exports["healthCheckAlarms"] = HealthCheckAlarms(context, settings, routing);

            if (settings.Edge == EdgeKind.CloudFront)
            {
                var assets = settings.Assets.Enabled ? AssetBuckets(settings) : null;
                var edge = new CloudFrontEdge("cdn", new CloudFrontEdgeArgs
                {
                    Context = context,
                    Domain = settings.Domain,
                    ZoneId = zoneId,
                    Regions = Regions,
                    Settings = settings.CloudFront,
                    AssetBuckets = assets?.Take(2).Select(b => ($"assets-{b.StackName}", (Input<string>)b.DomainName)).ToList(),
                }, child);
                exports["cloudfrontDomain"] = edge.DomainName;
                exports["cloudfrontDistributionId"] = edge.DistributionId;
                if (assets is not null)
                {
                    var delivery = new Storage.AssetDelivery("assets", new Storage.AssetDeliveryArgs
                    {
                        Context = context,
                        Primary = assets[0],
                        Replicas = assets.Skip(1).ToList(),
                        DistributionArn = edge.DistributionArn,
                    }, child);
                    exports["assetBuckets"] = Output.All(assets.Select(a => a.BucketName));
                    exports["assetReplicationRoleArn"] = delivery.ReplicationRoleArn;
                }
            }
        }

        if (settings.Edge == EdgeKind.Cloudflare)
        {
            var edge = new CloudflareEdge("cloudflare", new CloudflareEdgeArgs
            {
                Context = context,
                Domain = settings.Domain,
                Regions = Regions,
                Strategy = settings.Strategy,
                Settings = settings.Cloudflare!,
            }, child);
            exports["cloudflareLoadBalancerId"] = edge.LoadBalancerId;
            exports["steeringPolicy"] = edge.SteeringPolicy;
            if (settings.Dns == DnsProvider.Cloudflare)
                exports["routingMode"] = Output.Create(settings.Strategy == RoutingStrategy.ActiveActive ? "cloudflare-steering" : "cloudflare-failover");
        }

        if (settings.SessionStore)
        {
            var store = new SessionStore("sessions", new SessionStoreArgs
            {
                TableName = settings.SessionTableName,
                Regions = Regions.Select(r => (Input<string>)r.Region).ToList(),
                Tags = context.TagValues("sessions"),
                Protect = settings.IsProd,
            }, child);
            exports["sessionTableName"] = store.TableName;
            exports["sessionTableArn"] = store.TableArn;
        }

        var monitoring = References.Select(r => new RegionMonitoring($"{r.Key}-monitoring", new RegionMonitoringArgs
        {
            Context = context,
            StackName = r.Key,
            Region = Regions.Single(e => e.StackName == r.Key).Region,
            LoadBalancer = Read(r.Value, "albArnSuffix"),
            TargetGroup = Read(r.Value, "targetGroupArnSuffix"),
            DbInstance = Read(r.Value, "dbIdentifier"),
            MinHealthyHosts = r.Value.RequireOutput("minSize").Apply(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)),
            DbAllocatedStorageGb = r.Value.RequireOutput("dbAllocatedStorageGb").Apply(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)),
            Slo = settings.Slo,
        }, child)).ToList();
        exports["alarmTopics"] = Output.All(monitoring.Select(m => m.TopicArn));
        exports["slo"] = new Dictionary<string, object>
        {
            ["availabilityPercent"] = settings.Slo.AvailabilityPercent,
            ["rtoSeconds"] = settings.Slo.RtoSeconds,
            ["rpoSeconds"] = settings.Slo.RpoSeconds,
            ["p99LatencyMs"] = settings.Slo.P99LatencyMs,
        };

        Exports = exports;
        RegisterOutputs();
    }

    /// <summary>The asset buckets the regional stacks export: the assets' primary first, then its replicas.</summary>
    private List<Storage.AssetBucketRef> AssetBuckets(GlobalSettings settings) =>
        new[] { settings.Assets.PrimaryRegion }.Concat(settings.Assets.ReplicaRegions).Select(stack =>
        {
            var reference = References[stack];
            return new Storage.AssetBucketRef(stack, Read(reference, "region"), Read(reference, "assetBucketName"), Read(reference, "assetBucketArn"),
                Read(reference, "assetBucketDomain"), Read(reference, "assetKmsKeyArn"));
        }).ToList();

    /// <summary>The stack references, by regional stack name.</summary>
    private Dictionary<string, StackReference> References { get; } = new();

    private static Output<string> Read(StackReference reference, string output) =>
        reference.RequireOutput(output).Apply(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "");

    /// <summary>A HealthCheckStatus alarm per region in us-east-1, where Route 53 publishes its metrics.</summary>
    private Output<System.Collections.Immutable.ImmutableArray<string>> HealthCheckAlarms(StackContext context, GlobalSettings settings, TrafficRouting routing)
    {
        const string metricsRegion = "us-east-1";
        var topic = AlarmTopic.Create(this, "route53-alarms", context, metricsRegion, settings.Slo.NotificationEmail);
        var alarms = settings.FailoverOrder.Select(stack => new Pulumi.Aws.CloudWatch.MetricAlarm($"{stack}-health-alarm", new Pulumi.Aws.CloudWatch.MetricAlarmArgs
        {
            Region = metricsRegion,
            Name = ResourceNames.Join(context.Application, stack, "health"),
            AlarmDescription = $"Route 53 health check of {stack} is failing: traffic is leaving the region",
            Namespace = "AWS/Route53",
            MetricName = "HealthCheckStatus",
            Statistic = "Minimum",
            Dimensions = new InputMap<string> { { "HealthCheckId", routing.HealthCheckIds.Apply(ids => ids[stack]) } },
            Period = 60,
            EvaluationPeriods = 1,
            ComparisonOperator = "LessThanThreshold",
            Threshold = 1,
            TreatMissingData = "breaching",
            AlarmActions = { topic.Arn },
            OkActions = { topic.Arn },
            Tags = context.Tags($"{stack}-health-alarm"),
        }, new CustomResourceOptions { Parent = this })).ToList();
        return Output.All(alarms.Select(a => a.Name));
    }
}
