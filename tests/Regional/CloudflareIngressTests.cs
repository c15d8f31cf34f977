using MultiRegionInfra.Tests.Support;
using static MultiRegionInfra.Tests.Support.InputValues;

namespace MultiRegionInfra.Tests.Regional;

/// <summary>Behind Cloudflare a load balancer admits only Cloudflare's published ranges (read from the
/// Cloudflare provider) and Route 53's health checkers, on the edge's port, never the whole internet.</summary>
public class CloudflareIngressTests
{
    private const string Ingress = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    private const string Group = "aws:ec2/securityGroup:SecurityGroup";

    private static Task<AwsMocks.RunResult> Primary(PulumiMocks? mocks = null, params (string Key, string? Value)[] changes) =>
        AwsMocks.RunStackAsync("us-east", AwsMocks.PrimaryConfig().With(("edge", "cloudflare")).With(changes), mocks, preview: mocks is null);

    [Fact]
    public async Task The_load_balancer_admits_cloudflares_published_ranges_on_443()
    {
        var run = await Primary();
        var group = run.Single(Group, "app-alb-cloudflare-sg").Inputs;
        Assert.Equal("Load balancer of us-east: HTTPS from Cloudflare's published ranges", group["description"]);
        var rules = List(group["ingress"]).Select(Map).ToList();
        Assert.Equal(2, rules.Count);
        Assert.All(rules, r => Assert.Equal((443.0, 443.0, "tcp"), ((double)r["fromPort"]!, (double)r["toPort"]!, (string)r["protocol"]!)));
        Assert.Equal(AwsMocks.CloudflareIpv4, Strings(rules.Single(r => r.ContainsKey("cidrBlocks"))["cidrBlocks"]));
        Assert.Equal(AwsMocks.CloudflareIpv6, Strings(rules.Single(r => r.ContainsKey("ipv6CidrBlocks"))["ipv6CidrBlocks"]));
        Assert.All(rules, r => Assert.StartsWith("Port 443 from Cloudflare", (string)r["description"]!, StringComparison.Ordinal));
        Assert.False(group.ContainsKey("egress"), "the group only admits; the load balancer's other group reaches the instances");
        Assert.Single(run.Mocks.Calls, c => c.Token == "cloudflare:index/getIpRanges:getIpRanges");

        var alb = Assert.Single(run.OfType("aws:lb/loadBalancer:LoadBalancer")).Inputs;
        Assert.Equal(new object[] { "app-alb-sg-id", "app-alb-cloudflare-sg-id" }, List(alb["securityGroups"]));
    }

    [Fact]
    public async Task Nothing_is_open_to_the_internet_and_route_53_health_checks_still_reach_the_load_balancer()
    {
        var run = await Primary();
        var albRules = run.OfType(Ingress).Where(r => Equals(r.Inputs["securityGroupId"], "app-alb-sg-id")).ToList();
        var rule = Assert.Single(albRules);
        Assert.Equal("pl-0healthcheckers", rule.Inputs["prefixListId"]);
        Assert.Equal(443.0, rule.Inputs["fromPort"]);
        Assert.DoesNotContain(run.OfType(Ingress), r => Equals(r.Inputs.GetValueOrDefault("cidrIpv4"), "0.0.0.0/0") || Equals(r.Inputs.GetValueOrDefault("cidrIpv6"), "::/0"));
        Assert.DoesNotContain(run.Mocks.Calls, c => c.Token == "aws:ec2/getManagedPrefixList:getManagedPrefixList" && Equals(c.Args["name"], "com.amazonaws.global.cloudfront.origin-facing"));
    }

    [Fact]
    public async Task Without_a_domain_the_ranges_are_admitted_on_80()
    {
        var run = await Primary(null, ("domain", null), ("environment", "staging"));
        Assert.All(List(run.Single(Group, "app-alb-cloudflare-sg").Inputs["ingress"]).Select(Map), r => Assert.Equal(80.0, r["fromPort"]));
        Assert.Equal("Load balancer of us-east: HTTP from Cloudflare's published ranges", run.Single(Group, "app-alb-cloudflare-sg").Inputs["description"]);
    }

    [Fact]
    public async Task No_ranges_from_the_provider_stop_the_update_before_anything_is_registered()
    {
        var mocks = AwsMocks.ForRegion("us-east-1").WithCall("cloudflare:index/getIpRanges:getIpRanges", _ => new Dictionary<string, object>
        {
            ["id"] = "cloudflare-ips",
            ["etag"] = "0",
            ["ipv4Cidrs"] = Array.Empty<string>(),
            ["ipv6Cidrs"] = AwsMocks.CloudflareIpv6,
            ["jdcloudCidrs"] = Array.Empty<string>(),
        });
        var error = await Assert.ThrowsAsync<Pulumi.RunException>(() => Primary(mocks));
        Assert.Equal("stack 'us-east' has 1 configuration error:\n  - edge: cloudflare, but the Cloudflare provider returned no IPv4 address ranges (GetIpRanges): " +
            "the load balancer would admit nobody; allowed: a provider that reaches api.cloudflare.com/client/v4/ips (no credentials needed), then run again", error.Message);
        // Read before anything is registered: nothing is half-deployed.
        Assert.Empty(mocks.Resources);
    }
}
