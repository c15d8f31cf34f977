using System.Text.RegularExpressions;
using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Monitoring;

/// <summary>The global stack's synthetic API checks: a CloudWatch Synthetics canary in every region.</summary>
/// <param name="Enabled">Whether the global stack creates the canaries.</param>
/// <param name="Schedule">How often each canary runs.</param>
/// <param name="Checks">The checks a team configured; the health path's check comes first in every canary.</param>
/// <param name="ArtifactRetentionDays">Days the canaries' artifacts and run records are kept.</param>
/// <param name="NamePrefix">The start of each canary's name, <c>&lt;prefix&gt;-&lt;stack&gt;</c>.</param>
/// <param name="RuntimeVersion">The Synthetics runtime the script runs on.</param>
/// <param name="HealthLatencyMs">The health check's latency limit (the SLO's p99 objective).</param>
public sealed partial record CanarySettings(bool Enabled, CanarySchedule Schedule, IReadOnlyList<CanaryCheck> Checks, int ArtifactRetentionDays,
    string NamePrefix, string RuntimeVersion, int HealthLatencyMs)
{
    public const string EnabledKey = "canary.enabled";
    public const string ScheduleKey = "canary.schedule";
    public const string ChecksKey = "canary.checks";
    public const string RetentionKey = "canary.artifactRetentionDays";
    public const string NamePrefixKey = "canary.namePrefix";
    public const string RuntimeKey = "canary.runtimeVersion";

    public const string DefaultNamePrefix = "api";
    public const int DefaultRetentionDays = 30;

    /// <summary>Synthetics keeps run records 1 to 455 days.</summary>
    public const int MaxRetentionDays = 455;

    /// <summary>A Node.js runtime with Puppeteer that AWS supports (CloudWatch User Guide, "Runtime versions
    /// using Node.js and Puppeteer"); the script uses only Node's https module, the Synthetics step API
    /// and the AWS SDK for JavaScript v3 of the Lambda runtime.</summary>
    public const string DefaultRuntimeVersion = "syn-nodejs-puppeteer-13.0";

    /// <summary>The oldest major runtime the script runs on: Node.js 20 and the AWS SDK v3 from here on.</summary>
    public const int MinRuntimeMajor = 9;

    /// <summary>The longest canary name the Synthetics API takes everywhere: StartCanary and GetCanaryRuns
    /// are documented with a 21-character limit (CreateCanary accepts more in newer API versions, the
    /// CI's calls must still name it).</summary>
    public const int MaxNameLength = 21;

    /// <summary>The most checks a canary makes (besides the health path), per target.</summary>
    public const int MaxChecks = 20;

    /// <summary>What a run does besides its requests (starting, reading the origin secrets), in the
    /// duration alarm's threshold and the time a run may take.</summary>
    public const int SetupAllowanceMs = 2000;

    /// <summary>A region's canary: <c>&lt;prefix&gt;-&lt;stack&gt;</c>, e.g. <c>api-us-east</c>.</summary>
    public static string CanaryName(string prefix, string stack) => $"{prefix}-{stack}";

    /// <summary>Why a canary name is refused, or null: Synthetics takes 1 to 21 lower-case letters, digits,
    /// '-' and '_'.</summary>
    public static string? NameProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!CanaryNameFormat().IsMatch(name))
            return "is not a canary name (lower-case letters, digits, '-' and '_' only)";
        return name.Length > MaxNameLength ? $"is {name.Length} characters long, more than the {MaxNameLength} a canary name may have" : null;
    }

    /// <param name="enabledByDefault">Whether canaries run when canary.enabled is unset: in prod, and
    /// wherever region outages are rehearsed (the rehearsals stop on the canaries).</param>
    public static CanarySettings Read(ConfigReader config, bool enabledByDefault, IReadOnlyList<string> regions, int defaultLatencyMs)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(regions);
        var enabled = config.Bool(EnabledKey, enabledByDefault);

        var expression = config.String(ScheduleKey, CanarySchedule.DefaultExpression);
        var schedule = CanarySchedule.Parse(expression);
        if (schedule is null)
            config.Error(ScheduleKey, expression, "is not a canary rate", CanarySchedule.Allowed);

        var retention = config.Int(RetentionKey, DefaultRetentionDays, 1, MaxRetentionDays);

        var prefix = config.String(NamePrefixKey, DefaultNamePrefix);
        var prefixValid = PrefixFormat().IsMatch(prefix);
        if (!prefixValid)
            config.Error(NamePrefixKey, prefix, "is not a canary name prefix", "allowed: 1 to 10 lower-case letters, digits, '-' and '_', starting with a letter");
        else if (enabled)
        {
            foreach (var stack in regions)
            {
                var name = CanaryName(prefix, stack);
                if (NameProblem(name) is { } problem)
                    config.Error(NamePrefixKey, prefix, $"makes the canary of region '{stack}' '{name}', which {problem}",
                        $"allowed: a prefix that leaves room for every region's stack name ({MaxNameLength - 1 - regions.Max(r => r.Length)} characters or fewer here), and stack names of lower-case letters, digits, '-' and '_'");
            }
        }

        var runtime = config.String(RuntimeKey, DefaultRuntimeVersion);
        if (RuntimeMajor(runtime) is not { } major || major < MinRuntimeMajor)
            config.Error(RuntimeKey, runtime, "is not a runtime the canary's script runs on",
                $"allowed: syn-nodejs-puppeteer-<major>.<minor> with major {MinRuntimeMajor} or later (Node.js 20 or later), e.g. {DefaultRuntimeVersion}");

        var entries = config.StringList(ChecksKey, Array.Empty<string>());
        var checks = CanaryCheck.ReadAll(config, ChecksKey, entries, defaultLatencyMs);
        if (checks.Count > MaxChecks)
            config.Error(ChecksKey, checks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "is more checks than a canary makes", $"allowed: at most {MaxChecks} checks");

        var settings = new CanarySettings(enabled, schedule ?? CanarySchedule.Default, checks, retention, prefix, runtime, defaultLatencyMs);
        var targets = CanaryTargets.MostTargets;
        if (schedule is not null && settings.WorstRunMs(targets) > schedule.RunTimeoutSeconds * 1000L)
        {
            var worst = (settings.WorstRunMs(targets) / 1000.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
            config.Error(ChecksKey, $"{checks.Count} checks", $"can take up to {worst} s a run over {targets} targets (each request may wait twice its latencyMs), more than the {schedule.RunTimeoutSeconds} s a run may take at {schedule.Expression}",
                $"allowed: fewer checks or lower latencyMs, or a longer {ScheduleKey}");
        }
        return settings;
    }

    /// <summary>The checks every canary makes on one target: the health path's first, then the configured ones.</summary>
    public IReadOnlyList<CanaryCheck> ChecksWithHealth(string healthPath) => Checks.Prepend(CanaryCheck.Health(healthPath, HealthLatencyMs)).ToList();

    /// <summary>The longest a run can take when every request of <paramref name="targets"/> targets waits out
    /// its timeout, with the setup allowance.</summary>
    public long WorstRunMs(int targets) =>
        SetupAllowanceMs + targets * (CanaryCheck.Health("/", HealthLatencyMs).TimeoutMs + Checks.Sum(c => (long)c.TimeoutMs));

    /// <summary>The major version of a syn-nodejs-puppeteer runtime, or null for any other name.</summary>
    public static int? RuntimeMajor(string runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var match = Runtime().Match(runtime);
        return match.Success && int.TryParse(match.Groups["major"].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var major)
            ? major
            : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,9}$")]
    private static partial Regex PrefixFormat();

    [GeneratedRegex("^[0-9a-z_-]+$")]
    private static partial Regex CanaryNameFormat();

    [GeneratedRegex(@"^syn-nodejs-puppeteer-(?<major>[0-9]{1,3})\.[0-9]{1,3}$")]
    private static partial Regex Runtime();
}
