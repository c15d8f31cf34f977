using System.Collections.Immutable;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Inspection;
using MultiRegionInfra.Stacks;
using Pulumi;
using Pulumi.Testing;

namespace MultiRegionInfra.Tests.Support;

/// <summary>AWS-shaped answers for the shared mocks: invokes, and the outputs AWS assigns (ARNs, DNS
/// names, endpoints) that a resource's inputs do not carry.</summary>
public static class AwsMocks
{
    public const string Account = "123456789012";
    public const string Project = "multi-region-infra";
    public const string Organization = "acme";

    /// <summary>A few of Cloudflare's published ranges, as the provider's GetIpRanges answers.</summary>
    public static readonly string[] CloudflareIpv4 = { "173.245.48.0/20", "103.21.244.0/22", "104.16.0.0/13" };

    public static readonly string[] CloudflareIpv6 = { "2400:cb00::/32", "2606:4700::/32" };

    public static PulumiMocks ForRegion(string region) => new PulumiMocks()
        .WithCall("aws:index/getAvailabilityZones:getAvailabilityZones", _ => new Dictionary<string, object>
        {
            ["names"] = new[] { $"{region}a", $"{region}b", $"{region}c", $"{region}d" },
            ["zoneIds"] = new[] { "use1-az1", "use1-az2", "use1-az4", "use1-az6" },
            ["id"] = region,
        })
        .WithCall("aws:ssm/getParameter:getParameter", call => new Dictionary<string, object>
        {
            ["name"] = call.Args["name"],
            ["type"] = "String",
            ["value"] = "ami-0123456789abcdef0",
            ["id"] = call.Args["name"],
        })
        .WithCall("aws:route53/getZone:getZone", call => new Dictionary<string, object>
        {
            ["name"] = call.Args.GetValueOrDefault("name") ?? "example.com",
            ["zoneId"] = "Z0EXAMPLEZONE",
            ["id"] = "Z0EXAMPLEZONE",
        })
        .WithCall("aws:index/getCallerIdentity:getCallerIdentity", _ => new Dictionary<string, object>
        {
            ["accountId"] = Account,
            ["arn"] = $"arn:aws:iam::{Account}:role/deployer",
            ["id"] = Account,
            ["userId"] = "AROAEXAMPLEDEPLOYER",
        })
        .WithCall("aws:ec2/getManagedPrefixList:getManagedPrefixList", call => new Dictionary<string, object>
        {
            ["name"] = call.Args["name"],
            ["id"] = Equals(call.Args["name"], RegionalStack.CloudFrontPrefixList) ? "pl-3b927c52" : "pl-0healthcheckers",
        })
        .WithCall("cloudflare:index/getIpRanges:getIpRanges", _ => new Dictionary<string, object>
        {
            ["id"] = "cloudflare-ips",
            ["etag"] = "0123456789abcdef",
            ["ipv4Cidrs"] = CloudflareIpv4,
            ["ipv6Cidrs"] = CloudflareIpv6,
            ["jdcloudCidrs"] = Array.Empty<string>(),
        })
        .WithOutputs("aws:ec2/vpc:Vpc", a => new Dictionary<string, object> { ["arn"] = $"arn:aws:ec2:{region}:{Account}:vpc/{a.Name}-id" })
        .WithOutputs("aws:lb/loadBalancer:LoadBalancer", a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:elasticloadbalancing:{region}:{Account}:loadbalancer/app/{a.Name}/0123456789abcdef",
            ["dnsName"] = $"{a.Name}-123456.{region}.elb.amazonaws.com",
            ["zoneId"] = "Z35SXDOTRQ7X7K",
            ["arnSuffix"] = $"app/{a.Name}/0123456789abcdef",
        })
        // A listener's ID is its ARN, as in AWS (its rules name it by ARN).
        .WithOutputs("aws:lb/listener:Listener", a => new Dictionary<string, object> { ["arn"] = $"{a.Name}-id" })
        .WithOutputs("aws:lb/targetGroup:TargetGroup", a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:elasticloadbalancing:{region}:{Account}:targetgroup/{a.Name}/0123456789abcdef",
            ["arnSuffix"] = $"targetgroup/{a.Name}/0123456789abcdef",
        })
        .WithOutputs("aws:kms/key:Key", a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:kms:{a.Inputs.GetValueOrDefault("region") ?? region}:{Account}:key/{a.Name}-id",
            ["keyId"] = $"{a.Name}-id",
        })
        .WithOutputs("aws:rds/instance:Instance", a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:rds:{region}:{Account}:db:{a.Inputs.GetValueOrDefault("identifier")}",
            ["endpoint"] = $"{a.Inputs.GetValueOrDefault("identifier")}.abcdefghij.{region}.rds.amazonaws.com:5432",
            ["address"] = $"{a.Inputs.GetValueOrDefault("identifier")}.abcdefghij.{region}.rds.amazonaws.com",
            ["resourceId"] = $"db-{a.Name}-resource",
        })
        .WithOutputs("aws:rds/cluster:Cluster", a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:rds:{region}:{Account}:cluster:{a.Inputs.GetValueOrDefault("clusterIdentifier")}",
            ["clusterIdentifier"] = a.Inputs.GetValueOrDefault("clusterIdentifier") ?? a.Name!,
            ["endpoint"] = $"{a.Inputs.GetValueOrDefault("clusterIdentifier")}.cluster-abcdefghij.{region}.rds.amazonaws.com",
            ["readerEndpoint"] = $"{a.Inputs.GetValueOrDefault("clusterIdentifier")}.cluster-ro-abcdefghij.{region}.rds.amazonaws.com",
            ["clusterResourceId"] = $"cluster-{a.Name}-resource",
        })
        .WithOutputs("aws:rds/clusterParameterGroup:ClusterParameterGroup", a => new Dictionary<string, object> { ["name"] = $"{a.Name}-id" })
        .WithOutputs("aws:ecr/repository:Repository", a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:ecr:{region}:{Account}:repository/{a.Inputs["name"]}",
            ["repositoryUrl"] = $"{Account}.dkr.ecr.{region}.amazonaws.com/{a.Inputs["name"]}",
        })
        .WithOutputs("aws:iam/role:Role", a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:iam::{Account}:role/{a.Name}",
            ["name"] = a.Name!,
        })
        .WithOutputs("aws:s3/bucket:Bucket", a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:s3:::{a.Name}-bucket",
            ["bucketRegionalDomainName"] = $"{a.Name}-bucket.s3.{region}.amazonaws.com",
        })
        .WithOutputs("aws:sns/topic:Topic", a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:sns:{a.Inputs.GetValueOrDefault("region") ?? region}:{Account}:{a.Inputs.GetValueOrDefault("name") ?? a.Name}",
        })
        .WithOutputs("aws:iam/instanceProfile:InstanceProfile", a => new Dictionary<string, object> { ["arn"] = $"arn:aws:iam::{Account}:instance-profile/{a.Name}" })
        .WithOutputs("aws:cloudwatch/logGroup:LogGroup", a => new Dictionary<string, object> { ["arn"] = $"arn:aws:logs:{a.Inputs.GetValueOrDefault("region") ?? region}:{Account}:log-group:{a.Name}" })
        .WithOutputs("aws:cloudwatch/metricAlarm:MetricAlarm", a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:cloudwatch:{a.Inputs.GetValueOrDefault("region") ?? region}:{Account}:alarm:{a.Inputs.GetValueOrDefault("name") ?? a.Name}",
        })
        .WithOutputs("aws:ec2/launchTemplate:LaunchTemplate", _ => new Dictionary<string, object> { ["latestVersion"] = 1 })
        .WithOutputs("aws:acm/certificate:Certificate", a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:acm:{region}:{Account}:certificate/{a.Name}",
            ["domainValidationOptions"] = new[] { (string)a.Inputs["domainName"] }
                .Concat(((ImmutableArray<object?>)a.Inputs["subjectAlternativeNames"]).Select(n => (string)n!))
                .Select(domain => new Dictionary<string, object>
                {
                    ["domainName"] = domain,
                    ["resourceRecordName"] = $"_validation.{domain}.",
                    ["resourceRecordType"] = "CNAME",
                    ["resourceRecordValue"] = $"_token.{domain}.acm-validations.aws.",
                }).ToArray(),
        })
        .WithOutputs("aws:acm/certificateValidation:CertificateValidation", a => new Dictionary<string, object> { ["certificateArn"] = a.Inputs["certificateArn"] })
        .WithOutputs("aws:route53/record:Record", a => new Dictionary<string, object> { ["fqdn"] = a.Inputs.GetValueOrDefault("name") ?? a.Name! })
        .WithOutputs("aws:amp/workspace:Workspace", a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:aps:{region}:{Account}:workspace/ws-{a.Name}",
            ["prometheusEndpoint"] = $"https://aps-workspaces.{region}.amazonaws.com/workspaces/ws-{a.Name}/",
        });

    /// <summary>The configuration of a prod primary in us-east-1, as in Pulumi.us-east.yaml.</summary>
    public static Dictionary<string, string> PrimaryConfig() => new()
    {
        ["aws:region"] = "us-east-1",
        ["environment"] = "prod",
        ["role"] = "primary",
        ["vpcCidr"] = "10.10.0.0/16",
        ["domain"] = "example.com",
    };

    /// <summary>The configuration of a prod replica in eu-west-1 of the us-east primary.</summary>
    public static Dictionary<string, string> ReplicaConfig() => new()
    {
        ["aws:region"] = "eu-west-1",
        ["environment"] = "prod",
        ["role"] = "replica",
        ["primaryStack"] = "us-east",
        ["vpcCidr"] = "10.20.0.0/16",
        ["domain"] = "example.com",
    };

    /// <summary>What a run of the program left behind: registrations, the recorded graph and outputs.</summary>
    public sealed record RunResult(PulumiMocks Mocks, ImmutableArray<Resource> Resources, IReadOnlyList<RecordedResource> Graph, IDictionary<string, object?> Outputs)
    {
        /// <summary>A stack output that the program returned as an output.</summary>
        public Output<T> OutputOf<T>(string key) => (Output<T>)Outputs[key]!;

        /// <summary>The run's resources as the policies see them: the inputs the mocks received, the mocks' IDs, the options.</summary>
        public MultiRegionInfra.Policies.PolicyStack PolicyStack(string stack, string region, bool isProd) => new(stack, region, isProd, Graph
            .Select(r => (Recorded: r, Registration: Mocks.Resources.FirstOrDefault(m => m.Type == r.Type && m.Name == r.Name)))
            .Where(r => r.Registration is not null)
            .Select(r => new MultiRegionInfra.Policies.PolicyResource(r.Recorded.Type, r.Recorded.Name, Mocks.IdOf(r.Registration!) ?? "",
                r.Registration!.Inputs.ToDictionary(p => p.Key, p => (object?)p.Value), r.Recorded.Options.Protect ?? false,
                r.Recorded.Args.GetType().GetProperty("Tags") is not null))
            .ToList());

        public IReadOnlyList<MockResourceArgs> OfType(string type) => Mocks.OfType(type);

        public MockResourceArgs Single(string type, string name) => Mocks.Single(type, name);
    }

    /// <summary>Runs the program for one stack under the mocks, recording its resource graph.</summary>
    /// <param name="changes">Transformations that change a component's args (or options) before the
    /// resource is registered, the way an edit of the component would; policy tests use them.</param>
    public static async Task<RunResult> RunStackAsync(string stack, IDictionary<string, string> config, PulumiMocks? mocks = null, bool preview = true,
        IEnumerable<ResourceTransformation>? changes = null)
    {
        mocks ??= ForRegion(config.TryGetValue("aws:region", out var region) ? region : "us-east-1");
        var recorder = new ResourceRecorder();
        var options = new ComponentResourceOptions();
        options.ResourceTransformations.AddRange(changes ?? Enumerable.Empty<ResourceTransformation>());
        options.ResourceTransformations.Add(recorder.Transformation);
        var qualified = config.ToDictionary(p => p.Key.Contains(':', StringComparison.Ordinal) ? p.Key : $"{Project}:{p.Key}", p => p.Value);
        var (resources, outputs) = await mocks.RunAsync(() => MultiRegionProgram.BuildAsync(new ConfigSource(qualified), Project, stack, Organization, options),
            config: qualified, preview: preview, stack: stack, project: Project);
        return new RunResult(mocks, resources, recorder.Resources, outputs);
    }

    /// <summary>The outputs a primary's stack exports, for a replica's stack reference; <paramref name="changes"/>
    /// replaces some of them (a primary that disagrees with its replica).</summary>
    public static PulumiMocks WithPrimaryStack(this PulumiMocks mocks, string primaryStack = "us-east", string engine = "postgres",
        IReadOnlyDictionary<string, object>? changes = null)
    {
        var outputs = new Dictionary<string, object>
        {
            ["stackKind"] = "regional",
            ["region"] = "us-east-1",
            ["dbRole"] = "primary",
            ["primaryStack"] = "",
            ["dbEngine"] = engine,
            ["edge"] = "cloudfront",
            ["domain"] = "example.com",
            ["dbArn"] = engine == "postgres"
                ? $"arn:aws:rds:us-east-1:{Account}:db:{Project}-{primaryStack}-pg"
                : $"arn:aws:rds:us-east-1:{Account}:cluster:{Project}-{primaryStack}-aurora",
            ["dbAddress"] = engine == "postgres"
                ? $"{Project}-{primaryStack}-pg.c1a2b3c4d5e6.us-east-1.rds.amazonaws.com"
                : $"{Project}-{primaryStack}-aurora.cluster-c1a2b3c4d5e6.us-east-1.rds.amazonaws.com",
            ["dbPort"] = 5432,
            ["dbResourceId"] = engine == "postgres" ? "db-PRIMARYRESOURCEID" : "cluster-PRIMARYRESOURCEID",
            ["dbSecurityGroupId"] = "sg-0primarydb",
            ["dbGlobalClusterId"] = $"{Project}-global",
            ["vpcId"] = "vpc-0primary",
            ["vpcCidr"] = "10.10.0.0/16",
            ["isolatedCidr"] = "10.10.128.0/18",
            ["isolatedRouteTableId"] = "rtb-0primaryisolated",
        };
        foreach (var (key, value) in changes ?? new Dictionary<string, object>())
            outputs[key] = value;
        return mocks.WithStackOutputs($"{Organization}/{Project}/{primaryStack}", outputs);
    }
}

