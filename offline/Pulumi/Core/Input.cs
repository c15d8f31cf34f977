using System.Collections;
using System.Collections.Immutable;
using MultiRegionInfra.OfflineSdk.Engine;

namespace Pulumi;

/// <summary>A value given to a resource: a plain value or an <see cref="Output{T}"/>.</summary>
public class Input<T> : IInput
{
    private protected Output<T> _outputValue;

    private protected Input(Output<T> outputValue) => _outputValue = outputValue ?? throw new ArgumentNullException(nameof(outputValue));

    internal Output<T> Value => _outputValue;

    IOutput IInput.ToUntypedOutput() => _outputValue;

    public static implicit operator Input<T>(T value) => Output.Create(value);

    public static implicit operator Input<T>(Output<T> value) => new(value);

    public static implicit operator Output<T>(Input<T> input) => input._outputValue;
}

/// <summary>Helpers on <see cref="Input{T}"/>.</summary>
public static class InputExtensions
{
    public static Output<T> ToOutput<T>(this Input<T>? input) => input is null ? Output.Create(default(T)!) : input.Value;

    public static Output<TResult> Apply<T, TResult>(this Input<T>? input, Func<T, TResult> func) => input.ToOutput().Apply(func);

    public static Output<TResult> Apply<T, TResult>(this Input<T>? input, Func<T, Output<TResult>?> func) => input.ToOutput().Apply(func);

    public static Output<TResult> Apply<T, TResult>(this Input<T>? input, Func<T, Input<TResult>?> func) => input.ToOutput().Apply(func);

    public static Output<TResult> Apply<T, TResult>(this Input<T>? input, Func<T, Task<TResult>> func) => input.ToOutput().Apply(func);
}

/// <summary>A list of inputs that is itself an input of an immutable array.</summary>
public sealed class InputList<T> : Input<ImmutableArray<T>>, IAsyncEnumerable<Input<T>>, IEnumerable
{
    public InputList() : this(Output.Create(ImmutableArray<T>.Empty))
    {
    }

    private InputList(Output<ImmutableArray<T>> values) : base(values)
    {
    }

    public void Add(params Input<T>[] inputs) => _outputValue = Concat(_outputValue, Output.All(inputs));

    public void Add(InputList<T> inputs) => AddRange(inputs);

    public void AddRange(InputList<T> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        _outputValue = Concat(_outputValue, inputs._outputValue);
    }

    /// <summary>A new list with this list's items followed by <paramref name="other"/>'s.</summary>
    public InputList<T> Concat(InputList<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new InputList<T>(Concat(_outputValue, other._outputValue));
    }

    private static Output<ImmutableArray<T>> Concat(Output<ImmutableArray<T>> first, Output<ImmutableArray<T>> second) =>
        Output.Tuple(first, second).Apply(t => t.Item1.AddRange(t.Item2));

