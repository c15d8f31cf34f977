using MultiRegionInfra.Configuration;
using MultiRegionInfra.Costs;
using MultiRegionInfra.Reliability;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>What the plan adds once every stack is planned: each stack's monthly cost, and for each global
/// stack its failover budget against the RTO and the cost of both strategies side by side.</summary>
public static class SystemAnalysis
{
    public static IReadOnlyList<StackPlan> Apply(string project, IReadOnlyDictionary<string, StackFile> files, IReadOnlyList<StackPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(plans);
        var regional = new Dictionary<string, RegionalSettings>(StringComparer.Ordinal);
        var global = new Dictionary<string, GlobalSettings>(StringComparer.Ordinal);
        foreach (var (name, file) in files)
        {
            var reader = ConfigReader.For(project, file.Config);
            if (reader.Choice("stackKind", StackKind.Regional, ConfigNames.StackKinds) == StackKind.Global)
            {
                if (GlobalSettings.Read(reader, name, file.Config.Get("aws:region")) is { } g)
                    global[name] = g;
            }
            else if (RegionalSettings.Read(reader, name, file.Config.Get("aws:region")) is { } r)
            {
                regional[name] = r;
            }
        }
        // Traffic assumptions live on the global stack; a regional stack outside any uses the defaults.
        var trafficOf = global.Values.SelectMany(g => g.Regions.Select(r => (Region: r, g.Traffic)))
            .GroupBy(p => p.Region).ToDictionary(p => p.Key, p => p.First().Traffic);

        return plans.Select(plan =>
        {
            if (!plan.Succeeded)
                return plan;
            if (regional.TryGetValue(plan.Stack, out var settings))
                return plan with
                {
                    Cost = CostModel.Regional(settings, trafficOf.GetValueOrDefault(plan.Stack, CostSettings.Defaults), settings.DeployedCompute.DesiredCapacity,
                        CostModel.MetricsWorkspaceRegion(settings, regional.Values)),
                };
            if (!global.TryGetValue(plan.Stack, out var g))
                return plan;
            var regions = g.Regions.Where(regional.ContainsKey).Select(r => regional[r]).ToList();
            var budget = BudgetReport.For(g, regions);
            var strategies = new[] { RoutingStrategy.ActiveActive, RoutingStrategy.ActivePassive }
                .Select(s => CostModel.System(g, regions, g.Traffic, s)).ToList();
            var findings = plan.Findings.Concat(budget.Errors().Select(e => new Finding(Finding.Error, "budget", plan.Resources[0].Urn, e)))
                .Concat(SystemAlarmWarnings(g, regions).Select(w => new Finding(Finding.Warning, "budget", plan.Resources[0].Urn, w))).ToList();
            return plan with
            {
                Cost = CostModel.Global(g, g.Traffic, g.Strategy, regions),
                Budget = budget,
                Comparison = strategies,
                Engines = EngineComparison.Compare(g, regions),
                Slo = g.Slo,
                Canaries = g.Canaries,
                Findings = findings,
            };
        }).ToList();
    }

    /// <summary>Where the canaries' system alarm, which the global stack builds without the regions' stack files,
    /// would not serve as the rehearsals' stop condition: the regions' own compute makes failover longer than
    /// the alarm waits, or an experiment ends before the alarm could fire.</summary>
    public static IEnumerable<string> SystemAlarmWarnings(GlobalSettings global, IReadOnlyList<RegionalSettings> regions)
    {
        ArgumentNullException.ThrowIfNull(global);
        if (!global.Canaries.Enabled)
            yield break;
        var engine = BudgetReport.EngineOf(regions);
        var deployed = BudgetReport.SystemAlarmTolerance(global, Array.Empty<RegionalSettings>(), engine);
        var planned = BudgetReport.SystemAlarmTolerance(global, regions, engine);
        if (planned > deployed)
            yield return $"the canaries' system alarm waits {deployed} s (the budget with the regions' default compute), but the regions' stack files make failover take {planned} s: " +
                "it may fire, and stop a rehearsal, while failover is still within its budget";
        if (!global.Rehearsal.Enabled)
            yield break;
        var interval = global.Canaries.Schedule.IntervalSeconds;
        var needed = Monitoring.CanaryThresholds.SystemRuns(deployed, interval).DatapointsToAlarm * interval + 60;
        if (global.Rehearsal.DurationMinutes * 60 < needed)
            yield return $"rehearsal.durationMinutes {global.Rehearsal.DurationMinutes} is shorter than the canaries' system alarm needs to fire ({needed} s: its failing runs at {global.Canaries.Schedule.Expression} and a minute): " +
                $"a rehearsal can neither stop on it nor show the recovery; set at least {(needed + 59) / 60}";
    }
}