/// <summary>The global stack under the shared mocks, with both regional stacks' outputs.</summary>
public static class GlobalMocks
{
    public static Dictionary<string, string> Config() => new()
    {
        ["aws:region"] = "us-east-1",
        ["stackKind"] = "global",
        ["environment"] = "prod",
        ["regions"] = "[\"us-east\",\"eu-west\"]",
        ["strategy"] = "active-active",
        ["primaryRegion"] = "us-east",
        ["edge"] = "cloudfront",
        ["domain"] = "example.com",
        ["healthCheck.intervalSeconds"] = "10",
        // The asset path has its own tests (tests/Storage); these check the rest of the global stack.
        ["assets.enabled"] = "false",
        // So have the canaries (tests/Monitoring).
        ["canary.enabled"] = "false",
        // Region outage rehearsals have their own tests (tests/Reliability/RehearsalTests.cs).
        ["rehearsal.enabled"] = "false",
    };

    public static readonly IReadOnlyDictionary<string, string> AwsRegions = new Dictionary<string, string>
    {
        ["us-east"] = "us-east-1",
        ["eu-west"] = "eu-west-1",
        ["ap-south"] = "ap-south-1",
    };

    public static PulumiMocks Mocks(params string[] stacks) => Mocks(Config(), stacks);

    /// <summary>The mocks with regional stacks that agree with the global stack's <paramref name="config"/>
    /// on edge and domain, as deployed stacks of one system do.</summary>
    public static PulumiMocks Mocks(IReadOnlyDictionary<string, string> config, params string[] stacks)
    {
        ArgumentNullException.ThrowIfNull(config);
        var mocks = AwsMocks.ForRegion("us-east-1")
            .WithOutputs("aws:cloudfront/distribution:Distribution", a => new Dictionary<string, object>
            {
                ["domainName"] = "d111111abcdef8.cloudfront.net",
                ["arn"] = $"arn:aws:cloudfront::{AwsMocks.Account}:distribution/E1EXAMPLE",
            })
            .WithOutputs("aws:cloudfront/function:Function", a => new Dictionary<string, object>
            {
                ["arn"] = $"arn:aws:cloudfront::{AwsMocks.Account}:function/{a.Inputs["name"]}",
            })
            .WithOutputs("aws-native:dynamodb:GlobalTable", a => new Dictionary<string, object>
            {
                ["arn"] = $"arn:aws:dynamodb:us-east-1:{AwsMocks.Account}:table/{a.Inputs["tableName"]}",
            })
            .WithOutputs("aws:wafv2/webAcl:WebAcl", a => new Dictionary<string, object>
            {
                ["arn"] = $"arn:aws:wafv2:us-east-1:{AwsMocks.Account}:global/webacl/{a.Inputs["name"]}/{a.Name}-id",
            })
            // Region switch keeps a Route 53 health check per region of the plan.
            .WithOutputs("aws-native:arcregionswitch:Plan", a => new Dictionary<string, object>
            {
                ["arn"] = $"arn:aws:arc-region-switch::{AwsMocks.Account}:plan/{a.Inputs["name"]}:abc123",
                ["healthChecksForPlan"] = new Dictionary<string, object>
                {
                    [(string)a.Inputs["name"]] = ((IEnumerable<object?>)a.Inputs["regions"]).OfType<string>()
                        .Select(r => new Dictionary<string, object> { ["healthCheckId"] = PlanHealthCheckId(r), ["region"] = r }).ToArray(),
                },
            });
        foreach (var stack in stacks.Length == 0 ? new[] { "us-east", "eu-west" } : stacks)
            mocks.WithStackOutputs($"{AwsMocks.Organization}/{AwsMocks.Project}/{stack}",
                Outputs(stack, config.GetValueOrDefault("edge") ?? "cloudfront", config.GetValueOrDefault("domain") ?? "",
                    config.GetValueOrDefault("strategy") ?? "active-active", config.GetValueOrDefault("primaryRegion") ?? "us-east"));
        return mocks;
    }

