using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>Plan values (strings, numbers, booleans, lists and maps) as a reader sees them.</summary>
public static class PlanValues
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A value on one line: strings as they are, containers as compact JSON.</summary>
    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value, Compact),
    };

    /// <summary><paramref name="value"/> (found at <paramref name="path"/>) with every leaf whose path is
    /// in <paramref name="modelled"/> replaced by <see cref="ModelledValues.Placeholder"/>.</summary>
    public static object? Masked(object? value, string path, IReadOnlySet<string> modelled)
    {
        ArgumentNullException.ThrowIfNull(modelled);
        if (modelled.Count == 0)
            return value;
        if (modelled.Contains(path))
            return ModelledValues.Placeholder;
        return value switch
        {
            IReadOnlyDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => Masked(p.Value, $"{path}.{p.Key}", modelled)),
            IReadOnlyList<object?> list => list.Select((item, i) => Masked(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), modelled)).ToList(),
            _ => value,
        };
    }

    /// <summary>A value shown with its modelled parts masked.</summary>
    public static string Shown(object? value, string path, IReadOnlySet<string> modelled) => Show(Masked(value, path, modelled));

    /// <summary>A JSON element as a plain value (strings, doubles, booleans, lists, sorted maps), the
    /// shape the plan builds its values in.</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).ToDictionary(p => p.Name, p => FromJson(p.Value)),
        _ => null,
    };

    /// <summary>Whether two plain values are the same (lists in order, maps by key).</summary>
    public static bool Same(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b) =>
            a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && Same(p.Value, other)),
        (IReadOnlyList<object?> a, IReadOnlyList<object?> b) => a.Count == b.Count && a.Zip(b).All(p => Same(p.First, p.Second)),
        (double a, double b) => a.Equals(b),
        (string a, string b) => a == b,
        (bool a, bool b) => a == b,
        _ => false,
    };
}
