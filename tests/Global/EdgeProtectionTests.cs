using System.Collections.Immutable;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Tests.Support;
using Pulumi.Utilities;
using static MultiRegionInfra.Tests.Support.InputValues;

namespace MultiRegionInfra.Tests.Global;

/// <summary>What the global stack puts in front of the regions: the WAF web ACL on the distribution, the
/// origin header CloudFront sends to each load balancer, and Cloudflare's authenticated origin pulls.</summary>
public class EdgeProtectionTests
{
    private const string WebAcl = "aws:wafv2/webAcl:WebAcl";
    private const string Distribution = "aws:cloudfront/distribution:Distribution";
    private const string P = "multi-region-infra";

    private static Dictionary<string, string> With(params (string Key, string? Value)[] changes) => GlobalMocks.Config().With(changes);

    private static IReadOnlyDictionary<string, object?> Origin(AwsMocks.RunResult run, string id) =>
        List(Assert.Single(run.OfType(Distribution)).Inputs["origins"]).Select(Map).Single(o => Equals(o["originId"], id));

    private static IReadOnlyList<(string Name, string Value)> Headers(IReadOnlyDictionary<string, object?> origin) =>
        List(origin["customHeaders"]).Select(Map).Select(h => ((string)h["name"]!, (string)h["value"]!)).ToList();

