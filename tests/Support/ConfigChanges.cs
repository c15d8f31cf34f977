namespace MultiRegionInfra.Tests.Support;

/// <summary>Edits of a test's configuration: set keys, or remove them with a null value.</summary>
public static class ConfigChanges
{
    public static Dictionary<string, string> With(this Dictionary<string, string> config, params (string Key, string? Value)[] changes)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var (key, value) in changes)
        {
            if (value is null)
                config.Remove(key);
            else
                config[key] = value;
        }
        return config;
    }
}
