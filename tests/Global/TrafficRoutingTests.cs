using MultiRegionInfra.Configuration;
using MultiRegionInfra.Global;
using MultiRegionInfra.Naming;
using MultiRegionInfra.Tests.Support;
using Pulumi;

namespace MultiRegionInfra.Tests.Global;

/// <summary>The routing component on its own, with regions built directly.</summary>
public class TrafficRoutingTests
{
    private static RegionEndpoint Region(string stack, string region, bool dualstack) => new(stack, Output.Create(region),
        Output.Create($"{stack}-alb.{region}.elb.amazonaws.com"), Output.Create("Z35SXDOTRQ7X7K"), Output.Create($"{stack}.api.example.com"), Output.Create("/health"), dualstack);

    [Theory]
    [InlineData(RoutingStrategy.ActiveActive)]
    [InlineData(RoutingStrategy.ActivePassive)]
    public async Task A_dualstack_load_balancer_gets_a_and_aaaa_records(RoutingStrategy strategy)
    {
        var mocks = new PulumiMocks();
        await mocks.RunAsync(() => new TrafficRouting("routing", new TrafficRoutingArgs
        {
            Context = new StackContext("app", "prod", "global", "global", new Dictionary<string, string>()),
            Domain = "example.com",
            ZoneId = "Z0EXAMPLEZONE",
            Strategy = strategy,
            Regions = new[] { Region("us-east", "us-east-1", dualstack: true), Region("eu-west", "eu-west-1", dualstack: false) },
            HealthCheck = new HealthCheckSettings(30, 3, new[] { "us-east-1", "us-west-2", "eu-west-1" }),
        }));
        var records = mocks.OfType("aws:route53/record:Record");
        Assert.Equal(new[] { "A", "AAAA" }, records.Where(r => r.Name!.StartsWith("routing-us-east-", StringComparison.Ordinal)).Select(r => (string)r.Inputs["type"]).Order());
        Assert.Equal(new[] { "A" }, records.Where(r => r.Name!.StartsWith("routing-eu-west-", StringComparison.Ordinal)).Select(r => (string)r.Inputs["type"]));
        Assert.All(records, r => Assert.Equal("api.example.com", r.Inputs["name"]));
    }
}
