using System.Collections.Immutable;
using MultiRegionInfra.Tests.Support;
using Pulumi;
using Pulumi.Utilities;

namespace MultiRegionInfra.Tests.Sdk;

/// <summary>Specification of Output/Input behaviour the project relies on; holds for the real SDK too.</summary>
public class OutputTests
{
    [Fact]
    public async Task Apply_overloads_transform_known_values()
    {
        var number = Output.Create(20);
        Assert.Equal(21, await OutputUtilities.GetValueAsync(number.Apply(n => n + 1)));
        Assert.Equal("20!", await OutputUtilities.GetValueAsync(number.Apply(n => Task.FromResult($"{n}!"))));
        Assert.Equal(40, await OutputUtilities.GetValueAsync(number.Apply(n => Output.Create(n * 2))));
        Assert.Equal("x20", await OutputUtilities.GetValueAsync(number.Apply(n => (Input<string>)$"x{n}")));
    }

    [Fact]
    public async Task Input_converts_from_values_and_outputs_and_back()
    {
        Input<string> fromValue = "plain";
        Input<string> fromOutput = Output.Create("wrapped");
        Output<string> back = fromValue;
        Assert.Equal("plain", await OutputUtilities.GetValueAsync(back));
        Assert.Equal("wrapped", await OutputUtilities.GetValueAsync(fromOutput.ToOutput()));
        Assert.Equal("WRAPPED", await OutputUtilities.GetValueAsync(fromOutput.Apply(s => s.ToUpperInvariant())));
        Input<string>? missing = null;
        Assert.Null(await OutputUtilities.GetValueAsync(missing.ToOutput()));
    }

    [Fact]
    public async Task Secretness_flows_through_apply_all_tuple_and_format()
    {
        var secret = Output.CreateSecret("s3cr3t");
        var plain = Output.Create("plain");
        Assert.True(await Output.IsSecretAsync(secret.Apply(s => s.Length)));
        Assert.True(await Output.IsSecretAsync(Output.All(plain, secret)));
        Assert.True(await Output.IsSecretAsync(Output.Tuple(plain, secret)));
        var formatted = Output.Format($"{plain}:{secret}");
        Assert.True(await Output.IsSecretAsync(formatted));
        Assert.Equal("plain:s3cr3t", await OutputUtilities.GetValueAsync(formatted));
        Assert.False(await Output.IsSecretAsync(Output.Unsecret(formatted)));
        Assert.False(await Output.IsSecretAsync(plain.Apply(p => p + "!")));
    }

    [Fact]
    public async Task All_tuple_and_format_combine_values_in_order()
    {
        var all = Output.All(Output.Create(1), Output.Create(2), Output.Create(3));
        Assert.Equal(new[] { 1, 2, 3 }, await OutputUtilities.GetValueAsync(all));
        var inputs = Output.All(new List<Input<string>> { "a", Output.Create("b") });
        Assert.Equal(new[] { "a", "b" }, await OutputUtilities.GetValueAsync(inputs));
        var tuple = Output.Tuple(Output.Create("x"), Output.Create(2), Output.Create(true));
        Assert.Equal(("x", 2, true), await OutputUtilities.GetValueAsync(tuple));
        var port = 443;
        Assert.Equal("https://example.com:443/health",
            await OutputUtilities.GetValueAsync(Output.Format($"https://{Output.Create("example.com")}:{port}/{(Input<string>)"health"}")));
        Assert.Equal("""{"Name":"api","Port":8080}""",
            await OutputUtilities.GetValueAsync(Output.JsonSerialize(Output.Create(new { Name = "api", Port = 8080 }))));
    }

