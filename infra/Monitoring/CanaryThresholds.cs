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
}
