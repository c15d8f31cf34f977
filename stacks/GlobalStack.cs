using System.Collections.Immutable;
using MultiRegionInfra.Compute;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Contracts;
using MultiRegionInfra.Global;
using MultiRegionInfra.Monitoring;
using MultiRegionInfra.Naming;
using MultiRegionInfra.Reliability;
using MultiRegionInfra.Service;
using Pulumi;
using Pulumi.Aws;
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

    /// <summary>The regional stacks, in failover order, as the program opened them.</summary>
    public required IReadOnlyList<RegionalStackReference> Regions { get; init; }

    /// <summary>What each regional stack said of itself, in the same order (checked by the program).</summary>
    public required IReadOnlyList<RegionalFacts> Facts { get; init; }
}

/// <summary>Connects the regional stacks: Route 53 health checks and routing, the CloudFront or
/// Cloudflare edge, the static assets' delivery, the session table and its access from every region, the
/// replication of the service's image, and each region's alarms.</summary>
public sealed class GlobalStack : ComponentResource
{
    /// <summary>The region tag of resources that are not in one region.</summary>
    public const string GlobalRegion = "global";

    private readonly GlobalSettings _settings;
    private readonly StackContext _context;
    private readonly ComponentResourceOptions _child;
    private readonly IReadOnlyDictionary<string, RegionalStackReference> _references;
    private readonly IReadOnlyDictionary<string, RegionalFacts> _facts;
    private readonly Output<string> _account;

    /// <summary>The edge (CloudFront or Cloudflare), whose region probes the canaries call; null without one.</summary>
    private ComponentResource? _edge;

    /// <summary>What the global stack read of each region, in failover order.</summary>
    public IReadOnlyList<RegionEndpoint> Regions { get; }

    /// <summary>The stack outputs, as <see cref="GlobalContract"/> declares them.</summary>
    public StackExports Exports { get; } = new();

    public GlobalStack(string name, GlobalStackArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:stacks:GlobalStack", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        _settings = args.Settings;
        _context = new StackContext(args.Application, ConfigNames.NameOf(ConfigNames.Environments, _settings.Environment),
            GlobalRegion, _settings.StackName, _settings.Tags);
        _child = new ComponentResourceOptions { Parent = this };
        _references = args.Regions.ToDictionary(r => r.StackName);
        _facts = args.Facts.ToDictionary(f => f.StackName);
        Regions = args.Regions.Select(r => new RegionEndpoint(r.StackName, Output.Create(_facts[r.StackName].Region),
            r.Get(RegionalContract.AlbDnsName), r.Get(RegionalContract.AlbZoneId), r.Get(RegionalContract.OriginDomain),
            r.Get(RegionalContract.HealthCheckPath))).ToList();
        var account = GetCallerIdentity.Invoke(new GetCallerIdentityInvokeArgs(), new InvokeOptions { Parent = this }).Apply(i => i.AccountId);
        _account = account;

        ExportSummary();
        if (_settings.Dns == DnsProvider.Route53)
            BuildRoute53AndCloudFront();
        if (_settings.Edge == EdgeKind.Cloudflare)
            BuildCloudflare();
        if (_settings.SessionStore)
            BuildSessions(account);
        BuildImageReplication(account);
        var monitoring = BuildMonitoring();
        BuildMetricsAlerting(monitoring);
        var canaries = BuildCanaries(monitoring);
        if (_settings.Rehearsal.Enabled)
            BuildRehearsals(canaries);
        RegisterOutputs();
    }

