using MultiRegionInfra.Configuration;
using MultiRegionInfra.Networking;

namespace MultiRegionInfra.Policies;

/// <summary>Checks that need every stack file at once: overlapping VPCs, replicas whose primary is
/// missing, not a primary or in the same region, global stacks naming stacks that are not regional,
/// and data residency. Each problem names both stacks and the key at fault.</summary>
public static class CrossStackValidation
{
    private sealed record StackView(string Name, StackKind Kind, string? Region, string? Role, string? PrimaryStack, string? VpcCidr,
        IReadOnlyList<string> Regions, bool SessionStore, DataResidency? Residency, bool AssetsEnabled, string Engine);

    public static IReadOnlyList<string> Validate(string project, IReadOnlyDictionary<string, ConfigSource> stacks)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        var views = stacks.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => View(project, s.Key, s.Value)).ToList();
        var byName = views.ToDictionary(v => v.Name);
        var errors = new List<string>();
        var regional = views.Where(v => v.Kind == StackKind.Regional).ToList();

        for (var i = 0; i < regional.Count; i++)
        {
            for (var j = i + 1; j < regional.Count; j++)
            {
                if (Ipv4Cidr.TryParse(regional[i].VpcCidr, out var a, out _) && Ipv4Cidr.TryParse(regional[j].VpcCidr, out var b, out _) && a.Overlaps(b))
                    errors.Add($"{regional[i].Name} and {regional[j].Name}: {project}:vpcCidr {a} and {b} overlap; give every region its own block so the VPCs can be peered");
            }
        }

        foreach (var replica in regional.Where(v => v.Role == "replica" && v.PrimaryStack is not null))
        {
            if (!byName.TryGetValue(replica.PrimaryStack!, out var primary))
                errors.Add($"{replica.Name}: {project}:primaryStack '{replica.PrimaryStack}' has no stack file (Pulumi.{replica.PrimaryStack}.yaml)");
            else if (primary.Kind != StackKind.Regional || primary.Role != "primary")
                errors.Add($"{replica.Name} and {primary.Name}: {project}:primaryStack names {primary.Name}, which is not a primary (its role is {primary.Role ?? primary.Kind.ToString().ToLowerInvariant()})");
            else if (primary.Region == replica.Region)
                errors.Add($"{replica.Name} and {primary.Name}: {project}:primaryStack names a primary in the same region ({primary.Region}); a cross-region replica must be in another region");
            else if (primary.Engine != replica.Engine)
                errors.Add($"{replica.Name} and {primary.Name}: {project}:database.engine is '{replica.Engine}' in {replica.Name} but '{primary.Engine}' in its primary {primary.Name}; every stack of a system runs one engine");
        }

        foreach (var global in views.Where(v => v.Kind == StackKind.Global))
        {
            var engines = global.Regions.Select(r => byName.GetValueOrDefault(r)).Where(r => r is { Kind: StackKind.Regional }).GroupBy(r => r!.Engine).ToList();
            if (engines.Count > 1)
                errors.Add($"{global.Name}: {project}:regions mixes database engines ({string.Join("; ", engines.Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => r!.Name))}"))}); every stack of a system runs one engine");
        }

        foreach (var global in views.Where(v => v.Kind == StackKind.Global))
        {
            foreach (var name in global.Regions)
            {
                if (!byName.TryGetValue(name, out var region))
                    errors.Add($"{global.Name}: {project}:regions names '{name}', which has no stack file (Pulumi.{name}.yaml)");
                else if (region.Kind != StackKind.Regional)
                    errors.Add($"{global.Name} and {name}: {project}:regions names {name}, which is not a regional stack");
            }
        }

        foreach (var global in views.Where(v => v.Kind == StackKind.Global && v.AssetsEnabled))
        {
            foreach (var region in global.Regions.Select(r => byName.GetValueOrDefault(r)).Where(r => r is { Kind: StackKind.Regional, AssetsEnabled: false }))
                errors.Add($"{global.Name} and {region!.Name}: {project}:assets.enabled is true in {global.Name}, which serves and replicates the assets of its regions, but false in {region.Name}");
        }

        errors.AddRange(Residency(project, views, byName));
        return errors;
    }

    private static IEnumerable<string> Residency(string project, IReadOnlyList<StackView> views, IReadOnlyDictionary<string, StackView> byName)
    {
        var key = $"{project}:{DataResidency.ConfigKey}";
        foreach (var owner in views.Where(v => v.Kind == StackKind.Regional && v.Residency is not null))
        {
            var residency = owner.Residency!;
            if (owner.Region is { } own && !residency.Allows(own))
                yield return $"{owner.Name}: {key} ({residency}) excludes the stack's own region {own}";
            // Replicas of its data.
            foreach (var replica in views.Where(v => v.Kind == StackKind.Regional && v.PrimaryStack == owner.Name && v.Region is not null && !residency.Allows(v.Region)))
                yield return $"{owner.Name} and {replica.Name}: {key} of {owner.Name} ({residency}) forbids its database replica in {replica.Region} ({replica.Name}'s {project}:primaryStack)";
            // Edge origins and global table replicas of the global stacks that serve it.
            foreach (var global in views.Where(v => v.Kind == StackKind.Global && v.Regions.Contains(owner.Name)))
            {
                foreach (var other in global.Regions.Where(r => r != owner.Name).Select(r => byName.GetValueOrDefault(r)).Where(r => r?.Region is not null && !residency.Allows(r.Region!)))
                {
                    yield return $"{owner.Name} and {global.Name}: {key} of {owner.Name} ({residency}) forbids serving it from {other!.Name} ({other.Region}), an edge origin in {global.Name}'s {project}:regions";
                    if (global.SessionStore)
                        yield return $"{owner.Name} and {global.Name}: {key} of {owner.Name} ({residency}) forbids the session table replica in {other.Region} ({global.Name}'s {project}:sessionStore)";
                }
            }
        }
        foreach (var global in views.Where(v => v.Kind == StackKind.Global && v.Residency is not null))
        {
            foreach (var region in global.Regions.Select(r => byName.GetValueOrDefault(r)).Where(r => r?.Region is not null && !global.Residency!.Allows(r.Region!)))
                yield return $"{global.Name} and {region!.Name}: {key} of {global.Name} ({global.Residency}) forbids the region {region.Region} in {project}:regions";
        }
    }

    private static StackView View(string project, string name, ConfigSource source)
    {
        var config = source.Namespace(project);
        var reader = new ConfigReader(project, config);
        var kind = config.GetValueOrDefault("stackKind") == "global" ? StackKind.Global : StackKind.Regional;
        var regions = reader.StringList("regions", Array.Empty<string>());
        var residency = DataResidency.Read(reader);
        return new StackView(name, kind, source.Get("aws:region"), config.GetValueOrDefault("role"), config.GetValueOrDefault("primaryStack"),
            config.GetValueOrDefault("vpcCidr"), regions, config.GetValueOrDefault("sessionStore") == "true", residency,
            config.GetValueOrDefault("assets.enabled") != "false" && (kind == StackKind.Regional || config.GetValueOrDefault("edge") is null or "cloudfront"),
            config.GetValueOrDefault("database.engine") ?? "postgres");
    }
}
