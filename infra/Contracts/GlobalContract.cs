using System.Collections.Immutable;
using System.Reflection;

namespace MultiRegionInfra.Contracts;

/// <summary>What the global stack exports: names and types, declared once. No stack reads them today,
/// but operators, the CI's canary wait and the plan's topology do; the global stack exports through it
/// and the README's exports table is generated from it.</summary>
public static class GlobalContract
{
    public static readonly StackOutput<string> StackKind = new("stackKind", "global");
    public static readonly StackOutput<string> Endpoint = new("endpoint", "https://<domain>, the system's address");
    public static readonly StackOutput<string> ApiEndpoint = new("apiEndpoint", "https://api.<domain>, the API's address that every region answers");
    public static readonly StackOutput<string> Strategy = new("strategy", "active-active or active-passive");
    public static readonly StackOutput<string> Edge = new("edge", "cloudfront, cloudflare or none");
    public static readonly StackOutput<ImmutableArray<string>> Regions = new("regions", "The regional stacks, in failover order");
    public static readonly StackOutput<string> PrimaryRegion = new("primaryRegion", "The stack that serves in active-passive, the one region with standby false (the first of regions unless set)");
    public static readonly StackOutput<ImmutableDictionary<string, double>> Slo = new("slo", "The objectives the budget and alarms hold: availabilityPercent, rtoSeconds, rpoSeconds, p99LatencyMs");
    public static readonly StackOutput<string> RoutingMode = new("routingMode", "How api.<domain> chooses a region: latency or failover (Route 53), cloudflare-steering or cloudflare-failover");

    public static readonly StackOutput<ImmutableDictionary<string, string>> HealthCheckIds = new("healthCheckIds", "The Route 53 health check of each regional stack", "when dns: route53");
    public static readonly StackOutput<ImmutableArray<string>> HealthCheckAlarms = new("healthCheckAlarms", "The names of the health check alarms (us-east-1)", "when dns: route53");

    public static readonly StackOutput<string> CloudfrontDomain = new("cloudfrontDomain", "The distribution's domain name, d….cloudfront.net", "when edge: cloudfront");
    public static readonly StackOutput<string> CloudfrontDistributionId = new("cloudfrontDistributionId", "The distribution (for cache invalidations)", "when edge: cloudfront");
    public static readonly StackOutput<ImmutableArray<string>> OriginSecretGenerations = new("originSecretGenerations", "<stack>=<generation> of the origin secret CloudFront sends each region", "when edge: cloudfront");
    public static readonly StackOutput<string> WebAclArn = new("webAclArn", "The program's web ACL on the distribution", "when edge: cloudfront and waf.enabled");
    public static readonly StackOutput<ImmutableArray<string>> AssetBuckets = new("assetBuckets", "The asset buckets, the primary's first, then its replicas", "when edge: cloudfront and assets.enabled");
    public static readonly StackOutput<string> AssetReplicationRoleArn = new("assetReplicationRoleArn", "The role S3 replicates the assets with", "when edge: cloudfront and assets.enabled");

    public static readonly StackOutput<string> RegionSwitchPlanArn = new("regionSwitchPlanArn", "The ARC Region switch plan (see the failover runbook)", "when regionSwitch.enabled");
    public static readonly StackOutput<string> RegionSwitchWriterPlanArn = new("regionSwitchWriterPlanArn", "The Region switch plan that promotes the read replica, which the active-active plan cannot (see the failover runbook)", "when regionSwitch.enabled, active-active with postgres");
    public static readonly StackOutput<string> RegionSwitchApprovalRoleArn = new("regionSwitchApprovalRoleArn", "The role a person assumes to approve the plans' steps", "when regionSwitch.enabled");
    public static readonly StackOutput<ImmutableArray<string>> RegionSwitchRegions = new("regionSwitchRegions", "The plan's two stacks: the active one (primaryRegion in active-passive, the role: primary stack's in active-active), then the next in failover order", "when regionSwitch.enabled");

    public static readonly StackOutput<string> CloudflareLoadBalancerId = new("cloudflareLoadBalancerId", "The Cloudflare load balancer", "when edge: cloudflare");
    public static readonly StackOutput<string> SteeringPolicy = new("steeringPolicy", "The load balancer's steering policy", "when edge: cloudflare");

    public static readonly StackOutput<string> SessionTableName = new("sessionTableName", "The DynamoDB global table of sessions", "when sessionStore");
    public static readonly StackOutput<string> SessionTableArn = new("sessionTableArn", "The session table's ARN (in the stack's region)", "when sessionStore");

    public static readonly StackOutput<ImmutableArray<string>> ImageReplicationRegions = new("imageReplicationRegions", "The regions the primary's ECR repository replicates to", "when the regions span more than one AWS region");
    public static readonly StackOutput<ImmutableArray<string>> AlarmTopics = new("alarmTopics", "The alarm topic of each region, in failover order");
    public static readonly StackOutput<ImmutableArray<string>> MetricsWorkspaces = new("metricsWorkspaces", "<stack>=<workspace ID> of each Prometheus workspace given rules and an alert manager");
    public static readonly StackOutput<ImmutableDictionary<string, string>> RehearsalTemplates = new("rehearsalTemplates", "<stack>/stop-instances and <stack>/network to their FIS experiment template IDs", "when rehearsal.enabled");
    public static readonly StackOutput<ImmutableArray<string>> Canaries = new("canaries", "The canaries' names, one per region (the deploy waits for them)", "when canary.enabled");
    public static readonly StackOutput<ImmutableDictionary<string, ImmutableArray<string>>> CanaryTargets = new("canaryTargets", "Per regional stack, the addresses its canary calls (the topology draws them)", "when canary.enabled");

    /// <summary>Every output, in declaration order.</summary>
    public static IReadOnlyList<IStackOutput> All { get; } = typeof(GlobalContract)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => typeof(IStackOutput).IsAssignableFrom(f.FieldType))
        .Select(f => (IStackOutput)f.GetValue(null)!)
        .ToList();
}
