using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Inspection;
using MultiRegionInfra.Policies;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>Plans one stack: runs the real program through Pulumi's own test runner
/// (<see cref="Deployment.TestAsync(IMocks, TestOptions, Func{IDictionary{string, object}})"/>) under
/// <see cref="PlanMocks"/>, records the resource graph through a transformation, and turns both into
/// a <see cref="StackPlan"/>. Only Pulumi's public API is used, so it plans with either SDK.</summary>
public static class PlanRunner
{
    public const string Organization = "organization";
    public const string Secret = "[secret]";
    public const string Unknown = "(known after apply)";

    /// <param name="modelled">Collects the values the mocks invent; shared by the stacks of one plan.</param>
    public static async Task<StackPlan> PlanAsync(StackFile file, string project,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> upstreamOutputs, ModelledValues? modelled = null)
    {
        modelled ??= new ModelledValues();
        ArgumentNullException.ThrowIfNull(file);
        var config = file.Config;
        var kind = config.Get($"{project}:stackKind") ?? "regional";
        var region = config.Get("aws:region") ?? "us-east-1";
        var stackUrn = $"urn:pulumi:{file.Name}::{project}::pulumi:pulumi:Stack::{project}-{file.Name}";
        var stackPolicy = StackPolicy.Read(file, project);
        var findings = stackPolicy.Warnings.Select(w => new Finding(Finding.Warning, "config", stackUrn, w)).ToList();
        var configView = config.Values.ToImmutableSortedDictionary(StringComparer.Ordinal);

        var recorder = new ResourceRecorder();
        var mocks = new PlanMocks(file.Name, region, upstreamOutputs, modelled);
        IDictionary<string, object?> outputs;
        var previous = Environment.GetEnvironmentVariable("PULUMI_CONFIG");
        try
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", System.Text.Json.JsonSerializer.Serialize(config.Values));
            (_, outputs) = await Deployment.TestAsync(mocks, new TestOptions { StackName = file.Name, ProjectName = project, OrganizationName = Organization, IsPreview = true },
                () => MultiRegionProgram.BuildAsync(config, project, file.Name, Organization,
                    new ComponentResourceOptions { ResourceTransformations = { recorder.Transformation } })).ConfigureAwait(false);
        }
        catch (RunException exception)
        {
            findings.Add(new Finding(Finding.Error, "program", stackUrn, exception.Message));
            return new StackPlan(file.Name, project, kind, configView, Array.Empty<PlannedResource>(), ImmutableDictionary<string, object?>.Empty, findings) { Region = region };
        }
        catch (AggregateException exception)
        {
            findings.AddRange(exception.InnerExceptions.Select(e => new Finding(Finding.Error, "program", stackUrn, e.Message)));
            return new StackPlan(file.Name, project, kind, configView, Array.Empty<PlannedResource>(), ImmutableDictionary<string, object?>.Empty, findings) { Region = region };
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", previous);
        }

