using MultiRegionInfra.Configuration;
using MultiRegionInfra.Reliability;

namespace MultiRegionInfra.Tests.Reliability;

public class FailoverBudgetTests
{
    private static BudgetInputs Inputs(RoutingStrategy strategy, EdgeKind edge, int interval = 30, int threshold = 3) =>
        new(strategy, edge, interval, threshold, OriginConnectionAttempts: 3, OriginConnectionTimeoutSeconds: 10,
            InstanceBootSeconds: 90, HealthCheckGraceSeconds: 120, ReplicaPromotionSeconds: 600);

    [Theory]
    // strategy, edge, interval, threshold, expected API path seconds, expected worst
    // the worst is PostgreSQL's writes: detection + approval 300 s + promotion 600 s + the writer re-pointed 600 s
    [InlineData(RoutingStrategy.ActiveActive, EdgeKind.CloudFront, 30, 3, 150, 1590)]
    [InlineData(RoutingStrategy.ActiveActive, EdgeKind.CloudFront, 10, 3, 90, 1530)]
    [InlineData(RoutingStrategy.ActiveActive, EdgeKind.None, 10, 1, 70, 1510)]
    // active-passive's API: detection + approval 300 s + the longer of scale-up (210 s) and promotion (600 s) + routing 60 s
    [InlineData(RoutingStrategy.ActivePassive, EdgeKind.CloudFront, 30, 3, 1050, 1590)]
    [InlineData(RoutingStrategy.ActivePassive, EdgeKind.None, 10, 2, 980, 1520)]
    public void The_route53_path_is_detection_then_dns_or_the_region_switch_plans_steps(RoutingStrategy strategy, EdgeKind edge, int interval, int threshold, int api, int worst)
    {
        var inputs = Inputs(strategy, edge, interval, threshold);
        var path = FailoverBudget.Paths(inputs).Single(p => p.Path.StartsWith("API", StringComparison.Ordinal));
        Assert.Equal(api, path.TotalSeconds);
        Assert.Equal(interval * threshold, path.Steps.Single(s => s.Step == "detection").Seconds);
        // The last step moves the records: the DNS TTL, or the plan's routing change, which waits for it.
        Assert.Equal(60, path.Steps[^1].Seconds);
        Assert.Equal(strategy == RoutingStrategy.ActivePassive
                ? new[] { "detection", "approval", "standby scale-up ∥ replica promotion", "routing change" }
                : new[] { "detection", "DNS" },
            path.Steps.Select(s => s.Step));
        Assert.Equal(worst, FailoverBudget.WorstSeconds(inputs));
    }

    [Theory]
    // engine, expected database step, its seconds, the parallel step's seconds (the longer branch), worst
    // (PostgreSQL's: the writes path, 90 + 300 + 600 + the writer re-pointed 600 s)
    [InlineData(DatabaseEngine.Postgres, "replica promotion", 600, 600, 1590)]
    [InlineData(DatabaseEngine.AuroraPostgresql, "global database failover", 60, 210, 660)]
    public void Active_passive_takes_over_the_database_as_its_engine_does_while_the_standby_scales(DatabaseEngine engine, string step, int seconds, int parallel, int worst)
    {
        var inputs = Inputs(RoutingStrategy.ActivePassive, EdgeKind.CloudFront) with { Engine = engine, GlobalFailoverSeconds = 60 };
        var api = FailoverBudget.Paths(inputs).Single(p => p.Path.StartsWith("API", StringComparison.Ordinal));
        var both = Assert.Single(api.Steps, s => s.Parallel.Count > 0);
        Assert.Equal(new[] { ("standby scale-up", 210), (step, seconds) }, both.Parallel.Select(s => (s.Step, s.Seconds)));
        Assert.Equal(parallel, both.Seconds);
        Assert.StartsWith($"at once, the longest counts: standby scale-up 210 s (", both.Basis, StringComparison.Ordinal);
        Assert.Equal(worst, FailoverBudget.WorstSeconds(inputs));
    }

