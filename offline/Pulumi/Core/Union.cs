namespace Pulumi;

/// <summary>A value that is one of two types.</summary>
public readonly struct Union<T0, T1> : IEquatable<Union<T0, T1>>
{
    private readonly T0 _value0;
    private readonly T1 _value1;
    private readonly int _index;

    private Union(int index, T0 value0 = default!, T1 value1 = default!)
    {
        _index = index;
        _value0 = value0;
        _value1 = value1;
    }

    public object Value => _index == 0 ? _value0! : _value1!;

    public bool IsT0 => _index == 0;

    public bool IsT1 => _index == 1;

    public T0 AsT0 => _index == 0 ? _value0 : throw new InvalidOperationException($"Cannot return as T0 as result is T{_index}");

    public T1 AsT1 => _index == 1 ? _value1 : throw new InvalidOperationException($"Cannot return as T1 as result is T{_index}");

    public static Union<T0, T1> FromT0(T0 input) => new(0, value0: input);

    public static Union<T0, T1> FromT1(T1 input) => new(1, value1: input);

    public static implicit operator Union<T0, T1>(T0 t) => FromT0(t);

    public static implicit operator Union<T0, T1>(T1 t) => FromT1(t);

    public void Switch(Action<T0> f0, Action<T1> f1)
    {
        ArgumentNullException.ThrowIfNull(f0);
        ArgumentNullException.ThrowIfNull(f1);
        if (_index == 0) f0(_value0); else f1(_value1);
    }

    public TResult Match<TResult>(Func<T0, TResult> f0, Func<T1, TResult> f1)
    {
        ArgumentNullException.ThrowIfNull(f0);
        ArgumentNullException.ThrowIfNull(f1);
        return _index == 0 ? f0(_value0) : f1(_value1);
    }

    public Union<TResult, T1> MapT0<TResult>(Func<T0, TResult> mapFunc) =>
        _index == 0 ? Union<TResult, T1>.FromT0(mapFunc(_value0)) : Union<TResult, T1>.FromT1(_value1);

    public Union<T0, TResult> MapT1<TResult>(Func<T1, TResult> mapFunc) =>
        _index == 1 ? Union<T0, TResult>.FromT1(mapFunc(_value1)) : Union<T0, TResult>.FromT0(_value0);

    public bool Equals(Union<T0, T1> other) =>
        _index == other._index && (_index == 0 ? Equals(_value0, other._value0) : Equals(_value1, other._value1));

    public override bool Equals(object? obj) => obj is Union<T0, T1> other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_index, Value);

    public override string ToString() => Value?.ToString() ?? string.Empty;
}

/// <summary>An input whose value is one of two types.</summary>
public sealed class InputUnion<T0, T1> : Input<Union<T0, T1>>
{
    public InputUnion() : this(Output.Create(default(Union<T0, T1>)))
    {
    }

    private InputUnion(Output<Union<T0, T1>> output) : base(output)
    {
    }

    public static implicit operator InputUnion<T0, T1>(Union<T0, T1> value) => new(Output.Create(value));

    public static implicit operator InputUnion<T0, T1>(Output<Union<T0, T1>> value) => new(value);

    public static implicit operator InputUnion<T0, T1>(Input<T0> value) => new(value.ToOutput().Apply(Union<T0, T1>.FromT0));

    public static implicit operator InputUnion<T0, T1>(Input<T1> value) => new(value.ToOutput().Apply(Union<T0, T1>.FromT1));

    public static implicit operator InputUnion<T0, T1>(T0 value) => new(Output.Create(Union<T0, T1>.FromT0(value)));

    public static implicit operator InputUnion<T0, T1>(T1 value) => new(Output.Create(Union<T0, T1>.FromT1(value)));

    public static implicit operator InputUnion<T0, T1>(Output<T0> value) => new(value.Apply(Union<T0, T1>.FromT0));

    public static implicit operator InputUnion<T0, T1>(Output<T1> value) => new(value.Apply(Union<T0, T1>.FromT1));
}
