using MultiRegionInfra.Configuration;
using System.Globalization;
using System.Text;
using MultiRegionInfra.Costs;
using MultiRegionInfra.Reliability;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>Prints and serializes a plan's cost estimate, failover budget, alarms and strategy comparison.</summary>
public static class AnalysisRenderer
{
    private static string Usd(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static void AppendText(StringBuilder text, StackPlan plan)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Cost is { } cost)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Monthly cost (on-demand list prices, {PriceTable.AsOf}):");
            foreach (var line in cost.Lines)
                text.AppendLine(CultureInfo.InvariantCulture, $"    ${Usd(line.MonthlyUsd),9}  {line.Item} ({Number(line.Quantity)} {line.Price.Unit} × ${Number(line.Price.Usd)})");
            foreach (var missing in cost.Unpriced)
                text.AppendLine(CultureInfo.InvariantCulture, $"    {"n/a",10}  {missing}: not in the price table");
            text.AppendLine(CultureInfo.InvariantCulture, $"    ${Usd(cost.MonthlyUsd),9}  total of {plan.Stack}");
        }
        if (plan.Budget is { } budget)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Failover budget ({BudgetReport.Name(budget.Strategy)}, slo.rtoSeconds {budget.RtoSeconds} s):");
            foreach (var path in budget.Paths)
                text.AppendLine(CultureInfo.InvariantCulture, $"    {path.TotalSeconds,5} s  {path.Path}: {string.Join(" + ", path.Steps.Select(s => $"{s.Step} {s.Seconds} s ({s.Basis})"))}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    worst {budget.WorstSeconds} s {(budget.MeetsRto ? "meets" : "EXCEEDS")} the RTO; {BudgetReport.Name(budget.Strategy == Configuration.RoutingStrategy.ActiveActive ? Configuration.RoutingStrategy.ActivePassive : Configuration.RoutingStrategy.ActiveActive)} would take {budget.OtherStrategyWorstSeconds} s");
            text.AppendLine(CultureInfo.InvariantCulture, $"Recovery point (slo.rpoSeconds {budget.RpoSeconds} s):");
            foreach (var (model, lag, basis) in budget.RecoveryPoint)
                text.AppendLine(CultureInfo.InvariantCulture, $"    {lag,5} s  {model}: {basis}");
        }
        if (plan.Comparison is { Count: > 0 } comparison)
        {
            text.AppendLine();
            text.AppendLine("Monthly cost of the system by strategy:");
            var stacks = comparison[0].Stacks.Select(s => s.Stack).ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"    {"stack",-12}{string.Concat(comparison.Select(c => $"{BudgetReport.Name(c.Strategy),16}"))}");
            foreach (var stack in stacks)
                text.AppendLine(CultureInfo.InvariantCulture, $"    {stack,-12}{string.Concat(comparison.Select(c => $"{"$" + Usd(c.Stacks.Single(s => s.Stack == stack).MonthlyUsd),16}"))}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    {"total",-12}{string.Concat(comparison.Select(c => $"{"$" + Usd(c.MonthlyUsd),16}"))}");
        }
    }

    /// <summary>The alarms each region gets, with thresholds from the SLO.</summary>
    public static IReadOnlyList<(string Alarm, string Threshold)> Alarms(SloSettings slo) => new[]
    {
        ("5xx rate", $"> {AlarmThresholds.ErrorRatePercent(slo).ToString(CultureInfo.InvariantCulture)}% of requests (error budget of {slo.AvailabilityPercent.ToString(CultureInfo.InvariantCulture)}%)"),
        ("p99 target response time", $"> {AlarmThresholds.P99Seconds(slo).ToString(CultureInfo.InvariantCulture)} s"),
        ("unhealthy hosts", "> 0 for 3 minutes"),
        ("healthy capacity", "< the auto scaling group's minimum"),
        ("replica lag", $"> {AlarmThresholds.ReplicaLagSeconds(slo)} s (half the RPO)"),
        ("database CPU", $"> {AlarmThresholds.DatabaseCpuPercent.ToString(CultureInfo.InvariantCulture)}%"),
        ("database free storage", "< 10% of the allocation"),
        ("Route 53 health check (us-east-1)", "status < 1"),
    };

    public static object? CostJson(StackCost? cost) => cost is null ? null : new Dictionary<string, object?>
    {
        ["currency"] = "USD",
        ["pricesAsOf"] = PriceTable.AsOf,
        ["monthly"] = cost.MonthlyUsd,
        ["lines"] = cost.Lines.Select(l => new Dictionary<string, object?>
        {
            ["item"] = l.Item,
            ["quantity"] = l.Quantity,
            ["unit"] = l.Price.Unit,
            ["unitPrice"] = l.Price.Usd,
            ["monthly"] = l.MonthlyUsd,
            ["source"] = l.Price.Source,
            ["checked"] = l.Price.Check switch { PriceCheck.AwsPage => "aws-pricing-page", PriceCheck.ThirdParty => "third-party-listing", _ => "unverified" },
        }).ToList(),
        ["unpriced"] = cost.Unpriced,
    };

    public static object? BudgetJson(BudgetReport? budget, IReadOnlyList<SystemCost>? comparison, SloSettings? slo, IReadOnlyList<EngineOption>? engines = null)
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
            ["alarms"] = slo is null ? null : Alarms(slo).Select(a => new Dictionary<string, object?> { ["alarm"] = a.Alarm, ["threshold"] = a.Threshold }).ToList(),
            ["costByStrategy"] = comparison?.ToDictionary(c => BudgetReport.Name(c.Strategy), c => (object?)c.MonthlyUsd),
            ["byEngine"] = engines?.Select(e => new Dictionary<string, object?>
            {
                ["engine"] = e.Engine == DatabaseEngine.AuroraPostgresql ? "aurora-postgresql" : "postgres",
                ["configured"] = e.Configured,
                ["monthly"] = e.Cost.MonthlyUsd,
                ["worstSeconds"] = e.WorstSeconds,
                ["expectedLagSeconds"] = e.ExpectedLagSeconds,
            }).ToList(),
        };
    }
}