    [Theory]
    // approval, active-passive API path (detection 90 s + approval + promotion 600 s + routing 60 s), the writes
    // path in both strategies (detection 90 s + approval + promotion 600 s + the writer re-pointed 600 s)
    [InlineData(0, 750, 1290)]
    [InlineData(300, 1050, 1590)]
    [InlineData(1800, 2550, 3090)]
    public void The_approval_counts_what_failover_approval_seconds_says(int approval, int activePassiveApi, int writes)
    {
        var inputs = Inputs(RoutingStrategy.ActivePassive, EdgeKind.CloudFront) with { ApprovalSeconds = approval };
        var api = FailoverBudget.Paths(inputs)[0];
        var step = api.Steps.Single(s => s.Step == "approval");
        Assert.Equal(approval, step.Seconds);
        Assert.Equal($"a person decides, starting the plan and approving its 'approve' step, estimated {approval} s (failover.approvalSeconds)", step.Basis);
        Assert.Equal(activePassiveApi, api.TotalSeconds);
        Assert.Equal(writes, FailoverBudget.WorstSeconds(inputs));
        // Active-active serves the API elsewhere without a person; only its writes wait for the approval.
        var activeActive = FailoverBudget.Paths(inputs with { Strategy = RoutingStrategy.ActiveActive });
        Assert.Equal(150, activeActive.Single(p => p.Path.StartsWith("API", StringComparison.Ordinal)).TotalSeconds);
        Assert.Equal(approval, activeActive.Single(p => p.Path.StartsWith("writes", StringComparison.Ordinal)).Steps.Single(s => s.Step == "approval").Seconds);
        Assert.Equal(writes, FailoverBudget.WorstSeconds(inputs with { Strategy = RoutingStrategy.ActiveActive }));
    }

    [Fact]
    public void Postgres_active_passive_over_the_rto_suggests_aurora_when_that_meets_it()
    {
        var inputs = Inputs(RoutingStrategy.ActivePassive, EdgeKind.CloudFront, 10, 3);
        Assert.Contains("database.engine: aurora-postgresql (budget 600 s)", FailoverBudget.Suggestions(inputs, 700));
        Assert.DoesNotContain(FailoverBudget.Suggestions(inputs with { Engine = DatabaseEngine.AuroraPostgresql }, 300), s => s.StartsWith("database.engine", StringComparison.Ordinal));
    }

    [Fact]
    public void Aurora_replication_lag_is_held_against_the_rpo()
    {
        var model = Assert.Single(FailoverBudget.RecoveryPoint(Slo(rpo: 10), sessionStore: false, DatabaseEngine.AuroraPostgresql));
        Assert.Equal(("Aurora global database (storage-level replication)", 1), (model.Model, model.ExpectedLagSeconds));
        Assert.Contains("AuroraGlobalDBReplicationLag > 5000 ms", model.Basis);
    }

