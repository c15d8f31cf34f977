using System.Collections.Immutable;
using System.Reflection;
using MultiRegionInfra.OfflineSdk.Engine;

namespace Pulumi;

/// <summary>The root of a program's resources; its [Output] properties are the stack outputs.</summary>
public class Stack : ComponentResource
{
    internal const string RootStackType = "pulumi:pulumi:Stack";

    public Stack(StackOptions? options = null)
        : base(RootStackType, $"{Deployment.Instance.ProjectName}-{Deployment.Instance.StackName}", ConvertOptions(options))
    {
        MockDeployment.Require().Stack = this;
    }

    private static ComponentResourceOptions? ConvertOptions(StackOptions? options) =>
        options is null ? null : new ComponentResourceOptions { ResourceTransformations = new List<ResourceTransformation>(options.ResourceTransformations) };

    /// <summary>Registers the [Output] properties declared by the concrete stack class.</summary>
    internal void RegisterPropertyOutputs()
    {
        var properties = GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<OutputAttribute>()))
            .Where(p => p.Attribute is not null)
            .ToList();
        var wrongType = properties.Where(p => !p.Property.PropertyType.IsGenericType || p.Property.PropertyType.GetGenericTypeDefinition() != typeof(Output<>))
            .Select(p => p.Property.Name).ToList();
        if (wrongType.Count > 0)
            throw RunException.OutputsHaveIncorrectType(wrongType);
        var missing = properties.Where(p => p.Property.GetValue(this) is null).Select(p => p.Property.Name).ToList();
        if (missing.Count > 0)
            throw new RunException($"Output(s) '{string.Join(", ", missing)}' have no value assigned. [Output] attributed properties must be assigned inside Stack constructor.");
        var outputs = properties.ToDictionary(p => p.Attribute!.Name ?? p.Property.Name, p => p.Property.GetValue(this));
        RegisterOutputs(outputs);
    }
}

/// <summary>Args of a <see cref="StackReference"/>.</summary>
public class StackReferenceArgs : ResourceArgs
{
    [Input("name", required: true)]
    public Input<string>? Name { get; set; }
}

/// <summary>Reads the outputs of another stack.</summary>
public class StackReference : CustomResource
{
    [Output("name")]
    public Output<string> Name { get; private set; } = null!;

    [Output("outputs")]
    public Output<ImmutableDictionary<string, object>> Outputs { get; private set; } = null!;

    [Output("secretOutputNames")]
    public Output<ImmutableArray<string>> SecretOutputNames { get; private set; } = null!;

    public StackReference(string name, StackReferenceArgs? args = null, CustomResourceOptions? options = null)
        : base("pulumi:pulumi:StackReference", name,
            new StackReferenceArgs { Name = args?.Name ?? name },
            CustomResourceOptions.Merge(options, new CustomResourceOptions { Id = args?.Name ?? name }))
    {
    }

    /// <summary>The named output, or null when the stack has no such output.</summary>
    public Output<object?> GetOutput(Input<string> name)
    {
        var value = Output.Tuple(name.ToOutput(), Outputs).Apply(v => v.Item2.TryGetValue(v.Item1, out var found) ? found : (object?)null);
        return WithSecretness(value, name);
    }

    /// <summary>The named output; a missing name fails the program.</summary>
    public Output<object> RequireOutput(Input<string> name)
    {
        var stackName = GetResourceName();
        var value = Output.Tuple(name.ToOutput(), Outputs).Apply(v => v.Item2.TryGetValue(v.Item1, out var found)
            ? found
            : throw new KeyNotFoundException($"Required output '{v.Item1}' does not exist on stack '{stackName}'."));
        return WithSecretness(value, name);
    }

    public async Task<object?> GetValueAsync(Input<string> name)
    {
        var data = await GetOutput(name).DataTask.ConfigureAwait(false);
        if (data.IsSecret)
            throw new InvalidOperationException("Cannot call 'GetOutputValueAsync' if the referenced stack has secret outputs. Use 'GetOutput' instead.");
        return data.Value;
    }

    public async Task<object> RequireValueAsync(Input<string> name)
    {
        var data = await RequireOutput(name).DataTask.ConfigureAwait(false);
        if (data.IsSecret)
            throw new InvalidOperationException("Cannot call 'RequireOutputValueAsync' if the referenced stack has secret outputs. Use 'RequireOutput' instead.");
        return data.Value;
    }

    private Output<T> WithSecretness<T>(Output<T> value, Input<string> name) => new(WithSecretnessAsync(value, name.ToOutput()));

    private async Task<OutputData<T>> WithSecretnessAsync<T>(Output<T> value, Output<string> name)
    {
        var data = await value.DataTask.ConfigureAwait(false);
        var nameData = await name.DataTask.ConfigureAwait(false);
        var secretNames = await SecretOutputNames.DataTask.ConfigureAwait(false);
        bool secret;
        if (!nameData.IsKnown || !secretNames.IsKnown || secretNames.Value.IsDefault)
            secret = (await Outputs.DataTask.ConfigureAwait(false)).IsSecret;
        else
            secret = secretNames.Value.Contains(nameData.Value);
        return data with { IsSecret = secret };
    }
}
