using System.Text.Json;

namespace MultiRegionInfra.Configuration;

/// <summary>A stack's whole configuration as raw strings by full key (<c>namespace:key</c>), the form in
/// which the Pulumi CLI hands it to a program (the PULUMI_CONFIG variable) and in which stack files hold it.</summary>
public sealed class ConfigSource
{
    public ConfigSource(IReadOnlyDictionary<string, string> values) => Values = values;

    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The keys of one namespace, without the namespace.</summary>
    public IReadOnlyDictionary<string, string> Namespace(string name) =>
        Values.Where(p => p.Key.StartsWith(name + ":", StringComparison.Ordinal))
            .ToDictionary(p => p.Key[(name.Length + 1)..], p => p.Value, StringComparer.Ordinal);

    public string? Get(string fullKey) => Values.TryGetValue(fullKey, out var value) ? value : null;

    /// <summary>Reads PULUMI_CONFIG, where the CLI (and Pulumi's test runner) put the configuration.
    /// Reading it whole lets the program report keys it does not know, which Pulumi's Config cannot list.</summary>
    public static ConfigSource FromEnvironment()
    {
        var json = System.Environment.GetEnvironmentVariable("PULUMI_CONFIG");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(json))
        {
            using var document = JsonDocument.Parse(json);
            foreach (var property in document.RootElement.EnumerateObject())
                values[CleanKey(property.Name)] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }
        return new ConfigSource(values);
    }

    /// <summary>"project:config:key" (the CLI's older spelling) is "project:key".</summary>
    public static string CleanKey(string key)
    {
        var index = key.IndexOf(':', StringComparison.Ordinal);
        return index > 0 && key[(index + 1)..].StartsWith("config:", StringComparison.Ordinal)
            ? key[..(index + 1)] + key[(index + 1 + "config:".Length)..]
            : key;
    }
}