    [Fact]
    public void Cacheable_get_behind_cloudfront_fails_over_per_request()
    {
        var path = FailoverBudget.Paths(Inputs(RoutingStrategy.ActiveActive, EdgeKind.CloudFront)).Single(p => p.Path.StartsWith("cacheable GET", StringComparison.Ordinal));
        var step = Assert.Single(path.Steps);
        Assert.Equal(("origin failover", 30), (step.Step, step.Seconds));
        Assert.Equal("connection attempts 3 × timeout 10 s, per request", step.Basis);
        Assert.DoesNotContain(FailoverBudget.Paths(Inputs(RoutingStrategy.ActiveActive, EdgeKind.None)), p => p.Path.StartsWith("cacheable", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(RoutingStrategy.ActiveActive, 70)]
    // active-passive: 70 s + approval 300 s + promotion 600 s; Cloudflare's pools steer themselves, so no routing change
    [InlineData(RoutingStrategy.ActivePassive, 970)]
    public void Cloudflare_detects_with_its_monitor_and_has_no_ttl(RoutingStrategy strategy, int seconds)
    {
        var paths = FailoverBudget.Paths(Inputs(strategy, EdgeKind.Cloudflare));
        var path = paths[0];
        Assert.Equal("all traffic (Cloudflare load balancer)", path.Path);
        Assert.Equal(seconds, path.TotalSeconds);
        // PostgreSQL's writes: the monitor's detection, the approval, the promotion and the writer re-pointed.
        Assert.Equal(new[] { ("writes (the writer's region lost)", 1570) }, paths.Skip(1).Select(p => (p.Path, p.TotalSeconds)));
        Assert.Equal(0, path.Steps.Single(s => s.Step == "DNS").Seconds);
        Assert.DoesNotContain(path.Steps, s => s.Step == "routing change");
    }

    [Fact]
    public void A_budget_over_the_rto_suggests_the_settings_that_meet_it()
    {
        // active-passive postgres, 30 s × 3: its writes 1590 s (detection 90 s + 300 + 600 + 600)
        var inputs = Inputs(RoutingStrategy.ActivePassive, EdgeKind.CloudFront, 30, 3);
        Assert.Equal(new[]
        {
            "healthCheck.intervalSeconds: 10 (budget 1530 s)",
            "healthCheck.failureThreshold: 1 (budget 1530 s)",
            "healthCheck.intervalSeconds: 10 and healthCheck.failureThreshold: 1 (budget 1510 s)",
            "database.engine: aurora-postgresql (budget 660 s)",
            "strategy: active-active and healthCheck.intervalSeconds: 10 (budget 1530 s)",
        }, FailoverBudget.Suggestions(inputs, 1560));
        Assert.Equal(new[] { "database.engine: aurora-postgresql (budget 660 s)" }, FailoverBudget.Suggestions(inputs, 700));
        Assert.Empty(FailoverBudget.Suggestions(inputs, 300));
        // active-active postgres: its writes (1590 s) wait for the promotion and the re-point; Aurora's failover is shorter.
        Assert.Equal(new[] { "database.engine: aurora-postgresql (budget 450 s)" }, FailoverBudget.Suggestions(Inputs(RoutingStrategy.ActiveActive, EdgeKind.CloudFront), 500));
        // Already at 10 s, the strategy change with the same interval is not offered twice.
        Assert.Equal(new[] { "strategy: active-active (budget 1530 s)" },
            FailoverBudget.Suggestions(Inputs(RoutingStrategy.ActivePassive, EdgeKind.CloudFront, 10, 3), 1540).Where(s => s.StartsWith("strategy", StringComparison.Ordinal)));
    }

    [Theory]
    // engine, the writes path's steps after detection, its seconds (detection 30 s × 3 = 90 s); PostgreSQL's
    // service writes to the promoted instance only once its stack is redeployed (re-pointed, 600 s)
    [InlineData(DatabaseEngine.Postgres, "approval,replica promotion,writer re-pointed", 1590)]
    [InlineData(DatabaseEngine.AuroraPostgresql, "approval,global database failover", 450)]
    public void Active_active_writes_wait_for_the_writers_takeover_as_the_plans_run_it(DatabaseEngine engine, string steps, int seconds)
    {
        var inputs = Inputs(RoutingStrategy.ActiveActive, EdgeKind.CloudFront) with { Engine = engine, GlobalFailoverSeconds = 60 };
        var writes = FailoverBudget.Paths(inputs).Single(p => p.Path == "writes (the writer's region lost)");
        Assert.Equal(steps.Split(',').Prepend("detection"), writes.Steps.Select(s => s.Step));
        var takeover = RegionSwitchSteps.WriterTakeover(RoutingStrategy.ActiveActive, engine).Select(s => s.Title).ToList();
        Assert.Equal(takeover, writes.Steps.Skip(1).Take(takeover.Count).Select(s => s.Step));
        Assert.Equal(seconds, writes.TotalSeconds);
        Assert.Equal(seconds, FailoverBudget.WorstSeconds(inputs));
        // Active-passive Aurora's failover path already waits for the takeover and its service writes to the
        // promoted cluster's endpoint: no separate writes path. PostgreSQL's still waits for the re-point.
        var activePassive = FailoverBudget.Paths(inputs with { Strategy = RoutingStrategy.ActivePassive });
        Assert.Equal(engine == DatabaseEngine.Postgres, activePassive.Any(p => p.Path.StartsWith("writes", StringComparison.Ordinal)));
    }

    private static SloSettings Slo(int rto = 300, int rpo = 60, int lag = 5) => new(99.9, rto, rpo, 500, null, 90, 600, lag, 1);

    [Fact]
    public void The_report_turns_an_unmeetable_rto_into_an_error_with_the_fix()
    {
        var inputs = Inputs(RoutingStrategy.ActivePassive, EdgeKind.CloudFront);
        var report = new BudgetReport(RoutingStrategy.ActivePassive, DatabaseEngine.Postgres, FailoverBudget.Paths(inputs), FailoverBudget.WorstSeconds(inputs),
            Array.Empty<FailoverPath>(), 990, 700, FailoverBudget.RecoveryPoint(Slo(), false), 60, FailoverBudget.Suggestions(inputs, 700));
        Assert.False(report.MeetsRto);
        Assert.Equal("failover budget 1590 s exceeds slo.rtoSeconds 700 s in active-passive; these settings would meet it: database.engine: aurora-postgresql (budget 660 s)",
            Assert.Single(report.Errors()));
        var none = report with { RtoSeconds = 300, Suggestions = FailoverBudget.Suggestions(inputs, 300) };
        Assert.Equal("failover budget 1590 s exceeds slo.rtoSeconds 300 s in active-passive; no single setting meets it: raise slo.rtoSeconds to at least 1590 or shorten failover.* estimates",
            Assert.Single(none.Errors()));
    }

    [Theory]
    [InlineData(5, 60, true, 30)]
    [InlineData(90, 60, false, 30)]
    [InlineData(1, 1, true, 1)]
    public void The_rpo_is_held_against_the_replicas_expected_lag(int lag, int rpo, bool meets, int alarm)
    {
        var slo = Slo(rpo: rpo, lag: lag);
        var model = FailoverBudget.RecoveryPoint(slo, sessionStore: true);
        Assert.Equal(new[] { lag, 1 }, model.Select(m => m.ExpectedLagSeconds));
        Assert.Equal(alarm, AlarmThresholds.ReplicaLagSeconds(slo));
        var report = new BudgetReport(RoutingStrategy.ActiveActive, DatabaseEngine.Postgres, Array.Empty<FailoverPath>(), 0, Array.Empty<FailoverPath>(), 0, 300, model, rpo, Array.Empty<string>());
        Assert.Equal(meets, report.MeetsRpo);
    }

    [Theory]
    [InlineData(99.9, 0.1)]
    [InlineData(99.99, 0.01)]
    [InlineData(99.5, 0.5)]
    public void The_5xx_alarm_fires_above_the_error_budget(double availability, double rate) =>
        Assert.Equal(rate, AlarmThresholds.ErrorRatePercent(new SloSettings(availability, 300, 60, 500, null, 90, 600, 5, 1)), 6);

    [Theory]
    [InlineData(500, 0.5)]
    [InlineData(1200, 1.2)]
    public void The_latency_alarm_is_the_p99_objective_in_seconds(int ms, double seconds) =>
        Assert.Equal(seconds, AlarmThresholds.P99Seconds(new SloSettings(99.9, 300, 60, ms, null, 90, 600, 5, 1)));
}
