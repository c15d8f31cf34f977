using MultiRegionInfra.Configuration;
using System.Globalization;
using System.Text;
using MultiRegionInfra.Costs;
using MultiRegionInfra.Reliability;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>A titled table of the plan's analysis.</summary>
/// <param name="Title">What it is.</param>
/// <param name="Rows">Its rows, each as many cells as the widest row.</param>
/// <param name="Header">Column names, where the columns need them.</param>
/// <param name="NumberColumns">Columns aligned to the right (amounts, seconds); the first by default.</param>
public sealed record Section(string Title, IReadOnlyList<string[]> Rows, string[]? Header = null, int[]? NumberColumns = null)
{
    public IReadOnlyList<int> RightAligned => NumberColumns ?? new[] { 0 };
}

/// <summary>Prints and serializes a plan's cost estimate, failover budget, alarms and strategy comparison.</summary>
public static class AnalysisRenderer
{
    private static string Usd(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>The stack's analysis as titled tables: cost, failover budget, recovery point, the
    /// strategies' cost, the alarms.</summary>
    public static IReadOnlyList<Section> Sections(StackPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sections = new List<Section>();
        if (plan.Cost is { } cost)
        {
            var rows = cost.Lines.Select(line => new[] { $"${Usd(line.MonthlyUsd)}", $"{line.Item} ({Number(line.Quantity)} {line.Price.Unit} × ${Number(line.Price.Usd)}{Free(line)}){Checked(line.Price)}" })
                .Concat(cost.Unpriced.Select(missing => new[] { "n/a", $"{missing}: not in the price table" }))
                .Append(new[]
                {
                    CostTotal.Cell(cost.MonthlyUsd, cost.IsComplete),
                    cost.IsComplete ? $"total of {plan.Stack}" : $"total of {plan.Stack}, INCOMPLETE: {cost.Unpriced.Count} item{(cost.Unpriced.Count == 1 ? " is" : "s are")} not priced (n/a above)",
                })
                .ToList();
            sections.Add(new Section($"Monthly cost (on-demand list prices, {PriceTable.AsOf}; each price's page and date in plan/{plan.Stack}.json)", rows));
        }
        if (plan.Budget is { } budget)
        {
            var other = budget.Strategy == Configuration.RoutingStrategy.ActiveActive ? Configuration.RoutingStrategy.ActivePassive : Configuration.RoutingStrategy.ActiveActive;
            var rows = budget.Paths.Select(path => new[] { $"{path.TotalSeconds} s", $"{path.Path}: {string.Join(" + ", path.Steps.Select(s => $"{s.Step} {s.Seconds} s ({s.Basis})"))}" })
                .Append(new[] { $"{budget.WorstSeconds} s", $"worst path {(budget.MeetsRto ? "meets" : "EXCEEDS")} the RTO; {BudgetReport.Name(other)} would take {budget.OtherStrategyWorstSeconds} s" })
                .ToList();
            sections.Add(new Section($"Failover budget ({BudgetReport.Name(budget.Strategy)}, slo.rtoSeconds {budget.RtoSeconds} s)", rows));
            sections.Add(new Section($"Recovery point (slo.rpoSeconds {budget.RpoSeconds} s)",
                budget.RecoveryPoint.Select(r => new[] { $"{r.ExpectedLagSeconds} s", $"{r.Model}: {r.Basis}" }).ToList()));
        }
        if (plan.Comparison is { Count: > 0 } comparison)
        {
            var stacks = comparison[0].Stacks.Select(s => s.Stack).ToList();
            var rows = stacks.Select(stack => comparison.Select(c => c.Stacks.Single(s => s.Stack == stack)).Select(s => CostTotal.Cell(s.MonthlyUsd, s.IsComplete)).Prepend(stack).ToArray())
                .Append(comparison.Select(c => CostTotal.Cell(c.MonthlyUsd, c.IsComplete)).Prepend(comparison.All(c => c.IsComplete) ? "total" : "total (≥: incomplete)").ToArray())
                .ToList();
            sections.Add(new Section("Monthly cost of the system by strategy", rows,
                comparison.Select(c => BudgetReport.Name(c.Strategy)).Prepend("stack").ToArray(), NumberColumns: Enumerable.Range(1, comparison.Count).ToArray()));
        }
        if (plan.Engines is { Count: > 0 } engines)
        {
            var rows = engines.Select(e => new[]
            {
                EngineName(e.Engine),
                CostTotal.Cell(e.Cost.MonthlyUsd, e.Cost.IsComplete), $"{e.WorstSeconds} s", $"{e.ExpectedLagSeconds} s", e.Configured ? "configured" : "",
            }).ToList();
            sections.Add(new Section("The system on each database engine (database.engine)", rows,
                new[] { "engine", "monthly", "worst failover", "expected lag", "" }, NumberColumns: new[] { 1, 2, 3 }));
        }
        if (plan.Slo is { } slo)
            sections.Add(new Section("Alarms per region (thresholds from the SLO)", Alarms(slo, plan.Canaries).Select(a => new[] { a.Alarm, a.Threshold }).ToList(), NumberColumns: Array.Empty<int>()));
        return sections;
    }

    /// <summary>The free allowance a line is reduced by: <c>, less 3 free (always free: 3 dashboards ...)</c>.</summary>
    private static string Free(CostLine line) => line.FreeTier is { } tier && line.FreeQuantity > 0
        ? $", less {Number(line.FreeQuantity)} free: the account's {tier.Description} a month"
        : "";

    /// <summary>How far a price was checked, when not against AWS's own page.</summary>
    private static string Checked(Price price) => price.Check switch
    {
        PriceCheck.Unverified => " [unverified price]",
        PriceCheck.ThirdParty => " [third-party listing]",
        _ => "",
    };

    private static string CheckName(PriceCheck check) => check switch { PriceCheck.AwsPage => "aws-pricing-page", PriceCheck.ThirdParty => "third-party-listing", _ => "unverified" };

    private static string EngineName(DatabaseEngine engine) => engine == DatabaseEngine.AuroraPostgresql ? "aurora-postgresql" : "postgres";

    /// <summary>The alarms each region gets, with thresholds from the SLO (and its canary's, when the
    /// global stack runs canaries).</summary>
    public static IReadOnlyList<(string Alarm, string Threshold)> Alarms(SloSettings slo, Monitoring.CanarySettings? canaries = null) => new[]
    {
        ("5xx rate", $"> {AlarmThresholds.ErrorRatePercent(slo).ToString(CultureInfo.InvariantCulture)}% of requests (error budget of {slo.AvailabilityPercent.ToString(CultureInfo.InvariantCulture)}%)"),
        ("p99 target response time", $"> {AlarmThresholds.P99Seconds(slo).ToString(CultureInfo.InvariantCulture)} s"),
        ("unhealthy hosts", "> 0 for 3 minutes"),
        ("healthy capacity", "< the auto scaling group's minimum"),
        ("replica lag", $"> {AlarmThresholds.ReplicaLagSeconds(slo)} s (half the RPO)"),
        ("database CPU", $"> {AlarmThresholds.DatabaseCpuPercent.ToString(CultureInfo.InvariantCulture)}%"),
        ("database free storage", "< 10% of the allocation"),
        ("Route 53 health check (us-east-1)", "status < 1"),
    }.Concat(canaries is { Enabled: true }
        ? new[]
        {
            ("canary success", $"< {Monitoring.CanaryThresholds.SuccessPercent(slo).ToString(CultureInfo.InvariantCulture)}% of runs in {Monitoring.CanaryThresholds.DatapointsToAlarm} of {Monitoring.CanaryThresholds.EvaluationPeriods} runs ({canaries.Schedule.Expression}; a canary that stops running counts)"),
            ("canary duration", $"> its requests' latency limits together + {Monitoring.CanarySettings.SetupAllowanceMs / 1000} s, in {Monitoring.CanaryThresholds.DatapointsToAlarm} of {Monitoring.CanaryThresholds.EvaluationPeriods} runs"),
            ("canary system success", "a check of the system's own endpoint fails for longer than the failover budget (its API path, or the writes' when a check writes; the rehearsals stop on it)"),
        }
        : Array.Empty<(string, string)>()).ToList();

    public static object? CostJson(StackCost? cost) => cost is null ? null : new Dictionary<string, object?>
    {
        ["currency"] = "USD",
        ["pricesAsOf"] = PriceTable.AsOf,
        ["monthly"] = cost.MonthlyUsd,
        ["complete"] = cost.IsComplete,
        ["lines"] = cost.Lines.Select(l => new Dictionary<string, object?>
        {
            ["item"] = l.Item,
            ["quantity"] = l.Quantity,
            ["unit"] = l.Price.Unit,
            ["unitPrice"] = l.Price.Usd,
            ["monthly"] = l.MonthlyUsd,
            ["freeQuantity"] = l.FreeQuantity,
            ["freeTier"] = l.FreeTier is { } tier ? new Dictionary<string, object?>
            {
                ["allowance"] = tier.Description,
                ["source"] = tier.Source,
                ["asOf"] = tier.AsOf,
                ["checked"] = CheckName(tier.Check),
            } : null,
            ["source"] = l.Price.Source,
            ["asOf"] = l.Price.AsOf,
            ["checked"] = CheckName(l.Price.Check),
        }).ToList(),
        ["unpriced"] = cost.Unpriced,
    };

    public static object? BudgetJson(BudgetReport? budget, IReadOnlyList<SystemCost>? comparison, SloSettings? slo, IReadOnlyList<EngineOption>? engines = null,
        Monitoring.CanarySettings? canaries = null)
    {
        if (budget is null)
            return null;
        object Path(FailoverPath p) => new Dictionary<string, object?>
        {
            ["path"] = p.Path,
            ["seconds"] = p.TotalSeconds,
            ["steps"] = p.Steps.Select(s => new Dictionary<string, object?> { ["step"] = s.Step, ["seconds"] = s.Seconds, ["basis"] = s.Basis }).ToList(),
        };
        return new Dictionary<string, object?>
        {
            ["strategy"] = BudgetReport.Name(budget.Strategy),
            ["engine"] = budget.Engine == DatabaseEngine.AuroraPostgresql ? "aurora-postgresql" : "postgres",
            ["rtoSeconds"] = budget.RtoSeconds,
            ["worstSeconds"] = budget.WorstSeconds,
            ["meetsRto"] = budget.MeetsRto,
            ["paths"] = budget.Paths.Select(Path).ToList(),
            ["otherStrategyWorstSeconds"] = budget.OtherStrategyWorstSeconds,
            ["otherStrategyPaths"] = budget.OtherStrategyPaths.Select(Path).ToList(),
            ["rpoSeconds"] = budget.RpoSeconds,
            ["recoveryPoint"] = budget.RecoveryPoint.Select(r => new Dictionary<string, object?> { ["model"] = r.Model, ["expectedLagSeconds"] = r.ExpectedLagSeconds, ["basis"] = r.Basis }).ToList(),
            ["suggestions"] = budget.Suggestions,
            ["alarms"] = slo is null ? null : Alarms(slo, canaries).Select(a => new Dictionary<string, object?> { ["alarm"] = a.Alarm, ["threshold"] = a.Threshold }).ToList(),
            ["costByStrategy"] = comparison?.ToDictionary(c => BudgetReport.Name(c.Strategy), c => (object?)new Dictionary<string, object?>
            {
                ["monthly"] = c.MonthlyUsd,
                ["complete"] = c.IsComplete,
                ["unpriced"] = c.Unpriced,
            }),
            ["byEngine"] = engines?.Select(e => new Dictionary<string, object?>
            {
                ["engine"] = EngineName(e.Engine),
                ["configured"] = e.Configured,
                ["monthly"] = e.Cost.MonthlyUsd,
                ["complete"] = e.Cost.IsComplete,
                ["worstSeconds"] = e.WorstSeconds,
                ["expectedLagSeconds"] = e.ExpectedLagSeconds,
            }).ToList(),
        };
    }
}
