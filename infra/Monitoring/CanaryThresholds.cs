using MultiRegionInfra.Reliability;

namespace MultiRegionInfra.Monitoring;

/// <summary>Alarm thresholds of a canary, derived from the SLO and its checks.</summary>
public static class CanaryThresholds
{
    /// <summary>A canary's runs succeed at least as often as the service promises to be available.</summary>
    public static double SuccessPercent(SloSettings slo)
    {
        ArgumentNullException.ThrowIfNull(slo);
        return slo.AvailabilityPercent;
    }

    /// <summary>A run's requests are made one after the other: it may take the sum of their latency limits
    /// and the setup allowance.</summary>
    public static int DurationMs(IEnumerable<CanaryStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return steps.Sum(s => s.LatencyMs) + CanarySettings.SetupAllowanceMs;
    }

    /// <summary>Runs out of the last three that must breach before an alarm: one failed run is a blip.</summary>
    public const int DatapointsToAlarm = 2;

    public const int EvaluationPeriods = 3;

    /// <summary>CloudWatch evaluates at most a day of periods.</summary>
    public const int MaxEvaluationSeconds = 86400;

    /// <summary>When the system alarm fires: the system's own endpoint failing for longer than failover is
    /// predicted to take (<paramref name="toleranceSeconds"/>, see <see cref="Reliability.BudgetReport.SystemAlarmTolerance"/>), so that a
    /// rehearsal or an outage is not declared uncontained while failover is still within its budget.
    /// Failing runs: one more than the tolerance spans, at least the usual two; out of one more run than
    /// that (a single success in between is a blip); within a day of periods.</summary>
    public static (int DatapointsToAlarm, int EvaluationPeriods) SystemRuns(int toleranceSeconds, int intervalSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(toleranceSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalSeconds);
        var most = MaxEvaluationSeconds / intervalSeconds;
        var failing = Math.Max(DatapointsToAlarm, (toleranceSeconds + intervalSeconds - 1) / intervalSeconds + 1);
        var periods = Math.Min(failing + 1, most);
        return (Math.Min(failing, periods), periods);
    }
}
