using System.Globalization;
using System.Text.Json;

namespace MultiRegionInfra.Configuration;

/// <summary>Reads one stack's configuration (the project's namespace, as raw strings) into typed values,
/// collecting every problem instead of stopping at the first, and remembering which keys it knows so
/// that unknown keys can be reported with a suggestion.</summary>
public sealed class ConfigReader
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly List<string> _errors = new();
    private readonly IReadOnlySet<string> _secretKeys;

    /// <param name="secretKeys">Keys (without the namespace) whose values are secrets: errors never repeat them.</param>
    public ConfigReader(string project, IReadOnlyDictionary<string, string> values, IReadOnlySet<string>? secretKeys = null)
    {
        Project = project;
        _values = values;
        _secretKeys = secretKeys ?? new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>A reader of <paramref name="project"/>'s keys in <paramref name="source"/>, knowing which are secrets.</summary>
    public static ConfigReader For(string project, ConfigSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var prefix = project + ":";
        return new ConfigReader(project, source.Namespace(project),
            source.SecretKeys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The namespace the keys live in (the Pulumi project name).</summary>
    public string Project { get; }

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Every key this reader was asked about: the keys of its stack kind.</summary>
    public IReadOnlyCollection<string> KnownKeys => _known;

    public bool Has(string key)
    {
        _known.Add(key);
        return _values.ContainsKey(key);
    }

    /// <summary>Records a problem with a key: its value, what is wrong, and what is allowed.</summary>
    public void Error(string key, string? value, string problem, string allowed) =>
        _errors.Add(value is null
            ? $"{Project}:{key}: {problem}; {allowed}"
            : _secretKeys.Contains(key)
                ? $"{Project}:{key}: its (secret) value {problem}; {allowed}"
                : $"{Project}:{key}: '{value}' {problem}; {allowed}");

    /// <summary>Records a problem with a key of another namespace (e.g. aws:region).</summary>
    public void ErrorAt(string fullKey, string? value, string problem, string allowed) =>
        _errors.Add(value is null ? $"{fullKey}: {problem}; {allowed}" : $"{fullKey}: '{value}' {problem}; {allowed}");

    public string? Raw(string key)
    {
        _known.Add(key);
        return _values.TryGetValue(key, out var value) ? value : null;
    }

    public string? OptionalString(string key, Func<string, bool>? isValid = null, string? allowed = null)
    {
        var value = Raw(key);
        if (value is null || isValid is null || isValid(value))
            return value;
        Error(key, value, "is not valid", allowed ?? "see Pulumi.yaml");
        return null;
    }

    public string String(string key, string fallback, Func<string, bool>? isValid = null, string? allowed = null) =>
        OptionalString(key, isValid, allowed) ?? fallback;

    public string? RequiredString(string key, string allowed)
    {
        var value = Raw(key);
        if (value is null)
            Error(key, null, "is required", allowed);
        return value;
    }

    public int Int(string key, int fallback, int min, int max)
    {
        var value = Raw(key);
        if (value is null)
            return fallback;
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            Error(key, value, "is not an integer", $"allowed: an integer from {min} to {max}");
            return fallback;
        }
        if (number < min || number > max)
        {
            Error(key, value, "is out of range", $"allowed: an integer from {min} to {max}");
            return fallback;
        }
        return number;
    }

    public int IntOneOf(string key, int fallback, IReadOnlyCollection<int> allowedValues)
    {
        var value = Raw(key);
        if (value is null)
            return fallback;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && allowedValues.Contains(number))
            return number;
        Error(key, value, "is not allowed", $"allowed: one of {string.Join(", ", allowedValues)}");
        return fallback;
    }

    public double Double(string key, double fallback, double min, double max)
    {
        var value = Raw(key);
        if (value is null)
            return fallback;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            Error(key, value, "is not a number in range", $"allowed: a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
            return fallback;
        }
        return number;
    }

    public bool Bool(string key, bool fallback)
    {
        var value = Raw(key);
        switch (value)
        {
            case null:
                return fallback;
            case "true":
                return true;
            case "false":
                return false;
            default:
                Error(key, value, "is not a boolean", "allowed: true or false");
                return fallback;
        }
    }

    /// <summary>A value from a closed set of names, e.g. <c>primary</c> or <c>replica</c>.</summary>
    public T Choice<T>(string key, T fallback, IReadOnlyDictionary<string, T> choices)
    {
        var value = Raw(key);
        if (value is null)
            return fallback;
        if (choices.TryGetValue(value, out var choice))
            return choice;
        Error(key, value, "is not allowed", $"allowed: {string.Join(", ", choices.Keys)}");
        return fallback;
    }

    public T? RequiredChoice<T>(string key, IReadOnlyDictionary<string, T> choices) where T : struct
    {
        var value = Raw(key);
        if (value is null)
        {
            Error(key, null, "is required", $"allowed: {string.Join(", ", choices.Keys)}");
            return null;
        }
        if (choices.TryGetValue(value, out var choice))
            return choice;
        Error(key, value, "is not allowed", $"allowed: {string.Join(", ", choices.Keys)}");
        return null;
    }

    /// <summary>A list, given in the stack file as a YAML sequence (it reaches the program as JSON).</summary>
    public IReadOnlyList<string> StringList(string key, IReadOnlyList<string> fallback)
    {
        var value = Raw(key);
        if (value is null)
            return fallback;
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind == JsonValueKind.Array &&
                document.RootElement.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
                return document.RootElement.EnumerateArray().Select(e => e.GetString()!).ToList();
        }
        catch (JsonException)
        {
            // Reported below.
        }
        Error(key, value, "is not a list of strings", "allowed: a YAML sequence of strings");
        return fallback;
    }

    /// <summary>Reports every configured key this reader was never asked about, suggesting the nearest known key.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var key in _values.Keys.Where(k => !_known.Contains(k)).OrderBy(k => k, StringComparer.Ordinal))
        {
            var suggestion = Suggest(key, _known);
            Error(key, null, "is not a known key", suggestion is null
                ? "see the config section of Pulumi.yaml for the keys of this stack"
                : $"did you mean '{suggestion}'?");
        }
    }

    /// <summary>The known key closest to <paramref name="key"/>, if it is close enough to be a typo.</summary>
    public static string? Suggest(string key, IEnumerable<string> known)
    {
        var best = known
            .Select(k => (Key: k, Distance: EditDistance(key.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Key is not null && best.Distance <= Math.Max(2, key.Length / 3) ? best.Key : null;
    }

    public static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), substitution);
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
