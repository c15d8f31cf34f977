using System.Text.RegularExpressions;

namespace MultiRegionInfra.Configuration;

/// <summary>The <c>tags</c> key shared by every stack kind: extra Key=Value tags after the standard ones,
/// held to the rules every AWS service the stacks tag accepts (IAM's being the strictest).</summary>
public static class TagConfig
{
    /// <summary>The most tags an AWS resource takes.</summary>
    public const int MaxTagsPerResource = 50;

    public const int MaxKeyLength = 128;

    public const int MaxValueLength = 256;

    /// <summary>Letters, digits, spaces and _ . : / = + - @ (what IAM, S3 and EC2 all accept).</summary>
    private static readonly Regex Allowed = new(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>The most extra tags a stack may add beside the standard ones.</summary>
    public static int MaxExtraTags => MaxTagsPerResource - Naming.StackContext.StandardTagKeys.Count;

    public static IReadOnlyDictionary<string, string> Read(ConfigReader config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        // Keys that differ only in case are one key to IAM (and a duplicate to a person).
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in Naming.StackContext.StandardTagKeys)
            seen[key] = key;
        var entries = config.StringList("tags", Array.Empty<string>());
        foreach (var entry in entries)
        {
            var separator = entry.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                config.Error("tags", entry, "is not a Key=Value pair", "allowed: a list of Key=Value strings, e.g. CostCenter=1234");
                continue;
            }
            var key = entry[..separator];
            var value = entry[(separator + 1)..];
            var problem = Problem(key, value);
            if (problem is not null)
                config.Error("tags", entry, problem.Value.Problem, problem.Value.Allowed);
            else if (seen.TryGetValue(key, out var earlier) && Naming.StackContext.StandardTagKeys.Contains(earlier))
                config.Error("tags", entry, $"redefines the standard tag '{earlier}'", $"allowed: keys other than {string.Join(", ", Naming.StackContext.StandardTagKeys)}");
            else if (earlier is not null)
                config.Error("tags", entry, $"repeats the key '{earlier}'{(earlier == key ? "" : " (keys that differ only in case are one key to IAM)")}", "allowed: each key once");
            else
            {
                seen[key] = key;
                tags[key] = value;
            }
        }
        if (entries.Count > MaxExtraTags)
            config.Error("tags", $"{entries.Count} tags", $"is more than AWS's {MaxTagsPerResource} tags per resource with the {Naming.StackContext.StandardTagKeys.Count} standard ones",
                $"allowed: at most {MaxExtraTags} tags");
        return tags;
    }

    /// <summary>What is wrong with a tag by AWS's rules, or null.</summary>
    public static (string Problem, string Allowed)? Problem(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            return ("uses the prefix aws:, which AWS reserves", "allowed: a key not starting with aws:");
        if (key.Length > MaxKeyLength)
            return ($"has a key of {key.Length} characters", $"allowed: keys of 1 to {MaxKeyLength} characters");
        if (value.Length > MaxValueLength)
            return ($"has a value of {value.Length} characters", $"allowed: values of 0 to {MaxValueLength} characters");
        if (key.Trim().Length != key.Length || key.Trim().Length == 0)
            return ("has a key that starts or ends with a space", "allowed: a key without leading or trailing spaces");
        if (!Allowed.IsMatch(key) || !Allowed.IsMatch(value))
            return ("has a character AWS does not accept in tags", "allowed: letters, digits, spaces and _ . : / = + - @");
        return null;
    }
}
