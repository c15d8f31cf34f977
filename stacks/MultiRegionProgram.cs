using MultiRegionInfra.Configuration;
using MultiRegionInfra.Contracts;
using MultiRegionInfra.Policies;
using Pulumi;

namespace MultiRegionInfra.Stacks;

/// <summary>The Pulumi program: reads and validates the stack's configuration, reads what it must agree
/// on from the stacks it depends on, then builds the regional or the global stack. A configuration with
/// any problem stops here, before a resource is registered (only the stack references it reads are), with
/// every problem listed.</summary>
public static class MultiRegionProgram
{
    public static Task<IDictionary<string, object?>> RunAsync()
    {
        var deployment = Deployment.Instance;
        return BuildAsync(ConfigSource.FromEnvironment(), deployment.ProjectName, deployment.StackName, deployment.OrganizationName);
    }

    /// <param name="options">Options of the stack's top component; the plan and the tests pass a
    /// <see cref="Inspection.ResourceRecorder"/>'s transformation here.</param>
    public static async Task<IDictionary<string, object?>> BuildAsync(ConfigSource source, string project, string stack, string organization,
        ComponentResourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var reader = ConfigReader.For(project, source);
        var kind = reader.Choice("stackKind", StackKind.Regional, ConfigNames.StackKinds);
        switch (kind)
        {
            case StackKind.Regional:
            {
                var settings = RegionalSettings.Read(reader, stack, source.Get("aws:region"));
                ThrowIfInvalid(stack, reader, ProviderConfiguration.Check(source, project, stack));
                var zones = await AvailabilityZonesAsync(stack, project, settings!).ConfigureAwait(false);
                var cloudflare = settings!.Edge == EdgeKind.Cloudflare ? await CloudflareRangesAsync(stack).ConfigureAwait(false) : null;
                RegionalStackReference? primary = null;
                if (settings!.Role == RegionRole.Replica)
                {
                    primary = new RegionalStackReference("primary", organization, project, settings.PrimaryStack!);
                    if (await RegionalFacts.NotRegionalAsync(primary, $"{project}:primaryStack").ConfigureAwait(false) is { } notRegional)
                        throw new ConfigurationException(stack, new[] { notRegional });
                    var problems = StackReferenceChecks.ReplicaAgainstPrimary(project, settings, await RegionalFacts.ReadAsync(primary).ConfigureAwait(false));
                    if (problems.Count > 0)
                        throw new ConfigurationException(stack, problems);
                }
                foreach (var warning in settings.Warnings())
                    Log.Warn(warning);
                var regional = new RegionalStack(stack, new RegionalStackArgs
                {
                    Settings = settings,
                    Application = project,
                    Organization = organization,
                    Primary = primary,
                    AvailabilityZones = zones,
                    CloudflareRanges = cloudflare,
                }, options);
                return regional.Exports.ToDictionary();
            }
            default:
            {
                var settings = GlobalSettings.Read(reader, stack, source.Get("aws:region"));
                ThrowIfInvalid(stack, reader, ProviderConfiguration.Check(source, project, stack));
                var regions = settings!.FailoverOrder.Select(r => new RegionalStackReference(r, organization, project, r)).ToList();
                var notRegional = new List<string>();
                foreach (var region in regions)
                {
                    if (await RegionalFacts.NotRegionalAsync(region, $"{project}:regions").ConfigureAwait(false) is { } problem)
                        notRegional.Add(problem);
                }
                if (notRegional.Count > 0)
                    throw new ConfigurationException(stack, notRegional);
                var facts = new List<RegionalFacts>();
                foreach (var region in regions)
                    facts.Add(await RegionalFacts.ReadAsync(region).ConfigureAwait(false));
                var problems = StackReferenceChecks.GlobalAgainstRegions(project, settings, facts, source.Get("aws-native:region"));
                if (problems.Count > 0)
                    throw new ConfigurationException(stack, problems);
                var global = new GlobalStack(stack, new GlobalStackArgs
                {
                    Settings = settings,
                    Application = project,
                    Organization = organization,
                    Regions = regions,
                    Facts = facts,
                }, options);
                return global.Exports.ToDictionary();
            }
        }
    }

    /// <summary>Stops the run, before any resource is registered, when the stack's configuration has any
    /// problem: the project's keys (every one, the stack kind's included) and the providers' keys.</summary>
    private static void ThrowIfInvalid(string stack, ConfigReader reader, IReadOnlyList<string> providerErrors)
    {
        var errors = reader.Errors.Concat(providerErrors).ToList();
        if (errors.Count > 0)
            throw new ConfigurationException(stack, errors);
    }

    /// <summary>The region's available zones, read before anything is registered so that an azCount the
    /// region cannot hold stops the preview with the zones it has, not a deployment halfway.</summary>
    /// <summary>Cloudflare's published address ranges, read before anything is registered: an empty list
    /// (the provider could not reach api.cloudflare.com) stops here rather than halfway through the stack.</summary>
    private static async Task<Compute.CloudflareRanges> CloudflareRangesAsync(string stack)
    {
        var result = await Pulumi.Cloudflare.GetIpRanges.InvokeAsync().ConfigureAwait(false);
        var empty = new[] { ("IPv4", result.Ipv4Cidrs), ("IPv6", result.Ipv6Cidrs) }.Where(f => f.Item2.IsDefaultOrEmpty).Select(f => f.Item1).ToList();
        if (empty.Count > 0)
        {
            throw new ConfigurationException(stack, new[]
            {
                $"edge: cloudflare, but the Cloudflare provider returned no {string.Join(" or ", empty)} address ranges (GetIpRanges): the load balancer would admit nobody; " +
                "allowed: a provider that reaches api.cloudflare.com/client/v4/ips (no credentials needed), then run again",
            });
        }
        return new Compute.CloudflareRanges(Output.Create(result.Ipv4Cidrs), Output.Create(result.Ipv6Cidrs));
    }

    private static async Task<IReadOnlyList<string>> AvailabilityZonesAsync(string stack, string project, RegionalSettings settings)
    {
        var result = await Pulumi.Aws.GetAvailabilityZones.InvokeAsync(new Pulumi.Aws.GetAvailabilityZonesArgs { State = "available", Region = settings.Region })
            .ConfigureAwait(false);
        var zones = result.Names.Order(StringComparer.Ordinal).ToList();
        if (zones.Count < settings.AzCount)
        {
            throw new ConfigurationException(stack, new[]
            {
                $"{project}:azCount: '{settings.AzCount}' is more than the {zones.Count} available zones of {settings.Region} ({string.Join(", ", zones)}); " +
                $"allowed: {RegionalSettings.MinZones} to {Math.Max(RegionalSettings.MinZones, zones.Count)}" +
                (zones.Count < RegionalSettings.MinZones ? $" (and {settings.Region} offers this account fewer than {RegionalSettings.MinZones} zones: choose another region)" : ""),
            });
        }
        return zones;
    }
}
