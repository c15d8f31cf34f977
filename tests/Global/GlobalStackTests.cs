using System.Collections.Immutable;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Tests.Support;
using Pulumi;
using Pulumi.Utilities;

namespace MultiRegionInfra.Tests.Global;

/// <summary>The global stack, with the regional stacks' outputs supplied through mocked stack references.</summary>
public class GlobalStackTests
{
    private static IReadOnlyDictionary<string, object?> Map(object? value) => Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(value);

    private static IEnumerable<object?> List(object? value) => Assert.IsType<ImmutableArray<object?>>(value);

    private static Dictionary<string, string> With(params (string Key, string? Value)[] changes) => GlobalMocks.Config().With(changes);

    [Fact]
    public async Task Each_region_is_read_through_a_stack_reference_of_this_organization_and_project()
    {
        var run = await GlobalMocks.RunAsync();
        Assert.Equal(new[] { "acme/multi-region-infra/eu-west", "acme/multi-region-infra/us-east" },
            run.OfType("pulumi:pulumi:StackReference").Select(r => (string)r.Inputs["name"]).Order());
    }

    [Fact]
    public async Task Every_region_gets_an_https_health_check_on_its_health_path()
    {
        var run = await GlobalMocks.RunAsync();
        // The others are the Region switch plan's gates (tests/Reliability/RegionSwitchPlanTests).
        var checks = run.OfType("aws:route53/healthCheck:HealthCheck").Where(c => !Equals(c.Inputs["type"], "CALCULATED")).ToList();
        Assert.Equal(2, checks.Count);
        foreach (var check in checks)
        {
            Assert.Equal("HTTPS", check.Inputs["type"]);
            Assert.Equal("/health", check.Inputs["resourcePath"]);
            Assert.Equal(443.0, check.Inputs["port"]);
            Assert.Equal(10.0, check.Inputs["requestInterval"]);
            Assert.Equal(3.0, check.Inputs["failureThreshold"]);
            Assert.Equal(true, check.Inputs["measureLatency"]);
            Assert.Equal(new object[] { "us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1" }, List(check.Inputs["regions"]));
        }
        Assert.Equal(new[] { "eu-west.api.example.com", "us-east.api.example.com" }, checks.Select(c => (string)c.Inputs["fqdn"]).Order());
    }

    [Fact]
    public async Task Active_active_makes_a_latency_record_per_region_with_its_own_set_identifier_and_health_check()
    {
        // Without the Region switch plan each record follows its endpoint check alone (with it, a gate: tests/Reliability).
        var run = await GlobalMocks.RunAsync(With((RegionSwitchSettings.EnabledKey, "false")));
        var records = run.OfType("aws:route53/record:Record").Where(r => r.Name!.StartsWith("routing-", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal("api.example.com", r.Inputs["name"]);
            Assert.Equal("A", r.Inputs["type"]);
            Assert.Equal(true, Map(Assert.Single(List(r.Inputs["aliases"])))["evaluateTargetHealth"]);
        });
        Assert.Equal(new[] { "eu-west", "us-east" }, records.Select(r => (string)r.Inputs["setIdentifier"]).Order());
        var us = records.Single(r => Equals(r.Inputs["setIdentifier"], "us-east"));
        Assert.Equal("us-east-1", Map(Assert.Single(List(us.Inputs["latencyRoutingPolicies"])))["region"]);
        Assert.Equal("routing-us-east-health-id", us.Inputs["healthCheckId"]);
        Assert.Equal("app-alb-123456.us-east-1.elb.amazonaws.com", Map(Assert.Single(List(us.Inputs["aliases"])))["name"]);
        var eu = records.Single(r => Equals(r.Inputs["setIdentifier"], "eu-west"));
        Assert.Equal("eu-west-1", Map(Assert.Single(List(eu.Inputs["latencyRoutingPolicies"])))["region"]);
        Assert.Equal("Z32O12XQLNTSW2", Map(Assert.Single(List(eu.Inputs["aliases"])))["zoneId"]);
        Assert.Equal("latency", await OutputUtilities.GetValueAsync(run.OutputOf<string>("routingMode")));
    }

