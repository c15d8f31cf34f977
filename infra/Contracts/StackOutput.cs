using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using Pulumi;

namespace MultiRegionInfra.Contracts;

/// <summary>One output of a stack that other stacks read: its name, its type and what it holds.</summary>
public interface IStackOutput
{
    string Name { get; }

    string Description { get; }

    /// <summary>When the output exists, e.g. "always" or "when assets.enabled".</summary>
    string When { get; }

    /// <summary>The type's name in the documentation: string, number, boolean, list of strings.</summary>
    string TypeName { get; }
}

/// <summary>A typed stack output. The exporter can only give it a <typeparamref name="T"/>, and a
/// reader gets one back, converted from what a stack reference carries (numbers arrive as doubles,
/// lists as lists of objects).</summary>
public sealed class StackOutput<T> : IStackOutput
{
    public StackOutput(string name, string description, string when = "always")
    {
        Name = name;
        Description = description;
        When = when;
    }

    public string Name { get; }

    public string Description { get; }

    public string When { get; }

    public string TypeName => typeof(T) switch
    {
        var t when t == typeof(string) => "string",
        var t when t == typeof(int) => "number",
        var t when t == typeof(bool) => "boolean",
        var t when t == typeof(ImmutableArray<string>) => "list of strings",
        var t when t == typeof(ImmutableDictionary<string, string>) => "map of strings",
        var t when t == typeof(ImmutableDictionary<string, double>) => "map of numbers",
        var t when t == typeof(ImmutableDictionary<string, ImmutableArray<string>>) => "map of lists of strings",
        var t => t.Name,
    };

    /// <summary>Reads the output from another stack; the update fails, naming the stack and the output,
    /// when the stack does not export it.</summary>
    public Output<T> ReadFrom(StackReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.RequireOutput(Name).Apply(Convert);
    }

    /// <summary>A value as a stack reference carries it, as a <typeparamref name="T"/>.</summary>
    public T Convert(object? value)
    {
        object? converted = typeof(T) switch
        {
            var t when t == typeof(string) => value switch
            {
                null => "",
                string s => s,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            },
            var t when t == typeof(int) => System.Convert.ToInt32(value, CultureInfo.InvariantCulture),
            var t when t == typeof(bool) => value is string text ? bool.Parse(text) : System.Convert.ToBoolean(value, CultureInfo.InvariantCulture),
            var t when t == typeof(ImmutableArray<string>) => value is IEnumerable items && value is not string
                ? items.Cast<object?>().Select(i => System.Convert.ToString(i, CultureInfo.InvariantCulture) ?? "").ToImmutableArray()
                : throw new InvalidCastException($"stack output '{Name}' is not a list"),
            _ => throw new NotSupportedException($"stack output '{Name}' has a type the contract does not convert: {typeof(T).Name}"),
        };
        return (T)converted!;
    }
}

/// <summary>The outputs one stack exports, given by contract field, so each has the declared type.</summary>
public sealed class StackExports
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    public StackExports Add<T>(StackOutput<T> output, Input<T> value)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        _values.Add(output.Name, value.ToOutput());
        return this;
    }

    public StackExports Add<T>(StackOutput<T> output, T value) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(output);
        _values.Add(output.Name, value);
        return this;
    }

    public bool Contains(IStackOutput output) => _values.ContainsKey((output ?? throw new ArgumentNullException(nameof(output))).Name);

    /// <summary>The outputs as the program returns them to Pulumi.</summary>
    public IDictionary<string, object?> ToDictionary() => _values.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal);
}
