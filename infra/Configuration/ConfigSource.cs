using System.Text.Json;

namespace MultiRegionInfra.Configuration;

/// <summary>A stack's whole configuration as raw strings by full key (<c>namespace:key</c>), the form in
/// which the Pulumi CLI hands it to a program (the PULUMI_CONFIG variable) and in which stack files hold it.</summary>
public sealed class ConfigSource
{
    /// <param name="values">Every value by full key.</param>
    /// <param name="secretKeys">The keys whose values are secrets (set with <c>pulumi config set --secret</c>).</param>
    public ConfigSource(IReadOnlyDictionary<string, string> values, IReadOnlySet<string>? secretKeys = null)
    {
        Values = values;
        SecretKeys = secretKeys ?? new HashSet<string>(StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The keys whose values are secrets.</summary>
    public IReadOnlySet<string> SecretKeys { get; }

    public bool IsSecret(string fullKey) => SecretKeys.Contains(fullKey);

    /// <summary>The keys of one namespace, without the namespace.</summary>
    public IReadOnlyDictionary<string, string> Namespace(string name) =>
        Values.Where(p => p.Key.StartsWith(name + ":", StringComparison.Ordinal))
            .ToDictionary(p => p.Key[(name.Length + 1)..], p => p.Value, StringComparer.Ordinal);

    public string? Get(string fullKey) => Values.TryGetValue(fullKey, out var value) ? value : null;

    /// <summary>Reads PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS, where the CLI (and Pulumi's test
    /// runner) put the configuration and the names of its secret keys. Reading it whole lets the program
    /// report keys it does not know, which Pulumi's Config cannot list.</summary>
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
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        var secretJson = System.Environment.GetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS");
        if (!string.IsNullOrEmpty(secretJson))
        {
            using var document = JsonDocument.Parse(secretJson);
            foreach (var key in document.RootElement.EnumerateArray())
                secrets.Add(CleanKey(key.ToString()));
        }
        return new ConfigSource(values, secrets);
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