        var resources = (await BuildResourcesAsync(file.Name, project, region, stackUrn, recorder.Resources, mocks.Registrations).ConfigureAwait(false))
            .Select(r => r with { ModelledInputs = modelled.PathsIn(r.Inputs) }).ToList();
        findings.AddRange(PolicyFindings(file.Name, region, stackPolicy, resources));
        var resolved = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in outputs)
            resolved[key] = await ResolveAsync(value).ConfigureAwait(false);
        return new StackPlan(file.Name, project, kind, configView, resources, resolved, findings)
        {
            Region = region,
            ModelledOutputs = modelled.PathsIn(resolved),
        };
    }

    /// <summary>What the stack's settings say about policy: warnings, waivers, and whether it is prod.
    /// A stack whose configuration is invalid fails in the program, which reports why.</summary>
    private sealed record StackPolicy(IReadOnlyList<string> Warnings, IReadOnlyList<PolicyWaiver> Waivers, bool IsProd)
    {
        public static StackPolicy Read(StackFile file, string project)
        {
            var reader = ConfigReader.For(project, file.Config);
            if (reader.Choice("stackKind", StackKind.Regional, ConfigNames.StackKinds) == StackKind.Global)
            {
                var global = GlobalSettings.Read(reader, file.Name, file.Config.Get("aws:region"));
                return new StackPolicy(Array.Empty<string>(), global?.Waivers ?? Array.Empty<PolicyWaiver>(), global?.IsProd ?? false);
            }
            var settings = RegionalSettings.Read(reader, file.Name, file.Config.Get("aws:region"));
            return new StackPolicy(settings?.Warnings() ?? Array.Empty<string>(), settings?.Waivers ?? Array.Empty<PolicyWaiver>(), settings?.IsProd ?? false);
        }
    }

    /// <summary>The policy set held against the planned resources: errors, warnings, waived violations,
    /// and waivers that match nothing.</summary>
    private static IEnumerable<Finding> PolicyFindings(string stack, string region, StackPolicy policy, IReadOnlyList<PlannedResource> resources)
    {
        var byName = resources.ToDictionary(r => (r.Type, r.Name), r => r.Urn);
        var target = new PolicyStack(stack, region, policy.IsProd, resources.Where(r => r.Type != "pulumi:pulumi:Stack")
            .Select(r => new PolicyResource(r.Type, r.Name, r.Outputs.GetValueOrDefault("id") as string ?? "", r.Inputs, r.Protect, r.Taggable)).ToList());
        var report = PolicyEvaluator.Evaluate(target, policy.Waivers);
        foreach (var violation in report.Violations)
            yield return new Finding(violation.Severity == PolicySeverity.Error ? Finding.Error : Finding.Warning, violation.RuleId,
                byName[(violation.Resource.Type, violation.Resource.Name)], violation.Message);
        foreach (var (violation, waiver) in report.Waived)
            yield return new Finding(Finding.Waived, violation.RuleId, byName[(violation.Resource.Type, violation.Resource.Name)],
                $"{violation.Message} (waived: {waiver.Reason})");
        foreach (var waiver in report.UnusedWaivers)
            yield return new Finding(Finding.Warning, waiver.RuleId, $"urn:pulumi:{stack}", $"the waiver of {waiver.RuleId} for '{waiver.Resource}' matches no violation; remove it");
    }

    private static async Task<IReadOnlyList<PlannedResource>> BuildResourcesAsync(string stack, string project, string region, string stackUrn,
        IReadOnlyList<RecordedResource> graph, IReadOnlyList<(MockResourceArgs Args, ImmutableDictionary<string, object> Outputs)> registrations)
    {
        var byResource = graph.ToDictionary(r => (object)r.Resource, r => r, ReferenceEqualityComparer.Instance);
        var registered = registrations.GroupBy(r => (r.Args.Type, r.Args.Name)).ToDictionary(g => g.Key, g => g.First());
        var urns = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);

        string TypeChain(RecordedResource resource) =>
            resource.Parent is { } parent && byResource.TryGetValue(parent, out var recordedParent)
                ? $"{TypeChain(recordedParent)}${resource.Type}"
                : resource.Type;
        string UrnOf(Resource resource) =>
            urns.TryGetValue(resource, out var urn) ? urn
            : urns[resource] = byResource.TryGetValue(resource, out var recorded)
                ? $"urn:pulumi:{stack}::{project}::{TypeChain(recorded)}::{resource.GetResourceName()}"
                : stackUrn;

        var planned = new List<PlannedResource>
        {
            new(stackUrn, "pulumi:pulumi:Stack", $"{project}-{stack}", null, null, false, Array.Empty<string>(),
                ImmutableDictionary<string, object?>.Empty, ImmutableDictionary<string, object?>.Empty, "")
        };
        foreach (var resource in graph)
        {
            var registration = registered.GetValueOrDefault((resource.Type, resource.Name));
            var inputs = registration.Args?.Inputs ?? ImmutableDictionary<string, object>.Empty;
            var secretInputs = await SecretInputsAsync(resource.Args).ConfigureAwait(false);
            var plainInputs = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in inputs)
                plainInputs[key] = secretInputs.Contains(key) ? Secret : Plain(value);
            var plainOutputs = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            if (resource.Resource is CustomResource custom)
                plainOutputs["id"] = await ResolveAsync(custom.Id).ConfigureAwait(false);
            foreach (var (key, value) in registration.Outputs ?? ImmutableDictionary<string, object>.Empty)
                plainOutputs[key] = Plain(value);
            var dependsOn = new List<string>();
            foreach (var dependency in await OutputUtilities.GetValueAsync(resource.Options.DependsOn.ToOutput()).ConfigureAwait(false) is { IsDefault: false } list ? list : ImmutableArray<Resource>.Empty)
                dependsOn.Add(UrnOf(dependency));
            planned.Add(new PlannedResource(
                UrnOf(resource.Resource), resource.Type, resource.Name,
                resource.Parent is null ? stackUrn : UrnOf(resource.Parent),
                resource.Options.Provider is { } provider ? UrnOf(provider) : null,
                resource.Options.Protect ?? false,
                dependsOn.Order(StringComparer.Ordinal).ToList(),
                plainInputs, plainOutputs,
                Where(resource.Type, inputs, region))
            {
                Taggable = resource.Args.GetType().GetProperty("Tags") is not null,
            });
        }
        return Order(planned);
    }

    /// <summary>The resource tree, depth first, each component's children in the order the program
    /// registered them (as `pulumi preview` lists them). Components construct their children
    /// synchronously, so that order is the program's own and the same on every run.</summary>
    private static IReadOnlyList<PlannedResource> Order(List<PlannedResource> resources)
    {
        var children = resources.Where(r => r.Parent is not null).ToLookup(r => r.Parent!);
        var ordered = new List<PlannedResource>();
        void Visit(PlannedResource resource)
        {
            ordered.Add(resource);
            foreach (var child in children[resource.Urn])
                Visit(child);
        }
        foreach (var root in resources.Where(r => r.Parent is null))
            Visit(root);
        return ordered;
    }

    private static string Where(string type, ImmutableDictionary<string, object> inputs, string region) => type switch
    {
        _ when inputs.TryGetValue("region", out var explicitRegion) && explicitRegion is string r => r,
        _ when type.StartsWith("cloudflare:", StringComparison.Ordinal) => "cloudflare",
        _ when type.StartsWith("aws:route53/", StringComparison.Ordinal) || type.StartsWith("aws:cloudfront/", StringComparison.Ordinal) || type.StartsWith("aws:iam/", StringComparison.Ordinal) => "global",
        _ when type.StartsWith("aws", StringComparison.Ordinal) => region,
        _ => "",
    };

    /// <summary>The names of the top-level inputs whose value is a secret output.</summary>
    private static async Task<HashSet<string>> SecretInputsAsync(ResourceArgs args)
    {
        var secret = new HashSet<string>(StringComparer.Ordinal);
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        var members = args.GetType().GetFields(flags).Select(f => (Member: (MemberInfo)f, Get: (Func<object?>)(() => f.GetValue(args))))
            .Concat(args.GetType().GetProperties(flags).Select(p => (Member: (MemberInfo)p, Get: (Func<object?>)(() => p.GetValue(args)))));
        foreach (var (member, get) in members)
        {
            if (InputName(member) is not { } name || get() is not { } value)
                continue;
            if (await IsSecretAsync(value).ConfigureAwait(false))
                secret.Add(name);
        }
        return secret;
    }

    // [Input] keeps its name internal; the attribute's constructor argument is the public record of it.
    private static string? InputName(MemberInfo member) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == typeof(InputAttribute))?.ConstructorArguments[0].Value as string;

    private static Task<bool> IsSecretAsync(object value)
    {
        for (var type = value.GetType(); type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Input<>))
            {
                var element = type.GetGenericArguments()[0];
                var output = typeof(InputExtensions).GetMethod(nameof(InputExtensions.ToOutput))!.MakeGenericMethod(element).Invoke(null, new[] { value })!;
                return (Task<bool>)typeof(Output).GetMethod(nameof(Output.IsSecretAsync))!.MakeGenericMethod(element).Invoke(null, new[] { output })!;
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Output<>))
                return (Task<bool>)typeof(Output).GetMethod(nameof(Output.IsSecretAsync))!.MakeGenericMethod(type.GetGenericArguments()[0]).Invoke(null, new[] { value })!;
        }
        return Task.FromResult(false);
    }

    /// <summary>A value made plain for printing: outputs awaited (secret, unknown marked), collections as lists and maps.</summary>
    public static async Task<object?> ResolveAsync(object? value)
    {
        if (value is null)
            return null;
        var type = value.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Output<>))
        {
            var element = type.GetGenericArguments()[0];
            var known = await (Task<bool>)typeof(OutputUtilities).GetMethod(nameof(OutputUtilities.GetIsKnownAsync))!.MakeGenericMethod(element).Invoke(null, new[] { value })!;
            if (!known)
                return Unknown;
            if (await (Task<bool>)typeof(Output).GetMethod(nameof(Output.IsSecretAsync))!.MakeGenericMethod(element).Invoke(null, new[] { value })!)
                return Secret;
            var task = (Task)typeof(OutputUtilities).GetMethod(nameof(OutputUtilities.GetValueAsync))!.MakeGenericMethod(element).Invoke(null, new[] { value })!;
            await task.ConfigureAwait(false);
            return Plain(task.GetType().GetProperty("Result")!.GetValue(task));
        }
        return Plain(value);
    }

    /// <summary>JSON-ready: strings, numbers, booleans, lists and sorted maps.</summary>
    public static object? Plain(object? value) => value switch
    {
        null => null,
        string or bool => value,
        double d => d,
        int i => (double)i,
        IDictionary dictionary => dictionary.Keys.Cast<object>().OrderBy(k => k.ToString(), StringComparer.Ordinal)
            .ToDictionary(k => k.ToString()!, k => Plain(dictionary[k])),
        IEnumerable list when value.GetType().IsGenericType && value.GetType().GetGenericTypeDefinition() == typeof(ImmutableArray<>) && (bool)value.GetType().GetProperty("IsDefault")!.GetValue(value)! => new List<object?>(),
        IEnumerable list => list.Cast<object?>().Select(Plain).ToList(),
        Resource resource => resource.GetResourceName(),
        _ => value.ToString(),
    };
}
