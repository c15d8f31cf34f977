using MultiRegionInfra.Configuration;
using MultiRegionInfra.Costs;
using MultiRegionInfra.Policies;
using MultiRegionInfra.Reliability;
using MultiRegionInfra.Tests.Support;
using Pulumi.Utilities;

namespace MultiRegionInfra.Tests.Regional;

/// <summary>In active-passive a replica region is passive: it deploys its standby capacity (which the
/// cost model prices and the failover budget scales up from), and every stack agrees on the strategy.</summary>
public class StandbyCapacityTests
{
    private const string P = "multi-region-infra";

    /// <summary>A stack output, whether exported as a value or as an output.</summary>
    private static async Task<T> OutputAsync<T>(AwsMocks.RunResult run, string key) => run.Outputs[key] switch
    {
        Pulumi.Output<T> output => await OutputUtilities.GetValueAsync(output),
        var value => (T)value!,
    };

    /// <summary>A replica with <paramref name="changes"/>, whose primary runs the same strategy (a replica must).</summary>
    private static Task<AwsMocks.RunResult> ReplicaAsync(params (string Key, string? Value)[] changes)
    {
        var strategy = changes.LastOrDefault(c => c.Key == "strategy").Value ?? "active-active";
        return AwsMocks.RunStackAsync("eu-west", AwsMocks.ReplicaConfig().With(changes),
            AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(changes: new Dictionary<string, object> { ["strategy"] = strategy }));
    }