    public async IAsyncEnumerator<Input<T>> GetAsyncEnumerator(CancellationToken cancellationToken)
    {
        var data = await _outputValue.DataTask.ConfigureAwait(false);
        foreach (var value in data.IsKnown ? data.Value : ImmutableArray<T>.Empty)
        {
            yield return Output<T>.FromData(new OutputData<T>(data.Resources, value, true, data.IsSecret));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() =>
        throw new NotSupportedException($"A {GetType().FullName} cannot be synchronously enumerated. Use {nameof(GetAsyncEnumerator)} instead.");

    public static implicit operator InputList<T>(T value) => ImmutableArray.Create<Input<T>>(value);

    public static implicit operator InputList<T>(T[] values) => ImmutableArray.CreateRange(values.Select(v => (Input<T>)v));

    public static implicit operator InputList<T>(List<T> values) => ImmutableArray.CreateRange(values.Select(v => (Input<T>)v));

    public static implicit operator InputList<T>(ImmutableArray<T> values) => values.Select(v => (Input<T>)v).ToImmutableArray();

    public static implicit operator InputList<T>(Input<T> value) => ImmutableArray.Create(value);

    public static implicit operator InputList<T>(Output<T> value) => ImmutableArray.Create<Input<T>>(value);

    public static implicit operator InputList<T>(Output<T>[] values) => ImmutableArray.CreateRange(values.Select(v => (Input<T>)v));

    public static implicit operator InputList<T>(List<Output<T>> values) => ImmutableArray.CreateRange(values.Select(v => (Input<T>)v));

    public static implicit operator InputList<T>(ImmutableArray<Output<T>> values) => values.Select(v => (Input<T>)v).ToImmutableArray();

    public static implicit operator InputList<T>(Input<T>[] values) => ImmutableArray.CreateRange(values);

    public static implicit operator InputList<T>(List<Input<T>> values) => ImmutableArray.CreateRange(values);

    public static implicit operator InputList<T>(ImmutableArray<Input<T>> values) => new(Output.All(values));

    public static implicit operator InputList<T>(Output<T[]> values) => new(values.Apply(a => ImmutableArray.CreateRange(a)));

    public static implicit operator InputList<T>(Output<List<T>> values) => new(values.Apply(a => ImmutableArray.CreateRange(a)));

    public static implicit operator InputList<T>(Output<IEnumerable<T>> values) => new(values.Apply(a => ImmutableArray.CreateRange(a)));

    public static implicit operator InputList<T>(Output<ImmutableArray<T>> values) => new(values);
}

/// <summary>A map from string keys to inputs that is itself an input of an immutable dictionary.</summary>
public sealed class InputMap<TValue> : Input<ImmutableDictionary<string, TValue>>, IAsyncEnumerable<Input<KeyValuePair<string, TValue>>>, IEnumerable
{
    public InputMap() : this(Output.Create(ImmutableDictionary<string, TValue>.Empty))
    {
    }

    private InputMap(Output<ImmutableDictionary<string, TValue>> values) : base(values)
    {
    }

    public void Add(string key, Input<TValue> value)
    {
        var pair = value.ToOutput();
        _outputValue = Output.Tuple(_outputValue, pair).Apply(t => t.Item1.Add(key, t.Item2));
    }

    public void Add(InputMap<TValue> values) => AddRange(values);

    public void AddRange(InputMap<TValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _outputValue = Output.Tuple(_outputValue, values._outputValue).Apply(t => t.Item1.AddRange(t.Item2));
    }

    /// <summary>Adds an entry, like <see cref="Add(string, Input{TValue})"/>; it does not overwrite.</summary>
    public Input<TValue> this[string key]
    {
        set => Add(key, value);
    }

    /// <summary>A new map with the entries of both; on a key in both, <paramref name="second"/> wins.</summary>
    public static InputMap<TValue> Merge(InputMap<TValue> first, InputMap<TValue> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return new InputMap<TValue>(Output.Tuple(first._outputValue, second._outputValue).Apply(t => t.Item1.SetItems(t.Item2)));
    }

    public async IAsyncEnumerator<Input<KeyValuePair<string, TValue>>> GetAsyncEnumerator(CancellationToken cancellationToken)
    {
        var data = await _outputValue.DataTask.ConfigureAwait(false);
        foreach (var pair in data.IsKnown ? data.Value : ImmutableDictionary<string, TValue>.Empty)
        {
            yield return Output<KeyValuePair<string, TValue>>.FromData(new OutputData<KeyValuePair<string, TValue>>(data.Resources, pair, true, data.IsSecret));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() =>
        throw new NotSupportedException($"A {GetType().FullName} cannot be synchronously enumerated. Use {nameof(GetAsyncEnumerator)} instead.");

    public static implicit operator InputMap<TValue>(Dictionary<string, TValue> values) => Output.Create(values);

    public static implicit operator InputMap<TValue>(ImmutableDictionary<string, TValue> values) => Output.Create(values);

    public static implicit operator InputMap<TValue>(Output<Dictionary<string, TValue>> values) => new(values.Apply(d => d.ToImmutableDictionary()));

    public static implicit operator InputMap<TValue>(Output<IDictionary<string, TValue>> values) => new(values.Apply(d => d.ToImmutableDictionary()));

    public static implicit operator InputMap<TValue>(Output<ImmutableDictionary<string, TValue>> values) => new(values);
}
