using System.Collections.Immutable;
using System.Reflection;

namespace MultiRegionInfra.Contracts;

/// <summary>What a regional stack exports, and so everything the global stack and the replica stacks
/// may read from it: names and types, declared once. The regional stack exports through it, the readers
/// read through it, and the README's exports table is checked against it.</summary>
public static class RegionalContract
{
    public static readonly StackOutput<string> StackKind = new("stackKind", "regional");
    public static readonly StackOutput<string> Region = new("region", "The AWS region, e.g. us-east-1");
    public static readonly StackOutput<string> Environment = new("environment", "dev, staging or prod");
    public static readonly StackOutput<string> Edge = new("edge", "What the load balancer admits: cloudfront, cloudflare or none (checked against the global stack)");
    public static readonly StackOutput<string> Domain = new("domain", "The domain the load balancer serves, empty without one (checked against the global stack)");
    public static readonly StackOutput<ImmutableArray<string>> DataResidency = new("dataResidency", "Where the stack's data may live (empty: anywhere), checked by the stacks that replicate or serve it");

    public static readonly StackOutput<string> VpcId = new("vpcId", "The VPC");
    public static readonly StackOutput<string> VpcCidr = new("vpcCidr", "The VPC's IPv4 block");
    public static readonly StackOutput<string> PrivateCidr = new("privateCidr", "The block of the private (instance) subnets");
    public static readonly StackOutput<string> IsolatedCidr = new("isolatedCidr", "The block of the isolated (database) subnets");
    public static readonly StackOutput<string> IsolatedRouteTableId = new("isolatedRouteTableId", "The isolated subnets' route table (a replica region adds its return route to it)");
    public static readonly StackOutput<ImmutableArray<string>> AvailabilityZones = new("availabilityZones", "The zones the subnets are in");

    public static readonly StackOutput<string> AlbDnsName = new("albDnsName", "The load balancer's DNS name");
    public static readonly StackOutput<string> AlbZoneId = new("albZoneId", "The load balancer's canonical hosted zone, for alias records");
    public static readonly StackOutput<string> AlbArn = new("albArn", "The load balancer");
    public static readonly StackOutput<string> AlbArnSuffix = new("albArnSuffix", "The load balancer's CloudWatch dimension");
    public static readonly StackOutput<bool> AlbDualstack = new("albDualstack", "Whether the load balancer has IPv6 (AAAA records)");
    public static readonly StackOutput<string> TargetGroupArn = new("targetGroupArn", "The target group");
    public static readonly StackOutput<string> TargetGroupArnSuffix = new("targetGroupArnSuffix", "The target group's CloudWatch dimension");
    public static readonly StackOutput<string> OriginDomain = new("originDomain", "<stack>.api.<domain>, the region's own HTTPS name (empty without a domain)");
    public static readonly StackOutput<bool> HttpsEnabled = new("httpsEnabled", "Whether the load balancer serves HTTPS");
    public static readonly StackOutput<string> HealthCheckPath = new("healthCheckPath", "The path health checks probe");

    public static readonly StackOutput<string> AutoScalingGroupName = new("autoScalingGroupName", "The auto scaling group");
    public static readonly StackOutput<string> AutoScalingGroupArn = new("autoScalingGroupArn", "The auto scaling group's ARN (the global stack's Region switch plan scales a passive region's by it)");
    public static readonly StackOutput<int> MinSize = new("minSize", "The group's minimum now (alarmed when fewer hosts are healthy): the standby size in a passive region");
    public static readonly StackOutput<string> Strategy = new("strategy", "active-active or active-passive (checked against the global stack)");
    public static readonly StackOutput<bool> Passive = new("passive", "Whether the region stands by in an active-passive system (standby, by default a replica), running its standby capacity (checked by the global stack: only its primaryRegion serves)");
    public static readonly StackOutput<int> ServingMinSize = new("servingMinSize", "The group's minimum when it serves (failover scales a passive region to it)");
    public static readonly StackOutput<int> ServingDesiredCapacity = new("servingDesiredCapacity", "The group's desired capacity when it serves");
    public static readonly StackOutput<string> AppSecurityGroupId = new("appSecurityGroupId", "The instances' security group");
    public static readonly StackOutput<string> InstanceRoleName = new("instanceRoleName", "The instances' IAM role (the global stack grants it the session table)");
    public static readonly StackOutput<string> ServiceConfigPath = new("serviceConfigPath", "The SSM parameter path the service reads, /<project>/<stack>/");
    public static readonly StackOutput<string> ServiceConfigKeyArn = new("serviceConfigKeyArn", "The KMS key that encrypts the path's parameters");
    public static readonly StackOutput<string> Image = new("image", "The image the instances run, as configured (empty for the built-in sample)");
    public static readonly StackOutput<string> ImageRepositoryName = new("imageRepositoryName", "The region's ECR repository (the primary's is pushed to, the others receive replicas)");
    public static readonly StackOutput<string> ImageRepositoryUrl = new("imageRepositoryUrl", "The region's ECR repository URL");

