using System.Collections.Immutable;
using System.Text.Json;
using MultiRegionInfra.OfflineSdk.Engine;

namespace Pulumi;

/// <summary>A value that becomes available once the resources it comes from are registered; it may be
/// unknown during a preview, and it may be secret.</summary>
public sealed class Output<T> : IOutput
{
    internal Task<OutputData<T>> DataTask { get; }

    internal Output(Task<OutputData<T>> dataTask)
    {
        DataTask = dataTask;
        // As in the real SDK, every output's task is watched by the running deployment, so an exception
        // in an Apply callback is reported as a program error even when nothing consumes the output.
        MockDeployment.Current?.Runner.Register(dataTask);
    }

    internal static Output<T> FromData(OutputData<T> data) => new(Task.FromResult(data));

    Type IOutput.ElementType => typeof(T);

    async Task<OutputData<object?>> IOutput.GetUntypedDataAsync() => (await DataTask.ConfigureAwait(false)).Untyped();

    public static Output<T> Create(Task<T> value) => Output.Create(value);

    public Output<TResult> Apply<TResult>(Func<T, TResult> func) => new(ApplyAsync(DataTask, v => Output.Create(func(v))));

    public Output<TResult> Apply<TResult>(Func<T, Task<TResult>> func) => new(ApplyAsync(DataTask, v => Output.Create(func(v))));

    public Output<TResult> Apply<TResult>(Func<T, Input<TResult>?> func) => new(ApplyAsync(DataTask, v => func(v).ToOutput()));

    public Output<TResult> Apply<TResult>(Func<T, Output<TResult>?> func) => new(ApplyAsync(DataTask, func));

    private static async Task<OutputData<TResult>> ApplyAsync<TResult>(Task<OutputData<T>> dataTask, Func<T, Output<TResult>?> func)
    {
        var data = await dataTask.ConfigureAwait(false);
        // As in the real SDK: during a preview a callback never runs on an unknown value. Outside a preview
        // it runs on the default value, and the result stays unknown.
        if (!data.IsKnown && Deployment.Instance.IsDryRun)
            return OutputData<TResult>.Unknown(data.Resources, data.IsSecret);
        var inner = func(data.Value);
        if (inner is null)
            return new OutputData<TResult>(data.Resources, default!, data.IsKnown, data.IsSecret);
        var innerData = await inner.DataTask.ConfigureAwait(false);
        return new OutputData<TResult>(data.Resources.Union(innerData.Resources), innerData.Value,
            data.IsKnown && innerData.IsKnown, data.IsSecret || innerData.IsSecret);
    }