    private void ExportSummary()
    {
        Exports.Add(GlobalContract.StackKind, "global");
        Exports.Add(GlobalContract.Endpoint, $"https://{_settings.Domain}");
        Exports.Add(GlobalContract.ApiEndpoint, $"https://{AppTier.ApiHostname(_settings.Domain)}");
        Exports.Add(GlobalContract.Strategy, ConfigNames.NameOf(GlobalSettings.Strategies, _settings.Strategy));
        Exports.Add(GlobalContract.Edge, ConfigNames.NameOf(ConfigNames.Edges, _settings.Edge));
        Exports.Add(GlobalContract.Regions, _settings.FailoverOrder.ToImmutableArray());
        Exports.Add(GlobalContract.PrimaryRegion, _settings.PrimaryRegion);
        Exports.Add(GlobalContract.Slo, new Dictionary<string, double>
        {
            ["availabilityPercent"] = _settings.Slo.AvailabilityPercent,
            ["rtoSeconds"] = _settings.Slo.RtoSeconds,
            ["rpoSeconds"] = _settings.Slo.RpoSeconds,
            ["p99LatencyMs"] = _settings.Slo.P99LatencyMs,
        }.ToImmutableDictionary());
    }

    private void BuildRoute53AndCloudFront()
    {
        var settings = _settings;
        Input<string> zoneId = settings.HostedZoneId is { } configured
            ? configured
            : GetZone.Invoke(new GetZoneInvokeArgs { Name = settings.Domain, PrivateZone = false }, new InvokeOptions { Parent = this }).Apply(z => z.ZoneId);
        var switchChecks = settings.RegionSwitch.Enabled ? BuildRegionSwitch(zoneId) : null;
        var routing = new TrafficRouting("routing", new TrafficRoutingArgs
        {
            Context = _context,
            Domain = settings.Domain,
            ZoneId = zoneId,
            Strategy = settings.Strategy,
            Regions = Regions,
            HealthCheck = settings.HealthCheck,
            SwitchHealthChecks = switchChecks,
        }, _child);
        Exports.Add(GlobalContract.HealthCheckIds, routing.HealthCheckIds);
        Exports.Add(GlobalContract.RoutingMode, routing.RoutingMode);
        Exports.Add(GlobalContract.HealthCheckAlarms, HealthCheckAlarms(routing));

        if (settings.Edge != EdgeKind.CloudFront)
            return;
        var assets = settings.Assets.Enabled ? AssetBuckets() : null;
        var firewall = settings.Protection.Waf.Enabled
            ? new EdgeFirewall("waf", new EdgeFirewallArgs { Context = _context, Settings = settings.Protection.Waf }, _child)
            : null;
        var edge = new CloudFrontEdge("cdn", new CloudFrontEdgeArgs
        {
            Context = _context,
            Domain = settings.Domain,
            ZoneId = zoneId,
            Regions = Regions,
            Settings = settings.CloudFront,
            AssetBuckets = assets?.Take(2).Select(b => ($"assets-{b.StackName}", (Input<string>)b.DomainName)).ToList(),
            OriginHeaders = _references.Values.Select(r => new OriginHeader(r.StackName, r.Get(RegionalContract.OriginHeaderName), r.Get(RegionalContract.OriginSecret))).ToList(),
            WebAclArn = firewall is null ? null : (Input<string>)firewall.WebAclArn,
            RegionProbes = settings.Canaries.Enabled,
        }, _child);
        _edge = edge;
        if (firewall is not null)
            Exports.Add(GlobalContract.WebAclArn, firewall.WebAclArn);
        Exports.Add(GlobalContract.OriginSecretGenerations, Output.All(_references.Values.Select(r => r.Get(RegionalContract.OriginSecretGeneration)
                .Apply(g => $"{r.StackName}={g.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))));
        Exports.Add(GlobalContract.CloudfrontDomain, edge.DomainName);
        Exports.Add(GlobalContract.CloudfrontDistributionId, edge.DistributionId);
        if (assets is null)
            return;
        var delivery = new Storage.AssetDelivery("assets", new Storage.AssetDeliveryArgs
        {
            Context = _context,
            Primary = assets[0],
            Replicas = assets.Skip(1).ToList(),
        }, _child);
        Exports.Add(GlobalContract.AssetBuckets, Output.All(assets.Select(a => a.BucketName)));
        Exports.Add(GlobalContract.AssetReplicationRoleArn, delivery.ReplicationRoleArn);
    }

    /// <summary>The Region switch plans (one; in active-active PostgreSQL also the writer plan, which promotes
    /// the replica; ARC plans span two regions): the active region first (in
    /// active-passive the primaryRegion, the one region that does not stand by, checked before anything is
    /// registered; with Aurora after a failover it need not be the stack that owns the global cluster; in
    /// active-active the stack of the writable database, role primary), then the next in failover order,
    /// which takes over. Returns the plan's health check per stack, which the api records combine with their
    /// endpoint checks.</summary>
    private IReadOnlyDictionary<string, Output<string>> BuildRegionSwitch(Input<string> zoneId)
    {
        // role primary: the writable PostgreSQL database, or the stack whose Aurora cluster owns the global cluster.
        var owner = _facts.Values.FirstOrDefault(f => f.Role == "primary")?.StackName ?? _settings.FailoverOrder[0];
        var active = _settings.Strategy == RoutingStrategy.ActivePassive ? _settings.PrimaryRegion : owner;
        var stacks = _settings.FailoverOrder.Where(s => s != active).Prepend(active).Take(2).ToList();
        var engine = RegionalSettings.Engines[_facts[active].Engine];
        RegionSwitchPlan? system = null;
        foreach (var design in RegionSwitchSteps.Plans(_settings.Strategy, engine))
        {
            var plan = new RegionSwitchPlan(design.Part.Length == 0 ? "regionswitch" : $"regionswitch-{design.Part}", new RegionSwitchPlanArgs
            {
                Context = _context,
                Settings = _settings.RegionSwitch,
                Design = design,
                SharedApprovalRole = system?.ApprovalRole,
                Regions = stacks.Select(stack => new SwitchRegion(stack, _facts[stack].Region,
                    _references[stack].Get(RegionalContract.AutoScalingGroupArn), _references[stack].Get(RegionalContract.DbArn),
                    TrafficRouting.ApiRecordSetIdentifier(_settings.Strategy, _settings.FailoverOrder, stack) ?? stack)).ToList(),
                GlobalClusterId = engine == DatabaseEngine.AuroraPostgresql ? _references[owner].Get(RegionalContract.DbGlobalClusterId) : null,
                HostedZoneId = zoneId,
                RecordName = AppTier.ApiHostname(_settings.Domain),
                AccountId = _account,
                RtoSeconds = _settings.Slo.RtoSeconds,
            }, _child);
            if (system is null)
            {
                system = plan;
                Exports.Add(GlobalContract.RegionSwitchPlanArn, plan.PlanArn);
                Exports.Add(GlobalContract.RegionSwitchApprovalRoleArn, plan.ApprovalRoleArn);
            }
            else
            {
                Exports.Add(GlobalContract.RegionSwitchWriterPlanArn, plan.PlanArn);
            }
        }
        Exports.Add(GlobalContract.RegionSwitchRegions, stacks.ToImmutableArray());
        return system!.HealthCheckIds;
    }

    private void BuildCloudflare()
    {
        var edge = new CloudflareEdge("cloudflare", new CloudflareEdgeArgs
        {
            Context = _context,
            Domain = _settings.Domain,
            Regions = Regions,
            Strategy = _settings.Strategy,
            Settings = _settings.Cloudflare!,
            AuthenticatedOriginPulls = _settings.Protection.AuthenticatedOriginPulls,
            RegionProbes = _settings.Canaries.Enabled,
        }, _child);
        _edge = edge;
        Exports.Add(GlobalContract.CloudflareLoadBalancerId, edge.LoadBalancerId);
        Exports.Add(GlobalContract.SteeringPolicy, edge.SteeringPolicy);
        if (_settings.Dns == DnsProvider.Cloudflare)
            Exports.Add(GlobalContract.RoutingMode, Output.Create(_settings.Strategy == RoutingStrategy.ActiveActive ? "cloudflare-steering" : "cloudflare-failover"));
    }

    /// <summary>The session table, and in every region the parameter naming it and the instances' access.</summary>
    private void BuildSessions(Output<string> account)
    {
        var store = new SessionStore("sessions", new SessionStoreArgs
        {
            TableName = _settings.SessionTableName,
            Regions = Regions.Select(r => (Input<string>)r.Region).ToList(),
            Tags = _context.TagValues("sessions"),
            Protect = _settings.IsProd,
        }, _child);
        Exports.Add(GlobalContract.SessionTableName, store.TableName);
        Exports.Add(GlobalContract.SessionTableArn, store.TableArn);
        foreach (var (stack, reference) in _references)
        {
            new SessionAccess($"{stack}-sessions", new SessionAccessArgs
            {
                Context = _context,
                StackName = stack,
                Region = _facts[stack].Region,
                TableName = store.TableName,
                AccountId = account,
                ConfigPath = reference.Get(RegionalContract.ServiceConfigPath),
                ConfigKeyArn = reference.Get(RegionalContract.ServiceConfigKeyArn),
                InstanceRoleName = reference.Get(RegionalContract.InstanceRoleName),
                AutoScalingGroupName = reference.Get(RegionalContract.AutoScalingGroupName),
            }, _child);
        }
    }

    /// <summary>The service's repository replicated from the primary's region to every other region.</summary>
    private void BuildImageReplication(Output<string> account)
    {
        var primary = _facts.Values.SingleOrDefault(f => f.Role == "primary");
        if (primary is null)
            return;
        var destinations = _facts.Values.Where(f => f.Region != primary.Region).Select(f => f.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        if (destinations.Count == 0)
            return;
        var replication = new ImageReplication("image-replication", new ImageReplicationArgs
        {
            Context = _context,
            SourceRegion = primary.Region,
            DestinationRegions = destinations,
            RepositoryName = _references[primary.StackName].Get(RegionalContract.ImageRepositoryName),
            AccountId = account,
        }, _child);
        Exports.Add(GlobalContract.ImageReplicationRegions, replication.DestinationRegions);
    }

    private IReadOnlyDictionary<string, RegionMonitoring> BuildMonitoring()
    {
        var alertingRegions = MetricsWorkspaces().Select(w => w.Region).ToHashSet(StringComparer.Ordinal);
        var monitoring = _references.Values.Select(r => new RegionMonitoring($"{r.StackName}-monitoring", new RegionMonitoringArgs
        {
            Context = _context,
            StackName = r.StackName,
            Region = _facts[r.StackName].Region,
            LoadBalancer = r.Get(RegionalContract.AlbArnSuffix),
            TargetGroup = r.Get(RegionalContract.TargetGroupArnSuffix),
            DbInstance = r.Get(RegionalContract.DbIdentifier),
            Engine = RegionalSettings.Engines[_facts[r.StackName].Engine],
            IsReplica = _facts[r.StackName].Role == "replica",
            MinHealthyHosts = r.Get(RegionalContract.MinSize),
            DbAllocatedStorageGb = r.Get(RegionalContract.DbAllocatedStorageGb),
            AccountId = _account,
            Protect = _settings.IsProd,
            Slo = _settings.Slo,
            TopicPublishers = alertingRegions.Contains(_facts[r.StackName].Region)
                ? new[] { AlarmTopicArgs.CloudWatch, AlarmTopicArgs.Prometheus }
                : new[] { AlarmTopicArgs.CloudWatch },
        }, _child)).ToList();
        Exports.Add(GlobalContract.AlarmTopics, Output.All(monitoring.Select(m => m.TopicArn)));
        return _references.Keys.Zip(monitoring).ToDictionary(p => p.First, p => p.Second);
    }

    /// <summary>A Prometheus workspace the regions write to: the stack that holds it, its region, a stack
    /// that exports its ID, and whether any region writing to it scrapes the service.</summary>
    private sealed record MetricsWorkspaceOf(string Owner, string Region, RegionalStackReference Reference, bool ServiceScraped);

    /// <summary>The regions' workspaces, from what each regional stack says of itself: one per stack with
    /// its own, one for the system when the replicas write to their primary's.</summary>
    private List<MetricsWorkspaceOf> MetricsWorkspaces() => _facts.Values
        .Where(f => f.MetricsEnabled && f.MetricsWorkspaceStack.Length > 0 && f.MetricsWorkspaceRegion.Length > 0)
        .GroupBy(f => f.MetricsWorkspaceStack, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => new MetricsWorkspaceOf(g.Key, g.First().MetricsWorkspaceRegion,
            _references[g.Any(f => f.StackName == g.Key) ? g.Key : g.First().StackName], g.Any(f => f.MetricsServiceScraped)))
        .ToList();

    /// <summary>Per workspace, in its region: the SLO's recording and alerting rules and the alert manager,
    /// which notifies the alarm topic of the workspace's region (its holder's, or another region's in it).</summary>
    private void BuildMetricsAlerting(IReadOnlyDictionary<string, RegionMonitoring> monitoring)
    {
        var workspaces = new List<Output<string>>();
        foreach (var workspace in MetricsWorkspaces())
        {
            var topic = monitoring.GetValueOrDefault(workspace.Owner)
                ?? monitoring.Where(m => _facts[m.Key].Region == workspace.Region).Select(m => m.Value).FirstOrDefault();
            if (topic is null)
                continue;
            var id = workspace.Reference.Get(RegionalContract.MetricsWorkspaceId);
            new WorkspaceAlerting($"{workspace.Owner}-metrics-alerting", new WorkspaceAlertingArgs
            {
                Context = _context,
                Region = workspace.Region,
                WorkspaceId = id,
                TopicArn = topic.TopicArn,
                Slo = _settings.Slo,
                Metrics = _settings.ServiceMetrics,
                ServiceScraped = workspace.ServiceScraped,
            }, _child);
            workspaces.Add(id.Apply(i => $"{workspace.Owner}={i}"));
        }
        Exports.Add(GlobalContract.MetricsWorkspaces, Output.All(workspaces));
    }

    /// <summary>Per region, in that region, the FIS experiments that take it out. They stop when the region's
    /// canary finds the system's own endpoints failing (no region serves them), not on the region's SLO
    /// alarms, which the outage they simulate sets off by design.</summary>
    private void BuildRehearsals(IReadOnlyDictionary<string, RegionCanaries> canaries)
    {
        var stacks = _references.Keys.ToList();
        var templates = stacks.Select(stack =>
        {
            var experiments = new Reliability.RegionOutageExperiments($"{stack}-rehearsal", new Reliability.RegionOutageExperimentsArgs
            {
                Context = _context,
                StackName = stack,
                Region = _facts[stack].Region,
                AccountId = _account,
                VpcId = _references[stack].Get(RegionalContract.VpcId),
                Settings = _settings.Rehearsal,
                StopAlarmArns = canaries[stack].SystemAlarmArn.Apply(arn => ImmutableArray.Create(arn)),
            }, _child);
            return Output.Tuple(experiments.StopInstancesTemplateId, experiments.NetworkTemplateId)
                .Apply(ids => new[] { KeyValuePair.Create($"{stack}/stop-instances", ids.Item1), KeyValuePair.Create($"{stack}/network", ids.Item2) });
        }).ToList();
        Exports.Add(GlobalContract.RehearsalTemplates, Output.All(templates).Apply(pairs => pairs.SelectMany(p => p).ToImmutableDictionary()));
    }

    /// <summary>A canary in every region, calling what it can reach of the system with the health path and
    /// the configured checks, alarming into the region's topic.</summary>
    private IReadOnlyDictionary<string, RegionCanaries> BuildCanaries(IReadOnlyDictionary<string, RegionMonitoring> monitoring)
    {
        var settings = _settings;
        if (!settings.Canaries.Enabled)
            return new Dictionary<string, RegionCanaries>();
        var engine = RegionalSettings.Engines.GetValueOrDefault(_facts.Values.First().Engine, DatabaseEngine.Postgres);
        var tolerance = Reliability.BudgetReport.SystemAlarmTolerance(settings, Array.Empty<RegionalSettings>(), engine);
        var canaries = _references.Values.Select(reference => (Reference: reference, Monitoring: monitoring[reference.StackName]))
            .Select(pair => (Stack: pair.Reference.StackName, Canary: new RegionCanaries($"{pair.Reference.StackName}-synthetics", new RegionCanariesArgs
        {
            Context = _context,
            StackName = pair.Reference.StackName,
            Region = _facts[pair.Reference.StackName].Region,
            Settings = settings.Canaries,
            Edge = settings.Edge,
            Domain = settings.Domain,
            OriginDomain = pair.Reference.Get(RegionalContract.OriginDomain),
            HealthCheckPath = pair.Reference.Get(RegionalContract.HealthCheckPath),
            SystemToleranceSeconds = tolerance,
            Probes = _edge,
            AlarmTopicArn = pair.Monitoring.TopicArn,
            AccountId = _account,
            LogBucket = _facts[pair.Reference.StackName].LogBucket is { Length: > 0 } logs ? logs : null,
            Slo = settings.Slo,
            Protect = settings.IsProd,
            ScriptDirectory = CanaryScript.DefaultDirectory(_context.Application),
        }, _child))).ToList();
        Exports.Add(GlobalContract.Canaries, Output.All(canaries.Select(c => c.Canary.CanaryName)));
        // What each region's canary calls: where synthetic traffic arrives (the topology draws it).
        Exports.Add(GlobalContract.CanaryTargets, Output.All(canaries.Select(c => c.Canary.Targets.Apply(targets => (c.Stack, Targets: targets))))
            .Apply(all => all.ToImmutableDictionary(p => p.Stack, p => p.Targets)));
        return canaries.ToDictionary(c => c.Stack, c => c.Canary);
    }

    /// <summary>The asset buckets the regional stacks export: the assets' primary first, then its replicas.</summary>
    private List<Storage.AssetBucketRef> AssetBuckets() =>
        new[] { _settings.Assets.PrimaryRegion }.Concat(_settings.Assets.ReplicaRegions).Select(stack =>
        {
            var reference = _references[stack];
            return new Storage.AssetBucketRef(stack, Output.Create(_facts[stack].Region), reference.Get(RegionalContract.AssetBucketName),
                reference.Get(RegionalContract.AssetBucketArn), reference.Get(RegionalContract.AssetBucketDomain), reference.Get(RegionalContract.AssetKmsKeyArn));
        }).ToList();

    /// <summary>A HealthCheckStatus alarm per region in us-east-1, where Route 53 publishes its metrics.</summary>
    private Output<ImmutableArray<string>> HealthCheckAlarms(TrafficRouting routing)
    {
        const string metricsRegion = "us-east-1";
        var context = _context;
        var topic = new AlarmTopic("route53-alarms", new AlarmTopicArgs
        {
            Context = context,
            Region = metricsRegion,
            TopicName = ResourceNames.Limit(ResourceNames.Join(context.Application, context.StackName, "route53-alarms"), 256),
            AccountId = _account,
            NotificationEmail = _settings.Slo.NotificationEmail,
            Protect = _settings.IsProd,
        }, _child);
        var alarms = _settings.FailoverOrder.Select(stack => new Pulumi.Aws.CloudWatch.MetricAlarm($"{stack}-health-alarm", new Pulumi.Aws.CloudWatch.MetricAlarmArgs
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
            AlarmActions = { topic.TopicArn },
            OkActions = { topic.TopicArn },
            Tags = context.Tags($"{stack}-health-alarm"),
        }, new CustomResourceOptions { Parent = this })).ToList();
        return Output.All(alarms.Select(a => a.Name));
    }
}
