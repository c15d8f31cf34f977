using MultiRegionInfra.Configuration;
using MultiRegionInfra.Costs;
using MultiRegionInfra.Policies;
using MultiRegionInfra.Reliability;
using MultiRegionInfra.Tests.Support;
using Pulumi.Utilities;
using static MultiRegionInfra.Tests.Support.InputValues;

namespace MultiRegionInfra.Tests.Regional;

/// <summary>In active-passive a region that stands by (standby, by default a replica) is passive: it deploys
/// its standby capacity (which the cost model prices and the failover budget scales up from), every stack
/// agrees on the strategy, and the one region that serves is the global stack's primaryRegion (with postgres
/// also the primary; with Aurora any stack, so a failover keeps the roles).</summary>
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
    [InlineData("standby", "true", P + ":standby: 'true' is set but strategy is active-active, in which every region serves; " +
        "allowed: false or unset, or strategy active-passive (where one region serves and the others stand by)")]
    [InlineData("standby", "yes", P + ":standby: 'yes' is not a boolean; allowed: true or false")]
    public void Bad_standby_settings_are_refused(string key, string value, string message)
    {
        var config = AwsMocks.ReplicaConfig().With((key, value));
        var region = config["aws:region"];
        config.Remove("aws:region");
        var reader = new ConfigReader(P, config);
        Assert.Null(RegionalSettings.Read(reader, "eu-west", region));
        Assert.Equal(new[] { message }, reader.Errors);
    }

    private static RegionalSettings Read(Dictionary<string, string> config, string stack)
    {
        var region = config["aws:region"];
        config.Remove("aws:region");
        var reader = new ConfigReader(P, config);
        var settings = RegionalSettings.Read(reader, stack, region);
        Assert.Empty(reader.Errors);
        return settings!;
    }

    [Theory]
    // role, strategy, standby as set: whether the region stands by, and the group's minimum (standbyCapacity 1, minSize 2)
    [InlineData("primary", "active-passive", null, false, 2)]
    [InlineData("replica", "active-passive", null, true, 1)]
    [InlineData("primary", "active-passive", "true", true, 1)]
    [InlineData("replica", "active-passive", "false", false, 2)]
    [InlineData("replica", "active-active", null, false, 2)]
    [InlineData("replica", "active-active", "false", false, 2)]
    public void Standby_defaults_to_the_role_in_active_passive_and_decides_what_the_group_runs(string role, string strategy, string? standby, bool passive, int min)
    {
        var config = (role == "primary" ? AwsMocks.PrimaryConfig() : AwsMocks.ReplicaConfig())
            .With(("strategy", strategy), ("standby", standby), ("compute.standbyCapacity", "1"), ("compute.minSize", "2"));
        var settings = Read(config, role == "primary" ? "us-east" : "eu-west");
        Assert.Equal(passive, settings.IsPassive);
        Assert.Equal((min, min), (settings.DeployedCompute.MinSize, settings.DeployedCompute.DesiredCapacity));
        // In active-active the key says nothing: a comparison in active-passive falls back to the role.
        Assert.Equal(strategy == "active-passive" && standby is not null ? bool.Parse(standby) : null, settings.Standby);
        Assert.Equal(standby is null || strategy == "active-active" ? role == "replica" : bool.Parse(standby), settings.StandsBy);
    }

    [Fact]
    public async Task A_replica_that_serves_plans_its_serving_capacity_and_a_primary_that_stands_by_its_standby()
    {
        var replica = await AwsMocks.RunStackAsync("eu-west", AwsMocks.ReplicaConfig().With(("strategy", "active-passive"), ("database.engine", "aurora-postgresql"), ("standby", "false"),
            ("compute.standbyCapacity", "1"), ("compute.minSize", "3"), ("compute.desiredCapacity", "4")), AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(engine: "aurora-postgresql", changes: new Dictionary<string, object> { ["strategy"] = "active-passive" }));
        var group = Assert.Single(replica.OfType("aws:autoscaling/group:Group")).Inputs;
        Assert.Equal((3.0, 4.0), ((double)group["minSize"], (double)group["desiredCapacity"]));
        Assert.False(await OutputAsync<bool>(replica, "passive"));
        Assert.Equal(3, await OutputAsync<int>(replica, "minSize"));

        var primary = await AwsMocks.RunStackAsync("us-east", AwsMocks.PrimaryConfig().With(("strategy", "active-passive"), ("database.engine", "aurora-postgresql"),
            ("standby", "true"), ("compute.standbyCapacity", "1")));
        group = Assert.Single(primary.OfType("aws:autoscaling/group:Group")).Inputs;
        Assert.Equal((1.0, 1.0), ((double)group["minSize"], (double)group["desiredCapacity"]));
        Assert.True(await OutputAsync<bool>(primary, "passive"));
        Assert.Equal(2, await OutputAsync<int>(primary, "servingMinSize"));
        // The role stays: us-east still owns the global cluster.
        Assert.Equal("primary", await OutputAsync<string>(primary, "dbRole"));
    }

    private static Dictionary<string, ConfigSource> Stacks(string globalStrategy, string regionalStrategy, string primaryRegion = "us-east",
        string engine = "postgres", string? usEastStandby = null, string? euWestStandby = null) => new()
    {
        ["us-east"] = Source(AwsMocks.PrimaryConfig().With(("strategy", regionalStrategy), ("database.engine", engine), ("standby", usEastStandby))),
        ["eu-west"] = Source(AwsMocks.ReplicaConfig().With(("strategy", regionalStrategy), ("database.engine", engine), ("standby", euWestStandby))),
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

    private const string Why = "in active-passive the primary region is the one region that serves; the others stand by";

    [Fact]
    public void In_active_passive_with_postgres_the_active_region_is_the_one_that_writes()
    {
        Assert.Equal(new[]
        {
            $"global and eu-west and us-east: {P}:primaryRegion is eu-west, which stands by ({P}:standby true), while us-east serves (standby false); " +
                $"allowed: {P}:primaryRegion us-east in global ({Why})",
            $"global and eu-west: {P}:primaryRegion is eu-west, whose role is replica; allowed: the stack of the writable database, us-east, in active-passive with database.engine postgres " +
                "(the active region serves and writes, and only a primary writes; with aurora-postgresql any stack may be active)",
        }, CrossStackValidation.Validate(P, Stacks("active-passive", "active-passive", primaryRegion: "eu-west")));
        // The Aurora runbook's edits (standby flags and primaryRegion, roles kept) are refused with postgres: the replica cannot write.
        Assert.Equal(new[]
        {
            $"global and eu-west: {P}:primaryRegion is eu-west, whose role is replica; allowed: the stack of the writable database, us-east, in active-passive with database.engine postgres " +
                "(the active region serves and writes, and only a primary writes; with aurora-postgresql any stack may be active)",
        }, CrossStackValidation.Validate(P, Stacks("active-passive", "active-passive", primaryRegion: "eu-west", usEastStandby: "true", euWestStandby: "false")));
        // In active-active the primary region only orders the failover and names the asset bucket's source.
        Assert.Empty(CrossStackValidation.Validate(P, Stacks("active-active", "active-active", primaryRegion: "eu-west")));
    }

    [Fact]
    public void With_aurora_the_former_replica_may_be_active_when_it_alone_serves_and_is_the_primary_region()
    {
        // After a Region switch failover to eu-west: roles kept, standby flags swapped, primaryRegion eu-west.
        Assert.Empty(CrossStackValidation.Validate(P, Stacks("active-passive", "active-passive", primaryRegion: "eu-west", engine: "aurora-postgresql",
            usEastStandby: "true", euWestStandby: "false")));
        Assert.Empty(CrossStackValidation.Validate(P, Stacks("active-passive", "active-passive", engine: "aurora-postgresql")));
        // primaryRegion moved, standby flags not (the regional stacks would scale eu-west back down).
        Assert.Equal(new[]
        {
            $"global and eu-west and us-east: {P}:primaryRegion is eu-west, which stands by ({P}:standby true), while us-east serves (standby false); " +
                $"allowed: {P}:primaryRegion us-east in global, or standby false in eu-west and true in us-east ({Why})",
        }, CrossStackValidation.Validate(P, Stacks("active-passive", "active-passive", primaryRegion: "eu-west", engine: "aurora-postgresql")));
    }

    [Theory]
    [InlineData("false", "false", $"global and us-east and eu-west: {P}:standby is false in 2 stacks (us-east, eu-west); allowed: false only in us-east, the {P}:primaryRegion of global, true in the others ({Why})")]
    [InlineData("true", "true", $"global and us-east: {P}:standby is true in every stack of global's {P}:regions (us-east, eu-west), so none serves; allowed: standby false in us-east, the {P}:primaryRegion of global ({Why})")]
    public void In_active_passive_exactly_one_region_serves(string usEast, string euWest, string message)
    {
        Assert.Equal(new[] { message },
            CrossStackValidation.Validate(P, Stacks("active-passive", "active-passive", engine: "aurora-postgresql", usEastStandby: usEast, euWestStandby: euWest)));
    }

    /// <summary>The global stack over Aurora regions as deployed after a failover to eu-west: us-east keeps
    /// role primary (and the global cluster), eu-west serves; passive as the regional stacks export it.</summary>
    private static PulumiMocks DeployedAfterFailover(Dictionary<string, string> config, string engine, bool usEastPassive, bool euWestPassive, bool exportPassive = true)
    {
        var mocks = GlobalMocks.Mocks(config);
        foreach (var (stack, region, passive) in new[] { ("us-east", "us-east-1", usEastPassive), ("eu-west", "eu-west-1", euWestPassive) })
        {
            var outputs = new Dictionary<string, object>(GlobalMocks.Outputs(stack, strategy: "active-passive", primary: "us-east"))
            {
                ["dbEngine"] = engine,
                ["passive"] = passive,
                ["dbArn"] = engine == "postgres" ? $"arn:aws:rds:{region}:{AwsMocks.Account}:db:{P}-{stack}-pg" : $"arn:aws:rds:{region}:{AwsMocks.Account}:cluster:{P}-{stack}-aurora",
            };
            if (!exportPassive)
                outputs.Remove("passive");
            if (stack == "us-east" && engine == "aurora-postgresql")
                outputs["dbGlobalClusterId"] = $"{P}-global";
            mocks.WithStackOutputs($"{AwsMocks.Organization}/{AwsMocks.Project}/{stack}", outputs);
        }
        return mocks;
    }

    private static Dictionary<string, string> ActiveEuWest() =>
        GlobalMocks.Config().With(("strategy", "active-passive"), ("primaryRegion", "eu-west"), ("slo.rtoSeconds", "1200"));

    [Fact]
    public async Task At_deploy_time_the_global_stack_takes_the_active_region_from_the_regions_passive_output()
    {
        var config = ActiveEuWest();
        var run = await GlobalMocks.RunAsync(config, DeployedAfterFailover(config, "aurora-postgresql", usEastPassive: true, euWestPassive: false));
        // The Region switch plan starts from the active region; the global cluster is still us-east's.
        var plan = run.Single("aws-native:arcregionswitch:Plan", "regionswitch-plan").Inputs;
        Assert.Equal("eu-west-1", plan["primaryRegion"]);
        Assert.Equal(new[] { "eu-west-1", "us-east-1" }, Strings(plan["regions"]));
        Assert.Equal(new[] { "eu-west", "us-east" }, Assert.IsType<System.Collections.Immutable.ImmutableArray<string>>(run.Outputs["regionSwitchRegions"]));
        var steps = List(Map(Assert.Single(List(plan["workflows"])))["steps"]).Select(Map).ToList();
        var branches = List(Map(Map(steps[1]["executionBlockConfiguration"])["parallelConfig"])["steps"]).Select(Map).ToList();
        var aurora = Map(Map(branches[1]["executionBlockConfiguration"])["globalAuroraConfig"]);
        Assert.Equal($"{P}-global", aurora["globalClusterIdentifier"]);
        Assert.Equal(new[] { $"arn:aws:rds:eu-west-1:{AwsMocks.Account}:cluster:{P}-eu-west-aurora", $"arn:aws:rds:us-east-1:{AwsMocks.Account}:cluster:{P}-us-east-aurora" },
            Strings(aurora["databaseClusterArns"]));
    }

    [Theory]
    // With postgres the same outputs are refused: eu-west's replica cannot take writes.
    [InlineData("postgres", true, false, true, "global and eu-west: " + P + ":primaryRegion is eu-west, whose role is replica; allowed: the stack of the writable database, us-east, " +
        "in active-passive with database.engine postgres (the active region serves and writes, and only a primary writes; with aurora-postgresql any stack may be active)")]
    // eu-west still stands by: its stack was not updated with standby false.
    [InlineData("aurora-postgresql", true, true, true, "global and eu-west: " + P + ":standby is true in every stack of global's " + P + ":regions (us-east, eu-west), so none serves; " +
        "allowed: standby false in eu-west, the " + P + ":primaryRegion of global (" + Why + ")")]
    // A stack deployed before the passive output stands by as a replica of an active-passive system did.
    [InlineData("aurora-postgresql", false, false, false, "global and eu-west and us-east: " + P + ":primaryRegion is eu-west, which stands by (" + P + ":standby true), while us-east serves (standby false); " +
        "allowed: " + P + ":primaryRegion us-east in global, or standby false in eu-west and true in us-east (" + Why + ")")]
    public async Task At_deploy_time_a_primary_region_that_does_not_serve_stops_the_global_stack(string engine, bool usEastPassive, bool euWestPassive, bool exportPassive, string problem)
    {
        var config = ActiveEuWest();
        var mocks = DeployedAfterFailover(config, engine, usEastPassive, euWestPassive, exportPassive);
        var thrown = await Assert.ThrowsAsync<Pulumi.RunException>(() => GlobalMocks.RunAsync(config, mocks));
        Assert.Equal($"stack 'global' has 1 configuration error:\n  - {problem}", thrown.Message);
        Assert.Equal(new[] { "pulumi:pulumi:StackReference" }, mocks.Resources.Select(r => r.Type).Distinct());
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

    private static GlobalSettings Global(string primaryRegion)
    {
        var globalConfig = GlobalMocks.Config().With(("strategy", "active-passive"), ("primaryRegion", primaryRegion), ("slo.rtoSeconds", "1200"));
        globalConfig.Remove("aws:region");
        return GlobalSettings.Read(new ConfigReader(P, globalConfig), "global")!;
    }

    [Fact]
    public void The_budget_and_the_cost_take_the_standby_from_the_region_that_takes_over()
    {
        var global = Global("us-east");
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

    [Fact]
    public void With_aurora_after_a_failover_the_former_primary_stands_by_in_the_budget_and_the_cost()
    {
        var global = Global("eu-west");
        var regions = new[]
        {
            Read(AwsMocks.PrimaryConfig().With(("strategy", "active-passive"), ("database.engine", "aurora-postgresql"), ("standby", "true"), ("compute.standbyCapacity", "0")), "us-east"),
            Read(AwsMocks.ReplicaConfig().With(("strategy", "active-passive"), ("database.engine", "aurora-postgresql"), ("standby", "false"), ("compute.standbyCapacity", "2")), "eu-west"),
        };
        // us-east takes over next: it scales from its 0 standby instances, not from eu-west's 2.
        var scaleUp = BudgetReport.For(global, regions).Paths[0].AllSteps.Single(s => s.Step == "standby scale-up");
        Assert.Equal((210, "from 0 to 2 instances: instance boot 90 s + health-check grace 120 s"), (scaleUp.Seconds, scaleUp.Basis));
        var cost = CostModel.System(global, regions, CostSettings.Defaults, RoutingStrategy.ActivePassive);
        Assert.Contains(cost.Stacks.Single(s => s.Stack == "us-east").Lines, l => l.Item == "EC2 0 × t3.small");
        Assert.Contains(cost.Stacks.Single(s => s.Stack == "eu-west").Lines, l => l.Item == "EC2 2 × t3.small");
        // The database lines still follow the roles: us-east owns the global cluster.
        Assert.Contains(cost.Stacks.Single(s => s.Stack == "us-east").Lines, l => l.Item == "Aurora 2 × db.r7g.large (primary cluster)");
    }
}
