using MultiRegionInfra.Tests.Support;
using Pulumi;
using Pulumi.Utilities;

namespace MultiRegionInfra.Tests.Sdk;

/// <summary>A stack class whose [Output] properties are its outputs, run by TestAsync&lt;TStack&gt;.</summary>
public class StackTests
{
    public sealed class WidgetStack : Stack
    {
        public WidgetStack()
        {
            var widget = new Widget("w", new WidgetArgs { Name = "from-stack" });
            WidgetName = widget.Name;
            Greeting = Output.Create("hello");
        }

        [Output("widgetName")]
        public Output<string> WidgetName { get; set; }

        [Output]
        public Output<string> Greeting { get; set; }
    }

    [Fact]
    public async Task TestAsync_of_a_stack_class_registers_the_stack_its_resources_and_its_outputs()
    {
        var mocks = new PulumiMocks();
        var resources = await Deployment.TestAsync<WidgetStack>(mocks.Mock.Object, new Pulumi.Testing.TestOptions { StackName = "dev", ProjectName = "shop" });
        var stack = Assert.Single(resources.OfType<WidgetStack>());
        Assert.Equal("pulumi:pulumi:Stack", stack.GetResourceType());
        Assert.Equal("shop-dev", stack.GetResourceName());
        Assert.Equal("urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev", await OutputUtilities.GetValueAsync(stack.Urn));
        Assert.Single(resources.OfType<Widget>());
        Assert.Equal("from-stack", await OutputUtilities.GetValueAsync(stack.WidgetName));
        // The root stack never reaches NewResourceAsync; its outputs reach RegisterResourceOutputs by [Output] name.
        Assert.DoesNotContain(mocks.Resources, r => r.Type == "pulumi:pulumi:Stack");
        var registered = Assert.Single(mocks.RegisteredOutputs, r => r.Urn == "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev");
        Assert.Equal(new[] { "Greeting", "widgetName" }, registered.Outputs.Keys.Order());
        Assert.Equal("hello", await OutputUtilities.GetValueAsync(registered.Outputs["Greeting"]));
    }
}