    [Fact]
    public async Task Output_ToString_explains_and_warns_instead_of_leaking_a_value()
    {
        string? text = null;
        await new PulumiMocks().RunAsync(() => text = Output.CreateSecret("s3cr3t").ToString());
        Assert.StartsWith("Calling [ToString] on an [Output<T>] is not supported.", text);
        Assert.Contains("Output.Format", text);
        Assert.EndsWith("This function may throw in a future version of Pulumi.", text);
        Assert.DoesNotContain("s3cr3t", text);
        Assert.Equal(5, await OutputUtilities.GetValueAsync(Output.Create(Task.FromResult(5))));
    }

    [Fact]
    public async Task Output_ToString_throws_when_PULUMI_ERROR_OUTPUT_STRING_is_set()
    {
        var previous = Environment.GetEnvironmentVariable("PULUMI_ERROR_OUTPUT_STRING");
        InvalidOperationException? thrown = null;
        try
        {
            Environment.SetEnvironmentVariable("PULUMI_ERROR_OUTPUT_STRING", "true");
            await new PulumiMocks().RunAsync(() => thrown = Record.Exception(() => Output.Create("value").ToString()) as InvalidOperationException);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_ERROR_OUTPUT_STRING", previous);
        }
        Assert.NotNull(thrown);
        Assert.StartsWith("Calling [ToString] on an [Output<T>] is not supported.", thrown.Message);
        Assert.DoesNotContain("This function may throw", thrown.Message);
    }

    [Fact]
    public void Output_ToString_needs_a_running_deployment_for_its_warning()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => Output.Create("value").ToString());
        Assert.Equal("Trying to acquire Deployment.Instance before 'Run' was called.", thrown.Message);
    }

    [Fact]
    public async Task Unknown_values_skip_apply_in_a_preview_and_stay_unknown()
    {
        var mocks = new PulumiMocks();
        var ran = false;
        Output<string>? derived = null;
        Output<string>? formatted = null;
        Output<ImmutableArray<string>>? combined = null;
        await mocks.RunAsync(() =>
        {
            var widget = new Widget("w", new WidgetArgs { Name = "w" });
            // "arn" is an output the mocks do not return, so in a preview it is unknown.
            derived = widget.Arn.Apply(arn => { ran = true; return arn + "/x"; });
            formatted = Output.Format($"arn={widget.Arn}");
            combined = Output.All(widget.Arn, widget.Name);
        });
        Assert.False(ran);
        Assert.False(await OutputUtilities.GetIsKnownAsync(derived!));
        Assert.False(await OutputUtilities.GetIsKnownAsync(formatted!));
        Assert.False(await OutputUtilities.GetIsKnownAsync(combined!));
    }

    [Fact]
    public async Task Outside_a_preview_missing_outputs_are_known_defaults()
    {
        var mocks = new PulumiMocks();
        Output<string>? arn = null;
        Output<int>? size = null;
        await mocks.RunAsync(() =>
        {
            var widget = new Widget("w", new WidgetArgs { Name = "w" });
            arn = widget.Arn.Apply(a => a ?? "none");
            size = widget.Size;
        }, preview: false);
        Assert.True(await OutputUtilities.GetIsKnownAsync(arn!));
        Assert.Equal("none", await OutputUtilities.GetValueAsync(arn!));
        Assert.Equal(0, await OutputUtilities.GetValueAsync(size!));
    }

    [Fact]
    public async Task Unknown_created_outputs_are_unknown_and_carry_dependencies()
    {
        var mocks = new PulumiMocks();
        Output<string>? unknown = null;
        Widget? widget = null;
        await mocks.RunAsync(() =>
        {
            widget = new Widget("w", new WidgetArgs { Name = "w" });
            unknown = OutputUtilities.WithDependency(OutputUtilities.CreateUnknown("later"), widget);
        });
        Assert.False(await OutputUtilities.GetIsKnownAsync(unknown!));
        Assert.Contains(widget!, await OutputUtilities.GetDependenciesAsync(unknown!));
        Assert.Contains(widget!, await OutputUtilities.GetDependenciesAsync(widget!.Name));
    }
}
