using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Reliability;

/// <summary>The Region switch execution blocks the plans use (the values are ARC's executionBlockType).</summary>
public enum SwitchBlock
{
    ManualApproval,
    Parallel,
    Ec2AutoScaling,
    RdsPromoteReadReplica,
    AuroraGlobalDatabase,
    Route53HealthCheck,
}

/// <summary>What a workflow does to its target region (ARC's workflowTargetAction).</summary>
public enum SwitchAction
{
    /// <summary>Make the region serve (active-passive failover or failback; active-active return).</summary>
    Activate,

    /// <summary>Take the region out of service (active-active shift-away).</summary>
    Deactivate,
}

/// <summary>One step of a Region switch workflow: the plan's step name, the budget's name for it, the
/// execution block and what it does; a parallel step runs its branches at once.</summary>
public sealed record SwitchStep(string Name, string Title, SwitchBlock Block, string Description, IReadOnlyList<SwitchStep> Branches)
{
    public SwitchStep(string name, string title, SwitchBlock block, string description)
        : this(name, title, block, description, Array.Empty<SwitchStep>())
    {
    }
}

/// <summary>One workflow of a plan: what it does to the target region and its steps in order.</summary>
public sealed record SwitchWorkflow(SwitchAction Action, string Description, IReadOnlyList<SwitchStep> Steps);

/// <summary>One Region switch plan: its part of the names (empty for the system's plan), its recovery
/// approach and its workflows.</summary>
public sealed record SwitchPlanDesign(string Part, RoutingStrategy Approach, IReadOnlyList<SwitchWorkflow> Workflows);

/// <summary>The failover procedure per strategy and engine, as the Region switch plan runs it and the
/// failover budget times it: one list, so the plan and the budget cannot disagree.</summary>
public static class RegionSwitchSteps
{
    public static readonly SwitchStep Approval = new("approve", "approval", SwitchBlock.ManualApproval,
        "a person confirms the region is lost (or a switchover is wanted) and approves; nothing changes before");

    public static readonly SwitchStep ScaleUp = new("scale-up-standby", "standby scale-up", SwitchBlock.Ec2AutoScaling,
        "the activated region's auto scaling group grows to the capacity the other region ran (100 %, its maximum in the last 24 hours)");

    public static readonly SwitchStep PromoteReplica = new("promote-replica", "replica promotion", SwitchBlock.RdsPromoteReadReplica,
        "the activated region's read replica becomes a standalone, writable PostgreSQL instance");

    public static readonly SwitchStep GlobalDatabase = new("switch-global-database", "global database failover", SwitchBlock.AuroraGlobalDatabase,
        "the Aurora global database's writer moves to the activated region's cluster: a switchover when the plan runs gracefully (no data lost), a failover when it runs ungracefully (what had not replicated is lost)");

    public static readonly SwitchStep MoveWriter = GlobalDatabase with
    {
        Description = "the Aurora global database's writer moves off the deactivated region to the one that stays active: a switchover when the plan runs gracefully, a failover when it runs ungracefully",
    };

    public static readonly SwitchStep RoutingChange = new("route-traffic", "routing change", SwitchBlock.Route53HealthCheck,
        "the plan's Route 53 health checks (combined with each region's endpoint check on the api records) mark the activated region in service and the other out");

    /// <summary>The database step of an engine: the replica's promotion or the global database's switch.</summary>
    public static SwitchStep DatabaseTakeover(DatabaseEngine engine) => engine == DatabaseEngine.AuroraPostgresql ? GlobalDatabase : PromoteReplica;

    /// <summary>The name part of the writer plan (<see cref="Plans"/>).</summary>
    public const string WriterPlanPart = "writer";

    /// <summary>The writer plan's one workflow: approve, then promote the target region's replica.</summary>
    public static readonly SwitchWorkflow PromoteWriter = new(SwitchAction.Activate,
        "Make the target region's read replica the writer: approve, then promote it", new[] { Approval, PromoteReplica });

