using Pulumi;

namespace MultiRegionInfra.Inspection;

/// <summary>One resource as the program constructed it: the object, its args and its options.</summary>
public sealed record RecordedResource(Resource Resource, ResourceArgs Args, ResourceOptions Options)
{
    public string Type => Resource.GetResourceType();

    public string Name => Resource.GetResourceName();

    /// <summary>The component (or resource) this one was created under; null for a top-level resource.</summary>
    public Resource? Parent => Options.Parent;
}

/// <summary>A resource transformation that changes nothing and remembers every resource constructed
/// beneath the component it is given to, with its args and options (parent, provider, protect,
/// dependencies): the registered graph that tests, policies and the plan inspect through Pulumi's
/// public API alone.</summary>
public sealed class ResourceRecorder
{
    private readonly List<RecordedResource> _resources = new();

    public ResourceRecorder() => Transformation = Record;

    /// <summary>Add this to a component's <c>ResourceTransformations</c>.</summary>
    public ResourceTransformation Transformation { get; }

    public IReadOnlyList<RecordedResource> Resources
    {
        get
        {
            lock (_resources)
                return _resources.ToList();
        }
    }

    private ResourceTransformationResult? Record(ResourceTransformationArgs args)
    {
        lock (_resources)
            _resources.Add(new RecordedResource(args.Resource, args.Args, args.Options));
        return null;
    }
}
