using System.Text.Json;
using MultiRegionInfra.Stacks.Plan;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Plan;

/// <summary>The plan's budget, alarm summary and cost estimate.</summary>
public class PlanAnalysisTests
{
    private static async Task<(int Code, string Output, string OutDir)> PlanAsync(TempProject project)
    {
        var (run, outDir) = await PlanProject.PlanAsync(project);
        return (run.Code, run.Output + run.Error, outDir);
    }

    [Fact]
    public async Task Plan_prints_and_writes_budget_alarms_and_costs()
    {
        using var project = PlanProject.ThreeStacks();
        var (code, output, outDir) = await PlanAsync(project);
        Assert.Equal(0, code);
        Assert.Contains("Failover budget (active-active, slo.rtoSeconds 1800 s):", output);
        Assert.Contains("     90 s  API (Route 53 api.<domain>): detection 30 s (health check interval 10 s × failure threshold 3) + DNS 60 s", output);
        Assert.Contains("    1530 s  writes (the writer's region lost): detection 30 s (health check interval 10 s × failure threshold 3) +\n" +
            "            approval 300 s (a person decides, starting the plan and approving its 'approve' step, estimated 300 s\n" +
            "            (failover.approvalSeconds)) + replica promotion 600 s", output);
        Assert.Contains("+ writer re-pointed 600 s (the promoted", output);
        // Active-passive's API path (990 s) is shorter than the writes, which wait as long in either strategy.
        Assert.Contains("    1530 s  worst path meets the RTO; active-passive would take 1530 s", output);
        Assert.Contains("Alarms per region (thresholds from the SLO):", output);
        Assert.Matches(@"\n    5xx rate +> 0\.1% of requests \(error budget of 99\.9%\)\n", output);
        Assert.Contains("Monthly cost of the system by strategy:", output);
        Assert.Contains("total of us-east", output);
        using var global = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "global.json")));
        var budget = global.RootElement.GetProperty("budget");
        Assert.Equal(1530, budget.GetProperty("worstSeconds").GetInt32());
        Assert.True(budget.GetProperty("meetsRto").GetBoolean());
        Assert.Equal(1530, budget.GetProperty("otherStrategyWorstSeconds").GetInt32());
        var byStrategy = budget.GetProperty("costByStrategy");
        Assert.True(byStrategy.GetProperty("active-active").GetProperty("monthly").GetDecimal() > byStrategy.GetProperty("active-passive").GetProperty("monthly").GetDecimal());
        Assert.True(byStrategy.GetProperty("active-active").GetProperty("complete").GetBoolean());
        using var primary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "us-east.json")));
        var cost = primary.RootElement.GetProperty("cost");
        Assert.Equal("USD", cost.GetProperty("currency").GetString());
        Assert.Equal(cost.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("monthly").GetDecimal()), cost.GetProperty("monthly").GetDecimal());
        Assert.All(cost.GetProperty("lines").EnumerateArray(), l => Assert.StartsWith("https://aws.amazon.com/", l.GetProperty("source").GetString(), StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, primary.RootElement.GetProperty("budget").ValueKind);
    }

    [Fact]
    public async Task The_canaries_are_in_the_alarm_summary_and_the_cost_when_they_run()
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("global", $"{PlanProject.Ns}:canary.schedule", "rate(10 minutes)");
        var (code, output, outDir) = await PlanAsync(project);
        Assert.Equal(0, code);
        Assert.Matches(@"\n    canary success +< 99\.9% of runs in 2 of 3 runs \(rate\(10 minutes\); a canary that stops running", output);
        Assert.Matches(@"\n    canary duration +> its requests' latency limits together \+ 2 s, in 2 of 3 runs\n", output);
        Assert.Matches(@"\n    canary system success +a check of the system's own endpoint fails for longer than the failover budget", output);
        using (var global = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "global.json"))))
        {
            var alarms = global.RootElement.GetProperty("budget").GetProperty("alarms").EnumerateArray().Select(a => a.GetProperty("alarm").GetString()).ToList();
            Assert.Equal(new[] { "canary success", "canary duration", "canary system success" }, alarms.TakeLast(3));
            var runs = global.RootElement.GetProperty("cost").GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("item").GetString()!.StartsWith("CloudWatch Synthetics", StringComparison.Ordinal));
            Assert.Equal("CloudWatch Synthetics canary runs (2 × 4380 at rate(10 minutes))", runs.GetProperty("item").GetString());
            Assert.Equal(10.39m, runs.GetProperty("monthly").GetDecimal()); // (8760 runs − the 100 free) × $0.0012
            Assert.Equal("third-party-listing", runs.GetProperty("checked").GetString());
        }

        project.SetConfig("global", $"{PlanProject.Ns}:canary.enabled", "false");
        (code, output, outDir) = await PlanAsync(project);
        Assert.Equal(0, code);
        Assert.DoesNotContain("canary", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_prints_the_system_on_both_engines_with_the_figures_it_writes()
    {
        using var project = PlanProject.ThreeStacks();
        var (code, output, outDir) = await PlanAsync(project);
        Assert.Equal(0, code);
        Assert.Contains("The system on each database engine (database.engine):", output);
        using var global = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "global.json")));
        var engines = global.RootElement.GetProperty("budget").GetProperty("byEngine").EnumerateArray().ToList();
        Assert.Equal(new[] { "postgres", "aurora-postgresql" }, engines.Select(e => e.GetProperty("engine").GetString()));
        Assert.Equal(new[] { true, false }, engines.Select(e => e.GetProperty("configured").GetBoolean()));
        foreach (var engine in engines)
        {
            var line = Assert.Single(output.Split('\n'), l => l.TrimStart().StartsWith(engine.GetProperty("engine").GetString() + " ", StringComparison.Ordinal));
            Assert.Matches($@"\${engine.GetProperty("monthly").GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} +{engine.GetProperty("worstSeconds").GetInt32()} s +{engine.GetProperty("expectedLagSeconds").GetInt32()} s", line);
        }
        // Aurora replicates with less lag than a PostgreSQL replica.
        Assert.True(engines[1].GetProperty("expectedLagSeconds").GetInt32() < engines[0].GetProperty("expectedLagSeconds").GetInt32());
    }

    [Fact]
    public async Task A_region_missing_from_the_price_table_makes_every_total_that_includes_it_incomplete()
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("eu-west", "multi-region-infra:compute.instanceType", "c7i.large");
        var (run, outDir) = await PlanProject.PlanAsync(project);
        Assert.Equal(0, run.Code);
        Assert.Contains("    n/a  EC2 c7i.large in eu-west-1: not in the price table", run.Output);
        Assert.Matches(@"\n +≥ \$[\d.]+  total of eu-west, INCOMPLETE: 1 item is not priced \(n/a above\)\n", run.Output);
        Assert.Matches(@"\n +\$[\d.]+  total of us-east\n", run.Output);
        // The system's totals include eu-west: each says so.
        Assert.Matches(@"\n +eu-west +≥ \$[\d.]+ +≥ \$[\d.]+\n", run.Output);
        Assert.Matches(@"\n +total \(≥: incomplete\) +≥ \$[\d.]+ +≥ \$[\d.]+\n", run.Output);
        Assert.Matches(@"\n +postgres +≥ \$[\d.]+ ", run.Output);
        using var euWest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "eu-west.json")));
        Assert.False(euWest.RootElement.GetProperty("cost").GetProperty("complete").GetBoolean());
        Assert.Equal("EC2 c7i.large in eu-west-1", Assert.Single(euWest.RootElement.GetProperty("cost").GetProperty("unpriced").EnumerateArray()).GetString());
        using var global = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "global.json")));
        var activeActive = global.RootElement.GetProperty("budget").GetProperty("costByStrategy").GetProperty("active-active");
        Assert.False(activeActive.GetProperty("complete").GetBoolean());
        Assert.Equal("eu-west: EC2 c7i.large in eu-west-1", Assert.Single(activeActive.GetProperty("unpriced").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Every_cost_line_names_its_price_page_date_and_check_and_free_allowances_are_shown()
    {
        using var project = PlanProject.ThreeStacks();
        var (run, outDir) = await PlanProject.PlanAsync(project);
        Assert.Equal(0, run.Code);
        using var global = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "global.json")));
        var lines = global.RootElement.GetProperty("cost").GetProperty("lines").EnumerateArray().ToList();
        Assert.All(lines, l => Assert.StartsWith("https://aws.amazon.com/", l.GetProperty("source").GetString(), StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Contains(l.GetProperty("checked").GetString(), new[] { "aws-pricing-page", "third-party-listing", "unverified" }));
        Assert.All(lines, l => Assert.False(string.IsNullOrEmpty(l.GetProperty("asOf").GetString())));
        var dashboards = lines.Single(l => l.GetProperty("item").GetString()!.StartsWith("CloudWatch dashboards", StringComparison.Ordinal));
        Assert.Equal(2, dashboards.GetProperty("freeQuantity").GetDecimal());
        Assert.Equal(0, dashboards.GetProperty("monthly").GetDecimal());
        Assert.Equal("3 dashboards of up to 50 metrics", dashboards.GetProperty("freeTier").GetProperty("allowance").GetString());
        // Long lines wrap at the terminal's width: compare the words.
        var words = System.Text.RegularExpressions.Regex.Replace(run.Output, @"\s+", " ");
        Assert.Contains("CloudWatch dashboards (2) (2 dashboard-month × $3, less 2 free: the account's 3 dashboards of up to 50 metrics a month)", words);
        // An estimate from a price not checked against a source says so where it is printed.
        Assert.Contains("[unverified price]", run.Output);
    }

    [Fact]
    public async Task An_unmeetable_rto_stops_the_plan_with_the_settings_that_would_meet_it()
    {
        using var project = PlanProject.ThreeStacks();
        PlanProject.SetStrategy(project, "active-passive");
        project.SetConfig("global", "multi-region-infra:slo.rtoSeconds", "1520");
        var (code, output, _) = await PlanAsync(project);
        Assert.Equal(1, code);
        // The writes: 10 s × 3 detection + 300 s approval + 600 s promotion + 600 s re-point
        Assert.Contains("plan: global: error [budget] failover budget 1530 s exceeds slo.rtoSeconds 1520 s in active-passive; these settings would meet it: " +
            "healthCheck.failureThreshold: 1 (budget 1510 s); database.engine: aurora-postgresql (budget 600 s)", output);
        Assert.Contains("    FAILED: global (1 error)", output);
    }

    [Fact]
    public async Task An_unmeetable_rpo_stops_the_plan()
    {
        using var project = PlanProject.ThreeStacks();
        project.SetConfig("global", "multi-region-infra:slo.rpoSeconds", "2");
        var (code, output, _) = await PlanAsync(project);
        Assert.Equal(1, code);
        Assert.Contains("plan: global: error [budget] PostgreSQL cross-region read replica (asynchronous): expected lag 5 s exceeds slo.rpoSeconds 2 s", output);
    }
}
