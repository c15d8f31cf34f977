using System.Text.RegularExpressions;
using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Policies;

/// <summary>Where a stack's data may live: region groups (eu, us, ...) and single regions.</summary>
public sealed record DataResidency(IReadOnlyList<string> Allowed)
{
    public const string ConfigKey = "dataResidency";

    /// <summary>Region groups by the prefix of their regions' names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Groups = new Dictionary<string, string>
    {
        ["eu"] = "eu-", ["us"] = "us-", ["ca"] = "ca-", ["sa"] = "sa-", ["ap"] = "ap-", ["me"] = "me-", ["af"] = "af-", ["il"] = "il-", ["mx"] = "mx-",
    };

    private static readonly Regex RegionName = new("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", RegexOptions.None, TimeSpan.FromSeconds(1));

    public bool Allows(string region) => Allowed.Any(a => a == region || Groups.TryGetValue(a, out var prefix) && region.StartsWith(prefix, StringComparison.Ordinal));

    public override string ToString() => string.Join(", ", Allowed);

    /// <summary>Reads the key; null when the stack declares no residency.</summary>
    public static DataResidency? Read(ConfigReader config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Has(ConfigKey))
            return null;
        var entries = config.StringList(ConfigKey, Array.Empty<string>());
        var bad = entries.Where(e => !Groups.ContainsKey(e) && !RegionName.IsMatch(e)).ToList();
        foreach (var entry in bad)
            config.Error(ConfigKey, entry, "is neither a region group nor a region", $"allowed: groups {string.Join(", ", Groups.Keys)}, or region names such as eu-west-1");
        if (entries.Count == 0 && config.Errors.Count == 0)
            config.Error(ConfigKey, "[]", "allows no region", "allowed: at least one region group or region");
        return bad.Count == 0 && entries.Count > 0 ? new DataResidency(entries) : null;
    }
}
