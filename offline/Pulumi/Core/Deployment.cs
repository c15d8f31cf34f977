using System.Collections.Immutable;
using System.Reflection;
using MultiRegionInfra.OfflineSdk.Engine;
using Pulumi.Testing;

namespace Pulumi;

/// <summary>Runs a Pulumi program. In this offline build a program can run only under test mocks
/// (<see cref="TestAsync{TStack}"/> and its overloads); <c>RunAsync</c> refuses to pretend to deploy.</summary>
public sealed class Deployment
{
    internal const string OfflineRunMessage =
        "multi-region-infra: this is an offline build (PulumiSdk=offline); it can run the tests and `plan`, but it cannot deploy. " +
        "For `pulumi up` and `pulumi preview`, build with the real Pulumi packages: dotnet build (without -p:PulumiSdk=offline or PULUMI_SDK=offline).";

    private Deployment()
    {
    }

    public static DeploymentInstance Instance => new(MockDeployment.Require());

    public static Task<int> RunAsync(Action action) => RefuseToDeploy();

    public static Task<int> RunAsync(Func<IDictionary<string, object?>> func) => RefuseToDeploy();

    public static Task<int> RunAsync(Func<Task> func) => RefuseToDeploy();

    public static Task<int> RunAsync(Func<Task<IDictionary<string, object?>>> func, StackOptions? options = null) => RefuseToDeploy();

    public static Task<int> RunAsync<TStack>() where TStack : Stack, new() => RefuseToDeploy();

    private static Task<int> RefuseToDeploy()
    {
        Console.Error.WriteLine(OfflineRunMessage);
        return Task.FromResult(1);
    }

    public static Task<ImmutableArray<Resource>> TestAsync<TStack>(IMocks mocks, TestOptions? options = null) where TStack : Stack, new() =>
        RunTestAsync(mocks, options, () => (TStack)Activator.CreateInstance(typeof(TStack), BindingFlags.DoNotWrapExceptions | BindingFlags.Public | BindingFlags.Instance, null, null, null)!);

    public static Task<ImmutableArray<Resource>> TestAsync(IMocks testMocks, TestOptions testOptions, Action createResources) =>
        RunTestAsync(testMocks, testOptions, () => new TestStack(() =>
        {
            createResources();
            return new Dictionary<string, object?>();
        }));

    public static Task<ImmutableArray<Resource>> TestAsync(IMocks testMocks, TestOptions testOptions, Func<Task> createResources) =>
        RunTestAsync(testMocks, testOptions, () => new TestStack(() =>
        {
            createResources().GetAwaiter().GetResult();
            return new Dictionary<string, object?>();
        }));

    public static async Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> TestAsync(
        IMocks testMocks, TestOptions testOptions, Func<IDictionary<string, object?>> createResources)
    {
        TestStack? stack = null;
        var resources = await RunTestAsync(testMocks, testOptions, () => stack = new TestStack(createResources)).ConfigureAwait(false);
        return (resources, stack!.Outputs);
    }

    public static async Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> TestAsync(
        IMocks testMocks, TestOptions testOptions, Func<Task<IDictionary<string, object?>>> createResources)
    {
        TestStack? stack = null;
        var resources = await RunTestAsync(testMocks, testOptions, () => stack = new TestStack(() => createResources().GetAwaiter().GetResult())).ConfigureAwait(false);
        return (resources, stack!.Outputs);
    }

    // Mirrors the real test runner: the program's exceptions and logged errors are collected while every
    // task finishes, then reported as one RunException (or an AggregateException of several).
    private static async Task<ImmutableArray<Resource>> RunTestAsync(IMocks mocks, TestOptions? options, Func<Stack> createStack)
    {
        var deployment = new MockDeployment(mocks, options);
        MockDeployment.SetCurrent(deployment);
        try
        {
            var stack = createStack();
            stack.RegisterPropertyOutputs();
        }
#pragma warning disable CA1031 // Like the real runner: every failure of the program becomes an error message.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            deployment.Runner.RecordException(exception);
        }
        foreach (var exception in await deployment.Runner.WhenIdleAsync().ConfigureAwait(false))
            deployment.LogException(exception);
        var errors = deployment.Errors;
        if (errors.Count == 1)
            throw new RunException(errors[0]);
        if (errors.Count > 1)
            throw new AggregateException(errors.Select(e => new RunException(e)));
        return deployment.Resources.Where(r => r is not TestStack).ToImmutableArray();
    }

    private sealed class TestStack : Stack
    {
        public TestStack(Func<IDictionary<string, object?>> createResources) => Outputs = createResources();

        public IDictionary<string, object?> Outputs { get; }
    }
}

/// <summary>The running deployment: its stack, project and organization, and invokes.</summary>
public sealed class DeploymentInstance
{
    private readonly MockDeployment _deployment;

    internal DeploymentInstance(MockDeployment deployment) => _deployment = deployment;

    public string StackName => _deployment.StackName;

    public string ProjectName => _deployment.ProjectName;

    public string OrganizationName => _deployment.OrganizationName;

    public string RootDirectory => _deployment.RootDirectory;

    public bool IsDryRun => _deployment.IsDryRun;

    public Output<T> Invoke<T>(string token, InvokeArgs args, InvokeOptions? options = null) =>
        _deployment.Invoke<T>(token, args, options, null);

    public Output<T> Invoke<T>(string token, InvokeArgs args, InvokeOutputOptions options) =>
        _deployment.Invoke<T>(token, args, options, options?.DependsOn);

    public Task<T> InvokeAsync<T>(string token, InvokeArgs args, InvokeOptions? options = null) =>
        _deployment.InvokeAsync<T>(token, args, options);
}
