using System.Collections.Immutable;
using MultiRegionInfra.OfflineSdk.Engine;

namespace Pulumi.Utilities;

/// <summary>Looks inside outputs; the usual way tests read them.</summary>
public static class OutputUtilities
{
    /// <summary>The value, or the type's default when it is unknown.</summary>
    public static async Task<T> GetValueAsync<T>(Output<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var data = await output.DataTask.ConfigureAwait(false);
        return data.IsKnown ? data.Value : default!;
    }

    public static async Task<bool> GetIsKnownAsync<T>(Output<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return (await output.DataTask.ConfigureAwait(false)).IsKnown;
    }

    public static async Task<ImmutableHashSet<Resource>> GetDependenciesAsync<T>(Output<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return (await output.DataTask.ConfigureAwait(false)).Resources;
    }

    public static Output<T> CreateUnknown<T>(T value) => Output<T>.FromData(OutputData<T>.Unknown() with { Value = value });

    public static Output<T> CreateUnknown<T>(Func<Task<T>> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        return new Output<T>(CreateUnknownAsync(valueFactory));
    }

    private static async Task<OutputData<T>> CreateUnknownAsync<T>(Func<Task<T>> valueFactory) =>
        OutputData<T>.Unknown() with { Value = await valueFactory().ConfigureAwait(false) };

    public static Output<T> WithDependency<T>(Output<T> output, Resource resource)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(resource);
        return new Output<T>(WithDependencyAsync(output.DataTask, resource));
    }

    private static async Task<OutputData<T>> WithDependencyAsync<T>(Task<OutputData<T>> task, Resource resource)
    {
        var data = await task.ConfigureAwait(false);
        return data with { Resources = data.Resources.Add(resource) };
    }
}