    public static readonly StackOutput<string> DbRole = new("dbRole", "primary or replica");
    public static readonly StackOutput<string> PrimaryStack = new("primaryStack", "The primary's stack a replica reads (empty on a primary)");
    public static readonly StackOutput<string> DbEngine = new("dbEngine", "postgres or aurora-postgresql (every stack of a system uses one)");
    public static readonly StackOutput<string> DbArn = new("dbArn", "The RDS instance or the Aurora cluster");
    public static readonly StackOutput<string> DbIdentifier = new("dbIdentifier", "The instance or cluster identifier (its CloudWatch dimension)");
    public static readonly StackOutput<string> DbEndpoint = new("dbEndpoint", "The writer (primary) or local (replica) endpoint, host:port or host");
    public static readonly StackOutput<string> DbAddress = new("dbAddress", "The writer host of a primary, the local host of a replica");
    public static readonly StackOutput<string> DbReaderAddress = new("dbReaderAddress", "The host for reads in this region");
    public static readonly StackOutput<int> DbPort = new("dbPort", "The database port");
    public static readonly StackOutput<string> DbName = new("dbName", "The database the service uses");
    public static readonly StackOutput<string> DbResourceId = new("dbResourceId", "The instance's or cluster's resource ID (IAM authentication names it)");
    public static readonly StackOutput<string> DbSecurityGroupId = new("dbSecurityGroupId", "The database's security group (a replica region admits its instances on it)");
    public static readonly StackOutput<string> DbKmsKeyArn = new("dbKmsKeyArn", "The key that encrypts the database");
    public static readonly StackOutput<int> DbAllocatedStorageGb = new("dbAllocatedStorageGb", "RDS allocated storage (0 for Aurora), for the free storage alarm");
    public static readonly StackOutput<string> DbGlobalClusterId = new("dbGlobalClusterId", "The Aurora global cluster, which secondaries join", "on an Aurora primary");

    public static readonly StackOutput<bool> AssetsEnabled = new("assetsEnabled", "Whether the region has an asset bucket");
    public static readonly StackOutput<string> AssetBucketName = new("assetBucketName", "The asset bucket", "when assets.enabled");
    public static readonly StackOutput<string> AssetBucketArn = new("assetBucketArn", "The asset bucket's ARN", "when assets.enabled");
    public static readonly StackOutput<string> AssetBucketDomain = new("assetBucketDomain", "The bucket's regional domain, CloudFront's origin", "when assets.enabled");
    public static readonly StackOutput<string> AssetKmsKeyArn = new("assetKmsKeyArn", "The key that encrypts the assets", "when assets.enabled");

    public static readonly StackOutput<string> OriginHeaderName = new("originHeaderName", "The header the load balancer requires of CloudFront, x-origin-verify-<stack>", "when edge is cloudfront");
    public static readonly StackOutput<string> OriginSecret = new("originSecret", "The header's current value, a secret: what the global stack has CloudFront send", "when edge is cloudfront");
    public static readonly StackOutput<int> OriginSecretGeneration = new("originSecretGeneration", "The generation of originSecret (edge.originSecretGeneration); the load balancer also accepts the one before", "when edge is cloudfront");
    public static readonly StackOutput<string> LogBucketName = new("logBucketName", "The region's log bucket: load balancer access logs under alb/<stack>/, S3 server access logs under s3/", "when logs.enabled");

    public static readonly StackOutput<bool> MetricsEnabled = new("metricsEnabled", "Whether the instances send Prometheus metrics (metrics.enabled)");
    public static readonly StackOutput<string> MetricsWorkspaceStack = new("metricsWorkspaceStack", "The stack whose Prometheus workspace the instances write to: this one, or its primary (metrics.workspace primary)", "when metrics.enabled");
    public static readonly StackOutput<string> MetricsWorkspaceId = new("metricsWorkspaceId", "That workspace's ID (the global stack adds its rules and alert manager)", "when metrics.enabled");
    public static readonly StackOutput<string> MetricsWorkspaceArn = new("metricsWorkspaceArn", "That workspace's ARN (the only one the instances may write to)", "when metrics.enabled");
    public static readonly StackOutput<string> MetricsWorkspaceRegion = new("metricsWorkspaceRegion", "That workspace's region (requests to it are signed for it)", "when metrics.enabled");
    public static readonly StackOutput<string> MetricsKeyArn = new("metricsKeyArn", "The key that encrypts that workspace (the instances use it through Prometheus only)", "when metrics.enabled");
    public static readonly StackOutput<string> MetricsEndpoint = new("metricsEndpoint", "That workspace's Prometheus endpoint: queries under api/v1/, remote write at api/v1/remote_write", "when metrics.enabled");
    public static readonly StackOutput<bool> MetricsServiceScraped = new("metricsServiceScraped", "Whether the service's own metrics are scraped (app.metricsPath), which the SLO rules need", "when metrics.enabled");

    /// <summary>Every output, in declaration order.</summary>
    public static IReadOnlyList<IStackOutput> All { get; } = typeof(RegionalContract)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => typeof(IStackOutput).IsAssignableFrom(f.FieldType))
        .Select(f => (IStackOutput)f.GetValue(null)!)
        .ToList();
}
