using System.Collections.Immutable;
using System.Text.Json;
using Moq;
using Pulumi;
using Pulumi.Testing;

namespace MultiRegionInfra.Tests.Support;

/// <summary>The one test helper on Pulumi's documented mocking pattern: a Moq <see cref="Mock{IMocks}"/>
/// that echoes every resource's inputs back as its state (plus per-type extra outputs), answers invokes
/// per token, and records what the program registered, so tests assert on real resource inputs.</summary>
public sealed class PulumiMocks
{
    private readonly Dictionary<string, Func<MockResourceArgs, IDictionary<string, object>>> _outputsByType = new();
    private readonly Dictionary<string, Func<MockCallArgs, IDictionary<string, object>>> _callsByToken = new();
    private readonly List<MockResourceArgs> _resources = new();
    private readonly List<MockCallArgs> _calls = new();
    private readonly List<MockRegisterResourceOutputsRequest> _registeredOutputs = new();

    public PulumiMocks()
    {
        Mock.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()))
            .ReturnsAsync((MockResourceArgs args) =>
            {
                lock (_resources)
                    _resources.Add(args);
                var state = args.Inputs.ToDictionary(p => p.Key, p => p.Value);
                if (args.Type is { } type && _outputsByType.TryGetValue(type, out var extra))
                {
                    foreach (var (key, value) in extra(args))
                        state[key] = value;
                }
                return (IdOf(args), (object)state);
            });
        Mock.Setup(m => m.CallAsync(It.IsAny<MockCallArgs>()))
            .ReturnsAsync((MockCallArgs args) =>
            {
                lock (_calls)
                    _calls.Add(args);
                return args.Token is { } token && _callsByToken.TryGetValue(token, out var answer)
                    ? answer(args)
                    : new Dictionary<string, object>();
            });
        Mock.Setup(m => m.RegisterResourceOutputs(It.IsAny<MockRegisterResourceOutputsRequest>()))
            .Returns((MockRegisterResourceOutputsRequest request) =>
            {
                lock (_registeredOutputs)
                    _registeredOutputs.Add(request);
                return Task.CompletedTask;
            });
    }

    public Mock<IMocks> Mock { get; } = new();

    /// <summary>The ID every mocked resource gets; empty IDs would make <c>Id</c> unknown.</summary>
    public Func<MockResourceArgs, string?> IdOf { get; set; } = args => $"{args.Name}-id";

    /// <summary>What the program sent to <c>NewResourceAsync</c>, in the order it arrived.</summary>
    public IReadOnlyList<MockResourceArgs> Resources
    {
        get
        {
            lock (_resources)
                return _resources.ToList();
        }
    }

    public IReadOnlyList<MockCallArgs> Calls
    {
        get
        {
            lock (_calls)
                return _calls.ToList();
        }
    }

    public IReadOnlyList<MockRegisterResourceOutputsRequest> RegisteredOutputs
    {
        get
        {
            lock (_registeredOutputs)
                return _registeredOutputs.ToList();
        }
    }

    /// <summary>Adds outputs that a resource type has beyond its inputs (ARNs, DNS names, ...).</summary>
    public PulumiMocks WithOutputs(string type, Func<MockResourceArgs, IDictionary<string, object>> outputs)
    {
        _outputsByType[type] = outputs;
        return this;
    }

    /// <summary>Answers an invoke token.</summary>
    public PulumiMocks WithCall(string token, Func<MockCallArgs, IDictionary<string, object>> answer)
    {
        _callsByToken[token] = answer;
        return this;
    }

    /// <summary>Feeds a stack reference the outputs of the stack it names, the documented way.</summary>
    public PulumiMocks WithStackOutputs(string stackName, IDictionary<string, object> outputs)
    {
        var previous = _outputsByType.GetValueOrDefault("pulumi:pulumi:StackReference");
        _outputsByType["pulumi:pulumi:StackReference"] = args =>
            args.Inputs.TryGetValue("name", out var name) && Equals(name, stackName)
                ? new Dictionary<string, object> { ["outputs"] = outputs }
                : previous?.Invoke(args) ?? new Dictionary<string, object>();
        return this;
    }

    /// <summary>The registrations of one type.</summary>
    public IReadOnlyList<MockResourceArgs> OfType(string type) => Resources.Where(r => r.Type == type).ToList();

    /// <summary>The one registration of a type and name.</summary>
    public MockResourceArgs Single(string type, string name) => Resources.Single(r => r.Type == type && r.Name == name);

    /// <summary>Runs a program under these mocks with the given configuration (keys without a namespace
    /// get the project's), the way <c>pulumi preview</c> (or <c>up</c>, with preview false) would.</summary>
    public async Task<ImmutableArray<Resource>> RunAsync(Action program, IDictionary<string, string>? config = null,
        bool preview = true, string stack = "stack", string project = "project", ISet<string>? secretKeys = null)
    {
        using var _ = WithConfig(config, project, secretKeys);
        return await Deployment.TestAsync(Mock.Object, Options(preview, stack, project), program);
    }

    /// <summary>Like <see cref="RunAsync(Action, IDictionary{string, string}?, bool, string, string, ISet{string}?)"/>,
    /// for a program that returns stack outputs.</summary>
    public async Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> RunAsync(
        Func<IDictionary<string, object?>> program, IDictionary<string, string>? config = null,
        bool preview = true, string stack = "stack", string project = "project")
    {
        using var _ = WithConfig(config, project, null);
        return await Deployment.TestAsync(Mock.Object, Options(preview, stack, project), program);
    }

    /// <summary>Like the overload above, for an asynchronous program (one that reads stack references first).</summary>
    public async Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> RunAsync(
        Func<Task<IDictionary<string, object?>>> program, IDictionary<string, string>? config = null,
        bool preview = true, string stack = "stack", string project = "project")
    {
        using var _ = WithConfig(config, project, null);
        return await Deployment.TestAsync(Mock.Object, Options(preview, stack, project), program);
    }

    private static TestOptions Options(bool preview, string stack, string project) =>
        new() { IsPreview = preview, StackName = stack, ProjectName = project };

    /// <summary>Sets PULUMI_CONFIG (where the SDK reads configuration, in tests too) for one run.</summary>
    public static IDisposable WithConfig(IDictionary<string, string>? config, string project, ISet<string>? secretKeys)
    {
        var previousConfig = Environment.GetEnvironmentVariable("PULUMI_CONFIG");
        var previousSecrets = Environment.GetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS");
        var qualified = (config ?? new Dictionary<string, string>())
            .ToDictionary(p => p.Key.Contains(':', StringComparison.Ordinal) ? p.Key : $"{project}:{p.Key}", p => p.Value);
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(qualified));
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", secretKeys is null ? null : JsonSerializer.Serialize(secretKeys));
        return new Restore(() =>
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", previousConfig);
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", previousSecrets);
        });
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
