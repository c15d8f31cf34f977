using MultiRegionInfra.Configuration;
using MultiRegionInfra.Global;
using MultiRegionInfra.Reliability;

namespace MultiRegionInfra.Tests.Reliability;

/// <summary>The failover procedure per strategy and engine, and the budget that times it from the same list.</summary>
public class RegionSwitchStepsTests
{
    [Theory]
    // strategy, engine, each workflow as "action: step(block) ...", parallel branches in brackets
    [InlineData(RoutingStrategy.ActivePassive, DatabaseEngine.Postgres,
        "Activate: approve(ManualApproval) scale-up-and-take-over(Parallel)[scale-up-standby(Ec2AutoScaling) promote-replica(RdsPromoteReadReplica)] route-traffic(Route53HealthCheck)")]
    [InlineData(RoutingStrategy.ActivePassive, DatabaseEngine.AuroraPostgresql,
        "Activate: approve(ManualApproval) scale-up-and-take-over(Parallel)[scale-up-standby(Ec2AutoScaling) switch-global-database(AuroraGlobalDatabase)] route-traffic(Route53HealthCheck)")]
    [InlineData(RoutingStrategy.ActiveActive, DatabaseEngine.Postgres,
        "Deactivate: approve(ManualApproval) route-traffic(Route53HealthCheck) | Activate: route-traffic(Route53HealthCheck)")]
    [InlineData(RoutingStrategy.ActiveActive, DatabaseEngine.AuroraPostgresql,
        "Deactivate: approve(ManualApproval) switch-global-database(AuroraGlobalDatabase) route-traffic(Route53HealthCheck) | Activate: route-traffic(Route53HealthCheck)")]
    public void Each_strategy_and_engine_has_its_workflows_in_order(RoutingStrategy strategy, DatabaseEngine engine, string expected)
    {
        static string Step(SwitchStep s) => $"{s.Name}({s.Block})" + (s.Branches.Count > 0 ? $"[{string.Join(" ", s.Branches.Select(Step))}]" : "");
        var workflows = RegionSwitchSteps.Workflows(strategy, engine);
        Assert.Equal(expected, string.Join(" | ", workflows.Select(w => $"{w.Action}: {string.Join(" ", w.Steps.Select(Step))}")));
    }

    [Theory]
    // strategy, engine, each plan as "part:approach", the writer's takeover steps
    [InlineData(RoutingStrategy.ActivePassive, DatabaseEngine.Postgres, ":ActivePassive", "approve,scale-up-and-take-over")]
    [InlineData(RoutingStrategy.ActivePassive, DatabaseEngine.AuroraPostgresql, ":ActivePassive", "approve,scale-up-and-take-over")]
    [InlineData(RoutingStrategy.ActiveActive, DatabaseEngine.Postgres, ":ActiveActive writer:ActivePassive", "approve,promote-replica")]
    [InlineData(RoutingStrategy.ActiveActive, DatabaseEngine.AuroraPostgresql, ":ActiveActive", "approve,switch-global-database")]
    public void Active_active_postgres_promotes_its_replica_with_a_second_active_passive_plan(RoutingStrategy strategy, DatabaseEngine engine, string plans, string takeover)
    {
        var designs = RegionSwitchSteps.Plans(strategy, engine);
        Assert.Equal(plans, string.Join(" ", designs.Select(d => $"{d.Part}:{d.Approach}")));
        static string Render(IEnumerable<SwitchWorkflow> workflows) => string.Join(" | ", workflows.Select(w => $"{w.Action}: {string.Join(" ", w.Steps.Select(s => s.Name))}"));
        Assert.Equal(Render(RegionSwitchSteps.Workflows(strategy, engine)), Render(designs[0].Workflows));
        Assert.Equal(takeover.Split(','), RegionSwitchSteps.WriterTakeover(strategy, engine).Select(s => s.Name));
        if (designs.Count == 1)
            return;
        // ARC's RDS promotion block works only in active/passive plans: the writer plan's one workflow
        // activates the region whose replica becomes the writer, after a person approves.
        var writer = Assert.Single(designs[1].Workflows);
        Assert.Equal(SwitchAction.Activate, writer.Action);
        Assert.Equal(new[] { SwitchBlock.ManualApproval, SwitchBlock.RdsPromoteReadReplica }, writer.Steps.Select(s => s.Block));
    }

