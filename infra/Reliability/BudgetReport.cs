using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Reliability;

/// <summary>The failover-time and data-loss budget of a global stack over its regions, in its own strategy
/// and in the other one, held against its RTO and RPO.</summary>
public sealed record BudgetReport(
    RoutingStrategy Strategy,
    DatabaseEngine Engine,
    IReadOnlyList<FailoverPath> Paths,
    int WorstSeconds,
    IReadOnlyList<FailoverPath> OtherStrategyPaths,
    int OtherStrategyWorstSeconds,
    int RtoSeconds,
    IReadOnlyList<(string Model, int ExpectedLagSeconds, string Basis)> RecoveryPoint,
    int RpoSeconds,
    IReadOnlyList<string> Suggestions)
{
    public bool MeetsRto => WorstSeconds <= RtoSeconds;

    public bool MeetsRpo => RecoveryPoint.All(r => r.ExpectedLagSeconds <= RpoSeconds);

    /// <summary>The problems that stop a plan, worded with the settings that would fix them.</summary>
    public IEnumerable<string> Errors()
    {
        if (!MeetsRto)
            yield return $"failover budget {WorstSeconds} s exceeds slo.rtoSeconds {RtoSeconds} s in {Name(Strategy)}; " +
                (Suggestions.Count > 0 ? $"these settings would meet it: {string.Join("; ", Suggestions)}" : $"no single setting meets it: raise slo.rtoSeconds to at least {WorstSeconds} or shorten failover.* estimates");
        foreach (var (model, lag, _) in RecoveryPoint.Where(r => r.ExpectedLagSeconds > RpoSeconds))
            yield return $"{model}: expected lag {lag} s exceeds slo.rpoSeconds {RpoSeconds} s";
    }

    public static string Name(RoutingStrategy strategy) => strategy == RoutingStrategy.ActiveActive ? "active-active" : "active-passive";

    /// <summary>The engine a system runs: its regions' (one per system, checked across the stacks).</summary>
    public static DatabaseEngine EngineOf(IReadOnlyList<RegionalSettings> regions) =>
        (regions ?? throw new ArgumentNullException(nameof(regions))).FirstOrDefault()?.Database.Engine ?? DatabaseEngine.Postgres;

    public static BudgetInputs InputsFor(GlobalSettings global, IReadOnlyList<RegionalSettings> regions, DatabaseEngine engine)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(regions);
        var grace = regions.Count == 0 ? 120 : regions.Max(r => r.Compute.HealthCheckGraceSeconds);
        // The region that takes over in active-passive: the first in failover order that stands by (standby,
        // by default a replica; with Aurora after a failover, the former primary), as it would in active-passive.
        var takeover = global.FailoverOrder.Select(name => regions.FirstOrDefault(r => r.StackName == name)).FirstOrDefault(r => r is { StandsBy: true })
            ?? regions.FirstOrDefault(r => r.StandsBy);
        return new BudgetInputs(global.Strategy, global.Edge, global.HealthCheck.IntervalSeconds, global.HealthCheck.FailureThreshold,
            global.CloudFront.ConnectionAttempts, global.CloudFront.ConnectionTimeoutSeconds, global.Slo.InstanceBootSeconds, grace, global.Slo.ReplicaPromotionSeconds,
            engine, global.Slo.GlobalFailoverSeconds,
            StandbyCapacity: takeover?.Compute.StandbyCapacity ?? 1, ServingCapacity: takeover?.Compute.MinSize ?? 2,
            ApprovalSeconds: global.Slo.ApprovalSeconds, WriterRepointSeconds: global.Slo.WriterRepointSeconds);
    }

    public static BudgetReport For(GlobalSettings global, IReadOnlyList<RegionalSettings> regions) => For(global, regions, EngineOf(regions));

    /// <summary>How long the canaries' checks of the system's own endpoint may fail before the system alarm
    /// fires: the budget's API path, or its worst path (the writes') when a check writes, since writes wait for
    /// the writer to move. The global stack knows its regions' engine but not their stack files, so their
    /// compute is taken at its defaults here; plan warns where the regions' own make the budget longer.</summary>
    /// <param name="regions">The regions' settings when known (plan); empty at deploy time.</param>
    public static int SystemAlarmTolerance(GlobalSettings global, IReadOnlyList<RegionalSettings> regions, DatabaseEngine engine)
    {
        ArgumentNullException.ThrowIfNull(global);
        var inputs = InputsFor(global, regions, engine);
        var writes = global.Canaries.Checks.Any(c => !Global.CloudFrontEdge.ReadMethods.Contains(c.Method, StringComparer.Ordinal));
        return writes ? FailoverBudget.WorstSeconds(inputs) : FailoverBudget.Paths(inputs)[0].TotalSeconds;
    }

    public static BudgetReport For(GlobalSettings global, IReadOnlyList<RegionalSettings> regions, DatabaseEngine engine)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(regions);
        var inputs = InputsFor(global, regions, engine);
        var other = inputs with { Strategy = global.Strategy == RoutingStrategy.ActiveActive ? RoutingStrategy.ActivePassive : RoutingStrategy.ActiveActive };
        var worst = FailoverBudget.WorstSeconds(inputs);
        return new BudgetReport(global.Strategy, engine, FailoverBudget.Paths(inputs), worst, FailoverBudget.Paths(other), FailoverBudget.WorstSeconds(other),
            global.Slo.RtoSeconds, FailoverBudget.RecoveryPoint(global.Slo, global.SessionStore, engine), global.Slo.RpoSeconds,
            worst > global.Slo.RtoSeconds ? FailoverBudget.Suggestions(inputs, global.Slo.RtoSeconds) : Array.Empty<string>());
    }
}