    [Fact]
    public async Task Active_passive_makes_exactly_one_primary_and_the_rest_secondary()
    {
        var run = await GlobalMocks.RunAsync(With(("strategy", "active-passive"), ("primaryRegion", "eu-west"), (RegionSwitchSettings.EnabledKey, "false")));
        var records = run.OfType("aws:route53/record:Record").Where(r => r.Name!.StartsWith("routing-", StringComparison.Ordinal)).ToList();
        var types = records.Select(r => (Record: r, Type: (string)Map(Assert.Single(List(r.Inputs["failoverRoutingPolicies"])))["type"]!)).ToList();
        var primary = Assert.Single(types, t => t.Type == "PRIMARY").Record;
        Assert.Equal("eu-west-primary", primary.Inputs["setIdentifier"]);
        Assert.Equal("routing-eu-west-health-id", primary.Inputs["healthCheckId"]);
        Assert.All(types.Where(t => t.Record != primary), t => Assert.Equal("SECONDARY", t.Type));
        var secondary = Assert.Single(types, t => t.Type == "SECONDARY").Record;
        Assert.Equal("routing-us-east-health-id", secondary.Inputs["healthCheckId"]);
        Assert.All(records, r => Assert.Equal("api.example.com", r.Inputs["name"]));
        Assert.Equal("failover", await OutputUtilities.GetValueAsync(run.OutputOf<string>("routingMode")));
    }

