namespace MultiRegionInfra.Configuration;

/// <summary>The <c>tags</c> key shared by every stack kind: extra Key=Value tags after the standard ones.</summary>
public static class TagConfig
{
    public static IReadOnlyDictionary<string, string> Read(ConfigReader config)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in config.StringList("tags", Array.Empty<string>()))
        {
            var separator = entry.IndexOf('=', StringComparison.Ordinal);
            var key = separator > 0 ? entry[..separator] : "";
            if (separator <= 0 || separator == entry.Length - 1)
                config.Error("tags", entry, "is not a Key=Value pair", "allowed: a list of Key=Value strings, e.g. CostCenter=1234");
            else if (Naming.StackContext.StandardTagKeys.Contains(key))
                config.Error("tags", entry, $"redefines the standard tag '{key}'", $"allowed: keys other than {string.Join(", ", Naming.StackContext.StandardTagKeys)}");
            else
                tags[key] = entry[(separator + 1)..];
        }
        return tags;
    }
}
