using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using Pulumi;

namespace MultiRegionInfra.OfflineSdk.Engine;

/// <summary>Converts deserialized values (null, string, double, bool, ImmutableArray&lt;object?&gt;,
/// ImmutableDictionary&lt;string, object?&gt;, Resource) to a declared output type. As in the real SDK a
/// mismatch is not an exception: it is reported as a warning and yields the type's default.</summary>
internal static class Converter
{
    public static object? Convert(object? value, Type target, string context, Action<string> warn)
    {
        var (result, error) = TryConvert(value, target, context, warn);
        if (error is not null)
        {
            warn(error);
            return target.IsValueType ? Activator.CreateInstance(target) : null;
        }
        return result;
    }

    private static (object? Value, string? Error) TryConvert(object? value, Type target, string context, Action<string> warn)
    {
        if (value is null)
            return (target.IsValueType && Nullable.GetUnderlyingType(target) is null ? Activator.CreateInstance(target) : null, null);
        if (Nullable.GetUnderlyingType(target) is { } underlying)
            return TryConvert(value, underlying, context, warn);
        if (target == typeof(string) || target == typeof(bool) || target == typeof(double))
            return target.IsInstanceOfType(value) ? (value, null) : (null, Expected(target, value, context));
        if (target == typeof(int))
            return value is double d ? ((int)d, null) : (null, Expected(typeof(double), value, context));
        if (target == typeof(object))
            return (value, null);
        if (target == typeof(JsonElement))
            return (JsonDocument.Parse(JsonSerializer.Serialize(ToJsonable(value))).RootElement.Clone(), null);
        if (typeof(Resource).IsAssignableFrom(target))
            return target.IsInstanceOfType(value) ? (value, null) : (null, Expected(typeof(Resource), value, context));
        if (target.IsEnum)
            return value is double e ? (Enum.ToObject(target, (int)e), null) : (null, Expected(typeof(double), value, context));
        if (target.IsValueType && target.GetCustomAttribute<EnumTypeAttribute>() is not null)
        {
            if (value is not (string or double))
                return (null, $"Expected {typeof(string).FullName} or {typeof(double).FullName} but got {value.GetType().FullName} deserializing {context}");
            var constructor = target.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .FirstOrDefault(c => c.GetParameters() is { Length: 1 } p && p[0].ParameterType == value.GetType());
            return constructor is null
                ? (null, $"Expected target type {target.FullName} to have a constructor with a single {value.GetType().FullName} parameter.")
                : (constructor.Invoke(new[] { value }), null);
        }
        if (target.IsGenericType)
        {
            var definition = target.GetGenericTypeDefinition();
            var arguments = target.GetGenericArguments();
            if (definition == typeof(Union<,>))
            {
                var (first, firstError) = TryConvert(value, arguments[0], $"{context}.AsT0", warn);
                if (firstError is null)
                    return (target.GetMethod("FromT0")!.Invoke(null, new[] { first }), null);
                var (second, secondError) = TryConvert(value, arguments[1], $"{context}.AsT1", warn);
                if (secondError is null)
                    return (target.GetMethod("FromT1")!.Invoke(null, new[] { second }), null);
                return (null, $"Expected {arguments[0].FullName} or {arguments[1].FullName} but got {value.GetType().FullName} deserializing {context}");
            }
            if (definition == typeof(ImmutableArray<>))
            {
                if (value is not ImmutableArray<object?> list)
                    return (null, Expected(typeof(ImmutableArray<object>), value, context));
                var element = arguments[0];
                var array = Array.CreateInstance(element, list.Length);
                for (var i = 0; i < list.Length; i++)
                    array.SetValue(Convert(list[i], element, context, warn), i);
                var create = typeof(ImmutableArray).GetMethods()
                    .Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is { Length: 1 } p && p[0].ParameterType.IsArray)
                    .MakeGenericMethod(element);
                return (create.Invoke(null, new object[] { array }), null);
            }
            if (definition == typeof(ImmutableDictionary<,>) && arguments[0] == typeof(string))
            {
                if (value is not ImmutableDictionary<string, object?> map)
                    return (null, Expected(typeof(ImmutableDictionary<string, object>), value, context));
                if (arguments[1] == typeof(object))
                    return (map, null);
                var builderType = typeof(ImmutableDictionary<,>.Builder).MakeGenericType(arguments);
                var builder = typeof(ImmutableDictionary).GetMethods()
                    .Single(m => m.Name == nameof(ImmutableDictionary.CreateBuilder) && m.GetParameters().Length == 0)
                    .MakeGenericMethod(arguments).Invoke(null, null)!;
                var add = builderType.GetMethod("Add", new[] { typeof(string), arguments[1] })!;
                foreach (var (key, item) in map)
                    add.Invoke(builder, new[] { key, Convert(item, arguments[1], context, warn) });
                return (builderType.GetMethod("ToImmutable")!.Invoke(builder, null), null);
            }
            throw new InvalidOperationException($"Unexpected generic target type {target.FullName} when deserializing {context}");
        }
        if (target.GetCustomAttribute<OutputTypeAttribute>() is null)
            return (null, $"Unexpected target type {target.FullName} when deserializing {context}");
        var outputConstructor = target.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .FirstOrDefault(c => c.GetCustomAttribute<OutputConstructorAttribute>() is not null);
        if (outputConstructor is null)
            return (null, $"Expected target type {target.FullName} to have [OutputConstructorAttribute] constructor when deserializing {context}");
        if (value is not ImmutableDictionary<string, object?> properties)
            return (null, Expected(typeof(ImmutableDictionary<string, object>), value, context));
        var parameters = outputConstructor.GetParameters();
        var values = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            properties.TryGetValue(parameters[i].Name!, out var item);
            values[i] = Convert(item, parameters[i].ParameterType, $"{target.FullName}({parameters[i].Name})", warn);
        }
        return (outputConstructor.Invoke(values), null);
    }

    private static string Expected(Type expected, object value, string context) =>
        $"Expected {expected.FullName} but got {value.GetType().FullName} deserializing {context}";

    private static object? ToJsonable(object? value) => value switch
    {
        ImmutableArray<object?> list => list.Select(ToJsonable).ToArray(),
        ImmutableDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => ToJsonable(p.Value)),
        Resource => null,
        _ => value,
    };
}
