using System.Collections.Immutable;
using MultiRegionInfra.OfflineSdk.Engine;

namespace Pulumi;

/// <summary>Base of every resource: a typed, named node of the deployment's graph.</summary>
public class Resource
{
    private readonly string _type;
    private readonly string _name;

    internal ResourceOptions Options { get; }
    internal ImmutableDictionary<string, ProviderResource> Providers { get; }
    internal ImmutableArray<ResourceTransformation> Transformations { get; }
    internal IReadOnlyDictionary<string, OutputCompletion> Completions { get; }
    internal Task Registration { get; }

    [Output("urn")]
    public Output<string> Urn { get; internal set; } = null!;

    private protected Resource(string type, string name, bool custom, ResourceArgs args, ResourceOptions options, bool remote = false, bool dependency = false)
    {
        if (string.IsNullOrEmpty(type))
            throw new ArgumentException("'type' cannot be null or empty.", nameof(type));
        if (string.IsNullOrEmpty(name))
            throw new ArgumentException("'name' cannot be null or empty.", nameof(name));
        _type = type;
        _name = name;
        var deployment = MockDeployment.Require();
        Completions = OutputCompletion.Initialize(this);

        var parent = type == Stack.RootStackType ? null : options.Parent ?? deployment.Stack;
        var transformations = ImmutableArray.CreateRange(options.ResourceTransformations)
            .AddRange(parent?.Transformations ?? ImmutableArray<ResourceTransformation>.Empty);
        foreach (var transformation in transformations)
        {
            var result = transformation(new ResourceTransformationArgs(this, args, options));
            if (result is { } changed)
            {
                if (changed.Options.Parent != options.Parent)
                    throw new ArgumentException("Transformations cannot currently be used to change the 'parent' of a resource.");
                args = changed.Args;
                options = changed.Options;
            }
        }
        Transformations = transformations;

        options = options switch
        {
            CustomResourceOptions c => c.Clone(),
            ComponentResourceOptions c => c.Clone(),
            _ => options,
        };
        if (options is ComponentResourceOptions { Provider: not null, Providers.Count: > 0 })
            throw new ResourceException("Do not supply both 'provider' and 'providers' options to a ComponentResource.", options.Parent);

        var providers = ImmutableDictionary<string, ProviderResource>.Empty;
        if (options.Parent is { } explicitParent)
        {
            options.Protect ??= explicitParent.Options.Protect;
            providers = explicitParent.Providers;
        }
        if (custom)
        {
            options.Provider ??= options.Parent?.GetProvider(type);
            if (options.Provider is { } provider && PackageOf(type) is { } package)
                providers = providers.SetItem(package, provider);
        }
        else
        {
            var list = options.Provider is { } single ? new List<ProviderResource> { single } : ((ComponentResourceOptions)options).Providers;
            foreach (var provider in list)
                providers = providers.SetItem(provider.Package, provider);
        }
        Providers = providers;
        Options = options;
        Registration = deployment.RegisterResource(this, custom, args, options, remote);
    }

    public string GetResourceType() => _type;

    public string GetResourceName() => _name;

    internal ProviderResource? GetProvider(string type) =>
        PackageOf(type) is { } package && Providers.TryGetValue(package, out var provider) ? provider : null;

    private static string? PackageOf(string type)
    {
        var parts = type.Split(':');
        return parts.Length == 3 ? parts[0] : null;
    }
}

/// <summary>A resource managed by a provider; it has a provider-assigned ID.</summary>
public class CustomResource : Resource
{
    [Output("id")]
    public Output<string> Id { get; internal set; } = null!;

    public CustomResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options = null)
        : base(type, name, custom: true, args ?? ResourceArgs.Empty, options ?? new CustomResourceOptions())
    {
    }
}

/// <summary>A logical grouping of resources, written in the program itself.</summary>
public class ComponentResource : Resource
{
    public ComponentResource(string type, string name, ComponentResourceOptions? options = null)
        : this(type, name, ResourceArgs.Empty, options)
    {
    }

    public ComponentResource(string type, string name, ResourceArgs? args, ComponentResourceOptions? options = null, bool remote = false)
        : base(type, name, custom: false, args ?? ResourceArgs.Empty, options ?? new ComponentResourceOptions(), remote)
    {
    }

    /// <summary>Registers the component's public [Output] properties as its outputs.</summary>
    protected void RegisterOutputs()
    {
        var outputs = new Dictionary<string, object?>();
        foreach (var property in GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            var attribute = (OutputAttribute?)Attribute.GetCustomAttribute(property, typeof(OutputAttribute));
            if (attribute is null || property.Name == nameof(Urn))
                continue;
            outputs[attribute.Name ?? property.Name] = property.GetValue(this);
        }
        RegisterOutputs(outputs);
    }

    protected void RegisterOutputs(IDictionary<string, object?> outputs) => RegisterOutputs(Task.FromResult(outputs ?? throw new ArgumentNullException(nameof(outputs))));

    protected void RegisterOutputs(Task<IDictionary<string, object?>> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        MockDeployment.Require().RegisterResourceOutputs(this, Output.Create(outputs));
    }

    protected void RegisterOutputs(Output<IDictionary<string, object?>> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        MockDeployment.Require().RegisterResourceOutputs(this, outputs);
    }
}

/// <summary>An explicitly configured provider; it registers as <c>pulumi:providers:&lt;package&gt;</c>.</summary>
public class ProviderResource : CustomResource
{
    internal string Package { get; }

    public ProviderResource(string package, string name, ResourceArgs args, CustomResourceOptions? options = null)
        : base($"pulumi:providers:{package}", name, args, options)
    {
        Package = package;
    }
}