    /// <summary>The plans a system needs. One, of its own strategy, but for active-active PostgreSQL: ARC's
    /// RDS promotion block works only in active/passive plans, a child plan must share its parent's approach,
    /// and Region switch skips custom Lambda steps in ungraceful executions (the ones an outage calls for);
    /// so the replica's promotion is a second plan, active/passive over the same two regions, which moves the
    /// writer (the database's active region) while the first moves traffic.</summary>
    public static IReadOnlyList<SwitchPlanDesign> Plans(RoutingStrategy strategy, DatabaseEngine engine)
    {
        var system = new SwitchPlanDesign("", strategy, Workflows(strategy, engine));
        return strategy == RoutingStrategy.ActiveActive && engine == DatabaseEngine.Postgres
            ? new[] { system, new SwitchPlanDesign(WriterPlanPart, RoutingStrategy.ActivePassive, new[] { PromoteWriter }) }
            : new[] { system };
    }

    /// <summary>The system plan's workflows. Active-passive: one activate workflow, for either region
    /// (failover, and failback later): approval, then the standby's scale-up and the database's takeover at
    /// once, then the routing change. Active-active: a deactivate workflow (shift away: approval, the Aurora
    /// writer moved off the region, the routing change) and an activate one (return: the routing change);
    /// with PostgreSQL the writer plan (<see cref="Plans"/>) promotes the replica.</summary>
    public static IReadOnlyList<SwitchWorkflow> Workflows(RoutingStrategy strategy, DatabaseEngine engine)
    {
        if (strategy == RoutingStrategy.ActivePassive)
        {
            return new[]
            {
                new SwitchWorkflow(SwitchAction.Activate, "Fail over (or back) to the target region: approve, scale up and take over the database at once, then route to it",
                    new[]
                    {
                        Approval,
                        new SwitchStep("scale-up-and-take-over", $"{ScaleUp.Title} ∥ {DatabaseTakeover(engine).Title}", SwitchBlock.Parallel,
                            "the standby's scale-up and the database's takeover run at once", new[] { ScaleUp, DatabaseTakeover(engine) }),
                        RoutingChange,
                    }),
            };
        }
        var shiftAway = engine == DatabaseEngine.AuroraPostgresql ? new[] { Approval, MoveWriter, RoutingChange } : new[] { Approval, RoutingChange };
        return new[]
        {
            new SwitchWorkflow(SwitchAction.Deactivate, "Shift traffic away from the target region", shiftAway),
            new SwitchWorkflow(SwitchAction.Activate, "Return traffic to the target region", new[] { RoutingChange }),
        };
    }

    /// <summary>The workflow that takes the traffic off a lost region: active-passive's activate
    /// (of the standby), active-active's deactivate (of the lost region).</summary>
    public static SwitchWorkflow Failover(RoutingStrategy strategy, DatabaseEngine engine) =>
        Workflows(strategy, engine).First(w => w.Action == (strategy == RoutingStrategy.ActivePassive ? SwitchAction.Activate : SwitchAction.Deactivate));

    /// <summary>The steps that make a surviving region take the writes again, from the plan that runs them:
    /// the failover workflow up to and including its database step (what follows it, the routing change,
    /// does not hold the writes back; active-passive needs it to serve at all, which its failover path
    /// counts), or the writer plan's workflow in active-active PostgreSQL.</summary>
    public static IReadOnlyList<SwitchStep> WriterTakeover(RoutingStrategy strategy, DatabaseEngine engine)
    {
        var workflow = Plans(strategy, engine).Count > 1 ? PromoteWriter : Failover(strategy, engine);
        var steps = workflow.Steps.ToList();
        var database = steps.FindIndex(s => Flatten(new[] { s }).Any(f => f.Block is SwitchBlock.RdsPromoteReadReplica or SwitchBlock.AuroraGlobalDatabase));
        return steps.Take(database + 1).ToList();
    }

    /// <summary>Every step of a list, parallel branches included, in order.</summary>
    public static IEnumerable<SwitchStep> Flatten(IEnumerable<SwitchStep> steps) =>
        (steps ?? throw new ArgumentNullException(nameof(steps))).SelectMany(s => new[] { s }.Concat(Flatten(s.Branches)));
}
