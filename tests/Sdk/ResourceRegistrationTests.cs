using System.Collections.Immutable;
using MultiRegionInfra.Tests.Support;
using Pulumi;
using Pulumi.Utilities;

namespace MultiRegionInfra.Tests.Sdk;

/// <summary>What the mocks receive and what resources get back, as Pulumi's test runner does it.</summary>
public class ResourceRegistrationTests
{
    [Fact]
    public async Task Inputs_reach_the_mocks_by_input_name_with_json_like_values()
    {
        var mocks = new PulumiMocks();
        await mocks.RunAsync(() => new Widget("w", new WidgetArgs
        {
            Name = "widget",
            Size = 3,
            Enabled = true,
            Spec = new WidgetSpecArgs { Color = "blue", Weight = 1.5 },
            Zones = { "a", "b" },
            Labels = { { "team", "infra" } },
            Mode = "fast",
        }));
        var inputs = mocks.Single("test:index/widget:Widget", "w").Inputs;
        Assert.Equal("widget", inputs["name"]);
        Assert.Equal(3.0, inputs["size"]);
        Assert.Equal(true, inputs["enabled"]);
        var spec = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(inputs["spec"]);
        Assert.Equal("blue", spec["color"]);
        Assert.Equal(1.5, spec["weight"]);
        Assert.Equal(new object[] { "a", "b" }, Assert.IsType<ImmutableArray<object?>>(inputs["zones"]).ToArray());
        Assert.Equal("infra", Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(inputs["labels"])["team"]);
        Assert.Equal("fast", inputs["mode"]);
    }

    [Fact]
    public async Task Null_unknown_and_secret_inputs_reach_the_mocks_as_the_real_sdk_sends_them()
    {
        var mocks = new PulumiMocks();
        await mocks.RunAsync(() =>
        {
            var first = new Widget("first", new WidgetArgs { Name = "first" });
            new Widget("second", new WidgetArgs
            {
                Name = Output.CreateSecret("hidden"),
                // The first widget's ARN is unknown in a preview: the input is left out, and so is a
                // list that contains it.
                Labels = { { "arn", first.Arn } },
                Zones = { "z", first.Arn },
            });
        });
        var inputs = mocks.Single("test:index/widget:Widget", "second").Inputs;
        Assert.Equal("hidden", inputs["name"]);
        Assert.False(inputs.ContainsKey("size"));
        Assert.False(inputs.ContainsKey("labels"));
        Assert.False(inputs.ContainsKey("zones"));
    }

    [Fact]
    public async Task State_returned_by_the_mocks_is_converted_to_the_declared_output_types()
    {
        var mocks = new PulumiMocks().WithOutputs("test:index/widget:Widget", _ => new Dictionary<string, object>
        {
            ["arn"] = "arn:test:widget/w",
            ["size"] = 7,
            ["spec"] = new Dictionary<string, object> { ["color"] = "red", ["weight"] = 2.5 },
            ["labels"] = new Dictionary<string, object> { ["env"] = "prod" },
        });
        Widget? widget = null;
        await mocks.RunAsync(() => widget = new Widget("w", new WidgetArgs { Name = "w", Zones = { "z1", "z2" } }));
        Assert.Equal("arn:test:widget/w", await OutputUtilities.GetValueAsync(widget!.Arn));
        Assert.Equal(7, await OutputUtilities.GetValueAsync(widget.Size));
        Assert.Equal(new[] { "z1", "z2" }, await OutputUtilities.GetValueAsync(widget.Zones));
        Assert.Equal("prod", (await OutputUtilities.GetValueAsync(widget.Labels))["env"]);
        var spec = await OutputUtilities.GetValueAsync(widget.Spec);
        Assert.Equal("red", spec!.Color);
        Assert.Equal(2.5, spec.Weight);
        Assert.Equal("w-id", await OutputUtilities.GetValueAsync(widget.Id));
    }

    [Fact]
    public async Task An_empty_id_from_the_mocks_leaves_the_id_unknown()
    {
        var mocks = new PulumiMocks { IdOf = _ => null };
        Widget? widget = null;
        await mocks.RunAsync(() => widget = new Widget("w", new WidgetArgs { Name = "w" }), preview: false);
        Assert.False(await OutputUtilities.GetIsKnownAsync(widget!.Id));
    }

    [Fact]
    public async Task Urns_parents_and_the_resource_list_follow_the_mock_monitor()
    {
        var mocks = new PulumiMocks();
        Box? box = null;
        var resources = await mocks.RunAsync(() => box = new Box("box"), stack: "dev", project: "shop");
        Assert.Equal("urn:pulumi:dev::shop::pulumi:pulumi:Stack$test:index:Box::box", await OutputUtilities.GetValueAsync(box!.Urn));
        // Pulumi's .NET mock monitor keeps only the first type of the parent chain in a child's URN.
        Assert.Equal("urn:pulumi:dev::shop::pulumi:pulumi:Stack$test:index/widget:Widget::box-widget", await OutputUtilities.GetValueAsync(box.Child.Urn));
        Assert.Equal("test:index:Box", box.GetResourceType());
        Assert.Equal("box", box.GetResourceName());
        Assert.Contains(box, resources);
        Assert.Contains(box.Child, resources);
        // The component itself reaches the mocks too; its registered outputs arrive with its URN.
        Assert.Single(mocks.OfType("test:index:Box"));
        var registered = Assert.Single(mocks.RegisteredOutputs, r => r.Urn.EndsWith("::box", StringComparison.Ordinal));
        Assert.Equal("box-widget", await OutputUtilities.GetValueAsync(registered.Outputs["widgetName"]));
    }

