using System.Globalization;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>The values the plan's mocks invented (IDs, ARNs, DNS names, the account, looked-up AMIs):
/// values a deployment would only know once AWS has created the resource. The plan keeps them in its
/// JSON, exactly as the program registered them, and marks where they appear, so that nobody takes a
/// made-up ARN for a real one: text and markdown show them as <see cref="Placeholder"/>.</summary>
public sealed class ModelledValues
{
    /// <summary>What a value known only after deployment is shown as, the way `pulumi preview` shows it.</summary>
    public const string Placeholder = "output<string>";

    // Shorter fragments could match real text by chance; the mocks' hashes are 7 characters or more.
    private const int MinimumLength = 7;

    // Values by their first characters, so a text is searched once, not once per value.
    private readonly Dictionary<string, List<string>> _byPrefix = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _verdicts = new(StringComparer.Ordinal);

    /// <summary>Remembers an invented value (or an invented fragment of values).</summary>
    public void Add(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length < MinimumLength)
            return;
        lock (_values)
        {
            if (!_values.Add(value))
                return;
            var prefix = value[..MinimumLength];
            if (!_byPrefix.TryGetValue(prefix, out var values))
                _byPrefix[prefix] = values = new List<string>();
            values.Add(value);
            _verdicts.Clear();
        }
    }

    /// <summary>Whether <paramref name="text"/> is or contains an invented value. Case is ignored: the
    /// mocks write some hashes in upper case (CloudFront and hosted zone IDs).</summary>
    public bool Contains(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_values)
        {
            if (_verdicts.TryGetValue(text, out var known))
                return known;
            var verdict = false;
            var lookup = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var i = 0; i + MinimumLength <= text.Length && !verdict; i++)
            {
                if (lookup.TryGetValue(text.AsSpan(i, MinimumLength), out var candidates))
                    verdict = candidates.Any(v => text.AsSpan(i).StartsWith(v, StringComparison.OrdinalIgnoreCase));
            }
            _verdicts[text] = verdict;
            return verdict;
        }
    }

    /// <summary>The paths (<c>key</c>, <c>key.child</c>, <c>key[0]</c>) of the string leaves of
    /// <paramref name="values"/> that hold an invented value, in order.</summary>
    public IReadOnlyList<string> PathsIn(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var paths = new List<string>();
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
            Collect(value, key, paths);
        return paths;
    }

    private void Collect(object? value, string path, List<string> paths)
    {
        switch (value)
        {
            case string text when Contains(text):
                paths.Add(path);
                break;
            case IReadOnlyDictionary<string, object?> map:
                foreach (var (key, child) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                    Collect(child, $"{path}.{key}", paths);
                break;
            case IReadOnlyList<object?> list:
                for (var i = 0; i < list.Count; i++)
                    Collect(list[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), paths);
                break;
        }
    }

    /// <summary>Every string leaf of a plain value (strings, lists, maps).</summary>
    public static IEnumerable<string> Leaves(object? value)
    {
        switch (value)
        {
            case string text:
                yield return text;
                break;
            case System.Collections.IDictionary map:
                foreach (var child in map.Values)
                {
                    foreach (var leaf in Leaves(child))
                        yield return leaf;
                }
                break;
            case System.Collections.IEnumerable list:
                foreach (var child in list)
                {
                    foreach (var leaf in Leaves(child))
                        yield return leaf;
                }
                break;
        }
    }
}
