using System.Collections.Immutable;
using Pulumi;

namespace MultiRegionInfra.OfflineSdk.Engine;

/// <summary>The engine's property values, as the real SDK sends them: null, string, double, bool, lists,
/// maps, and three special forms (unknown, secret, resource reference).</summary>
internal static class Wire
{
    /// <summary>The real SDK's marker for a value not known until the resource exists.</summary>
    public const string UnknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    /// <summary>A plain value with its known and secret flags, as the real deserializer yields it.</summary>
    public readonly record struct Plain(object? Value, bool IsKnown, bool IsSecret);

    public static Plain Deserialize(object? wire)
    {
        switch (wire)
        {
            case string s when s == UnknownValue:
                return new Plain(null, false, false);
            case SecretValue secret:
                var inner = Deserialize(secret.Value);
                return inner with { IsSecret = true };
            case ResourceReference reference:
                return new Plain(reference.Resource, true, false);
            case ImmutableArray<object?> list:
            {
                var known = true;
                var isSecret = false;
                var items = ImmutableArray.CreateBuilder<object?>(list.Length);
                foreach (var item in list)
                {
                    var plain = Deserialize(item);
                    known &= plain.IsKnown;
                    isSecret |= plain.IsSecret;
                    items.Add(plain.Value);
                }
                return new Plain(items.MoveToImmutable(), known, isSecret);
            }
            case ImmutableDictionary<string, object?> map:
            {
                var known = true;
                var isSecret = false;
                var entries = ImmutableDictionary.CreateBuilder<string, object?>();
                foreach (var (key, value) in map)
                {
                    var plain = Deserialize(value);
                    known &= plain.IsKnown;
                    isSecret |= plain.IsSecret;
                    entries[key] = plain.Value;
                }
                return new Plain(entries.ToImmutable(), known, isSecret);
            }
            default:
                return new Plain(wire, true, false);
        }
    }

    /// <summary>What the mocks receive: known, non-null top-level values with secrets unwrapped.</summary>
    public static ImmutableDictionary<string, object> ToMockDictionary(ImmutableDictionary<string, object?> properties)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, object>();
        foreach (var (key, value) in properties)
        {
            var plain = Deserialize(value);
            if (plain.IsKnown && plain.Value is not null)
                builder.Add(key, plain.Value);
        }
        return builder.ToImmutable();
    }

    public static bool ContainsUnknown(object? wire) => wire switch
    {
        string s => s == UnknownValue,
        SecretValue secret => ContainsUnknown(secret.Value),
        ImmutableArray<object?> list => list.Any(ContainsUnknown),
        ImmutableDictionary<string, object?> map => map.Values.Any(ContainsUnknown),
        _ => false,
    };
}

internal sealed record SecretValue(object? Value);

internal sealed record ResourceReference(Resource Resource);
