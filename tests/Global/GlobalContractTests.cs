using System.Collections.Immutable;
using MultiRegionInfra.Contracts;
using MultiRegionInfra.Stacks.Docs;
using MultiRegionInfra.Tests.Support;
using Pulumi;
using Pulumi.Utilities;

namespace MultiRegionInfra.Tests.Global;

/// <summary>The global stack exports what <see cref="GlobalContract"/> declares, with the declared types,
/// and the README's table is that contract.</summary>
public class GlobalContractTests
{
    private static readonly string[] CloudflareOnly = { "cloudflareLoadBalancerId", "steeringPolicy" };

    private static readonly string[] CloudFrontAndRoute53Only =
    {
        "healthCheckIds", "healthCheckAlarms", "cloudfrontDomain", "cloudfrontDistributionId", "originSecretGenerations", "webAclArn",
        "assetBuckets", "assetReplicationRoleArn", "regionSwitchPlanArn", "regionSwitchApprovalRoleArn", "regionSwitchRegions",
        "regionSwitchWriterPlanArn", // active-active PostgreSQL's writer plan, also a Route 53-only plan
    };

    /// <summary>Everything optional turned on, on the given edge.</summary>
    private static Dictionary<string, string> Everything(params (string Key, string? Value)[] edge) => GlobalMocks.Config().With(
        ("assets.enabled", "true"), ("canary.enabled", "true"), ("rehearsal.enabled", "true"), ("sessionStore", "true")).With(edge);

    [Fact]
    public async Task With_cloudfront_and_route53_the_stack_exports_every_output_but_cloudflares_each_of_its_declared_type()
    {
        var run = await GlobalMocks.RunAsync(Everything());
        Assert.Equal(GlobalContract.All.Select(o => o.Name).Except(CloudflareOnly).Order(), run.Outputs.Keys.Order());
        AssertDeclaredTypes(run.Outputs);
        Assert.Equal(new[] { "eu-west-1" }, await OutputUtilities.GetValueAsync(run.OutputOf<ImmutableArray<string>>("imageReplicationRegions")));
        var slo = Assert.IsType<ImmutableDictionary<string, double>>(run.Outputs["slo"]);
        Assert.Equal(new[] { "availabilityPercent", "p99LatencyMs", "rpoSeconds", "rtoSeconds" }, slo.Keys.Order());
        var templates = await OutputUtilities.GetValueAsync(run.OutputOf<ImmutableDictionary<string, string>>("rehearsalTemplates"));
        Assert.Equal(new[] { "eu-west/network", "eu-west/stop-instances", "us-east/network", "us-east/stop-instances" }, templates.Keys.Order());
    }

    [Fact]
    public async Task With_cloudflare_the_stack_exports_cloudflares_outputs_and_none_of_cloudfronts_or_route53s()
    {
        var run = await GlobalMocks.RunAsync(Everything(("edge", "cloudflare"), ("dns", "cloudflare"), ("strategy", "active-passive"),
            ("cloudflare.zoneId", "0123456789abcdef0123456789abcdef"), ("cloudflare.accountId", "fedcba9876543210fedcba9876543210")));
        Assert.Equal(GlobalContract.All.Select(o => o.Name).Except(CloudFrontAndRoute53Only).Order(), run.Outputs.Keys.Order());
        AssertDeclaredTypes(run.Outputs);
        Assert.Equal("cloudflare-failover", await OutputUtilities.GetValueAsync(run.OutputOf<string>("routingMode")));
        Assert.Equal("cloudflare", run.Outputs["edge"]);
    }

    [Fact]
    public void The_readme_table_lists_every_global_output_with_its_type_and_when()
    {
        var table = ReadmeSections.ExportsTable(GlobalContract.All);
        Assert.Contains("| `slo` | map of numbers | always |", table);
        Assert.Contains("| `canaryTargets` | map of lists of strings | when canary.enabled |", table);
        Assert.Contains("| `webAclArn` | string | when edge: cloudfront and waf.enabled |", table);
        Assert.Equal(GlobalContract.All.Count, table.Split('\n').Count(l => l.StartsWith("| `", StringComparison.Ordinal)));
    }

    /// <summary>Each output is the contract's type, or an output of it.</summary>
    private static void AssertDeclaredTypes(IDictionary<string, object?> outputs)
    {
        foreach (var declared in GlobalContract.All.Where(o => outputs.ContainsKey(o.Name)))
        {
            var type = declared.GetType().GetGenericArguments().Single();
            var value = outputs[declared.Name];
            Assert.True(type.IsInstanceOfType(value) || typeof(Output<>).MakeGenericType(type).IsInstanceOfType(value),
                $"{declared.Name} is a {value?.GetType().Name ?? "null"}, not the declared {declared.TypeName}");
        }
    }
}
