using MultiRegionInfra.Configuration;
using MultiRegionInfra.Stacks.Plan;
using MultiRegionInfra.Reliability;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Reliability;

/// <summary>How long the canaries' system alarm waits before it fires, and where plan warns that it would not
/// serve as the rehearsals' stop condition.</summary>
public class SystemAlarmToleranceTests
{
    private const string WriteCheck = "[\"{method: POST, path: /api/echo, status: 201}\"]";
    private const string ReadCheck = "[\"{path: /api/status}\"]";

    [Theory]
    // strategy, engine, checks, tolerance (the mocks' health checks: 10 s × 3)
    // Reads follow the API path: active-active 30 s detection + 60 s DNS.
    [InlineData("active-active", DatabaseEngine.Postgres, ReadCheck, 90)]
    // A write waits for the writer to move: detection + 300 s approval + 600 s promotion + 600 s re-point.
    [InlineData("active-active", DatabaseEngine.Postgres, WriteCheck, 1530)]
    [InlineData("active-active", DatabaseEngine.AuroraPostgresql, WriteCheck, 390)]
    // Active-passive's API path: detection + approval + the promotion (the scale-up's 210 s beside it) + 60 s routing.
    [InlineData("active-passive", DatabaseEngine.Postgres, ReadCheck, 990)]
    [InlineData("active-passive", DatabaseEngine.AuroraPostgresql, WriteCheck, 600)]
    public void The_alarm_waits_for_the_path_its_checks_follow(string strategy, DatabaseEngine engine, string checks, int tolerance)
    {
        var global = SettingsFrom.Global(("strategy", strategy), ("canary.enabled", "true"), ("canary.checks", checks));
        Assert.Equal(tolerance, BudgetReport.SystemAlarmTolerance(global, Array.Empty<RegionalSettings>(), engine));
    }

    [Fact]
    public void Plan_warns_when_the_regions_compute_makes_failover_longer_than_the_alarm_waits()
    {
        // Active-passive Aurora: the standby's scale-up (90 s boot + the grace) is the longest branch.
        var global = SettingsFrom.Global(("strategy", "active-passive"), ("canary.enabled", "true"));
        var aurora = new[] { ("database.engine", (string?)"aurora-postgresql") };
        var regions = new[]
        {
            SettingsFrom.Regional(AwsMocks.PrimaryConfig().With(aurora), "us-east"),
            SettingsFrom.Regional(AwsMocks.ReplicaConfig().With([.. aurora, ("compute.healthCheckGraceSeconds", "300")]), "eu-west"),
        };
        // 30 s detection + 300 s approval + (90 + 300) s scale-up + 60 s routing = 780 s, against 600 s with the default grace.
        Assert.Equal(new[] { "the canaries' system alarm waits 600 s (the budget with the regions' default compute), but the regions' stack files make failover take 780 s: it may fire, and stop a rehearsal, while failover is still within its budget" },
            SystemAnalysis.SystemAlarmWarnings(global, regions));
        var defaults = new[] { SettingsFrom.Regional(AwsMocks.PrimaryConfig().With(aurora), "us-east"), SettingsFrom.Regional(AwsMocks.ReplicaConfig().With(aurora), "eu-west") };
        Assert.Empty(SystemAnalysis.SystemAlarmWarnings(global, defaults));
    }

    [Theory]
    // strategy, rehearsal.durationMinutes, the warning's minutes (none when long enough); a run every 5 minutes
    // active-active's 90 s: 2 failing runs × 300 s + 60 s = 660 s, 11 minutes
    [InlineData("active-active", 15, null)]
    [InlineData("active-active", 10, 11)]
    // active-passive's 990 s: 5 failing runs × 300 s + 60 s = 1560 s, 26 minutes
    [InlineData("active-passive", 15, 26)]
    [InlineData("active-passive", 26, null)]
    public void Plan_warns_when_a_rehearsal_ends_before_the_alarm_could_stop_it(string strategy, int minutes, int? needed)
    {
        var global = SettingsFrom.Global(("strategy", strategy), ("canary.enabled", "true"), ("rehearsal.enabled", "true"), ("rehearsal.durationMinutes", minutes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var warnings = SystemAnalysis.SystemAlarmWarnings(global, Array.Empty<RegionalSettings>()).ToList();
        if (needed is null)
            Assert.Empty(warnings);
        else
            Assert.Equal($"rehearsal.durationMinutes {minutes} is shorter than the canaries' system alarm needs to fire ({needed * 60} s: its failing runs at rate(5 minutes) and a minute): a rehearsal can neither stop on it nor show the recovery; set at least {needed}",
                Assert.Single(warnings));
    }
}
