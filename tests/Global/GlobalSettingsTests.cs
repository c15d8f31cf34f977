using MultiRegionInfra.Configuration;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Global;

/// <summary>Every validation case of the global stack's configuration, with its message.</summary>
public class GlobalSettingsTests
{
    private const string P = "multi-region-infra";

    private static (GlobalSettings? Settings, IReadOnlyList<string> Errors) Read(params (string Key, string? Value)[] changes)
    {
        var config = GlobalMocks.Config();
        config.Remove("aws:region");
        foreach (var (key, value) in changes)
        {
            if (value is null)
                config.Remove(key);
            else
                config[key] = value;
        }
        var reader = new ConfigReader(P, config);
        return (GlobalSettings.Read(reader, "global"), reader.Errors);
    }

    [Fact]
    public void The_example_configuration_is_valid()
    {
        var (settings, errors) = Read();
        Assert.Empty(errors);
        Assert.Equal(new[] { "us-east", "eu-west" }, settings!.Regions);
        Assert.Equal(RoutingStrategy.ActiveActive, settings.Strategy);
        Assert.Equal(EdgeKind.CloudFront, settings.Edge);
        Assert.Equal(10, settings.HealthCheck.IntervalSeconds);
        Assert.Equal(new[] { "us-east", "eu-west" }, settings.FailoverOrder);
    }

    [Fact]
    public void The_primary_leads_the_failover_order()
    {
        var (settings, _) = Read(("primaryRegion", "eu-west"));
        Assert.Equal(new[] { "eu-west", "us-east" }, settings!.FailoverOrder);
    }

    [Theory]
    [InlineData("strategy", "round-robin", P + ":strategy: 'round-robin' is not allowed; allowed: active-active, active-passive")]
    [InlineData("edge", "akamai", P + ":edge: 'akamai' is not allowed; allowed: cloudfront, cloudflare, none")]
    [InlineData("dns", "bind", P + ":dns: 'bind' is not allowed; allowed: route53, cloudflare")]
    [InlineData("primaryRegion", "ap-south", P + ":primaryRegion: 'ap-south' is not among the regions; allowed: one of us-east, eu-west")]
    [InlineData("healthCheck.intervalSeconds", "15", P + ":healthCheck.intervalSeconds: '15' is not allowed; allowed: one of 10, 30")]
    [InlineData("healthCheck.failureThreshold", "0", P + ":healthCheck.failureThreshold: '0' is out of range; allowed: an integer from 1 to 10")]
    [InlineData("healthCheck.failureThreshold", "11", P + ":healthCheck.failureThreshold: '11' is out of range; allowed: an integer from 1 to 10")]
    [InlineData("regions", "[\"us-east\",\"eu-west\",\"us-east\"]", P + ":regions: 'us-east' is listed more than once; allowed: each regional stack once")]
    [InlineData("regions", "[\"us-east\"]", P + ":regions: 'us-east' has fewer than two regions; allowed: at least two regional stack names")]
    [InlineData("regions", "us-east,eu-west", P + ":regions: 'us-east,eu-west' is not a list of strings; allowed: a YAML sequence of strings")]
    [InlineData("domain", "example..com", P + ":domain: 'example..com' is not a valid domain name; allowed: a DNS name such as example.com")]
    [InlineData("healthCheck.regions", "[\"us-east-1\",\"mars-1\",\"eu-west-1\"]", P + ":healthCheck.regions: 'mars-1' is not a Route 53 health checker region; allowed: us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1")]
    [InlineData("cloudfront.priceClass", "PriceClass_50", P + ":cloudfront.priceClass: 'PriceClass_50' is not valid; allowed: PriceClass_100, PriceClass_200, PriceClass_All")]
    [InlineData("originFailover.connectionAttempts", "5", P + ":originFailover.connectionAttempts: '5' is out of range; allowed: an integer from 1 to 3")]
    [InlineData("stratgy", "active-active", P + ":stratgy: is not a known key; did you mean 'strategy'?")]
    public void A_bad_value_is_reported_with_key_value_and_what_is_allowed(string key, string value, string message)
    {
        var (settings, errors) = Read((key, value));
        Assert.Null(settings);
        Assert.Equal(message, Assert.Single(errors));
    }

    [Fact]
    public void A_cloudfront_edge_needs_the_global_stack_in_us_east_1()
    {
        var config = GlobalMocks.Config();
        config.Remove("aws:region");
        var reader = new ConfigReader(P, config);
        Assert.Null(GlobalSettings.Read(reader, "global", "eu-west-1"));
        Assert.Equal("aws:region: 'eu-west-1' cannot hold CloudFront's certificate; allowed: us-east-1 for the global stack when edge is cloudfront", Assert.Single(reader.Errors));
    }

    [Fact]
    public void Cloudflare_dns_cannot_serve_cloudfront_and_needs_its_zone_and_account()
    {
        var (_, errors) = Read(("dns", "cloudflare"));
        Assert.Equal(new[]
        {
            P + ":dns: 'cloudflare' cannot serve a CloudFront edge; allowed: route53 when edge is cloudfront",
            P + ":cloudflare.zoneId: is required when edge or dns is 'cloudflare'; allowed: the 32-character ID of the Cloudflare zone",
            P + ":cloudflare.accountId: is required when edge or dns is 'cloudflare'; allowed: the 32-character ID of the Cloudflare account",
        }, errors);
    }

    [Fact]
    public void Active_passive_needs_a_primary()
    {
        var (_, errors) = Read(("strategy", "active-passive"), ("primaryRegion", null));
        Assert.Equal(P + ":primaryRegion: is required when strategy is 'active-passive'; allowed: one of the regions (us-east, eu-west)", Assert.Single(errors));
    }

