namespace Pulumi;

/// <summary>Options that control how a resource is registered.</summary>
public abstract class ResourceOptions
{
    protected ResourceOptions()
    {
    }

    public Input<string>? Id { get; set; }

    public Resource? Parent { get; set; }

    private InputList<Resource>? _dependsOn;

    public InputList<Resource> DependsOn
    {
        get => _dependsOn ??= new InputList<Resource>();
        set => _dependsOn = value;
    }

    public bool? Protect { get; set; }

    public List<string> IgnoreChanges { get; set; } = new();

    public List<string> ReplaceOnChanges { get; set; } = new();

    public string? Version { get; set; }

    public string? PluginDownloadURL { get; set; }

    public ProviderResource? Provider { get; set; }

    public CustomTimeouts? CustomTimeouts { get; set; }

    public List<Input<Alias>> Aliases { get; set; } = new();

    public string? Urn { get; set; }

    public bool? RetainOnDelete { get; set; }

    public Resource? DeletedWith { get; set; }

    private List<ResourceTransformation>? _resourceTransformations;

    public List<ResourceTransformation> ResourceTransformations
    {
        get => _resourceTransformations ??= new List<ResourceTransformation>();
        set => _resourceTransformations = value;
    }

    internal void CopyCommonTo(ResourceOptions target)
    {
        target.Id = Id;
        target.Parent = Parent;
        target._dependsOn = _dependsOn is null ? null : new InputList<Resource>().Concat(_dependsOn);
        target.Protect = Protect;
        target.IgnoreChanges = new List<string>(IgnoreChanges);
        target.ReplaceOnChanges = new List<string>(ReplaceOnChanges);
        target.Version = Version;
        target.PluginDownloadURL = PluginDownloadURL;
        target.Provider = Provider;
        target.CustomTimeouts = CustomTimeouts;
        target.Aliases = new List<Input<Alias>>(Aliases);
        target.Urn = Urn;
        target.RetainOnDelete = RetainOnDelete;
        target.DeletedWith = DeletedWith;
        target._resourceTransformations = _resourceTransformations is null ? null : new List<ResourceTransformation>(_resourceTransformations);
    }

    // Scalars of the second options win when set; lists are concatenated, as in the real SDK.
    internal static void MergeCommon(ResourceOptions into, ResourceOptions from)
    {
        into.Id = from.Id ?? into.Id;
        into.Parent = from.Parent ?? into.Parent;
        into.Protect = from.Protect ?? into.Protect;
        into.Version = from.Version ?? into.Version;
        into.PluginDownloadURL = from.PluginDownloadURL ?? into.PluginDownloadURL;
        into.Provider = from.Provider ?? into.Provider;
        into.CustomTimeouts = from.CustomTimeouts ?? into.CustomTimeouts;
        into.Urn = from.Urn ?? into.Urn;
        into.RetainOnDelete = from.RetainOnDelete ?? into.RetainOnDelete;
        into.DeletedWith = from.DeletedWith ?? into.DeletedWith;
        into.IgnoreChanges.AddRange(from.IgnoreChanges);
        into.ReplaceOnChanges.AddRange(from.ReplaceOnChanges);
        into.Aliases.AddRange(from.Aliases);
        if (from._resourceTransformations is not null)
            into.ResourceTransformations.AddRange(from._resourceTransformations);
        if (from._dependsOn is not null)
            into.DependsOn = into.DependsOn.Concat(from._dependsOn);
    }
}

/// <summary>Options for a custom (provider-managed) resource.</summary>
public sealed class CustomResourceOptions : ResourceOptions
{
    public bool? DeleteBeforeReplace { get; set; }

    public List<string> AdditionalSecretOutputs { get; set; } = new();

    public string? ImportId { get; set; }

    internal CustomResourceOptions Clone()
    {
        var clone = new CustomResourceOptions
        {
            DeleteBeforeReplace = DeleteBeforeReplace,
            AdditionalSecretOutputs = new List<string>(AdditionalSecretOutputs),
            ImportId = ImportId,
        };
        CopyCommonTo(clone);
        return clone;
    }

    public static CustomResourceOptions Merge(CustomResourceOptions? options1, CustomResourceOptions? options2)
    {
        var merged = options1?.Clone() ?? new CustomResourceOptions();
        if (options2 is null)
            return merged;
        MergeCommon(merged, options2);
        merged.DeleteBeforeReplace = options2.DeleteBeforeReplace ?? merged.DeleteBeforeReplace;
        merged.ImportId = options2.ImportId ?? merged.ImportId;
        merged.AdditionalSecretOutputs.AddRange(options2.AdditionalSecretOutputs);
        return merged;
    }
}

/// <summary>Options for a component resource.</summary>
public sealed class ComponentResourceOptions : ResourceOptions
{
    public List<ProviderResource> Providers { get; set; } = new();

    internal ComponentResourceOptions Clone()
    {
        var clone = new ComponentResourceOptions { Providers = new List<ProviderResource>(Providers) };
        CopyCommonTo(clone);
        return clone;
    }

    public static ComponentResourceOptions Merge(ComponentResourceOptions? options1, ComponentResourceOptions? options2)
    {
        var merged = options1?.Clone() ?? new ComponentResourceOptions();
        if (options2 is null)
            return merged;
        MergeCommon(merged, options2);
        merged.Providers.AddRange(options2.Providers);
        return merged;
    }
}

/// <summary>Per-operation timeouts for a resource.</summary>
public sealed class CustomTimeouts
{
    public TimeSpan? Create { get; set; }

    public TimeSpan? Update { get; set; }

    public TimeSpan? Delete { get; set; }
}

/// <summary>An earlier identity of a resource, so a rename or re-parent is not a replacement.</summary>
public sealed class Alias
{
    public Input<string>? Name { get; set; }

    public Input<string>? Type { get; set; }

    public Resource? Parent { get; set; }

    public Input<string>? ParentUrn { get; set; }

    public bool NoParent { get; set; }

    public Input<string>? Stack { get; set; }

    public Input<string>? Project { get; set; }

    public string? Urn { get; set; }
}

/// <summary>Options for an invoke.</summary>
public class InvokeOptions
{
    public Resource? Parent { get; set; }

    public ProviderResource? Provider { get; set; }

    public string? Version { get; set; }

    public string? PluginDownloadURL { get; set; }
}

/// <summary>Options for an output-form invoke, which may also depend on resources.</summary>
public class InvokeOutputOptions : InvokeOptions
{
    private InputList<Resource>? _dependsOn;

    public InputList<Resource> DependsOn
    {
        get => _dependsOn ??= new InputList<Resource>();
        set => _dependsOn = value;
    }
}

/// <summary>Options for the root stack.</summary>
public class StackOptions
{
    private List<ResourceTransformation>? _resourceTransformations;

    /// <summary>Transformations applied to every resource of the stack, after the resources' own.</summary>
    public List<ResourceTransformation> ResourceTransformations
    {
        get => _resourceTransformations ??= new List<ResourceTransformation>();
        set => _resourceTransformations = value;
    }
}
