using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiRegionInfra.Monitoring;

/// <summary>How often a canary runs: a CloudWatch Synthetics rate expression. Only rates are taken (no
/// cron): the cost model counts runs, and the deploy gate waits about one interval for the next run.</summary>
/// <param name="Expression">The expression as Synthetics takes it, e.g. <c>rate(5 minutes)</c>.</param>
/// <param name="IntervalMinutes">Minutes between runs, 1 to 60.</param>
public sealed partial record CanarySchedule(string Expression, int IntervalMinutes)
{
    public const string DefaultExpression = "rate(5 minutes)";

    /// <summary>What <see cref="Parse"/> accepts, for error messages.</summary>
    public const string Allowed = "allowed: rate(1 minute), rate(N minutes) with N from 2 to 60, or rate(1 hour)";

    /// <summary>Synthetics' longest run (14 minutes, the CreateCanary RunConfig limit).</summary>
    public const int MaxRunSeconds = 840;

    public static CanarySchedule Default { get; } = Parse(DefaultExpression)!;

    public int IntervalSeconds => IntervalMinutes * 60;

    /// <summary>Runs in a month of 730 hours, the cost model's month.</summary>
    public decimal RunsPerMonth => Costs.PriceTable.HoursPerMonth * 60 / IntervalMinutes;

    /// <summary>How long one run may take: the interval (a run may not overlap the next), at most 14 minutes.</summary>
    public int RunTimeoutSeconds => Math.Min(IntervalSeconds, MaxRunSeconds);

    /// <summary>The schedule of an expression, or null when Synthetics would refuse it or it is not a rate:
    /// the number and its unit agree (1 minute, 2 minutes), from one minute to one hour.</summary>
    public static CanarySchedule? Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var match = Rate().Match(expression);
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return null;
        var unit = match.Groups["unit"].Value;
        var minutes = unit.StartsWith("hour", StringComparison.Ordinal) ? n * 60 : n;
        var singular = !unit.EndsWith('s');
        if (singular != (n == 1) || minutes is < 1 or > 60)
            return null;
        return new CanarySchedule(expression, minutes);
    }

    [GeneratedRegex(@"^rate\((?<n>[0-9]{1,3}) (?<unit>minute|minutes|hour|hours)\)$")]
    private static partial Regex Rate();
}
