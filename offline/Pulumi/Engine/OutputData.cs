using System.Collections.Immutable;
using Pulumi;

namespace MultiRegionInfra.OfflineSdk.Engine;

/// <summary>The resolved state of an output: its value, whether it is known, whether it is secret,
/// and the resources it depends on.</summary>
internal readonly record struct OutputData<T>(ImmutableHashSet<Resource> Resources, T Value, bool IsKnown, bool IsSecret)
{
    public static OutputData<T> Known(T value, bool isSecret = false) => new(ImmutableHashSet<Resource>.Empty, value, true, isSecret);
    public static OutputData<T> Unknown(ImmutableHashSet<Resource>? resources = null, bool isSecret = false) =>
        new(resources ?? ImmutableHashSet<Resource>.Empty, default!, false, isSecret);
    public OutputData<object?> Untyped() => new(Resources, Value, IsKnown, IsSecret);
}

/// <summary>What every <see cref="Output{T}"/> exposes to the engine without knowing T.</summary>
internal interface IOutput
{
    Type ElementType { get; }
    Task<OutputData<object?>> GetUntypedDataAsync();
}

/// <summary>What every <see cref="Input{T}"/> exposes to the engine without knowing T.</summary>
internal interface IInput
{
    IOutput ToUntypedOutput();
}