    /// <summary>As in the real SDK: never the value. The explanation is logged as a warning (which needs a
    /// running deployment) and returned; with PULUMI_ERROR_OUTPUT_STRING set to 1 or true it is thrown.</summary>
    public override string ToString()
    {
        var explanation = string.Join(Environment.NewLine,
            "Calling [ToString] on an [Output<T>] is not supported.",
            "",
            "To get the value of an Output<T> as an Output<string> consider:",
            "1. o.Apply(v => $\"prefix{v}suffix\")",
            "2. Output.Format($\"prefix{hostname}suffix\");",
            "",
            "See https://www.pulumi.com/docs/concepts/inputs-outputs for more details.");
        var strict = Environment.GetEnvironmentVariable("PULUMI_ERROR_OUTPUT_STRING");
        if (strict == "1" || string.Equals(strict, "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(explanation);
        Log.Warn(explanation);
        return string.Join(Environment.NewLine, explanation, "This function may throw in a future version of Pulumi.");
    }
}

/// <summary>Factories and combinators for <see cref="Output{T}"/>.</summary>
public static class Output
{
    public static Output<T> Create<T>(T value) => Output<T>.FromData(OutputData<T>.Known(value));

    public static Output<T> Create<T>(Task<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Output<T>(WrapAsync(value, isSecret: false));
    }

    public static Output<T> CreateSecret<T>(T value) => Output<T>.FromData(OutputData<T>.Known(value, isSecret: true));

    public static Output<T> CreateSecret<T>(Task<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Output<T>(WrapAsync(value, isSecret: true));
    }

    public static Output<T> CreateSecret<T>(Output<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Output<T>(MarkAsync(value.DataTask, secret: true));
    }

    public static Output<T> Unsecret<T>(Output<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new Output<T>(MarkAsync(output.DataTask, secret: false));
    }

    public static async Task<bool> IsSecretAsync<T>(Output<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return (await output.DataTask.ConfigureAwait(false)).IsSecret;
    }

    private static async Task<OutputData<T>> WrapAsync<T>(Task<T> task, bool isSecret) =>
        OutputData<T>.Known(await task.ConfigureAwait(false), isSecret);

    private static async Task<OutputData<T>> MarkAsync<T>(Task<OutputData<T>> task, bool secret) =>
        (await task.ConfigureAwait(false)) with { IsSecret = secret };

    public static Output<ImmutableArray<T>> All<T>(params Input<T>[] inputs) => All(inputs.AsEnumerable());

    public static Output<ImmutableArray<T>> All<T>(IEnumerable<Input<T>> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return AllOutputs(inputs.Select(i => i.ToOutput()).ToArray());
    }

    public static Output<ImmutableArray<T>> All<T>(params Output<T>[] outputs) => All(outputs.AsEnumerable());

    public static Output<ImmutableArray<T>> All<T>(IEnumerable<Output<T>> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return AllOutputs(outputs.ToArray());
    }

    private static Output<ImmutableArray<T>> AllOutputs<T>(Output<T>[] outputs) => new(AllAsync(outputs));

    private static async Task<OutputData<ImmutableArray<T>>> AllAsync<T>(Output<T>[] outputs)
    {
        var resources = ImmutableHashSet<Resource>.Empty;
        var known = true;
        var secret = false;
        var values = ImmutableArray.CreateBuilder<T>(outputs.Length);
        foreach (var output in outputs)
        {
            var data = await output.DataTask.ConfigureAwait(false);
            resources = resources.Union(data.Resources);
            known &= data.IsKnown;
            secret |= data.IsSecret;
            values.Add(data.Value);
        }
        return known
            ? new OutputData<ImmutableArray<T>>(resources, values.MoveToImmutable(), true, secret)
            : OutputData<ImmutableArray<T>>.Unknown(resources, secret);
    }

    public static Output<(T1, T2)> Tuple<T1, T2>(Output<T1> item1, Output<T2> item2) =>
        Combine(new IOutput[] { item1, item2 }, v => ((T1)v[0]!, (T2)v[1]!));

    public static Output<(T1, T2)> Tuple<T1, T2>(Input<T1> item1, Input<T2> item2) =>
        Tuple(item1.ToOutput(), item2.ToOutput());

    public static Output<(T1, T2, T3)> Tuple<T1, T2, T3>(Output<T1> item1, Output<T2> item2, Output<T3> item3) =>
        Combine(new IOutput[] { item1, item2, item3 }, v => ((T1)v[0]!, (T2)v[1]!, (T3)v[2]!));

    public static Output<(T1, T2, T3)> Tuple<T1, T2, T3>(Input<T1> item1, Input<T2> item2, Input<T3> item3) =>
        Tuple(item1.ToOutput(), item2.ToOutput(), item3.ToOutput());

    public static Output<(T1, T2, T3, T4)> Tuple<T1, T2, T3, T4>(Output<T1> item1, Output<T2> item2, Output<T3> item3, Output<T4> item4) =>
        Combine(new IOutput[] { item1, item2, item3, item4 }, v => ((T1)v[0]!, (T2)v[1]!, (T3)v[2]!, (T4)v[3]!));

    public static Output<(T1, T2, T3, T4)> Tuple<T1, T2, T3, T4>(Input<T1> item1, Input<T2> item2, Input<T3> item3, Input<T4> item4) =>
        Tuple(item1.ToOutput(), item2.ToOutput(), item3.ToOutput(), item4.ToOutput());

    public static Output<(T1, T2, T3, T4, T5)> Tuple<T1, T2, T3, T4, T5>(Output<T1> item1, Output<T2> item2, Output<T3> item3, Output<T4> item4, Output<T5> item5) =>
        Combine(new IOutput[] { item1, item2, item3, item4, item5 }, v => ((T1)v[0]!, (T2)v[1]!, (T3)v[2]!, (T4)v[3]!, (T5)v[4]!));

    public static Output<(T1, T2, T3, T4, T5)> Tuple<T1, T2, T3, T4, T5>(Input<T1> item1, Input<T2> item2, Input<T3> item3, Input<T4> item4, Input<T5> item5) =>
        Tuple(item1.ToOutput(), item2.ToOutput(), item3.ToOutput(), item4.ToOutput(), item5.ToOutput());

    /// <summary>Interpolates outputs and plain values into one string output.</summary>
    public static Output<string> Format(FormattableString formattableString)
    {
        ArgumentNullException.ThrowIfNull(formattableString);
        var arguments = formattableString.GetArguments();
        var parts = arguments.Select(ToUntyped).ToArray();
        return Combine(parts, values => string.Format(formattableString.Format, values));
    }

    private static IOutput ToUntyped(object? value) => value switch
    {
        IOutput output => output,
        IInput input => input.ToUntypedOutput(),
        _ => Create(value),
    };

    private static Output<TResult> Combine<TResult>(IOutput[] outputs, Func<object?[], TResult> project) => new(CombineAsync(outputs, project));

    private static async Task<OutputData<TResult>> CombineAsync<TResult>(IOutput[] outputs, Func<object?[], TResult> project)
    {
        var resources = ImmutableHashSet<Resource>.Empty;
        var known = true;
        var secret = false;
        var values = new object?[outputs.Length];
        for (var i = 0; i < outputs.Length; i++)
        {
            var data = await outputs[i].GetUntypedDataAsync().ConfigureAwait(false);
            resources = resources.Union(data.Resources);
            known &= data.IsKnown;
            secret |= data.IsSecret;
            values[i] = data.Value;
        }
        return known
            ? new OutputData<TResult>(resources, project(values), true, secret)
            : OutputData<TResult>.Unknown(resources, secret);
    }

    /// <summary>Serializes the value to JSON once it is known; unknown stays unknown, secret stays secret.</summary>
    public static Output<string> JsonSerialize<T>(Output<T> value, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Output<string>(SerializeAsync(value.DataTask, options));
    }

    private static async Task<OutputData<string>> SerializeAsync<T>(Task<OutputData<T>> task, JsonSerializerOptions? options)
    {
        var data = await task.ConfigureAwait(false);
        return data.IsKnown
            ? new OutputData<string>(data.Resources, JsonSerializer.Serialize(data.Value, options), true, data.IsSecret)
            : new OutputData<string>(data.Resources, "", false, data.IsSecret);
    }

    public static Output<T> JsonDeserialize<T>(Output<string> json, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.Apply(s => JsonSerializer.Deserialize<T>(s, options)!);
    }
}