    [Fact]
    public async Task Active_passive_over_three_regions_chains_failover_levels()
    {
        var config = With(("strategy", "active-passive"), ("regions", "[\"us-east\",\"eu-west\",\"ap-south\"]"));
        var run = await GlobalMocks.RunAsync(config, GlobalMocks.Mocks(config, "us-east", "eu-west", "ap-south"));
        var records = run.OfType("aws:route53/record:Record").Where(r => r.Name!.StartsWith("routing-", StringComparison.Ordinal)).ToList();
        var byName = records.GroupBy(r => (string)r.Inputs["name"]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(new[] { "api.example.com", "failover-1.api.example.com" }, byName.Keys.Order());
        foreach (var (_, level) in byName)
            Assert.Equal(new[] { "PRIMARY", "SECONDARY" }, level.Select(r => (string)Map(Assert.Single(List(r.Inputs["failoverRoutingPolicies"])))["type"]!).Order());
        var top = byName["api.example.com"];
        Assert.Equal("us-east-primary", top.Single(r => r.Inputs.ContainsKey("healthCheckId")).Inputs["setIdentifier"]);
        Assert.Equal("failover-1.api.example.com", Map(Assert.Single(List(top.Single(r => !r.Inputs.ContainsKey("healthCheckId")).Inputs["aliases"])))["name"]);
    }

    [Fact]
    public async Task The_cloudfront_certificate_is_created_in_us_east_1()
    {
        var run = await GlobalMocks.RunAsync();
        var certificate = Assert.Single(run.OfType("aws:acm/certificate:Certificate"));
        Assert.Equal("us-east-1", certificate.Inputs["region"]);
        Assert.Equal("example.com", certificate.Inputs["domainName"]);
        Assert.Equal(new object[] { "www.example.com" }, List(certificate.Inputs["subjectAlternativeNames"]));
        Assert.Equal($"arn:aws:acm:us-east-1:{AwsMocks.Account}:certificate/cdn-tls-certificate",
            Assert.Single(run.OfType("aws:acm/certificateValidation:CertificateValidation")).Inputs["certificateArn"]);
    }

    [Fact]
    public async Task The_distribution_fails_over_between_https_only_regional_origins()
    {
        var run = await GlobalMocks.RunAsync();
        var distribution = Assert.Single(run.OfType("aws:cloudfront/distribution:Distribution")).Inputs;
        var origins = List(distribution["origins"]).Select(Map).ToList();
        Assert.Equal(new[] { "api", "eu-west", "us-east" }, origins.Select(o => (string)o["originId"]!).Order());
        Assert.All(origins, o =>
        {
            var custom = Map(o["customOriginConfig"]);
            Assert.Equal("https-only", custom["originProtocolPolicy"]);
            Assert.Equal(new object[] { "TLSv1.2" }, List(custom["originSslProtocols"]));
            Assert.Equal(3.0, o["connectionAttempts"]);
            Assert.Equal(10.0, o["connectionTimeout"]);
        });
        Assert.Equal("us-east.api.example.com", origins.Single(o => Equals(o["originId"], "us-east"))["domainName"]);
        var group = Map(Assert.Single(List(distribution["originGroups"])));
        Assert.Equal(new object[] { "us-east", "eu-west" }, List(group["members"]).Select(m => Map(m)["originId"]));
        Assert.Equal(new object[] { 500.0, 502.0, 503.0, 504.0 }, List(Map(group["failoverCriteria"])["statusCodes"]));
        var defaults = Map(distribution["defaultCacheBehavior"]);
        Assert.Equal("regions", defaults["targetOriginId"]);
        Assert.Equal(new object[] { "GET", "HEAD", "OPTIONS" }, List(defaults["allowedMethods"]));
        Assert.Equal("redirect-to-https", defaults["viewerProtocolPolicy"]);
    }

    [Fact]
    public async Task Api_paths_are_not_cached_and_allow_every_method()
    {
        var run = await GlobalMocks.RunAsync();
        var distribution = Assert.Single(run.OfType("aws:cloudfront/distribution:Distribution")).Inputs;
        // The API's behaviour first; the health path's own follows.
        var api = Map(List(distribution["orderedCacheBehaviors"]).First());
        Assert.Equal("/api/*", api["pathPattern"]);
        Assert.Equal("api", api["targetOriginId"]);
        Assert.Equal("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", api["cachePolicyId"]);
        Assert.Equal(new[] { "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT" }, List(api["allowedMethods"]).Select(m => (string)m!).Order());
        var apiOrigin = List(distribution["origins"]).Select(Map).Single(o => Equals(o["originId"], "api"));
        Assert.Equal("api.example.com", apiOrigin["domainName"]);
    }

    [Fact]
    public async Task Viewers_need_tls_1_2_2021_http2_and_3_and_the_price_class_comes_from_config()
    {
        var run = await GlobalMocks.RunAsync(With(("cloudfront.priceClass", "PriceClass_200"),
            ("cloudfront.webAclArn", "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/abcd"), ("cloudfront.logBucket", "acme-cdn-logs")));
        var distribution = Assert.Single(run.OfType("aws:cloudfront/distribution:Distribution")).Inputs;
        var certificate = Map(distribution["viewerCertificate"]);
        Assert.Equal("TLSv1.2_2021", certificate["minimumProtocolVersion"]);
        Assert.Equal("sni-only", certificate["sslSupportMethod"]);
        Assert.Equal($"arn:aws:acm:us-east-1:{AwsMocks.Account}:certificate/cdn-tls-certificate", certificate["acmCertificateArn"]);
        Assert.Equal("http2and3", distribution["httpVersion"]);
        Assert.Equal("PriceClass_200", distribution["priceClass"]);
        Assert.Equal("arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/abcd", distribution["webAclId"]);
        Assert.Equal("acme-cdn-logs.s3.amazonaws.com", Map(distribution["loggingConfig"])["bucket"]);
        Assert.Equal(new object[] { "example.com", "www.example.com" }, List(distribution["aliases"]));
    }

    [Fact]
    public async Task Apex_and_www_point_at_the_distribution()
    {
        var run = await GlobalMocks.RunAsync();
        var aliases = run.OfType("aws:route53/record:Record").Where(r => r.Name!.StartsWith("cdn-", StringComparison.Ordinal) && !r.Name.StartsWith("cdn-tls", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { "example.com/A", "example.com/AAAA", "www.example.com/A", "www.example.com/AAAA" },
            aliases.Select(r => $"{r.Inputs["name"]}/{r.Inputs["type"]}").Order());
        Assert.All(aliases, r =>
        {
            var alias = Map(Assert.Single(List(r.Inputs["aliases"])));
            Assert.Equal("d111111abcdef8.cloudfront.net", alias["name"]);
            Assert.Equal("Z2FDTNDATAQYW2", alias["zoneId"]);
        });
        Assert.Equal("d111111abcdef8.cloudfront.net", await OutputUtilities.GetValueAsync(run.OutputOf<string>("cloudfrontDomain")));
        Assert.Equal("https://example.com", run.Outputs["endpoint"]);
        Assert.Equal("https://api.example.com", run.Outputs["apiEndpoint"]);
        var ids = await OutputUtilities.GetValueAsync(run.OutputOf<ImmutableDictionary<string, string>>("healthCheckIds"));
        Assert.Equal("routing-us-east-health-id", ids["us-east"]);
        Assert.Equal("routing-eu-west-health-id", ids["eu-west"]);
    }

    private static Dictionary<string, string> Cloudflare(string strategy) => With(
        ("edge", "cloudflare"), ("dns", "cloudflare"), ("strategy", strategy),
        ("cloudflare.zoneId", "0123456789abcdef0123456789abcdef"), ("cloudflare.accountId", "fedcba9876543210fedcba9876543210"));

    [Fact]
    public async Task Cloudflare_makes_a_pool_per_region_behind_a_proxied_load_balancer()
    {
        var run = await GlobalMocks.RunAsync(Cloudflare("active-active"));
        Assert.Empty(run.OfType("aws:cloudfront/distribution:Distribution"));
        var monitor = Assert.Single(run.OfType("cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor")).Inputs;
        Assert.Equal("https", monitor["type"]);
        Assert.Equal("/health", monitor["path"]);
        var pools = run.OfType("cloudflare:index/loadBalancerPool:LoadBalancerPool");
        Assert.Equal(2, pools.Count);
        Assert.Equal(new[] { "eu-west.api.example.com", "us-east.api.example.com" },
            pools.Select(p => (string)Map(Assert.Single(List(p.Inputs["origins"])))["address"]!).Order());
        Assert.All(pools, p => Assert.Equal("cloudflare-monitor-id", p.Inputs["monitor"]));
        var balancer = Assert.Single(run.OfType("cloudflare:index/loadBalancer:LoadBalancer")).Inputs;
        Assert.Equal(true, balancer["proxied"]);
        Assert.Equal("0123456789abcdef0123456789abcdef", balancer["zoneId"]);
        Assert.Equal("dynamic_latency", balancer["steeringPolicy"]);
        Assert.Equal(new object[] { "cloudflare-us-east-pool-id", "cloudflare-eu-west-pool-id" }, List(balancer["defaultPools"]));
        Assert.DoesNotContain(run.Mocks.Resources, r => r.Inputs.Keys.Any(k => k.Contains("token", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Cloudflare_steers_by_pool_order_in_active_passive()
    {
        var run = await GlobalMocks.RunAsync(Cloudflare("active-passive"));
        var balancer = Assert.Single(run.OfType("cloudflare:index/loadBalancer:LoadBalancer")).Inputs;
        Assert.Equal("off", balancer["steeringPolicy"]);
        Assert.Equal("cloudflare-us-east-pool-id", List(balancer["defaultPools"]).First());
        Assert.Equal("cloudflare-eu-west-pool-id", balancer["fallbackPool"]);
    }

    [Fact]
    public async Task The_session_table_has_a_replica_in_every_region_and_is_encrypted_and_recoverable()
    {
        var run = await GlobalMocks.RunAsync(With(("sessionStore", "true")));
        var table = Assert.Single(run.OfType("aws-native:dynamodb:GlobalTable")).Inputs;
        Assert.Equal("PAY_PER_REQUEST", table["billingMode"]);
        Assert.Equal(new object[] { "us-east-1", "eu-west-1" }, List(table["replicas"]).Select(r => Map(r)["region"]));
        Assert.All(List(table["replicas"]).Select(Map), r => Assert.Equal(true, Map(r["pointInTimeRecoverySpecification"])["pointInTimeRecoveryEnabled"]));
        Assert.Equal(true, Map(table["sseSpecification"])["sseEnabled"]);
        Assert.Equal("KMS", Map(table["sseSpecification"])["sseType"]);
        Assert.Equal("NEW_AND_OLD_IMAGES", Map(table["streamSpecification"])["streamViewType"]);
        Assert.Equal("expiresAt", Map(table["timeToLiveSpecification"])["attributeName"]);
        Assert.Equal("sessions", await OutputUtilities.GetValueAsync(run.OutputOf<string>("sessionTableName")));
        Assert.True(run.Graph.Single(r => r.Type == "aws-native:dynamodb:GlobalTable").Options.Protect);
    }
}
