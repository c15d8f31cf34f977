using System.Collections.Immutable;
using System.Reflection;
using Pulumi;

namespace MultiRegionInfra.OfflineSdk.Engine;

/// <summary>The pending value of one [Output] property of a resource, filled when registration completes.</summary>
internal abstract class OutputCompletion
{
    public abstract Type ValueType { get; }

    public abstract void SetValue(object? value, bool isKnown, bool isSecret, ImmutableHashSet<Resource> resources);

    public abstract void SetDefault(bool isKnown, ImmutableHashSet<Resource> resources);

    public abstract void SetException(Exception exception);

    /// <summary>Gives every public [Output] property of the resource a fresh pending output, keyed by its
    /// [Output] name (or its property name), as the real SDK does before registering.</summary>
    public static IReadOnlyDictionary<string, OutputCompletion> Initialize(Resource resource)
    {
        var result = new Dictionary<string, OutputCompletion>();
        foreach (var property in resource.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var attribute = property.GetCustomAttribute<OutputAttribute>();
            if (attribute is null)
                continue;
            var type = property.PropertyType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Output<>))
                throw RunException.OutputsHaveIncorrectType(new[] { attribute.Name ?? property.Name });
            if (property.GetSetMethod(nonPublic: true) is null)
                throw new InvalidOperationException($"[Output] {resource.GetType().FullName}.{property.Name} did not have a 'set' method");
            var completion = (OutputCompletion)Activator.CreateInstance(typeof(OutputCompletion<>).MakeGenericType(type.GetGenericArguments()[0]))!;
            property.SetValue(resource, completion.UntypedOutput);
            result[attribute.Name ?? property.Name] = completion;
        }
        return result;
    }

    public abstract object UntypedOutput { get; }
}

internal sealed class OutputCompletion<T> : OutputCompletion
{
    private readonly TaskCompletionSource<OutputData<T>> _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OutputCompletion() => Output = new Output<T>(_source.Task);

    public Output<T> Output { get; }

    public override object UntypedOutput => Output;

    public override Type ValueType => typeof(T);

    public override void SetValue(object? value, bool isKnown, bool isSecret, ImmutableHashSet<Resource> resources) =>
        _source.TrySetResult(new OutputData<T>(resources, value is null ? default! : (T)value, isKnown, isSecret));

    public override void SetDefault(bool isKnown, ImmutableHashSet<Resource> resources) =>
        _source.TrySetResult(new OutputData<T>(resources, default!, isKnown, false));

    public override void SetException(Exception exception) => _source.TrySetException(exception);
}
