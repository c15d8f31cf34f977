using MultiRegionInfra.Tests.Support;
using Pulumi;

namespace MultiRegionInfra.Tests.Sdk;

/// <summary>How failures of a program surface from Pulumi's test runner.</summary>
public class ErrorTests
{
    [Fact]
    public async Task An_exception_in_the_program_fails_the_run_with_its_message()
    {
        var mocks = new PulumiMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => mocks.RunAsync((Func<IDictionary<string, object?>>)(() => throw new InvalidOperationException("no such region"))));
        Assert.Contains("failed with an unhandled exception", error.Message);
        Assert.Contains("System.InvalidOperationException: no such region", error.Message);
    }

    [Fact]
    public async Task A_run_exception_is_reported_with_its_message_alone()
    {
        var mocks = new PulumiMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => mocks.RunAsync((Func<IDictionary<string, object?>>)(() => throw new RunException("config is invalid"))));
        Assert.Equal("config is invalid", error.Message);
    }

    [Fact]
    public async Task A_logged_error_fails_the_run_and_warnings_do_not()
    {
        var mocks = new PulumiMocks();
        await mocks.RunAsync(() => Log.Warn("just a warning"));
        var error = await Assert.ThrowsAsync<RunException>(() => mocks.RunAsync(() => Log.Error("broken")));
        Assert.Equal("broken", error.Message);
    }

    [Fact]
    public async Task An_exception_in_an_apply_fails_the_run()
    {
        var mocks = new PulumiMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => mocks.RunAsync(() =>
            Output.Create("x").Apply(Fail)));
        Assert.Contains("System.FormatException: bad value x", error.Message);
    }

    private static string Fail(string value) => throw new FormatException($"bad value {value}");

    [Fact]
    public async Task A_missing_required_input_fails_the_run_naming_the_member()
    {
        var mocks = new PulumiMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => mocks.RunAsync(() => new Widget("w", new WidgetArgs())));
        Assert.Contains("[Input] MultiRegionInfra.Tests.Sdk.WidgetArgs.Name is required but was not given a value", error.Message);
    }

    [Fact]
    public async Task Several_failures_are_reported_together()
    {
        var mocks = new PulumiMocks();
        var error = await Assert.ThrowsAsync<AggregateException>(() => mocks.RunAsync(() =>
        {
            Log.Error("first");
            Log.Error("second");
        }));
        Assert.Equal(new[] { "first", "second" }, error.InnerExceptions.Select(e => e.Message).OrderBy(m => m));
    }
}
