using MultiRegionInfra.Configuration;
using MultiRegionInfra.Networking;

namespace MultiRegionInfra.Reliability;

/// <summary>The region outage rehearsals: AWS FIS experiment templates per region (global stack keys).</summary>
/// <param name="Enabled">Whether the global stack creates the experiment templates.</param>
/// <param name="DurationMinutes">How long each experiment holds its region out.</param>
/// <param name="SubnetTiers">The subnet tiers the network experiment cuts off, one action each.</param>
/// <param name="MinutesPerMonth">Game-day minutes a month, for the cost estimate.</param>
/// <param name="LogRetentionDays">Days the experiments' CloudWatch logs are kept.</param>
public sealed record RehearsalSettings(bool Enabled, int DurationMinutes, IReadOnlyList<SubnetTier> SubnetTiers, int MinutesPerMonth, int LogRetentionDays)
{
    public const string EnabledKey = "rehearsal.enabled";
    public const string DurationKey = "rehearsal.durationMinutes";
    public const string SubnetTiersKey = "rehearsal.subnetTiers";
    public const string MinutesPerMonthKey = "rehearsal.minutesPerMonth";
    public const string LogRetentionKey = "rehearsal.logRetentionDays";

    public const int DefaultDurationMinutes = 15;
    public const int DefaultMinutesPerMonth = 60;
    public const int DefaultLogRetentionDays = 90;

    /// <summary>FIS takes action durations from one minute to 12 hours.</summary>
    public const int MaxDurationMinutes = 720;

    /// <summary>The minutes of a 31-day month: more game-day minutes than that cannot be run.</summary>
    public const int MaxMinutesPerMonth = 31 * 24 * 60;

    /// <summary>The tiers by the value of their subnets' Tier tag.</summary>
    public static readonly IReadOnlyDictionary<string, SubnetTier> Tiers = new Dictionary<string, SubnetTier>
    {
        ["public"] = SubnetTier.Public,
        ["private"] = SubnetTier.Private,
        ["isolated"] = SubnetTier.Isolated,
    };

    /// <summary>A whole region's network cut off: the load balancers' and NAT gateways' subnets, the
    /// instances' and the databases'.</summary>
    public static readonly IReadOnlyList<SubnetTier> AllTiers = new[] { SubnetTier.Public, SubnetTier.Private, SubnetTier.Isolated };

    public static readonly RehearsalSettings Off = new(false, DefaultDurationMinutes, AllTiers, DefaultMinutesPerMonth, DefaultLogRetentionDays);

    /// <summary>The FIS duration of <paramref name="minutes"/>, in ISO 8601 (PT15M, PT2H, PT1H30M).</summary>
    public static string IsoDuration(int minutes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minutes, 1);
        var (hours, rest) = Math.DivRem(minutes, 60);
        return $"PT{(hours > 0 ? $"{hours}H" : "")}{(rest > 0 ? $"{rest}M" : "")}";
    }

    /// <summary>The action-minutes a month of game days costs at most: every minute at the largest number
    /// of actions one experiment runs at once (the network experiment's, one per tier).</summary>
    public int ActionMinutesPerMonth => Enabled ? MinutesPerMonth * Math.Max(1, SubnetTiers.Count) : 0;

    /// <param name="environment">The stack's environment: rehearsals are on by default in staging only.</param>
    public static RehearsalSettings Read(ConfigReader config, DeploymentEnvironment? environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        var enabled = config.Bool(EnabledKey, environment == DeploymentEnvironment.Staging);
        var duration = config.Int(DurationKey, DefaultDurationMinutes, 1, MaxDurationMinutes);
        var minutes = config.Int(MinutesPerMonthKey, DefaultMinutesPerMonth, 0, MaxMinutesPerMonth);
        var retention = config.IntOneOf(LogRetentionKey, DefaultLogRetentionDays, RegionalSettings.LogRetentionDays.ToList());
        var tiers = ReadTiers(config);
        if (!enabled)
        {
            foreach (var key in new[] { DurationKey, SubnetTiersKey, MinutesPerMonthKey, LogRetentionKey })
            {
                if (config.Raw(key) is { } set)
                    config.Error(key, set, $"is set but {EnabledKey} is false, so there are no rehearsals",
                        $"allowed: set {EnabledKey} to true (the default in staging), or remove {key}");
            }
        }
        return new RehearsalSettings(enabled, duration, tiers, minutes, retention);
    }

    private static IReadOnlyList<SubnetTier> ReadTiers(ConfigReader config)
    {
        var allowed = $"allowed: a list of {string.Join(", ", Tiers.Keys)}, each once";
        var names = config.StringList(SubnetTiersKey, Tiers.Keys.ToList());
        var unknown = names.Where(n => !Tiers.ContainsKey(n)).ToList();
        foreach (var name in unknown)
            config.Error(SubnetTiersKey, name, "is not a subnet tier", allowed);
        foreach (var twice in names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key))
            config.Error(SubnetTiersKey, twice, "is listed more than once", allowed);
        if (config.Raw(SubnetTiersKey) is not null && names.Count == 0)
            config.Error(SubnetTiersKey, "[]", "is empty: the network experiment would disrupt nothing", allowed);
        var tiers = names.Where(Tiers.ContainsKey).Distinct().Select(n => Tiers[n]).Order().ToList();
        return tiers.Count == 0 ? AllTiers : tiers;
    }
}