    [Fact]
    public async Task In_prod_the_distribution_gets_a_web_acl_with_the_managed_groups_and_a_rate_limit()
    {
        var run = await GlobalMocks.RunAsync();
        var acl = Assert.Single(run.OfType(WebAcl));
        Assert.Equal("waf-acl", acl.Name);
        Assert.Equal(("CLOUDFRONT", "us-east-1"), ((string)acl.Inputs["scope"], (string)acl.Inputs["region"]));
        Assert.True(Map(acl.Inputs["defaultAction"]).ContainsKey("allow"));
        var visibility = Map(acl.Inputs["visibilityConfig"]);
        Assert.Equal((true, true), ((bool)visibility["cloudwatchMetricsEnabled"]!, (bool)visibility["sampledRequestsEnabled"]!));

        var rules = List(acl.Inputs["rules"]).Select(Map).OrderBy(r => (double)r["priority"]!).ToList();
        Assert.Equal(new[] { "rate-limit", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet" }, rules.Select(r => (string)r["name"]!));
        var rate = Map(Map(rules[0]["statement"])["rateBasedStatement"]);
        Assert.Equal((2000.0, "IP"), ((double)rate["limit"]!, (string)rate["aggregateKeyType"]!));
        Assert.True(Map(rules[0]["action"]).ContainsKey("block"));
        foreach (var managed in rules.Skip(1))
        {
            var statement = Map(Map(managed["statement"])["managedRuleGroupStatement"]);
            Assert.Equal(("AWS", managed["name"]), ((string)statement["vendorName"]!, statement["name"]));
            Assert.True(Map(managed["overrideAction"]).ContainsKey("none"), "the group's own block actions apply");
        }
        Assert.All(rules, r => Assert.Equal(true, Map(r["visibilityConfig"])["cloudwatchMetricsEnabled"]));

        var arn = $"arn:aws:wafv2:us-east-1:{AwsMocks.Account}:global/webacl/multi-region-infra-global-edge/waf-acl-id";
        Assert.Equal(arn, Assert.Single(run.OfType(Distribution)).Inputs["webAclId"]);
        Assert.Equal(arn, await OutputUtilities.GetValueAsync((Pulumi.Output<string>)run.Outputs["webAclArn"]!));
    }

    [Fact]
    public async Task The_rate_limit_is_configurable()
    {
        var run = await GlobalMocks.RunAsync(With(("waf.rateLimit", "500")));
        var rate = List(Assert.Single(run.OfType(WebAcl)).Inputs["rules"]).Select(Map).Single(r => Equals(r["name"], "rate-limit"));
        Assert.Equal(500.0, Map(Map(rate["statement"])["rateBasedStatement"])["limit"]);
    }

    [Fact]
    public async Task Outside_prod_there_is_no_web_acl_unless_asked_for()
    {
        var dev = await GlobalMocks.RunAsync(With(("environment", "dev")));
        Assert.Empty(dev.OfType(WebAcl));
        Assert.False(Assert.Single(dev.OfType(Distribution)).Inputs.ContainsKey("webAclId"));

        var asked = await GlobalMocks.RunAsync(With(("environment", "dev"), ("waf.enabled", "true")));
        Assert.Single(asked.OfType(WebAcl));
    }

    [Fact]
    public async Task A_web_acl_of_your_own_replaces_the_programs()
    {
        const string own = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/abcd";
        var run = await GlobalMocks.RunAsync(With(("cloudfront.webAclArn", own)));
        Assert.Empty(run.OfType(WebAcl));
        Assert.Equal(own, Assert.Single(run.OfType(Distribution)).Inputs["webAclId"]);
    }

    [Fact]
    public async Task Every_regional_origin_sends_its_regions_secret_and_the_api_origin_every_regions()
    {
        var run = await GlobalMocks.RunAsync();
        Assert.Equal(new[] { ("x-origin-verify-us-east", GlobalMocks.OriginSecret("us-east")) }, Headers(Origin(run, "us-east")));
        Assert.Equal(new[] { ("x-origin-verify-eu-west", GlobalMocks.OriginSecret("eu-west")) }, Headers(Origin(run, "eu-west")));
        // api.<domain> lands in whichever region Route 53 picks: each load balancer finds its own header.
        Assert.Equal(new[] { ("x-origin-verify-us-east", GlobalMocks.OriginSecret("us-east")), ("x-origin-verify-eu-west", GlobalMocks.OriginSecret("eu-west")) },
            Headers(Origin(run, "api")));
        var generations = await OutputUtilities.GetValueAsync((Pulumi.Output<ImmutableArray<string>>)run.Outputs["originSecretGenerations"]!);
        Assert.Equal(new[] { "us-east=1", "eu-west=1" }, generations);
    }

    [Fact]
    public async Task The_origin_header_reaches_the_regions_behind_the_asset_buckets_too()
    {
        var run = await GlobalMocks.RunAsync(With(("assets.enabled", "true")));
        Assert.Equal(new[] { "x-origin-verify-us-east", "x-origin-verify-eu-west" }, Headers(Origin(run, "api")).Select(h => h.Name));
        // A bucket is reached through the origin access control, which signs every request; it takes no header.
        var bucket = Origin(run, "assets-us-east");
        Assert.True(!bucket.ContainsKey("customHeaders") || List(bucket["customHeaders"]).Count == 0);
    }

    [Fact]
    public async Task A_region_that_exports_no_origin_secret_stops_the_update_naming_the_output()
    {
        var mocks = GlobalMocks.Mocks();
        var outputs = GlobalMocks.Outputs("eu-west");
        outputs.Remove("originSecret");
        mocks.WithStackOutputs($"{AwsMocks.Organization}/{AwsMocks.Project}/eu-west", outputs);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => GlobalMocks.RunAsync(null, mocks));
        Assert.Contains("originSecret", error.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Cloudflare(params (string Key, string? Value)[] changes) => With(
        ("edge", "cloudflare"), ("dns", "cloudflare"),
        ("cloudflare.zoneId", "0123456789abcdef0123456789abcdef"), ("cloudflare.accountId", "fedcba9876543210fedcba9876543210")).With(changes);

    [Fact]
    public async Task Cloudflare_can_turn_on_authenticated_origin_pulls_for_the_zone()
    {
        var run = await GlobalMocks.RunAsync(Cloudflare(("cloudflare.authenticatedOriginPulls", "true")));
        var pulls = Assert.Single(run.OfType("cloudflare:index/authenticatedOriginPullsSettings:AuthenticatedOriginPullsSettings")).Inputs;
        Assert.Equal(("0123456789abcdef0123456789abcdef", true), ((string)pulls["zoneId"], (bool)pulls["enabled"]));
        Assert.Empty(run.OfType(WebAcl));

        var off = await GlobalMocks.RunAsync(Cloudflare());
        Assert.Empty(off.OfType("cloudflare:index/authenticatedOriginPullsSettings:AuthenticatedOriginPullsSettings"));
    }

    private static IReadOnlyList<string> Errors(Dictionary<string, string> config)
    {
        config.Remove("aws:region");
        var reader = new ConfigReader(P, config);
        Assert.Null(GlobalSettings.Read(reader, "global"));
        return reader.Errors;
    }

    [Fact]
    public void The_programs_web_acl_and_one_of_your_own_are_refused_together()
    {
        Assert.Equal(P + ":waf.enabled: 'true' is set together with cloudfront.webAclArn, and a distribution takes one web ACL; allowed: waf.enabled true (the program's web ACL) or cloudfront.webAclArn (your own), not both",
            Assert.Single(Errors(With(("waf.enabled", "true"), ("cloudfront.webAclArn", "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/abcd")))));
    }

    [Theory]
    [InlineData("waf.rateLimit", "5", P + ":waf.rateLimit: '5' is out of range; allowed: an integer from 10 to 2000000000")]
    [InlineData("waf.enabled", "maybe", P + ":waf.enabled: 'maybe' is not a boolean; allowed: true or false")]
    public void Waf_settings_are_validated(string key, string value, string error) =>
        Assert.Equal(error, Assert.Single(Errors(With((key, value)))));

    [Fact]
    public void A_rate_limit_without_a_web_acl_is_refused()
    {
        Assert.Equal(P + ":waf.rateLimit: '500' is set but the program creates no web ACL (waf.enabled is false); allowed: set waf.enabled to true, or remove waf.rateLimit",
            Assert.Single(Errors(With(("environment", "dev"), ("waf.rateLimit", "500")))));
    }

    [Fact]
    public void Each_switch_needs_its_edge()
    {
        Assert.Equal(P + ":waf.enabled: 'true' needs the CloudFront edge (edge is 'cloudflare'); allowed: false, or edge cloudfront",
            Assert.Single(Errors(Cloudflare(("waf.enabled", "true")))));
        Assert.Equal(P + ":cloudflare.authenticatedOriginPulls: 'true' needs the Cloudflare edge (edge is 'cloudfront'); allowed: false, or edge cloudflare",
            Assert.Single(Errors(With(("cloudflare.authenticatedOriginPulls", "true")))));
    }

    [Fact]
    public void More_regions_than_cloudfront_has_custom_headers_are_refused()
    {
        var regions = Enumerable.Range(1, 11).Select(i => $"\"region-{i}\"");
        Assert.Equal(P + ":regions: '11 regions' is more than CloudFront can authenticate: its api origin sends one origin header per region, and CloudFront adds at most 10; allowed: at most 10 regions behind CloudFront",
            Assert.Single(Errors(With(("regions", $"[{string.Join(",", regions)}]"), ("primaryRegion", "region-1")))));
    }
}
