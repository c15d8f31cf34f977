using MultiRegionInfra.Configuration;
using MultiRegionInfra.Reliability;

namespace MultiRegionInfra.Costs;

/// <summary>A system on one database engine: its monthly cost in the configured strategy, its failover
/// budget and its expected data loss.</summary>
/// <param name="Engine">postgres or aurora-postgresql.</param>
/// <param name="Cost">The whole system's monthly estimate.</param>
/// <param name="WorstSeconds">The failover budget's worst path.</param>
/// <param name="ExpectedLagSeconds">The database's expected replication lag (the RPO it can meet).</param>
/// <param name="Configured">Whether this is the engine the stacks run.</param>
public sealed record EngineOption(DatabaseEngine Engine, SystemCost Cost, int WorstSeconds, int ExpectedLagSeconds, bool Configured);

/// <summary>The system on both engines side by side, so a team can weigh Aurora's faster failover and
/// smaller lag against its price.</summary>
public static class EngineComparison
{
    public static IReadOnlyList<EngineOption> Compare(GlobalSettings global, IReadOnlyList<RegionalSettings> regions)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(regions);
        var configured = BudgetReport.EngineOf(regions);
        return new[] { DatabaseEngine.Postgres, DatabaseEngine.AuroraPostgresql }.Select(engine =>
        {
            var onEngine = regions.Select(r => r with { Database = r.Database.AsEngine(engine) }).ToList();
            var budget = BudgetReport.For(global, onEngine, engine);
            var lag = FailoverBudget.RecoveryPoint(global.Slo, sessionStore: false, engine).Single().ExpectedLagSeconds;
            return new EngineOption(engine, CostModel.System(global, onEngine, global.Traffic, global.Strategy), budget.WorstSeconds, lag, engine == configured);
        }).ToList();
    }
}
