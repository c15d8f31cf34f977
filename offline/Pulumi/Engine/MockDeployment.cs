using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using Pulumi;
using Pulumi.Testing;

namespace MultiRegionInfra.OfflineSdk.Engine;

internal enum LogSeverity
{
    Debug,
    Info,
    Warning,
    Error,
}

/// <summary>One run of a program against <see cref="IMocks"/>: the offline equivalent of the real SDK's
/// test deployment with its mock monitor and mock engine.</summary>
internal sealed class MockDeployment
{
    private static readonly AsyncLocal<MockDeployment?> CurrentDeployment = new();

    private readonly IMocks _mocks;
    private readonly ImmutableDictionary<string, string> _config;
    private readonly List<Resource> _resources = new();
    private readonly List<string> _errors = new();
    private readonly Dictionary<ProviderResource, Task<string>> _providerReferences = new();

    public MockDeployment(IMocks mocks, TestOptions? options)
    {
        _mocks = mocks ?? throw new ArgumentNullException(nameof(mocks));
        IsDryRun = options?.IsPreview ?? true;
        StackName = options?.StackName ?? "stack";
        ProjectName = options?.ProjectName ?? "project";
        OrganizationName = options?.OrganizationName ?? "organization";
        RootDirectory = options?.RootDirectory ?? "rootDirectory";
        _config = ParseConfig(Environment.GetEnvironmentVariable("PULUMI_CONFIG"));
    }

    public static MockDeployment? Current => CurrentDeployment.Value;

    public static MockDeployment Require() =>
        Current ?? throw new InvalidOperationException("Trying to acquire Deployment.Instance before 'Run' was called.");

    public static void SetCurrent(MockDeployment deployment)
    {
        if (CurrentDeployment.Value is not null)
            throw new InvalidOperationException("Deployment.Instance should only be set once at the beginning of a 'Run' call.");
        CurrentDeployment.Value = deployment;
    }

