using MultiRegionInfra.Global;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Global;

/// <summary>CloudFront's region probes: the path through which a canary outside the regions' networks checks
/// one region, whose load balancer admits only CloudFront and the health checkers.</summary>
public class RegionProbeTests
{
    private const string Distribution = "aws:cloudfront/distribution:Distribution";
    private const string FunctionType = "aws:cloudfront/function:Function";

    private static IReadOnlyDictionary<string, object?> Map(object? value) => InputValues.Map(value);

    private static IReadOnlyList<IReadOnlyDictionary<string, object?>> Maps(object? value) => InputValues.List(value).Select(Map).ToList();

    private static Task<AwsMocks.RunResult> Run(params (string Key, string? Value)[] changes)
    {
        var config = GlobalMocks.Config().With(changes);
        return GlobalMocks.RunAsync(config, GlobalMocks.Mocks(config));
    }

    [Theory]
    [InlineData("false")]
    [InlineData("true")]
    public async Task With_canaries_each_region_has_an_uncached_probe_behaviour_to_its_own_origin_alone(string assets)
    {
        var run = await Run(("canary.enabled", "true"), ("assets.enabled", assets));
        var function = Assert.Single(run.OfType(FunctionType));
        Assert.Equal("cdn-region-probe", function.Name);
        Assert.Equal(("multi-region-infra-global-region-probe", "cloudfront-js-2.0", true, CloudFrontEdge.RegionProbeFunctionCode),
            (function.Inputs["name"], function.Inputs["runtime"], function.Inputs["publish"], function.Inputs["code"]));
        var distribution = Assert.Single(run.OfType(Distribution)).Inputs;
        var origins = Maps(distribution["origins"]).ToDictionary(o => (string)o["originId"]!);
        var behaviours = Maps(distribution["orderedCacheBehaviors"]);
        foreach (var stack in new[] { "us-east", "eu-west" })
        {
            var probe = Assert.Single(behaviours, b => Equals(b["pathPattern"], $"/_regions/{stack}/*"));
            Assert.Equal(stack, probe["targetOriginId"]);
            Assert.Equal(CloudFrontEdge.CachingDisabled, probe["cachePolicyId"]);
            Assert.Equal(CloudFrontEdge.AllViewerExceptHostHeader, probe["originRequestPolicyId"]);
            Assert.Equal("redirect-to-https", probe["viewerProtocolPolicy"]);
            // Reads only: a probe reaches a region the routing may have taken out, where a write would diverge.
            Assert.Equal(new[] { "GET", "HEAD" }, InputValues.Strings(probe["allowedMethods"]));
            var association = Map(Assert.Single(InputValues.List(probe["functionAssociations"])));
            Assert.Equal(("viewer-request", $"arn:aws:cloudfront::{AwsMocks.Account}:function/multi-region-infra-global-region-probe"),
                (association["eventType"], association["functionArn"]));
            // The region's own origin, which sends only that region's header: no other region can answer it.
            var origin = origins[stack];
            Assert.Equal($"{stack}.api.example.com", origin["domainName"]);
            Assert.Equal(new[] { $"x-origin-verify-{stack}" }, Maps(origin["customHeaders"]).Select(h => (string)h["name"]!));
        }
        // The API's behaviour comes first, and no probe pattern overlaps it or the health path's.
        Assert.Equal("/api/*", behaviours[0]["pathPattern"]);
        Assert.All(behaviours.Skip(1).Select(b => (string)b["pathPattern"]!), pattern => Assert.False(pattern.StartsWith("/api/", StringComparison.Ordinal)));
        Assert.Equal(new[] { "/health", "/_regions/us-east/*", "/_regions/eu-west/*" }, behaviours.Skip(1).Select(b => (string)b["pathPattern"]!));
    }

    [Fact]
    public async Task Without_canaries_there_is_no_probe_nor_its_function()
    {
        var run = await Run(("canary.enabled", "false"), ("assets.enabled", "true"));
        Assert.Empty(run.OfType(FunctionType));
        var distribution = Assert.Single(run.OfType(Distribution)).Inputs;
        Assert.DoesNotContain(Maps(distribution["orderedCacheBehaviors"]), b => ((string)b["pathPattern"]!).StartsWith("/_regions/", StringComparison.Ordinal));
        // With the asset buckets on the default behaviour and no probes, the regions need no origin of their own.
        Assert.Equal(new[] { "api", "assets-eu-west", "assets-us-east" }, Maps(distribution["origins"]).Select(o => (string)o["originId"]!).Order());
    }

    [Fact]
    public async Task Behind_cloudflare_each_region_has_a_proxied_probe_load_balancer_on_its_pool_alone()
    {
        var cloudflare = new (string, string?)[]
        {
            ("edge", "cloudflare"), ("dns", "cloudflare"), ("cloudflare.zoneId", new string('a', 32)), ("cloudflare.accountId", new string('b', 32)),
        };
        var run = await Run([.. cloudflare, ("canary.enabled", "true")]);
        var balancers = run.OfType("cloudflare:index/loadBalancer:LoadBalancer").ToDictionary(b => b.Name!);
        Assert.Equal(new[] { "cloudflare-eu-west-probe", "cloudflare-lb", "cloudflare-us-east-probe" }, balancers.Keys.Order());
        foreach (var stack in new[] { "us-east", "eu-west" })
        {
            var probe = balancers[$"cloudflare-{stack}-probe"].Inputs;
            Assert.Equal($"probe-{stack}.example.com", probe["name"]);
            Assert.Equal(new string('a', 32), probe["zoneId"]);
            Assert.Equal((true, "off"), (probe["proxied"], probe["steeringPolicy"]));
            // That region's pool and no other: a probe of a region that is down fails.
            Assert.Equal(new object[] { $"cloudflare-{stack}-pool-id" }, InputValues.List(probe["defaultPools"]));
            Assert.Equal($"cloudflare-{stack}-pool-id", probe["fallbackPool"]);
        }
        var off = await Run([.. cloudflare, ("canary.enabled", "false")]);
        Assert.Equal("cloudflare-lb", Assert.Single(off.OfType("cloudflare:index/loadBalancer:LoadBalancer")).Name);
    }

    [Theory]
    // what the viewer asks, what the region is asked (the query string is not part of the URI)
    [InlineData("/_regions/us-east/api/status", "/api/status")]
    [InlineData("/_regions/us-east/health", "/health")]
    [InlineData("/_regions/eu-west/", "/")]
    [InlineData("/_regions/us-east/_regions/x/y", "/_regions/x/y")]
    public void The_function_strips_the_probe_prefix_and_keeps_the_rest(string uri, string forwarded) =>
        Assert.Equal(forwarded, RunFunction(uri));

    /// <summary>Runs the function's code in Node.js the way CloudFront calls it: handler(event) with event.request.</summary>
    private static string RunFunction(string uri)
    {
        var script = CloudFrontEdge.RegionProbeFunctionCode +
            $"\nconsole.log(handler({{ request: {{ uri: {System.Text.Json.JsonSerializer.Serialize(uri)}, querystring: {{}}, headers: {{}} }} }}).uri);\n";
        return NodeScript.Run(Array.Empty<string>(), script, "the region probe function").Trim();
    }
}