    [Theory]
    [InlineData(RoutingStrategy.ActivePassive, DatabaseEngine.Postgres, SwitchAction.Activate)]
    [InlineData(RoutingStrategy.ActivePassive, DatabaseEngine.AuroraPostgresql, SwitchAction.Activate)]
    [InlineData(RoutingStrategy.ActiveActive, DatabaseEngine.Postgres, SwitchAction.Deactivate)]
    [InlineData(RoutingStrategy.ActiveActive, DatabaseEngine.AuroraPostgresql, SwitchAction.Deactivate)]
    public void The_failover_workflow_approves_before_the_database_changes_hands(RoutingStrategy strategy, DatabaseEngine engine, SwitchAction action)
    {
        var failover = RegionSwitchSteps.Failover(strategy, engine);
        Assert.Equal(action, failover.Action);
        var steps = RegionSwitchSteps.Flatten(failover.Steps).ToList();
        Assert.Equal(0, steps.FindIndex(s => s.Block == SwitchBlock.ManualApproval));
        var database = steps.FindIndex(s => s.Block is SwitchBlock.RdsPromoteReadReplica or SwitchBlock.AuroraGlobalDatabase);
        Assert.True(database is -1 or > 0);
        Assert.Equal(SwitchBlock.Route53HealthCheck, steps[^1].Block);
    }

    [Theory]
    [InlineData(DatabaseEngine.Postgres)]
    [InlineData(DatabaseEngine.AuroraPostgresql)]
    public void The_active_passive_budget_times_the_plans_own_steps(DatabaseEngine engine)
    {
        var inputs = new BudgetInputs(RoutingStrategy.ActivePassive, EdgeKind.CloudFront, 10, 3, 3, 10, 90, 120, 600, engine);
        var api = FailoverBudget.Paths(inputs)[0];
        var plan = RegionSwitchSteps.Failover(RoutingStrategy.ActivePassive, engine).Steps;
        Assert.Equal(plan.Select(s => s.Title).Prepend("detection"), api.Steps.Select(s => s.Step));
        var parallel = plan.Single(s => s.Block == SwitchBlock.Parallel);
        Assert.Equal(parallel.Branches.Select(b => b.Title), api.Steps.Single(s => s.Step == parallel.Title).Parallel.Select(s => s.Step));
    }

    [Theory]
    [InlineData("multi-region-infra", "global", "multi-region-infra-global")]
    [InlineData("shop", "global", "shop-global")]
    [InlineData("a-very-long-application-name-indeed", "global", "a-very-long-application-n-790f79")]
    [InlineData("App_Name", "glo.bal", "app-name-glo-bal")]
    [InlineData("app", "abcdefghijklmnopqrstuvwxyz-12-xyz", "app-abcdefghijklmnopqrstu-fe7fbb")]
    [InlineData("multi-region-infra", "global", "multi-region-infra-global-writer", RegionSwitchSteps.WriterPlanPart)]
    [InlineData("shop", "prod-global", "shop-prod-global-writer", RegionSwitchSteps.WriterPlanPart)]
    public void The_plan_name_fits_arcs_pattern(string application, string stack, string expected, string part = "")
    {
        var name = RegionSwitchPlan.PlanNameOf(application, stack, part);
        Assert.Equal(expected, name);
        Assert.Matches("^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$", name);
    }

    [Theory]
    [InlineData(30, 1)]
    [InlineData(60, 1)]
    [InlineData(61, 2)]
    [InlineData(300, 5)]
    [InlineData(1200, 20)]
    [InlineData(86400, 1440)]
    [InlineData(700000, 10080)]
    public void The_rto_is_given_to_arc_in_whole_minutes_rounded_up(int seconds, int minutes) =>
        Assert.Equal(minutes, RegionSwitchPlan.RtoMinutes(seconds));

    [Theory]
    // strategy, failover order, stack, expected set identifier of its api.<domain> record
    [InlineData(RoutingStrategy.ActiveActive, "us-east,eu-west", "eu-west", "eu-west")]
    [InlineData(RoutingStrategy.ActivePassive, "us-east,eu-west", "us-east", "us-east-primary")]
    [InlineData(RoutingStrategy.ActivePassive, "us-east,eu-west", "eu-west", "eu-west-secondary")]
    [InlineData(RoutingStrategy.ActivePassive, "us-east,eu-west,ap-south", "eu-west", "failover-1-secondary")]
    [InlineData(RoutingStrategy.ActivePassive, "us-east,eu-west,ap-south", "ap-south", null)]
    [InlineData(RoutingStrategy.ActiveActive, "us-east,eu-west", "ap-south", null)]
    public void The_plans_record_sets_are_the_api_records_set_identifiers(RoutingStrategy strategy, string order, string stack, string? expected) =>
        Assert.Equal(expected, TrafficRouting.ApiRecordSetIdentifier(strategy, order.Split(','), stack));
}
