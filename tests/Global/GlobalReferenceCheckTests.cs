using MultiRegionInfra.Tests.Support;
using Pulumi;

namespace MultiRegionInfra.Tests.Global;

/// <summary>At deploy time the global stack reads its regions' outputs and checks it agrees with them
/// (the rules plan checks across the stack files), before it registers anything of its own.</summary>
public class GlobalReferenceCheckTests
{
    private static PulumiMocks MocksWith(string stack, params (string Key, object Value)[] changes)
    {
        var mocks = GlobalMocks.Mocks();
        var outputs = GlobalMocks.Outputs(stack);
        foreach (var (key, value) in changes)
            outputs[key] = value;
        return mocks.WithStackOutputs($"{AwsMocks.Organization}/{AwsMocks.Project}/{stack}", outputs);
    }

    private static async Task<(string Message, PulumiMocks Mocks)> RefusedAsync(Dictionary<string, string> config, PulumiMocks mocks)
    {
        var thrown = await Assert.ThrowsAsync<RunException>(() => GlobalMocks.RunAsync(config, mocks));
        return (thrown.Message, mocks);
    }

    [Fact]
    public async Task A_region_behind_another_edge_stops_the_global_stack_naming_both_stacks_and_the_key()
    {
        var (message, mocks) = await RefusedAsync(GlobalMocks.Config(), MocksWith("eu-west", ("edge", "cloudflare")));
        Assert.Equal("stack 'global' has 1 configuration error:\n" +
            "  - global and eu-west: multi-region-infra:edge is 'cloudfront' in global but 'cloudflare' in eu-west, whose load balancer would admit the internet, bypassing the edge; " +
            "allowed: edge cloudfront in every regional stack of global", message);
        Assert.Equal(new[] { "pulumi:pulumi:StackReference" }, mocks.Resources.Select(r => r.Type).Distinct());
    }

    [Fact]
    public async Task A_region_on_another_domain_or_engine_is_reported_with_every_other_problem()
    {
        var mocks = GlobalMocks.Mocks();
        mocks.WithStackOutputs($"{AwsMocks.Organization}/{AwsMocks.Project}/us-east",
            new Dictionary<string, object>(GlobalMocks.Outputs("us-east")) { ["domain"] = "example.org" });
        mocks.WithStackOutputs($"{AwsMocks.Organization}/{AwsMocks.Project}/eu-west",
            new Dictionary<string, object>(GlobalMocks.Outputs("eu-west")) { ["dbEngine"] = "aurora-postgresql" });
        var (message, _) = await RefusedAsync(GlobalMocks.Config(), mocks);
        Assert.Equal("stack 'global' has 2 configuration errors:\n" +
            "  - eu-west and us-east: multi-region-infra:database.engine is 'aurora-postgresql' in eu-west but 'postgres' in its primary us-east; every stack of a system runs one engine\n" +
            "  - global and us-east: multi-region-infra:domain is 'example.com' in global but 'example.org' in us-east; allowed: domain example.com in every regional stack of global (their certificates and <stack>.api records are in it)",
            message);
    }

    [Fact]
    public async Task Two_primaries_among_the_regions_stop_the_global_stack_before_it_registers_anything()
    {
        var (message, mocks) = await RefusedAsync(GlobalMocks.Config(), MocksWith("eu-west", ("dbRole", "primary"), ("primaryStack", "")));
        Assert.Equal("stack 'global' has 1 configuration error:\n" +
            "  - global and us-east and eu-west: multi-region-infra:regions holds 2 primaries (us-east, eu-west); " +
            "allowed: one, the stack of the writable database, and its replicas (role: replica, primaryStack: us-east)", message);
        Assert.Equal(new[] { "pulumi:pulumi:StackReference" }, mocks.Resources.Select(r => r.Type).Distinct());
    }

    [Fact]
    public async Task A_region_in_another_environment_stops_the_global_stack()
    {
        var (message, _) = await RefusedAsync(GlobalMocks.Config(), MocksWith("eu-west", ("environment", "dev")));
        Assert.Equal("stack 'global' has 1 configuration error:\n" +
            "  - global and eu-west: multi-region-infra:environment is 'prod' in global but 'dev' in eu-west; allowed: environment prod in every regional stack of global " +
            "(what a stack's environment turns on, such as access logs, the global stack's resources in its region rely on)", message);
    }

    [Fact]
    public async Task A_region_with_another_health_path_stops_the_global_stack()
    {
        var (message, _) = await RefusedAsync(GlobalMocks.Config(), MocksWith("eu-west", ("healthCheckPath", "/status")));
        Assert.Equal("stack 'global' has 1 configuration error:\n" +
            "  - global and us-east and eu-west: multi-region-infra:healthCheckPath differs across the regions of global (/health in us-east; /status in eu-west); " +
            "allowed: one path in every regional stack of global (api.<domain>, the edge and the canaries ask any region for it)", message);
    }

    [Fact]
    public async Task A_region_that_is_not_a_deployed_regional_stack_is_named_instead_of_a_missing_output()
    {
        var mocks = GlobalMocks.Mocks();
        mocks.WithStackOutputs($"{AwsMocks.Organization}/{AwsMocks.Project}/eu-west", new Dictionary<string, object> { ["stackKind"] = "global" });
        var (message, _) = await RefusedAsync(GlobalMocks.Config(), mocks);
        Assert.Equal("stack 'global' has 1 configuration error:\n" +
            "  - multi-region-infra:regions names eu-west, which is a global stack, not a regional one; allowed: regional stacks of this project", message);
    }

    [Fact]
    public async Task A_region_outside_the_global_stacks_residency_is_refused()
    {
        var config = GlobalMocks.Config().With(("dataResidency", "[\"us\"]"));
        var (message, _) = await RefusedAsync(config, GlobalMocks.Mocks(config));
        Assert.Contains("global and eu-west: multi-region-infra:dataResidency of global (us) forbids the region eu-west-1 in multi-region-infra:regions", message);
    }

    [Fact]
    public async Task Regions_that_agree_let_the_global_stack_build()
    {
        var run = await GlobalMocks.RunAsync();
        Assert.NotEmpty(run.OfType("aws:route53/healthCheck:HealthCheck"));
    }
}