    public string StackName { get; }
    public string ProjectName { get; }
    public string OrganizationName { get; }
    public string RootDirectory { get; }
    public bool IsDryRun { get; }
    public Runner Runner { get; } = new();
    public Stack? Stack { get; set; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
                return _errors.ToList();
        }
    }

    public ImmutableArray<Resource> Resources
    {
        get
        {
            lock (_resources)
                return _resources.ToImmutableArray();
        }
    }

    // Keys are stored as the real SDK stores them: "project:config:key" is cleaned to "project:key".
    private static ImmutableDictionary<string, string> ParseConfig(string? json)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string>();
        if (string.IsNullOrEmpty(json))
            return builder.ToImmutable();
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
            builder[CleanKey(property.Name)] = property.Value.ToString();
        return builder.ToImmutable();
    }

    private static string CleanKey(string key)
    {
        var index = key.IndexOf(':', StringComparison.Ordinal);
        if (index > 0 && key[(index + 1)..].StartsWith("config:", StringComparison.Ordinal))
            return key[..(index + 1)] + key[(index + 1 + "config:".Length)..];
        return key;
    }

    public string? GetConfig(string fullKey) => _config.TryGetValue(fullKey, out var value) ? value : null;

    public void Log(LogSeverity severity, string message, Resource? resource)
    {
        // The real mock engine keeps only errors; they make the test run fail.
        if (severity != LogSeverity.Error)
            return;
        lock (_errors)
            _errors.Add(message);
    }

    public void LogException(Exception exception)
    {
        var message = exception switch
        {
            RunException run => run.Message,
            ResourceException resource => resource.HideStack ? resource.Message : resource.ToString(),
            _ => $"Running program '{Assembly.GetEntryAssembly()?.Location}' failed with an unhandled exception:\n{exception}",
        };
        Log(LogSeverity.Error, message, null);
    }

    public Task RegisterResource(Resource resource, bool custom, ResourceArgs args, ResourceOptions options, bool remote)
    {
        var task = RegisterAsync(resource, custom, args, options);
        Runner.Register(task);
        return task;
    }

    private async Task RegisterAsync(Resource resource, bool custom, ResourceArgs args, ResourceOptions options)
    {
        // Registration continues in the background while the program goes on constructing resources.
        await Task.Yield();
        var type = resource.GetResourceType();
        var name = resource.GetResourceName();
        try
        {
            var isStack = type == Stack.RootStackType;
            var parentUrn = "";
            if (!isStack && (options.Parent ?? Stack) is { } parent)
                parentUrn = (await parent.Urn.DataTask.ConfigureAwait(false)).Value;

            // Generated resource classes always pass an ID option; only a non-empty one reads an existing resource.
            string? readId = null;
            if (options.Id is not null)
            {
                var idData = await options.Id.ToOutput().DataTask.ConfigureAwait(false);
                if (idData.IsKnown && !string.IsNullOrEmpty(idData.Value))
                {
                    if (!custom)
                        throw new ArgumentException("ResourceOptions.Id is only valid for a CustomResource");
                    readId = idData.Value;
                }
            }

            // Explicit dependencies only order the registration, as in the real SDK.
            var dependsOn = await options.DependsOn.ToOutput().DataTask.ConfigureAwait(false);
            foreach (var dependency in dependsOn.Value.IsDefault ? ImmutableArray<Resource>.Empty : dependsOn.Value)
                await dependency.Urn.DataTask.ConfigureAwait(false);

            var providerReference = custom && options.Provider is { } provider
                ? await ProviderReferenceAsync(provider).ConfigureAwait(false)
                : "";

            var dependencies = new HashSet<Resource>();
            var properties = await Serializer.SerializePropertiesAsync($"resource:{name}[{type}]", args, dependencies, excludeIdAndUrn: true).ConfigureAwait(false);
            var inputs = Wire.ToMockDictionary(properties);

            string urn;
            string id;
            ImmutableDictionary<string, object?> state;
            if (isStack)
            {
                AddResource(resource);
                urn = NewUrn("", type, name);
                id = "";
                state = ImmutableDictionary<string, object?>.Empty;
            }
            else if (readId is not null)
            {
                var (_, mockState) = await _mocks.NewResourceAsync(new MockResourceArgs
                {
                    Type = type, Name = name, Inputs = inputs, Provider = providerReference, Id = readId,
                }).ConfigureAwait(false);
                urn = NewUrn(parentUrn, type, name);
                id = readId;
                state = await Serializer.SerializeStateAsync(mockState).ConfigureAwait(false);
                AddResource(resource);
            }
            else
            {
                AddResource(resource);
                var importId = (options as CustomResourceOptions)?.ImportId ?? "";
                var (mockId, mockState) = await _mocks.NewResourceAsync(new MockResourceArgs
                {
                    Type = type, Name = name, Inputs = inputs, Provider = providerReference, Id = importId,
                }).ConfigureAwait(false);
                urn = NewUrn(parentUrn, type, name);
                id = mockId ?? importId;
                state = await Serializer.SerializeStateAsync(mockState).ConfigureAwait(false);
            }

            Complete(resource, urn, id, state);
        }
        catch (Exception exception)
        {
            foreach (var completion in resource.Completions.Values)
                completion.SetException(exception);
            throw;
        }
    }

    private void AddResource(Resource resource)
    {
        lock (_resources)
            _resources.Add(resource);
    }

    private void Complete(Resource resource, string urn, string id, ImmutableDictionary<string, object?> state)
    {
        var self = ImmutableHashSet.Create(resource);
        foreach (var (key, completion) in resource.Completions)
        {
            switch (key)
            {
                case "urn":
                    completion.SetValue(urn, true, false, self);
                    continue;
                case "id" when resource is CustomResource:
                    // An empty ID is unknown, in a preview and outside one.
                    completion.SetValue(id, id.Length > 0, false, self);
                    continue;
            }
            if (state.TryGetValue(key, out var wire))
            {
                var plain = Wire.Deserialize(wire);
                var value = plain.IsKnown
                    ? Converter.Convert(plain.Value, completion.ValueType, $"{resource.GetType().FullName}.{key}", warning => Log(LogSeverity.Warning, warning, resource))
                    : null;
                completion.SetValue(value, plain.IsKnown, plain.IsSecret, self);
            }
            else
            {
                // What the mocks did not return is unknown in a preview and a known default otherwise.
                completion.SetDefault(!IsDryRun, self);
            }
        }
    }

    // The real mock monitor's URN: only the first segment of the parent's type chain is kept.
    private string NewUrn(string parent, string type, string name)
    {
        if (!string.IsNullOrEmpty(parent))
        {
            var qualifiedType = parent.Split("::")[2];
            type = qualifiedType.Split("$")[0] + "$" + type;
        }
        return "urn:pulumi:" + string.Join("::", StackName, ProjectName, type, name);
    }

    private Task<string> ProviderReferenceAsync(ProviderResource provider)
    {
        lock (_providerReferences)
        {
            if (!_providerReferences.TryGetValue(provider, out var reference))
            {
                reference = ComputeAsync();
                _providerReferences[provider] = reference;
            }
            return reference;
        }

        async Task<string> ComputeAsync()
        {
            var urn = (await provider.Urn.DataTask.ConfigureAwait(false)).Value;
            var id = await provider.Id.DataTask.ConfigureAwait(false);
            return $"{urn}::{(id.IsKnown && !string.IsNullOrEmpty(id.Value) ? id.Value : Wire.UnknownValue)}";
        }
    }

    public void RegisterResourceOutputs(Resource resource, Output<IDictionary<string, object?>> outputs)
    {
        Runner.Register(RegisterOutputsAsync(resource, outputs));
    }

    private async Task RegisterOutputsAsync(Resource resource, Output<IDictionary<string, object?>> outputs)
    {
        await Task.Yield();
        var urn = (await resource.Urn.DataTask.ConfigureAwait(false)).Value;
        var data = await outputs.DataTask.ConfigureAwait(false);
        var builder = ImmutableDictionary.CreateBuilder<string, Output<object?>>();
        foreach (var (key, value) in data.Value ?? new Dictionary<string, object?>())
        {
            var wire = await Serializer.SerializeAsync(key, value, new HashSet<Resource>()).ConfigureAwait(false);
            if (wire is null)
                continue;
            var plain = Wire.Deserialize(wire);
            builder[key] = Output<object?>.FromData(new OutputData<object?>(ImmutableHashSet<Resource>.Empty, plain.Value, plain.IsKnown, plain.IsSecret));
        }
        await _mocks.RegisterResourceOutputs(new MockRegisterResourceOutputsRequest(urn, builder.ToImmutable())).ConfigureAwait(false);
    }

    public Output<T> Invoke<T>(string token, InvokeArgs args, InvokeOptions? options, InputList<Resource>? dependsOn)
    {
        var task = InvokeOutputAsync<T>(token, args, options, dependsOn);
        return new Output<T>(task);
    }

    private async Task<OutputData<T>> InvokeOutputAsync<T>(string token, InvokeArgs args, InvokeOptions? options, InputList<Resource>? dependsOn)
    {
        await Task.Yield();
        var dependencies = new HashSet<Resource>();
        var properties = await Serializer.SerializePropertiesAsync($"invoke:{token}", args, dependencies, excludeIdAndUrn: false).ConfigureAwait(false);
        var resources = dependencies.ToImmutableHashSet();
        if (properties.Values.Any(Wire.ContainsUnknown))
            return OutputData<T>.Unknown(resources);
        if (dependsOn is not null)
        {
            var explicitDependencies = await dependsOn.ToOutput().DataTask.ConfigureAwait(false);
            foreach (var resource in explicitDependencies.Value.IsDefault ? ImmutableArray<Resource>.Empty : explicitDependencies.Value)
            {
                resources = resources.Add(resource);
                if (resource is CustomResource custom && !(await custom.Id.DataTask.ConfigureAwait(false)).IsKnown)
                    return OutputData<T>.Unknown(resources);
            }
        }
        var (value, secret) = await CallMocksAsync<T>(token, properties, options).ConfigureAwait(false);
        return new OutputData<T>(resources, value, true, secret);
    }

    public async Task<T> InvokeAsync<T>(string token, InvokeArgs args, InvokeOptions? options)
    {
        await Task.Yield();
        var properties = await Serializer.SerializePropertiesAsync($"invoke:{token}", args, new HashSet<Resource>(), excludeIdAndUrn: false).ConfigureAwait(false);
        return (await CallMocksAsync<T>(token, properties, options).ConfigureAwait(false)).Value;
    }

    private async Task<(T Value, bool Secret)> CallMocksAsync<T>(string token, ImmutableDictionary<string, object?> properties, InvokeOptions? options)
    {
        var provider = options?.Provider ?? options?.Parent?.GetProvider(token);
        var providerReference = provider is null ? "" : await ProviderReferenceAsync(provider).ConfigureAwait(false);
        var result = await _mocks.CallAsync(new MockCallArgs
        {
            Token = token, Args = Wire.ToMockDictionary(properties), Provider = providerReference,
        }).ConfigureAwait(false);
        var wire = await Serializer.SerializeStateAsync(result).ConfigureAwait(false);
        var plain = Wire.Deserialize(wire);
        var value = Converter.Convert(plain.Value, typeof(T), $"{token} result", warning => Log(LogSeverity.Warning, warning, null));
        return (value is null ? default! : (T)value, plain.IsSecret);
    }
}
