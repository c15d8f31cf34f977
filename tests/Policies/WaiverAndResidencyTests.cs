using MultiRegionInfra.Configuration;
using MultiRegionInfra.Policies;

namespace MultiRegionInfra.Tests.Policies;

public class WaiverAndResidencyTests
{
    private const string P = "multi-region-infra";

    [Theory]
    [InlineData("[\"MRI-LB-02/app-http: dev stack without a domain\"]", null)]
    [InlineData("[\"MRI-LB-02/app-http\"]", P + ":policy.waivers: 'MRI-LB-02/app-http' is not a waiver; allowed: \"RULE-ID/resource-name: reason\", e.g. \"MRI-LB-02/app-http: dev stack without a domain\"")]
    [InlineData("[\"MRI-LB-02/app-http:   \"]", P + ":policy.waivers: 'MRI-LB-02/app-http:   ' gives no reason; allowed: \"RULE-ID/resource-name: reason\"; a waiver records why the risk is accepted")]
    [InlineData("[\"MRI-LD-02/app-http: typo\"]", P + ":policy.waivers: 'MRI-LD-02/app-http: typo' names the unknown rule MRI-LD-02; did you mean 'MRI-LB-02'?")]
    public void Waivers_are_validated(string value, string? error)
    {
        var reader = new ConfigReader(P, new Dictionary<string, string> { ["policy.waivers"] = value });
        var waivers = PolicyWaiver.Read(reader);
        if (error is null)
        {
            Assert.Empty(reader.Errors);
            Assert.Equal(new PolicyWaiver("MRI-LB-02", "app-http", "dev stack without a domain"), Assert.Single(waivers));
        }
        else
        {
            Assert.Equal(error, Assert.Single(reader.Errors));
            Assert.Empty(waivers);
        }
    }

    private static ConfigSource Regional(string region, string cidr, string? role = "primary", string? primary = null, string? residency = null)
    {
        var values = new Dictionary<string, string>
        {
            ["aws:region"] = region,
            [$"{P}:stackKind"] = "regional",
            [$"{P}:vpcCidr"] = cidr,
        };
        if (role is not null)
            values[$"{P}:role"] = role;
        if (primary is not null)
            values[$"{P}:primaryStack"] = primary;
        if (residency is not null)
            values[$"{P}:dataResidency"] = residency;
        return new ConfigSource(values);
    }

    private static ConfigSource GlobalStack(string regions, bool sessions = false, string? residency = null)
    {
        var values = new Dictionary<string, string>
        {
            ["aws:region"] = "us-east-1",
            [$"{P}:stackKind"] = "global",
            [$"{P}:regions"] = regions,
            [$"{P}:sessionStore"] = sessions ? "true" : "false",
        };
        if (residency is not null)
            values[$"{P}:dataResidency"] = residency;
        return new ConfigSource(values);
    }

    [Fact]
    public void The_projects_stack_files_pass_every_cross_stack_check()
    {
        var stacks = new Dictionary<string, ConfigSource>
        {
            ["us-east"] = Regional("us-east-1", "10.10.0.0/16"),
            ["eu-west"] = Regional("eu-west-1", "10.20.0.0/16", "replica", "us-east"),
            ["global"] = GlobalStack("[\"us-east\",\"eu-west\"]", sessions: true),
        };
        Assert.Empty(CrossStackValidation.Validate(P, stacks));
    }

    [Fact]
    public void Overlapping_vpcs_are_an_error_naming_both_stacks()
    {
        var errors = CrossStackValidation.Validate(P, new Dictionary<string, ConfigSource>
        {
            ["us-east"] = Regional("us-east-1", "10.10.0.0/16"),
            ["eu-west"] = Regional("eu-west-1", "10.10.128.0/17", "replica", "us-east"),
        });
        Assert.Equal("eu-west and us-east: multi-region-infra:vpcCidr 10.10.128.0/17 and 10.10.0.0/16 overlap; give every region its own block so the VPCs can be peered", Assert.Single(errors));
    }