    [Fact]
    public async Task Children_inherit_their_parents_provider_for_its_package()
    {
        var mocks = new PulumiMocks();
        await mocks.RunAsync(() =>
        {
            var provider = new TestProvider("eu");
            var box = new Box("box", new ComponentResourceOptions { Providers = { provider } });
            new Widget("direct", new WidgetArgs { Name = "direct" }, new CustomResourceOptions { Provider = provider });
            new Widget("default", new WidgetArgs { Name = "default" });
        });
        var provider = mocks.Single("pulumi:providers:test", "eu");
        Assert.NotNull(provider);
        var reference = "urn:pulumi:stack::project::pulumi:pulumi:Stack$pulumi:providers:test::eu::eu-id";
        Assert.Equal(reference, mocks.Single("test:index/widget:Widget", "box-widget").Provider);
        Assert.Equal(reference, mocks.Single("test:index/widget:Widget", "direct").Provider);
        Assert.Equal("", mocks.Single("test:index/widget:Widget", "default").Provider);
    }

    [Fact]
    public async Task Resource_options_are_accepted_and_seen_by_transformations()
    {
        var mocks = new PulumiMocks();
        var seen = new Dictionary<string, ResourceOptions>();
        await mocks.RunAsync(() =>
        {
            var root = new Box("root", new ComponentResourceOptions
            {
                ResourceTransformations =
                {
                    args =>
                    {
                        lock (seen)
                            seen[args.Resource.GetResourceName()] = args.Options;
                        return null;
                    },
                },
            });
            new Widget("kept", new WidgetArgs { Name = "kept" }, new CustomResourceOptions
            {
                Parent = root,
                Protect = true,
                RetainOnDelete = true,
                DependsOn = { root.Child },
                IgnoreChanges = { "labels" },
                DeleteBeforeReplace = true,
                Aliases = { new Alias { Name = "old-name" } },
                CustomTimeouts = new CustomTimeouts { Create = TimeSpan.FromMinutes(40) },
            });
        });
        var options = Assert.IsType<CustomResourceOptions>(seen["kept"]);
        Assert.True(options.Protect);
        Assert.True(options.RetainOnDelete);
        Assert.True(options.DeleteBeforeReplace);
        Assert.Equal(new[] { "labels" }, options.IgnoreChanges);
        Assert.Equal(TimeSpan.FromMinutes(40), options.CustomTimeouts!.Create);
        Assert.Single(options.Aliases);
        // The component's own child was transformed too, with the component as its parent.
        Assert.Equal("root", seen["root-widget"].Parent!.GetResourceName());
        Assert.Single(mocks.OfType("test:index/widget:Widget"), r => r.Name == "kept");
    }

    [Fact]
    public async Task Transformations_can_change_args_before_registration()
    {
        var mocks = new PulumiMocks();
        await mocks.RunAsync(() => new Widget("w", new WidgetArgs { Name = "w" }, new CustomResourceOptions
        {
            ResourceTransformations =
            {
                args => args.Args is WidgetArgs widget
                    ? new ResourceTransformationResult(new WidgetArgs { Name = widget.Name, Size = 99 }, args.Options)
                    : null,
            },
        }));
        Assert.Equal(99.0, mocks.Single("test:index/widget:Widget", "w").Inputs["size"]);
    }

    [Fact]
    public async Task Deployment_instance_reports_the_test_options()
    {
        var mocks = new PulumiMocks();
        (string Stack, string Project, string Organization, bool DryRun) seen = default;
        await mocks.RunAsync(() =>
        {
            var instance = Deployment.Instance;
            seen = (instance.StackName, instance.ProjectName, instance.OrganizationName, instance.IsDryRun);
        }, stack: "us-east", project: "multi-region-infra", preview: false);
        Assert.Equal(("us-east", "multi-region-infra", "organization", false), seen);
    }

    [Fact]
    public async Task Invokes_reach_the_mocks_by_token_and_their_results_are_converted()
    {
        var mocks = new PulumiMocks().WithCall("test:index/getThing:getThing", call => new Dictionary<string, object>
        {
            ["color"] = $"{call.Args["name"]}-green",
            ["weight"] = 4,
        });
        Output<WidgetSpec>? result = null;
        await mocks.RunAsync(() => result = Deployment.Instance.Invoke<WidgetSpec>("test:index/getThing:getThing", new ThingArgs { Name = "lookup" }));
        var spec = await OutputUtilities.GetValueAsync(result!);
        Assert.Equal("lookup-green", spec.Color);
        Assert.Equal(4.0, spec.Weight);
        Assert.Equal("test:index/getThing:getThing", Assert.Single(mocks.Calls).Token);
    }

    private sealed class ThingArgs : InvokeArgs
    {
        [Input("name")]
        public Input<string>? Name { get; set; }
    }
}
