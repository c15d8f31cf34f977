namespace Pulumi;

/// <summary>Runs before a resource is registered and may return new args and options for it.</summary>
public delegate ResourceTransformationResult? ResourceTransformation(ResourceTransformationArgs args);

/// <summary>What a transformation sees: the resource being constructed, its args and its options.</summary>
public readonly struct ResourceTransformationArgs
{
    public Resource Resource { get; }

    public ResourceArgs Args { get; }

    public ResourceOptions Options { get; }

    public ResourceTransformationArgs(Resource resource, ResourceArgs args, ResourceOptions options)
    {
        Resource = resource;
        Args = args;
        Options = options;
    }
}

/// <summary>The args and options a transformation hands back.</summary>
public readonly struct ResourceTransformationResult
{
    public ResourceArgs Args { get; }

    public ResourceOptions Options { get; }

    public ResourceTransformationResult(ResourceArgs args, ResourceOptions options)
    {
        Args = args;
        Options = options;
    }
}