    [Theory]
    [InlineData("active-passive", 1, 1, 1, true)]
    [InlineData("active-active", 1, 2, 2, false)]
    public async Task A_passive_replica_runs_its_standby_capacity_and_says_so(string strategy, int standby, int min, int desired, bool passive)
    {
        var run = await ReplicaAsync(("strategy", strategy), ("compute.standbyCapacity", standby.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("compute.minSize", "2"), ("compute.desiredCapacity", "2"), ("compute.maxSize", "6"));
        var group = Assert.Single(run.OfType("aws:autoscaling/group:Group")).Inputs;
        Assert.Equal((double)min, group["minSize"]);
        Assert.Equal((double)desired, group["desiredCapacity"]);
        Assert.Equal(6.0, group["maxSize"]);
        Assert.Equal(strategy, await OutputAsync<string>(run, "strategy"));
        Assert.Equal(passive, await OutputAsync<bool>(run, "passive"));
        Assert.Equal(min, await OutputAsync<int>(run, "minSize"));
        Assert.Equal(2, await OutputAsync<int>(run, "servingMinSize"));
        Assert.Equal(2, await OutputAsync<int>(run, "servingDesiredCapacity"));
    }

    [Fact]
    public async Task The_primary_serves_in_either_strategy()
    {
        var run = await AwsMocks.RunStackAsync("us-east", AwsMocks.PrimaryConfig().With(("strategy", "active-passive"), ("compute.standbyCapacity", "0")));
        var group = Assert.Single(run.OfType("aws:autoscaling/group:Group")).Inputs;
        Assert.Equal(2.0, group["minSize"]);
        Assert.False(await OutputAsync<bool>(run, "passive"));
    }

    [Theory]
    [InlineData("compute.standbyCapacity", "7", P + ":compute.standbyCapacity: '7' is greater than compute.maxSize (6); allowed: 0 to maxSize")]
    [InlineData("compute.standbyCapacity", "-1", P + ":compute.standbyCapacity: '-1' is out of range; allowed: an integer from 0 to 100")]
    [InlineData("strategy", "active-standby", P + ":strategy: 'active-standby' is not allowed; allowed: active-active, active-passive")]
    public void Bad_standby_settings_are_refused(string key, string value, string message)
    {
        var config = AwsMocks.ReplicaConfig().With((key, value));
        var region = config["aws:region"];
        config.Remove("aws:region");
        var reader = new ConfigReader(P, config);
        Assert.Null(RegionalSettings.Read(reader, "eu-west", region));
        Assert.Equal(new[] { message }, reader.Errors);
    }

    private static Dictionary<string, ConfigSource> Stacks(string globalStrategy, string regionalStrategy, string primaryRegion = "us-east") => new()
    {
        ["us-east"] = Source(AwsMocks.PrimaryConfig().With(("strategy", regionalStrategy))),
        ["eu-west"] = Source(AwsMocks.ReplicaConfig().With(("strategy", regionalStrategy))),
        ["global"] = Source(GlobalMocks.Config().With(("strategy", globalStrategy), ("primaryRegion", primaryRegion))),
    };

    private static ConfigSource Source(Dictionary<string, string> config) =>
        new(config.ToDictionary(p => p.Key.Contains(':', StringComparison.Ordinal) ? p.Key : $"{P}:{p.Key}", p => p.Value));

    [Fact]
    public void Every_stack_of_a_system_runs_the_global_stacks_strategy()
    {
        Assert.Equal(new[]
        {
            $"global and eu-west: {P}:strategy is 'active-passive' in global but 'active-active' in eu-west; allowed: strategy active-passive in every regional stack of global (a region learns from it whether it runs its standby capacity)",
            $"global and us-east: {P}:strategy is 'active-passive' in global but 'active-active' in us-east; allowed: strategy active-passive in every regional stack of global (a region learns from it whether it runs its standby capacity)",
        }, CrossStackValidation.Validate(P, Stacks("active-passive", "active-active")).Order(StringComparer.Ordinal));
        Assert.Empty(CrossStackValidation.Validate(P, Stacks("active-passive", "active-passive")));
    }

    [Fact]
    public void In_active_passive_the_active_region_is_the_one_that_writes()
    {
        Assert.Equal(new[]
        {
            $"global and eu-west: {P}:primaryRegion is eu-west, whose role is replica; allowed: the stack of the writable database, us-east, in active-passive (the active region serves and writes; the others stand by)",
        }, CrossStackValidation.Validate(P, Stacks("active-passive", "active-passive", primaryRegion: "eu-west")));
        // In active-active the primary region only orders the failover and names the asset bucket's source.
        Assert.Empty(CrossStackValidation.Validate(P, Stacks("active-active", "active-active", primaryRegion: "eu-west")));
    }

    [Theory]
    [InlineData(1, 2, 210, "from 1 to 2 instances: instance boot 90 s + health-check grace 120 s")]
    [InlineData(0, 3, 210, "from 0 to 3 instances: instance boot 90 s + health-check grace 120 s")]
    [InlineData(2, 2, 0, "the standby already runs 2 instances, the serving minimum of 2")]
    public void The_scale_up_step_scales_what_the_passive_region_runs(int standby, int serving, int seconds, string basis)
    {
        var inputs = new BudgetInputs(RoutingStrategy.ActivePassive, EdgeKind.CloudFront, 10, 3, 3, 10, 90, 120, 600, StandbyCapacity: standby, ServingCapacity: serving);
        var step = FailoverBudget.ScaleUp(inputs);
        Assert.Equal(("standby scale-up", seconds, basis), (step.Step, step.Seconds, step.Basis));
        // The plan scales the standby while it takes over the database: the step is a branch of a parallel one.
        var parallel = Assert.Single(FailoverBudget.Paths(inputs)[0].Steps, s => s.Parallel.Count > 0);
        Assert.Contains(step, parallel.Parallel);
    }

    [Fact]
    public void The_budget_and_the_cost_take_the_standby_from_the_region_that_takes_over()
    {
        var globalConfig = GlobalMocks.Config().With(("strategy", "active-passive"), ("primaryRegion", "us-east"), ("slo.rtoSeconds", "1200"));
        globalConfig.Remove("aws:region");
        var global = GlobalSettings.Read(new ConfigReader(P, globalConfig), "global")!;
        RegionalSettings Read(Dictionary<string, string> config, string stack)
        {
            var region = config["aws:region"];
            config.Remove("aws:region");
            return RegionalSettings.Read(new ConfigReader(P, config), stack, region)!;
        }
        var regions = new[]
        {
            Read(AwsMocks.PrimaryConfig().With(("strategy", "active-passive")), "us-east"),
            Read(AwsMocks.ReplicaConfig().With(("strategy", "active-passive"), ("compute.standbyCapacity", "2"), ("compute.minSize", "2")), "eu-west"),
        };
        var scaleUp = BudgetReport.For(global, regions).Paths[0].AllSteps.Single(s => s.Step == "standby scale-up");
        Assert.Equal(0, scaleUp.Seconds);
        var cost = CostModel.System(global, regions, CostSettings.Defaults, RoutingStrategy.ActivePassive);
        Assert.Contains(cost.Stacks.Single(s => s.Stack == "eu-west").Lines, l => l.Item == "EC2 2 × t3.small");
    }
}
