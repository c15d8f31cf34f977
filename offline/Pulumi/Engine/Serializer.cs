using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using Pulumi;

namespace MultiRegionInfra.OfflineSdk.Engine;

/// <summary>Turns args, inputs and mock states into wire values, with the real serializer's rules.</summary>
internal static class Serializer
{
    private sealed record InputMember(string WireName, string MemberName, bool Required, bool Json, Func<object, object?> Get);

    private static readonly ConcurrentDictionary<Type, InputMember[]> MembersByType = new();

    private static InputMember[] MembersOf(Type type) => MembersByType.GetOrAdd(type, t =>
    {
        const BindingFlags flags = BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance;
        var fields = t.GetFields(flags)
            .Select(f => (Attr: f.GetCustomAttribute<InputAttribute>(), Member: (MemberInfo)f, Get: (Func<object, object?>)f.GetValue));
        var properties = t.GetProperties(flags)
            .Select(p => (Attr: p.GetCustomAttribute<InputAttribute>(), Member: (MemberInfo)p, Get: (Func<object, object?>)p.GetValue));
        return fields.Concat(properties)
            .Where(m => m.Attr is not null)
            .Select(m => new InputMember(m.Attr!.Name, m.Member.Name, m.Attr.IsRequired, m.Attr.Json, m.Get))
            .ToArray();
    });

    /// <summary>A resource's or invoke's properties: null values omitted, like the real SDK.</summary>
    public static async Task<ImmutableDictionary<string, object?>> SerializePropertiesAsync(string context, InputArgs args, ISet<Resource> dependencies, bool excludeIdAndUrn)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, object?>();
        foreach (var (key, value) in ToDictionary(args))
        {
            if (excludeIdAndUrn && key is "id" or "urn")
                continue;
            var serialized = await SerializeAsync($"{context}.{key}", value, dependencies).ConfigureAwait(false);
            if (serialized is not null)
                builder[key] = serialized;
        }
        return builder.ToImmutable();
    }

    /// <summary>A mock's returned state, which must serialize to a property map.</summary>
    public static async Task<ImmutableDictionary<string, object?>> SerializeStateAsync(object? state)
    {
        if (state is null)
            return ImmutableDictionary<string, object?>.Empty;
        var serialized = await SerializeAsync("", state, new HashSet<Resource>()).ConfigureAwait(false);
        return serialized as ImmutableDictionary<string, object?>
            ?? throw new InvalidOperationException($"{state.GetType().FullName} is not a supported argument type");
    }

    private static IEnumerable<KeyValuePair<string, object?>> ToDictionary(InputArgs args)
    {
        foreach (var member in MembersOf(args.GetType()))
        {
            var value = member.Get(args);
            if (member.Required && value is null)
                throw new ArgumentNullException(member.MemberName, $"[Input] {args.GetType().FullName}.{member.MemberName} is required but was not given a value");
            if (member.Json && value is not null)
                value = JsonOf(value);
            yield return new KeyValuePair<string, object?>(member.WireName, value);
        }
    }

    private static Output<string> JsonOf(object value) =>
        Output.Create(SerializeAsync("json", value, new HashSet<Resource>()))
            .Apply(wire => JsonSerializer.Serialize(ToJsonValue(Wire.Deserialize(wire).Value)));

    private static object? ToJsonValue(object? plain) => plain switch
    {
        ImmutableArray<object?> list => list.Select(ToJsonValue).ToArray(),
        ImmutableDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => ToJsonValue(p.Value)),
        _ => plain,
    };

    public static async Task<object?> SerializeAsync(string context, object? value, ISet<Resource> dependencies)
    {
        switch (value)
        {
            case null:
                return null;
            case bool or string or double:
                return value;
            case int i:
                return (double)i;
            case InputArgs args:
            {
                var builder = ImmutableDictionary.CreateBuilder<string, object?>();
                foreach (var (key, member) in ToDictionary(args))
                {
                    var serialized = await SerializeAsync($"{context}.{key}", member, dependencies).ConfigureAwait(false);
                    if (serialized is not null)
                        builder[key] = serialized;
                }
                return builder.ToImmutable();
            }
            case Task:
                throw new InvalidOperationException($"Tasks are not allowed inside ResourceArgs. Please wrap your Task in an Output:\n\t{context}");
            case IInput input:
                return await SerializeAsync(context, input.ToUntypedOutput(), dependencies).ConfigureAwait(false);
            case IOutput output:
            {
                var data = await output.GetUntypedDataAsync().ConfigureAwait(false);
                foreach (var resource in data.Resources)
                    dependencies.Add(resource);
                if (!data.IsKnown)
                    return Wire.UnknownValue;
                var inner = await SerializeAsync(context, data.Value, dependencies).ConfigureAwait(false);
                return data.IsSecret ? new SecretValue(inner) : inner;
            }
            case JsonElement element:
                return FromJson(element);
            case CustomResource custom:
                dependencies.Add(custom);
                return new ResourceReference(custom);
            case Resource component:
                dependencies.Add(component);
                return new ResourceReference(component);
        }

        var type = value.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Union<,>))
            return await SerializeAsync(context, type.GetProperty(nameof(Union<int, int>.Value))!.GetValue(value), dependencies).ConfigureAwait(false);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) && (bool)type.GetProperty("IsDefault")!.GetValue(value)!)
            return ImmutableArray<object?>.Empty;

        switch (value)
        {
            case IDictionary dictionary:
            {
                var builder = ImmutableDictionary.CreateBuilder<string, object?>();
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Key is not string key)
                        throw new InvalidOperationException($"Dictionaries are only supported with string keys:\n\t{context}");
                    var serialized = await SerializeAsync($"{context}.{key}", entry.Value, dependencies).ConfigureAwait(false);
                    if (serialized is not null)
                        builder[key] = serialized;
                }
                return builder.ToImmutable();
            }
            case IList list:
            {
                var builder = ImmutableArray.CreateBuilder<object?>(list.Count);
                for (var index = 0; index < list.Count; index++)
                    builder.Add(await SerializeAsync($"{context}[{index}]", list[index], dependencies).ConfigureAwait(false));
                return builder.MoveToImmutable();
            }
            case Enum when Type.GetTypeCode(type) == TypeCode.Int32:
                return (double)(int)value;
        }

        if (type.FullName == "System.ValueTuple")
            return null;
        if (type.IsValueType && type.GetCustomAttribute<EnumTypeAttribute>() is not null)
        {
            var conversion = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .FirstOrDefault(m => m.Name == "op_Explicit" && m.GetParameters().Length == 1 && m.GetParameters()[0].ParameterType == type
                    && (m.ReturnType == typeof(string) || m.ReturnType == typeof(double)))
                ?? throw new InvalidOperationException($"Expected {type.FullName} to have an explicit conversion operator to String or Double.\n\t{context}");
            return conversion.Invoke(null, new[] { value });
        }
        throw new InvalidOperationException($"{type.FullName} is not a supported argument type.\n\t{context}");
    }

    private static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToImmutableArray(),
        _ => element.EnumerateObject().ToImmutableDictionary(p => p.Name, p => FromJson(p.Value)),
    };
}