    [Fact]
    public void The_cloudflare_edge_needs_its_zone_and_account()
    {
        var (_, errors) = Read(("edge", "cloudflare"), ("cloudflare.zoneId", "not-a-zone"));
        Assert.Equal(new[]
        {
            P + ":cloudflare.zoneId: 'not-a-zone' is not a Cloudflare zone ID; allowed: 32 lower-case hexadecimal characters",
            P + ":cloudflare.accountId: is required when edge or dns is 'cloudflare'; allowed: the 32-character ID of the Cloudflare account",
        }, errors);
    }

    [Fact]
    public void Cloudflare_ids_are_checked_when_set_even_while_the_edge_is_cloudfront()
    {
        var (_, errors) = Read(("cloudflare.zoneId", "zzz"), ("cloudflare.accountId", ""));
        Assert.Equal(new[]
        {
            P + ":cloudflare.zoneId: 'zzz' is not a Cloudflare zone ID; allowed: 32 lower-case hexadecimal characters",
            P + ":cloudflare.accountId: '' is not a Cloudflare account ID; allowed: 32 lower-case hexadecimal characters",
        }, errors);
        var (settings, none) = Read(("cloudflare.zoneId", new string('a', 32)), ("cloudflare.accountId", new string('b', 32)));
        Assert.Empty(none);
        Assert.Null(settings!.Cloudflare);
    }

    [Fact]
    public void A_mistake_is_reported_once_not_again_through_what_follows_from_it()
    {
        var config = GlobalMocks.Config();
        config.Remove("aws:region");
        config["regions"] = "[\"us-east\",\"us-east\"]";
        var reader = new ConfigReader(P, config);
        GlobalSettings.Read(reader, "global", "mars-1");
        // Not also "no asset replica" (the list has one region) nor "cannot hold CloudFront's certificate"
        // (an unknown region is the provider configuration's error: tests/Settings).
        Assert.Equal(new[] { P + ":regions: 'us-east' is listed more than once; allowed: each regional stack once" }, reader.Errors);
    }

    [Theory]
    // edge, assets.enabled, the checks' paths, how many, the metrics when too many. The system's own endpoint
    // is the edge behind one, api.<domain> without (the region's own steps are not the system's): the health
    // path, then each check that reaches the API there (1 + checks).
    [InlineData("cloudfront", "false", "/api/item", 9, null)]
    [InlineData("cloudfront", "false", "/api/item", 10, 11)]
    // With the assets the health path has a behaviour of its own to the API and /api/* goes there: the same.
    [InlineData("cloudfront", "true", "/api/item", 9, null)]
    [InlineData("cloudfront", "true", "/api/item", 10, 11)]
    // Other paths take the default behaviour (the buckets, or the regions' answers from the cache), assets
    // or not: only the region's probe calls them (1 + none).
    [InlineData("cloudfront", "false", "/page", 20, null)]
    [InlineData("cloudfront", "true", "/page", 20, null)]
    [InlineData("none", "false", "/page", 9, null)]
    [InlineData("none", "false", "/page", 10, 11)]
    public void The_checks_may_not_make_the_system_alarm_reference_more_than_ten_metrics(string edge, string assets, string path, int checks, int? metrics)
    {
        var list = "[" + string.Join(",", Enumerable.Range(1, checks).Select(i => $"\"{{path: {path}{i}}}\"")) + "]";
        var (_, errors) = Read(("canary.enabled", "true"), ("canary.checks", list), ("assets.enabled", assets), ("edge", edge));
        var endpoints = edge == "none" ? "api.<domain>" : "the edge";
        if (metrics is null)
            Assert.Empty(errors);
        else
            Assert.Equal(
                $"{P}:canary.checks: '{checks} checks' make each region's system-success alarm watch {metrics} step metrics (the health path and the checks, on {endpoints}), " +
                "more than the 10 metrics a CloudWatch metric math alarm may reference; allowed: checks that add at most 10 such steps (each check adds one per endpoint)",
                Assert.Single(errors));
    }

    [Theory]
    // edge, what a write outside /api/ gives: behind CloudFront it reaches no endpoint the canary calls (the
    // probes take reads, the default behaviour caches); elsewhere the edge or the regions take it.
    [InlineData("cloudfront", true)]
    [InlineData("none", false)]
    public void A_check_that_reaches_no_endpoint_the_canary_calls_is_refused_with_every_such_check(string edge, bool refused)
    {
        var list = "[\"{method: POST, path: /login}\", \"{path: /api/items}\", \"{method: DELETE, path: /cart/1}\", \"{method: POST, path: /api/orders}\"]";
        var (_, errors) = Read(("canary.enabled", "true"), ("canary.checks", list), ("edge", edge));
        const string Problem = "reaches no endpoint the canary calls: behind CloudFront a region's probe takes GET and HEAD only, and on the edge only /api/* reaches the regions uncached; " +
            "allowed: GET or HEAD, or a path under /api/";
        Assert.Equal(refused ? new[] { $"{P}:canary.checks: 'POST /login' {Problem}", $"{P}:canary.checks: 'DELETE /cart/1' {Problem}" } : Array.Empty<string>(), errors);
    }

    [Fact]
    public void Missing_regions_and_domain_are_reported_together()
    {
        var (_, errors) = Read(("regions", null), ("domain", null), ("primaryRegion", null));
        Assert.Equal(new[]
        {
            P + ":regions: is required; allowed: a list of at least two regional stack names, e.g. [us-east, eu-west]",
            P + ":domain: is required; allowed: a DNS name such as example.com",
        }, errors);
    }
}
