using MultiRegionInfra.Configuration;
using MultiRegionInfra.Tests.Support;
using Pulumi;

namespace MultiRegionInfra.Tests.Settings;

/// <summary>The program refuses a configuration with any problem, all problems at once, before it
/// registers a resource: what <c>pulumi preview</c> and <c>pulumi up</c> see, and the plan too.</summary>
public class ProgramValidationTests
{
    private static async Task<(string Message, PulumiMocks Mocks)> RefusedAsync(Dictionary<string, string> config, PulumiMocks? mocks = null)
    {
        mocks ??= AwsMocks.ForRegion(config.GetValueOrDefault("aws:region") ?? "us-east-1");
        var thrown = await Assert.ThrowsAsync<RunException>(() => AwsMocks.RunStackAsync("us-east", config, mocks));
        return (thrown.Message, mocks);
    }

    [Fact]
    public async Task A_bad_stack_kind_is_reported_even_when_it_is_the_only_problem()
    {
        var (message, mocks) = await RefusedAsync(AwsMocks.PrimaryConfig().With(("stackKind", "regionl")));
        Assert.Equal("stack 'us-east' has 1 configuration error:\n  - multi-region-infra:stackKind: 'regionl' is not allowed; allowed: regional, global", message);
        Assert.Empty(mocks.Resources);
    }

    [Fact]
    public async Task Problems_of_every_namespace_are_reported_together()
    {
        var config = AwsMocks.PrimaryConfig().With(("aws:region", "us-est-1"), ("multi-region-infr:azCount", "3"), ("natGateways", "some"),
            ("tags", "[\"aws:owner=me\"]"), ("cloudflare:apiToken", "token-in-plain-text"));
        var (message, mocks) = await RefusedAsync(config, AwsMocks.ForRegion("us-east-1"));
        Assert.Equal("stack 'us-east' has 5 configuration errors:\n" +
            "  - multi-region-infra:natGateways: 'some' is not allowed; allowed: perAz, single\n" +
            "  - multi-region-infra:tags: 'aws:owner=me' uses the prefix aws:, which AWS reserves; allowed: a key not starting with aws:\n" +
            "  - cloudflare:apiToken: is in plain text in Pulumi.us-east.yaml; allowed: a secret, set with: pulumi config set --secret cloudflare:apiToken <value> --stack us-east\n" +
            "  - multi-region-infr:azCount: is in the namespace 'multi-region-infr', which nothing in this program reads; allowed: the namespaces aws, aws-native, cloudflare, multi-region-infra, pulumi (did you mean 'multi-region-infra:azCount'?)\n" +
            "  - aws:region: 'us-est-1' is not an AWS region; allowed: an AWS region (did you mean 'us-east-1'?)",
            message);
        Assert.DoesNotContain("token-in-plain-text", message);
        Assert.Empty(mocks.Resources);
    }

    [Fact]
    public async Task More_zones_than_the_region_has_stop_the_preview_with_the_zones_it_has()
    {
        var mocks = AwsMocks.ForRegion("us-west-1").WithCall("aws:index/getAvailabilityZones:getAvailabilityZones", _ => new Dictionary<string, object>
        {
            ["names"] = new[] { "us-west-1b", "us-west-1a" },
            ["zoneIds"] = new[] { "usw1-az3", "usw1-az1" },
            ["id"] = "us-west-1",
        });
        var (message, _) = await RefusedAsync(AwsMocks.PrimaryConfig().With(("aws:region", "us-west-1"), ("azCount", "3")), mocks);
        Assert.Equal("stack 'us-east' has 1 configuration error:\n" +
            "  - multi-region-infra:azCount: '3' is more than the 2 available zones of us-west-1 (us-west-1a, us-west-1b); allowed: 2 to 2", message);
        Assert.Empty(mocks.Resources);
        // The zones were asked for in the stack's region, once, before anything else.
        var call = Assert.Single(mocks.Calls, c => c.Token == "aws:index/getAvailabilityZones:getAvailabilityZones");
        Assert.Equal("available", call.Args["state"]);
        Assert.Equal("us-west-1", call.Args["region"]);
    }

    [Fact]
    public async Task The_zones_the_region_has_are_the_ones_the_subnets_use()
    {
        var run = await AwsMocks.RunStackAsync("us-east", AwsMocks.PrimaryConfig().With(("azCount", "2")));
        Assert.Equal(new[] { "us-east-1a", "us-east-1a", "us-east-1a", "us-east-1b", "us-east-1b", "us-east-1b" },
            run.OfType("aws:ec2/subnet:Subnet").Select(s => (string)s.Inputs["availabilityZone"]).Order());
    }

    [Fact]
    public void A_secret_projects_key_is_never_repeated_in_its_error()
    {
        var source = new ConfigSource(new Dictionary<string, string> { ["multi-region-infra:domain"] = "not a domain!" },
            new HashSet<string> { "multi-region-infra:domain" });
        var reader = ConfigReader.For("multi-region-infra", source);
        reader.OptionalString("domain", RegionalSettings.IsDomainName, "allowed: a DNS name such as example.com");
        Assert.Equal(new[] { "multi-region-infra:domain: its (secret) value is not valid; allowed: a DNS name such as example.com" }, reader.Errors);
    }

    [Fact]
    public async Task A_primary_stack_that_is_not_a_stack_name_is_refused_before_it_is_read()
    {
        var mocks = AwsMocks.ForRegion("eu-west-1");
        var thrown = await Assert.ThrowsAsync<RunException>(() => AwsMocks.RunStackAsync("eu-west",
            AwsMocks.ReplicaConfig().With(("primaryStack", "other-org/other-project/us-east")), mocks));
        Assert.Equal("stack 'eu-west' has 1 configuration error:\n" +
            "  - multi-region-infra:primaryStack: 'other-org/other-project/us-east' is not a stack name; allowed: a stack of this project, of letters, digits, '-', '_' and '.' (e.g. us-east)",
            thrown.Message);
        Assert.Empty(mocks.Resources);
    }
}