    [Theory]
    [InlineData("nowhere", null, "eu-west: multi-region-infra:primaryStack 'nowhere' has no stack file (Pulumi.nowhere.yaml)")]
    [InlineData("ap-south", null, "eu-west and ap-south: multi-region-infra:primaryStack names ap-south, which is not a primary (its role is replica)")]
    [InlineData("us-east", "eu-west-1", "eu-west and us-east: multi-region-infra:primaryStack names a primary in the same region (eu-west-1); a cross-region replica must be in another region")]
    public void A_replicas_primary_must_exist_be_a_primary_and_be_elsewhere(string primary, string? primaryRegion, string error)
    {
        var errors = CrossStackValidation.Validate(P, new Dictionary<string, ConfigSource>
        {
            ["us-east"] = Regional(primaryRegion ?? "us-east-1", "10.10.0.0/16"),
            ["ap-south"] = Regional("ap-south-1", "10.30.0.0/16", "replica", "us-east"),
            ["eu-west"] = Regional("eu-west-1", "10.20.0.0/16", "replica", primary),
        });
        Assert.Equal(error, Assert.Single(errors));
    }

    [Fact]
    public void The_global_stacks_regions_must_be_regional_stacks()
    {
        var errors = CrossStackValidation.Validate(P, new Dictionary<string, ConfigSource>
        {
            ["us-east"] = Regional("us-east-1", "10.10.0.0/16"),
            ["global"] = GlobalStack("[\"us-east\",\"mars\",\"edge\"]"),
            ["edge"] = GlobalStack("[\"us-east\"]"),
        });
        Assert.Equal(new[]
        {
            "global: multi-region-infra:regions names 'mars', which has no stack file (Pulumi.mars.yaml)",
            "global and edge: multi-region-infra:regions names edge, which is not a regional stack",
        }, errors);
    }

    [Fact]
    public void The_global_stacks_regions_hold_exactly_one_primary()
    {
        var two = CrossStackValidation.Validate(P, new Dictionary<string, ConfigSource>
        {
            ["us-east"] = Regional("us-east-1", "10.10.0.0/16"),
            ["eu-west"] = Regional("eu-west-1", "10.20.0.0/16"),
            ["global"] = GlobalStack("[\"us-east\",\"eu-west\"]"),
        });
        Assert.Equal("global and us-east and eu-west: multi-region-infra:regions holds 2 primaries (us-east, eu-west); " +
            "allowed: one, the stack of the writable database, and its replicas (role: replica, primaryStack: us-east)", Assert.Single(two));
        var none = CrossStackValidation.Validate(P, new Dictionary<string, ConfigSource>
        {
            ["us-east"] = Regional("us-east-1", "10.10.0.0/16"),
            ["eu-west"] = Regional("eu-west-1", "10.20.0.0/16", "replica", "us-east"),
            ["ap-south"] = Regional("ap-south-1", "10.30.0.0/16", "replica", "us-east"),
            ["global"] = GlobalStack("[\"eu-west\",\"ap-south\"]"),
        });
        Assert.Equal("global: multi-region-infra:regions (eu-west, ap-south) holds no primary; allowed: the stack of the writable database among them, with its replicas", Assert.Single(none));
    }

    [Fact]
    public void Every_stack_of_a_system_is_in_one_environment()
    {
        static ConfigSource In(ConfigSource source, string environment) =>
            new(source.Values.Append(KeyValuePair.Create($"{P}:environment", environment)).ToDictionary(p => p.Key, p => p.Value));
        var errors = CrossStackValidation.Validate(P, new Dictionary<string, ConfigSource>
        {
            ["us-east"] = In(Regional("us-east-1", "10.10.0.0/16"), "prod"),
            ["eu-west"] = In(Regional("eu-west-1", "10.20.0.0/16", "replica", "us-east"), "staging"),
            ["global"] = In(GlobalStack("[\"us-east\",\"eu-west\"]"), "prod"),
        });
        Assert.Equal(new[]
        {
            "eu-west and us-east: multi-region-infra:environment is 'staging' in eu-west but 'prod' in its primary us-east; allowed: environment prod (every stack of a system is in one environment)",
            "global and eu-west: multi-region-infra:environment is 'prod' in global but 'staging' in eu-west; allowed: environment prod in every regional stack of global " +
                "(what a stack's environment turns on, such as access logs, the global stack's resources in its region rely on)",
        }, errors);
    }