    /// <summary>The health check the mocked Region switch plan keeps for an AWS region.</summary>
    public static string PlanHealthCheckId(string awsRegion) => $"plan-health-{awsRegion}";

    /// <summary>What a regional stack of these tests exports (us-east is the primary, the others its replicas).</summary>
    /// <param name="primary">The stack of the writable database; the others are its replicas.</param>
    public static Dictionary<string, object> Outputs(string stack, string edge = "cloudfront", string domain = "example.com", string strategy = "active-active", string primary = "us-east")
    {
        var region = AwsRegions[stack];
        return new Dictionary<string, object>
        {
            ["stackKind"] = "regional",
            ["region"] = region,
            ["vpcId"] = $"vpc-0{stack.Replace("-", "", StringComparison.Ordinal)}",
            ["dbRole"] = stack == primary ? "primary" : "replica",
            ["primaryStack"] = stack == primary ? "" : primary,
            ["strategy"] = strategy,
            ["passive"] = strategy == "active-passive" && stack != primary,
            ["dbEngine"] = "postgres",
            ["edge"] = edge,
            ["domain"] = domain,
            ["instanceRoleName"] = $"app-instance-role-{stack}",
            ["serviceConfigPath"] = $"/{AwsMocks.Project}/{stack}/",
            ["serviceConfigKeyArn"] = $"arn:aws:kms:{region}:{AwsMocks.Account}:key/service-config-{stack}",
            ["autoScalingGroupName"] = $"app-asg-{stack}",
            ["autoScalingGroupArn"] = $"arn:aws:autoscaling:{region}:{AwsMocks.Account}:autoScalingGroup:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0:autoScalingGroupName/app-asg-{stack}",
            ["dbArn"] = $"arn:aws:rds:{region}:{AwsMocks.Account}:db:multi-region-infra-{stack}-pg",
            ["imageRepositoryName"] = AwsMocks.Project,
            ["albDnsName"] = $"app-alb-123456.{region}.elb.amazonaws.com",
            ["albZoneId"] = region == "us-east-1" ? "Z35SXDOTRQ7X7K" : "Z32O12XQLNTSW2",
            // Without a domain the load balancer's own name is the origin.
            ["originDomain"] = domain.Length > 0 ? $"{stack}.api.{domain}" : $"app-alb-123456.{region}.elb.amazonaws.com",
            ["healthCheckPath"] = "/health",
            ["albArnSuffix"] = $"app/app-alb-{stack}/0123456789abcdef",
            ["targetGroupArnSuffix"] = $"targetgroup/app-tg-{stack}/0123456789abcdef",
            ["dbIdentifier"] = $"multi-region-infra-{stack}-pg",
            ["minSize"] = 2,
            ["dbAllocatedStorageGb"] = 50,
            ["assetBucketName"] = $"assets-{stack}-abc123",
            ["assetBucketArn"] = $"arn:aws:s3:::assets-{stack}-abc123",
            ["assetBucketDomain"] = $"assets-{stack}-abc123.s3.{region}.amazonaws.com",
            ["assetKmsKeyArn"] = $"arn:aws:kms:{region}:{AwsMocks.Account}:key/assets-{stack}",
            ["originHeaderName"] = $"x-origin-verify-{stack}",
            ["originSecret"] = OriginSecret(stack),
            ["originSecretGeneration"] = 1,
            // Each region holds its own Prometheus workspace and scrapes the service.
            ["metricsEnabled"] = true,
            ["metricsWorkspaceStack"] = stack,
            ["metricsWorkspaceId"] = MetricsWorkspaceId(stack),
            ["metricsWorkspaceArn"] = $"arn:aws:aps:{region}:{AwsMocks.Account}:workspace/{MetricsWorkspaceId(stack)}",
            ["metricsWorkspaceRegion"] = region,
            ["metricsKeyArn"] = $"arn:aws:kms:{region}:{AwsMocks.Account}:key/metrics-{stack}",
            ["metricsEndpoint"] = $"https://aps-workspaces.{region}.amazonaws.com/workspaces/{MetricsWorkspaceId(stack)}/",
            ["metricsServiceScraped"] = true,
            ["logBucketName"] = LogBucket(stack),
        };
    }

    /// <summary>The Prometheus workspace a regional stack of these tests exports.</summary>
    public static string MetricsWorkspaceId(string stack) => $"ws-{stack}";

    /// <summary>The log bucket a regional stack of these tests exports.</summary>
    public static string LogBucket(string stack) => $"logs-{stack}-abc123";

    /// <summary>The origin secret a regional stack of these tests exports.</summary>
    public static string OriginSecret(string stack) => $"secret-of-{stack}";

    public static Task<AwsMocks.RunResult> RunAsync(Dictionary<string, string>? config = null, PulumiMocks? mocks = null)
    {
        config ??= Config();
        return AwsMocks.RunStackAsync("global", config, mocks ?? Mocks(config));
    }
}
