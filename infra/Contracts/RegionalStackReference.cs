using Pulumi;

namespace MultiRegionInfra.Contracts;

/// <summary>Another regional stack of this project and organization, read only through
/// <see cref="RegionalContract"/>.</summary>
public sealed class RegionalStackReference
{
    private readonly StackReference _reference;

    /// <param name="parent">The component it belongs to, or null for one the program reads before it builds anything.</param>
    public RegionalStackReference(string logicalName, string organization, string project, string stack, Resource? parent = null)
    {
        StackName = stack;
        _reference = new StackReference(logicalName, new StackReferenceArgs { Name = FullName(organization, project, stack) },
            new CustomResourceOptions { Parent = parent });
    }

    /// <summary>The regional stack's name, e.g. us-east.</summary>
    public string StackName { get; }

    /// <summary>One of the stack's outputs, typed as the contract declares it.</summary>
    public Output<T> Get<T>(StackOutput<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.ReadFrom(_reference);
    }

    /// <summary>One of the stack's outputs, now: for the facts a program checks before it registers a
    /// resource. Not for secret outputs (the SDK refuses to hand those out as plain values).</summary>
    public async Task<T> RequireAsync<T>(StackOutput<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.Convert(await _reference.RequireValueAsync(output.Name).ConfigureAwait(false));
    }

    /// <summary>An output now, or the default when the stack does not export it (an older stack).</summary>
    public async Task<T> GetAsync<T>(StackOutput<T> output, T missing)
    {
        ArgumentNullException.ThrowIfNull(output);
        var value = await _reference.GetValueAsync(output.Name).ConfigureAwait(false);
        return value is null ? missing : output.Convert(value);
    }

    /// <summary>The full name of a stack of this project: organization/project/stack.</summary>
    public static string FullName(string organization, string project, string stack) => $"{organization}/{project}/{stack}";
}