    [Theory]
    // eu-west's healthCheckPath (us-east keeps the default /health), the error or none
    [InlineData(null, null)]
    [InlineData("/health", null)]
    [InlineData("/healthz", "global and us-east and eu-west: multi-region-infra:healthCheckPath differs across the regions of global (/health in us-east; /healthz in eu-west); " +
        "allowed: one path in every regional stack of global (api.<domain>, the edge and the canaries ask any region for it)")]
    public void Every_region_of_a_system_answers_one_health_path(string? path, string? error)
    {
        var replica = Regional("eu-west-1", "10.20.0.0/16", "replica", "us-east");
        if (path is not null)
            replica = new ConfigSource(replica.Values.Append(KeyValuePair.Create($"{P}:healthCheckPath", path)).ToDictionary(p => p.Key, p => p.Value));
        var errors = CrossStackValidation.Validate(P, new Dictionary<string, ConfigSource>
        {
            ["us-east"] = Regional("us-east-1", "10.10.0.0/16"),
            ["eu-west"] = replica,
            ["global"] = GlobalStack("[\"us-east\",\"eu-west\"]"),
        });
        Assert.Equal(error is null ? Array.Empty<string>() : new[] { error }, errors);
    }

    [Fact]
    public void Residency_forbids_replicas_edge_origins_and_table_replicas_outside_it()
    {
        var errors = CrossStackValidation.Validate(P, new Dictionary<string, ConfigSource>
        {
            ["eu-west"] = Regional("eu-west-1", "10.20.0.0/16", residency: "[\"eu\"]"),
            ["eu-central"] = Regional("eu-central-1", "10.21.0.0/16", "replica", "eu-west"),
            ["us-east"] = Regional("us-east-1", "10.10.0.0/16", "replica", "eu-west"),
            ["global"] = GlobalStack("[\"eu-west\",\"eu-central\",\"us-east\"]", sessions: true),
        });
        Assert.Equal(new[]
        {
            "eu-west and us-east: multi-region-infra:dataResidency of eu-west (eu) forbids its database replica in us-east-1 (us-east's multi-region-infra:primaryStack)",
            "eu-west and global: multi-region-infra:dataResidency of eu-west (eu) forbids serving it from us-east (us-east-1), an edge origin in global's multi-region-infra:regions",
            "eu-west and global: multi-region-infra:dataResidency of eu-west (eu) forbids the session table replica in us-east-1 (global's multi-region-infra:sessionStore)",
        }, errors);
    }

    [Fact]
    public void Residency_may_list_regions_and_applies_to_the_global_stack_too()
    {
        var errors = CrossStackValidation.Validate(P, new Dictionary<string, ConfigSource>
        {
            ["eu-west"] = Regional("eu-west-1", "10.20.0.0/16", residency: "[\"eu-west-1\",\"eu-central-1\"]"),
            ["eu-central"] = Regional("eu-central-1", "10.21.0.0/16", "replica", "eu-west"),
            ["eu-north"] = Regional("eu-north-1", "10.22.0.0/16", "replica", "eu-west"),
            ["global"] = GlobalStack("[\"eu-west\",\"eu-central\"]", residency: "[\"eu-west-1\"]"),
        });
        Assert.Equal(new[]
        {
            "eu-west and eu-north: multi-region-infra:dataResidency of eu-west (eu-west-1, eu-central-1) forbids its database replica in eu-north-1 (eu-north's multi-region-infra:primaryStack)",
            "global and eu-central: multi-region-infra:dataResidency of global (eu-west-1) forbids the region eu-central-1 in multi-region-infra:regions",
        }, errors);
    }

    [Theory]
    [InlineData("[\"europe\"]", P + ":dataResidency: 'europe' is neither a region group nor a region; allowed: groups eu, us, ca, sa, ap, me, af, il, mx, or region names such as eu-west-1")]
    [InlineData("[]", P + ":dataResidency: '[]' allows no region; allowed: at least one region group or region")]
    public void Residency_values_are_validated(string value, string error)
    {
        var reader = new ConfigReader(P, new Dictionary<string, string> { ["dataResidency"] = value });
        Assert.Null(DataResidency.Read(reader));
        Assert.Equal(error, Assert.Single(reader.Errors));
    }
}
