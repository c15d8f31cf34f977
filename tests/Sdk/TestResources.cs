using System.Collections.Immutable;
using Pulumi;

namespace MultiRegionInfra.Tests.Sdk;

// Resource types of a made-up "test" package, declared the way Pulumi's generated SDKs declare theirs,
// so the SDK's behaviour is specified without depending on any provider package.

public sealed class WidgetSpecArgs : ResourceArgs
{
    [Input("color")]
    public Input<string>? Color { get; set; }

    [Input("weight")]
    public Input<double>? Weight { get; set; }
}

public sealed class WidgetArgs : ResourceArgs
{
    [Input("name", required: true)]
    public Input<string> Name { get; set; } = null!;

    [Input("size")]
    public Input<int>? Size { get; set; }

    [Input("enabled")]
    public Input<bool>? Enabled { get; set; }

    [Input("spec")]
    public Input<WidgetSpecArgs>? Spec { get; set; }

    [Input("zones")]
    private InputList<string>? _zones;

    public InputList<string> Zones
    {
        get => _zones ??= new InputList<string>();
        set => _zones = value;
    }

    [Input("labels")]
    private InputMap<string>? _labels;

    public InputMap<string> Labels
    {
        get => _labels ??= new InputMap<string>();
        set => _labels = value;
    }

    [Input("mode")]
    public InputUnion<string, int>? Mode { get; set; }
}

[OutputType]
public sealed class WidgetSpec
{
    public readonly string? Color;
    public readonly double Weight;

    [OutputConstructor]
    private WidgetSpec(string? color, double weight)
    {
        Color = color;
        Weight = weight;
    }
}

public sealed class Widget : CustomResource
{
    [Output("name")]
    public Output<string> Name { get; private set; } = null!;

    [Output("size")]
    public Output<int> Size { get; private set; } = null!;

    [Output("enabled")]
    public Output<bool> Enabled { get; private set; } = null!;

    [Output("zones")]
    public Output<ImmutableArray<string>> Zones { get; private set; } = null!;

    [Output("labels")]
    public Output<ImmutableDictionary<string, string>> Labels { get; private set; } = null!;

    [Output("spec")]
    public Output<WidgetSpec?> Spec { get; private set; } = null!;

    [Output("arn")]
    public Output<string> Arn { get; private set; } = null!;

    public Widget(string name, WidgetArgs args, CustomResourceOptions? options = null)
        : base("test:index/widget:Widget", name, args, options)
    {
    }
}

public sealed class TestProvider : ProviderResource
{
    public TestProvider(string name, CustomResourceOptions? options = null)
        : base("test", name, ResourceArgs.Empty, options)
    {
    }
}

/// <summary>A component with one widget child, registering one output.</summary>
public sealed class Box : ComponentResource
{
    [Output("widgetName")]
    public Output<string> WidgetName { get; private set; } = null!;

    public Widget Child { get; }

    public Box(string name, ComponentResourceOptions? options = null)
        : base("test:index:Box", name, options)
    {
        Child = new Widget($"{name}-widget", new WidgetArgs { Name = $"{name}-widget" }, new CustomResourceOptions { Parent = this });
        WidgetName = Child.Name;
        RegisterOutputs();
    }
}
