using System.Text.RegularExpressions;

namespace MultiRegionInfra.Configuration;

/// <summary>How traffic is shared between the regions.</summary>
public enum RoutingStrategy
{
    /// <summary>Every healthy region serves; clients go to the lowest-latency one.</summary>
    ActiveActive,

    /// <summary>The primary serves; the others take over when its health check fails.</summary>
    ActivePassive,
}

/// <summary>Where the public DNS records live.</summary>
public enum DnsProvider
{
    Route53,
    Cloudflare,
}

/// <summary>Route 53 health checks of the regional load balancers.</summary>
public sealed record HealthCheckSettings(int IntervalSeconds, int FailureThreshold, IReadOnlyList<string> CheckerRegions);

/// <summary>The CloudFront edge.</summary>
public sealed record CloudFrontSettings(string PriceClass, string? WebAclArn, string? LogBucket, int ConnectionAttempts, int ConnectionTimeoutSeconds);

/// <summary>The Cloudflare edge.</summary>
public sealed record CloudflareSettings(string ZoneId, string AccountId, string Steering);

/// <summary>Everything the global stack is built from, validated.</summary>
public sealed record GlobalSettings(
    string StackName,
    DeploymentEnvironment Environment,
    IReadOnlyList<string> Regions,
    RoutingStrategy Strategy,
    string PrimaryRegion,
    EdgeKind Edge,
    DnsProvider Dns,
    string Domain,
    string? HostedZoneId,
    HealthCheckSettings HealthCheck,
    CloudFrontSettings CloudFront,
    CloudflareSettings? Cloudflare,
    bool SessionStore,
    string SessionTableName,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<Policies.PolicyWaiver> Waivers,
    Policies.DataResidency? Residency,
    Reliability.SloSettings Slo,
    Costs.CostSettings Traffic,
    GlobalAssetSettings Assets,
    EdgeProtectionSettings Protection,
    ServiceMetricNames ServiceMetrics,
    Reliability.RehearsalSettings Rehearsal,
    Monitoring.CanarySettings Canaries,
    RegionSwitchSettings RegionSwitch)
{
    public bool IsProd => Environment == DeploymentEnvironment.Prod;

    /// <summary>The regions Route 53 health checkers can run from.</summary>
    public static readonly IReadOnlyList<string> HealthCheckerRegions =
        new[] { "us-east-1", "us-west-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1" };

    public static readonly IReadOnlyDictionary<string, RoutingStrategy> Strategies =
        new Dictionary<string, RoutingStrategy> { ["active-active"] = RoutingStrategy.ActiveActive, ["active-passive"] = RoutingStrategy.ActivePassive };

    public static readonly IReadOnlyDictionary<string, DnsProvider> DnsProviders =
        new Dictionary<string, DnsProvider> { ["route53"] = DnsProvider.Route53, ["cloudflare"] = DnsProvider.Cloudflare };

    public static readonly IReadOnlyList<string> PriceClasses = new[] { "PriceClass_100", "PriceClass_200", "PriceClass_All" };

    /// <summary>Cloudflare steering policies for active-active (active-passive always steers by pool order).</summary>
    public static readonly IReadOnlyList<string> CloudflareSteerings = new[] { "dynamic_latency", "proximity", "geo" };

    /// <summary>The regions in failover order: the primary first, then the others as listed.</summary>
    public IReadOnlyList<string> FailoverOrder => new[] { PrimaryRegion }.Concat(Regions.Where(r => r != PrimaryRegion)).ToList();

    public static GlobalSettings? Read(ConfigReader config, string stackName, string? awsRegion = "us-east-1")
    {
        var errorsBefore = config.Errors.Count;
        config.Raw("stackKind");
        var environment = config.RequiredChoice("environment", ConfigNames.Environments);

        var beforeRegions = config.Errors.Count;
        var regions = config.StringList("regions", Array.Empty<string>());
        var regionsParsed = config.Errors.Count == beforeRegions;
        if (!config.Has("regions"))
            config.Error("regions", null, "is required", "allowed: a list of at least two regional stack names, e.g. [us-east, eu-west]");
        else if (regionsParsed && regions.Count < 2)
            config.Error("regions", string.Join(", ", regions), "has fewer than two regions", "allowed: at least two regional stack names");
        foreach (var duplicate in regions.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key))
            config.Error("regions", duplicate, "is listed more than once", "allowed: each regional stack once");
        foreach (var region in regions.Where(r => !Regex.IsMatch(r, "^[A-Za-z0-9_.-]+$", RegexOptions.None, TimeSpan.FromSeconds(1))))
            config.Error("regions", region, "is not a stack name", "allowed: letters, digits, '-', '_' and '.'");
        if (regions.Contains(stackName))
            config.Error("regions", stackName, "is this global stack itself", "allowed: regional stacks only");

        var strategy = config.Choice("strategy", RoutingStrategy.ActiveActive, Strategies);
        var primary = config.Raw("primaryRegion");
        if (primary is null && strategy == RoutingStrategy.ActivePassive)
            config.Error("primaryRegion", null, "is required when strategy is 'active-passive'", $"allowed: one of the regions ({string.Join(", ", regions)})");
        else if (primary is not null && regions.Count > 0 && !regions.Contains(primary))
            config.Error("primaryRegion", primary, "is not among the regions", $"allowed: one of {string.Join(", ", regions)}");
        primary ??= regions.FirstOrDefault() ?? "";

        var edge = config.Choice("edge", EdgeKind.CloudFront, ConfigNames.Edges);
        if (string.IsNullOrEmpty(awsRegion))
            config.ErrorAt("aws:region", null, "is required", "allowed: us-east-1 (Route 53, CloudFront and its certificate are managed there)");
        // An unknown region is reported once, by the provider configuration's check.
        else if (edge == EdgeKind.CloudFront && awsRegion != Global.CloudFrontEdge.CertificateRegion && AwsRegions.IsKnown(awsRegion))
            config.ErrorAt("aws:region", awsRegion, "cannot hold CloudFront's certificate", "allowed: us-east-1 for the global stack when edge is cloudfront");
        var dns = config.Choice("dns", DnsProvider.Route53, DnsProviders);
        if (edge == EdgeKind.CloudFront && dns != DnsProvider.Route53)
            config.Error("dns", ConfigNames.NameOf(DnsProviders, dns), "cannot serve a CloudFront edge", "allowed: route53 when edge is cloudfront");

        var domain = config.RequiredString("domain", "allowed: a DNS name such as example.com");
        if (domain is not null && !RegionalSettings.IsDomainName(domain))
            config.Error("domain", domain, "is not a valid domain name", "allowed: a DNS name such as example.com");
        var hostedZoneId = config.OptionalString("hostedZoneId", z => Regex.IsMatch(z, "^Z[A-Z0-9]{4,32}$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            "allowed: a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ");

        var interval = config.IntOneOf("healthCheck.intervalSeconds", 30, new[] { 10, 30 });
        var threshold = config.Int("healthCheck.failureThreshold", 3, 1, 10);
        var checkers = config.StringList("healthCheck.regions", new[] { "us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1" });
        foreach (var checker in checkers.Where(c => !HealthCheckerRegions.Contains(c)))
            config.Error("healthCheck.regions", checker, "is not a Route 53 health checker region", $"allowed: {string.Join(", ", HealthCheckerRegions)}");
        if (checkers.Count is > 0 and < 3)
            config.Error("healthCheck.regions", string.Join(", ", checkers), "has fewer than three regions", "allowed: at least three checker regions (Route 53's minimum)");

        var priceClass = config.String("cloudfront.priceClass", "PriceClass_100", PriceClasses.Contains, $"allowed: {string.Join(", ", PriceClasses)}");
        var webAcl = config.OptionalString("cloudfront.webAclArn", a => a.StartsWith("arn:aws:wafv2:us-east-1:", StringComparison.Ordinal) && a.Contains(":global/webacl/", StringComparison.Ordinal),
            "allowed: the ARN of a WAFv2 web ACL with CLOUDFRONT scope (arn:aws:wafv2:us-east-1:<account>:global/webacl/...)");
        var logBucket = config.OptionalString("cloudfront.logBucket", b => Regex.IsMatch(b, "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            "allowed: an S3 bucket name");
        var attempts = config.Int("originFailover.connectionAttempts", 3, 1, 3);
        var timeout = config.Int("originFailover.connectionTimeoutSeconds", 10, 1, 10);

        CloudflareSettings? cloudflare = null;
        // Checked whenever set, so a bad ID is found before the edge is switched to Cloudflare.
        var cloudflareUsed = edge == EdgeKind.Cloudflare || dns == DnsProvider.Cloudflare;
        var zoneId = CloudflareId(config, "cloudflare.zoneId", "zone", cloudflareUsed);
        var accountId = CloudflareId(config, "cloudflare.accountId", "account", cloudflareUsed);
        var steering = config.String("cloudflare.steering", "dynamic_latency", CloudflareSteerings.Contains, $"allowed: {string.Join(", ", CloudflareSteerings)}");
        if (cloudflareUsed && zoneId is not null && accountId is not null)
            cloudflare = new CloudflareSettings(zoneId, accountId, steering);
        if (edge == EdgeKind.None && dns == DnsProvider.Cloudflare)
            config.Error("dns", "cloudflare", "needs the Cloudflare edge", "allowed: route53 when edge is none");

        var sessionStore = config.Bool("sessionStore", false);
        var tableName = config.String("sessionStore.tableName", "sessions", n => Regex.IsMatch(n, "^[A-Za-z0-9_.-]{3,255}$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            "allowed: 3 to 255 letters, digits, '_', '-' or '.'");
        var tags = TagConfig.Read(config);
        var waivers = Policies.PolicyWaiver.Read(config);
        var residency = Policies.DataResidency.Read(config);
        var slo = Reliability.SloSettings.Read(config);
        var traffic = Costs.CostSettings.Read(config);
        var assets = GlobalAssetSettings.Read(config, regionsParsed ? regions : Array.Empty<string>(), regions.Contains(primary) ? primary : regions.FirstOrDefault() ?? "");
        var protection = EdgeProtectionSettings.Read(config, environment == DeploymentEnvironment.Prod, edge, webAcl is not null, regions.Count);
        var serviceMetrics = ServiceMetricNames.Read(config);
        var rehearsal = Reliability.RehearsalSettings.Read(config, environment);
        var canaries = Monitoring.CanarySettings.Read(config, environment == DeploymentEnvironment.Prod || rehearsal.Enabled, regionsParsed ? regions : Array.Empty<string>(), slo.P99LatencyMs);
        if (rehearsal.Enabled && !canaries.Enabled)
            config.Error(Monitoring.CanarySettings.EnabledKey, "false", $"leaves the rehearsals ({Reliability.RehearsalSettings.EnabledKey}) without their stop condition: an experiment stops when the region's canary finds the system's own endpoints failing",
                $"allowed: {Monitoring.CanarySettings.EnabledKey} true, or {Reliability.RehearsalSettings.EnabledKey} false");
        var regionSwitch = RegionSwitchSettings.Read(config, environment == DeploymentEnvironment.Prod, dns, slo.ApprovalSeconds);
        // More checks than a canary takes is refused already, once.
        if (canaries.Enabled && domain is not null && canaries.Checks.Count <= Monitoring.CanarySettings.MaxChecks)
            CheckCanaryChecks(config, canaries, edge, domain);

        config.RejectUnknownKeys();
        if (config.Errors.Count > errorsBefore || environment is null || domain is null)
            return null;
        return new GlobalSettings(stackName, environment.Value, regions, strategy, primary, edge, dns, domain, hostedZoneId,
            new HealthCheckSettings(interval, threshold, checkers),
            new CloudFrontSettings(priceClass, webAcl, logBucket, attempts, timeout),
            cloudflare, sessionStore, tableName, tags, waivers, residency, slo, traffic, assets, protection, serviceMetrics, rehearsal, canaries, regionSwitch);
    }

    /// <summary>A Cloudflare zone or account ID: 32 lower-case hexadecimal characters, required when Cloudflare is used.</summary>
    private static string? CloudflareId(ConfigReader config, string key, string what, bool required)
    {
        var value = config.Raw(key);
        if (value is null)
        {
            if (required)
                config.Error(key, null, "is required when edge or dns is 'cloudflare'", $"allowed: the 32-character ID of the Cloudflare {what}");
            return null;
        }
        if (Regex.IsMatch(value, "^[0-9a-f]{32}$", RegexOptions.None, TimeSpan.FromSeconds(1)))
            return value;
        config.Error(key, value, $"is not a Cloudflare {what} ID", "allowed: 32 lower-case hexadecimal characters");
        return null;
    }

    /// <summary>Every check reaches the API on at least one target the canary calls (behind CloudFront a write
    /// outside /api/ reaches none: the probes take reads only, the default behaviour caches), and each
    /// region's system-success alarm watches one metric per step on the system's own endpoint
    /// (<see cref="Monitoring.RegionCanaries.SystemSteps"/>), at most as many as a metric math alarm takes.</summary>
    private static void CheckCanaryChecks(ConfigReader config, Monitoring.CanarySettings canaries, EdgeKind edge, string domain)
    {
        var healthPath = RegionalSettings.DefaultHealthCheckPath;
        var names = Monitoring.CanaryTargets.Names(edge);
        foreach (var check in canaries.Checks.Where(c => !names.Any(target => Monitoring.CanaryTargets.Reaches(target, edge, c.Method, c.Path, healthPath))))
            config.Error(Monitoring.CanarySettings.ChecksKey, $"{check.Method} {check.Path}",
                "reaches no endpoint the canary calls: behind CloudFront a region's probe takes GET and HEAD only, and on the edge only /api/* reaches the regions uncached",
                "allowed: GET or HEAD, or a path under /api/");
        var metrics = Monitoring.RegionCanaries.SystemAlarmMetrics(canaries, edge, domain, healthPath);
        if (metrics > Monitoring.RegionCanaries.MaxAlarmMetrics)
            config.Error(Monitoring.CanarySettings.ChecksKey, $"{canaries.Checks.Count} checks",
                $"make each region's system-success alarm watch {metrics} step metrics (the health path and the checks, on {string.Join(" and ", names.Where(n => n != Monitoring.CanaryTargets.Region).Select(TargetDescription))}), more than the {Monitoring.RegionCanaries.MaxAlarmMetrics} metrics a CloudWatch metric math alarm may reference",
                $"allowed: checks that add at most {Monitoring.RegionCanaries.MaxAlarmMetrics} such steps (each check adds one per endpoint)");
    }

    private static string TargetDescription(string target) => target == Monitoring.CanaryTargets.Api ? "api.<domain>" : "the edge";
}
