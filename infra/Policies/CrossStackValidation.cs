using MultiRegionInfra.Configuration;
using MultiRegionInfra.Contracts;
using MultiRegionInfra.Networking;

namespace MultiRegionInfra.Policies;

/// <summary>What the cross-stack rules know of one stack. In <c>plan</c> it comes from the stack files;
/// at deploy time a stack builds it from its own settings and from what the stacks it reads export
/// (<see cref="RegionalFacts"/>), so both run the same rules.</summary>
/// <param name="Name">The stack.</param>
/// <param name="Kind">Regional or global.</param>
/// <param name="Region">Its aws:region.</param>
/// <param name="Role">primary or replica (regional), null when unset.</param>
/// <param name="PrimaryStack">A replica's primary.</param>
/// <param name="VpcCidr">A regional stack's VPC block.</param>
/// <param name="Regions">A global stack's regional stacks.</param>
/// <param name="SessionStore">Whether a global stack has the session table.</param>
/// <param name="Residency">Where the stack's data may live, or null for anywhere.</param>
/// <param name="AssetsEnabled">Whether the stack has (regional) or serves (global) the asset buckets.</param>
/// <param name="Engine">postgres or aurora-postgresql.</param>
/// <param name="Edge">cloudfront, cloudflare or none.</param>
/// <param name="Domain">The domain, or null without one.</param>
public sealed record StackView(string Name, StackKind Kind, string? Region, string? Role, string? PrimaryStack, string? VpcCidr,
    IReadOnlyList<string> Regions, bool SessionStore, DataResidency? Residency, bool AssetsEnabled, string Engine, string Edge, string? Domain)
{
    /// <summary>A global stack's aws-native:region: where the session table is created.</summary>
    public string? NativeRegion { get; init; }

    /// <summary>A regional stack's instances send Prometheus metrics (metrics.enabled).</summary>
    public bool MetricsEnabled { get; init; } = true;

    /// <summary>A replica writes its metrics into its primary's workspace (metrics.workspace primary).</summary>
    public bool MetricsToPrimary { get; init; }

    /// <summary>active-active or active-passive.</summary>
    public string Strategy { get; init; } = "active-active";

    /// <summary>A global stack's primaryRegion (the active one in active-passive).</summary>
    public string? PrimaryRegion { get; init; }

    /// <summary>dev, staging or prod; null when unknown (unset, or a stack deployed before it was exported).</summary>
    public string? Environment { get; init; }

    /// <summary>A regional stack's healthCheckPath; null for a global stack or when unknown.</summary>
    public string? HealthCheckPath { get; init; }

    /// <summary>A regional stack stands by (runs its standby capacity, serves only after failover): in
    /// active-passive its standby key, by default a replica; never in active-active. From outputs: passive.</summary>
    public bool Standby { get; init; }

    /// <summary>A stack file's standby in active-passive: the key, or by default whether it is a replica (a
    /// value that is not a boolean is the stack's own error; here the default stands).</summary>
    private static bool StandbyOf(IReadOnlyDictionary<string, string> config) =>
        config.GetValueOrDefault("strategy") == "active-passive" && config.GetValueOrDefault(RegionalSettings.StandbyKey) switch
        {
            "true" => true,
            "false" => false,
            _ => config.GetValueOrDefault("role") == "replica",
        };

    /// <summary>A stack as its stack file describes it.</summary>
    public static StackView FromConfig(string project, string name, ConfigSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var config = source.Namespace(project);
        var reader = new ConfigReader(project, config);
        var kind = config.GetValueOrDefault("stackKind") == "global" ? StackKind.Global : StackKind.Regional;
        var regions = reader.StringList("regions", Array.Empty<string>());
        var residency = DataResidency.Read(reader);
        return new StackView(name, kind, source.Get("aws:region"), config.GetValueOrDefault("role"), config.GetValueOrDefault("primaryStack"),
            config.GetValueOrDefault("vpcCidr"), regions, config.GetValueOrDefault("sessionStore") == "true", residency,
            config.GetValueOrDefault("assets.enabled") != "false" && (kind == StackKind.Regional || config.GetValueOrDefault("edge") is null or "cloudfront"),
            config.GetValueOrDefault("database.engine") ?? "postgres", config.GetValueOrDefault("edge") ?? "cloudfront", config.GetValueOrDefault("domain"))
        {
            NativeRegion = source.Get("aws-native:region"),
            MetricsEnabled = config.GetValueOrDefault(MetricsSettings.EnabledKey) != "false",
            MetricsToPrimary = config.GetValueOrDefault(MetricsSettings.EnabledKey) != "false" && config.GetValueOrDefault(MetricsSettings.WorkspaceKey) == "primary",
            Strategy = config.GetValueOrDefault("strategy") ?? "active-active",
            PrimaryRegion = config.GetValueOrDefault("primaryRegion") ?? regions.FirstOrDefault(),
            Environment = config.GetValueOrDefault("environment"),
            HealthCheckPath = kind == StackKind.Regional ? config.GetValueOrDefault("healthCheckPath") ?? RegionalSettings.DefaultHealthCheckPath : null,
            Standby = kind == StackKind.Regional && StandbyOf(config),
        };
    }

    /// <summary>A regional stack as its outputs describe it.</summary>
    public static StackView FromFacts(RegionalFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new StackView(facts.StackName, StackKind.Regional, facts.Region, facts.Role, facts.PrimaryStack.Length == 0 ? null : facts.PrimaryStack,
            facts.VpcCidr, Array.Empty<string>(), false, facts.Residency.Count == 0 ? null : new DataResidency(facts.Residency), facts.AssetsEnabled,
            facts.Engine, facts.Edge, facts.Domain.Length == 0 ? null : facts.Domain)
        {
            MetricsEnabled = facts.MetricsEnabled,
            MetricsToPrimary = facts.MetricsEnabled && facts.PrimaryStack.Length > 0 && facts.MetricsWorkspaceStack == facts.PrimaryStack,
            Strategy = facts.Strategy,
            Environment = facts.Environment.Length == 0 ? null : facts.Environment,
            HealthCheckPath = facts.HealthCheckPath.Length == 0 ? null : facts.HealthCheckPath,
            Standby = facts.Passive,
        };
    }

    /// <summary>A regional stack as its validated settings describe it.</summary>
    public static StackView FromSettings(RegionalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new StackView(settings.StackName, StackKind.Regional, settings.Region, ConfigNames.NameOf(ConfigNames.Roles, settings.Role), settings.PrimaryStack,
            settings.VpcCidr, Array.Empty<string>(), false, settings.Residency, settings.Assets.Enabled, settings.Database.EngineName,
            ConfigNames.NameOf(ConfigNames.Edges, settings.Edge), settings.Domain)
        {
            MetricsEnabled = settings.Metrics.Enabled,
            MetricsToPrimary = settings.Metrics.WritesToPrimary,
            Strategy = ConfigNames.NameOf(GlobalSettings.Strategies, settings.Strategy),
            Environment = ConfigNames.NameOf(ConfigNames.Environments, settings.Environment),
            HealthCheckPath = settings.HealthCheckPath,
            Standby = settings.IsPassive,
        };
    }

    /// <summary>The global stack as its validated settings describe it.</summary>
    public static StackView FromSettings(GlobalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new StackView(settings.StackName, StackKind.Global, null, null, null, null, settings.Regions, settings.SessionStore, settings.Residency,
            settings.Assets.Enabled && settings.Edge == EdgeKind.CloudFront, "", ConfigNames.NameOf(ConfigNames.Edges, settings.Edge), settings.Domain)
        {
            Strategy = ConfigNames.NameOf(GlobalSettings.Strategies, settings.Strategy),
            PrimaryRegion = settings.PrimaryRegion,
            Environment = ConfigNames.NameOf(ConfigNames.Environments, settings.Environment),
        };
    }
}

/// <summary>A problem between stacks: the stacks it names (each must hear of it) and what is wrong.</summary>
/// <param name="Stacks">The stacks, the one whose key is at fault first.</param>
/// <param name="Detail">The key, the values and what is allowed.</param>
public sealed record CrossStackProblem(IReadOnlyList<string> Stacks, string Detail)
{
    /// <summary>"a and b: detail", as plan and the deploy-time checks print it.</summary>
    public string Message => $"{string.Join(" and ", Stacks)}: {Detail}";

    public override string ToString() => Message;
}

/// <summary>Rules that need several stacks at once: overlapping VPCs, replicas whose primary is missing,
/// not a primary, in the same region or on another engine, global stacks naming stacks that are not
/// regional or that disagree with them on edge, domain or engine, active-passive systems whose serving
/// region (standby false) is not the primaryRegion (with postgres, not the primary), asset buckets, and
/// data residency. Each problem names both stacks and the key at fault. <c>plan</c> runs them over every stack file; a
/// replica and the global stack run them at deploy time over themselves and the stacks they read.</summary>
public static class CrossStackValidation
{
    /// <summary>Every stack file of a project: each problem with the stacks it names.</summary>
    public static IReadOnlyList<CrossStackProblem> Problems(string project, IReadOnlyDictionary<string, ConfigSource> stacks)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        return Problems(project, stacks.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => StackView.FromConfig(project, s.Key, s.Value)).ToList(), complete: true);
    }

    /// <summary>Every stack file of a project: the problems' messages.</summary>
    public static IReadOnlyList<string> Validate(string project, IReadOnlyDictionary<string, ConfigSource> stacks) =>
        Problems(project, stacks).Select(p => p.Message).ToList();

    /// <param name="complete">Whether the views are every stack of the project (the plan), so a stack
    /// they name and lack is missing; at deploy time a stack sees only itself and what it reads.</param>
    public static IReadOnlyList<string> Validate(string project, IReadOnlyList<StackView> views, bool complete) =>
        Problems(project, views, complete).Select(p => p.Message).ToList();

    /// <inheritdoc cref="Validate(string, IReadOnlyList{StackView}, bool)"/>
    public static IReadOnlyList<CrossStackProblem> Problems(string project, IReadOnlyList<StackView> views, bool complete)
    {
        ArgumentNullException.ThrowIfNull(views);
        var byName = views.ToDictionary(v => v.Name);
        var regional = views.Where(v => v.Kind == StackKind.Regional).ToList();
        var problems = new List<CrossStackProblem>();
        problems.AddRange(OverlappingVpcs(project, regional));
        problems.AddRange(Replicas(project, regional.Where(r => complete || byName.ContainsKey(r.PrimaryStack ?? "")).ToList(), byName));
        // A replica deployed on its own must agree with its primary on what the global stack would hold
        // both to; where a global stack lists both, its own rule says it once.
        var served = views.Where(v => v.Kind == StackKind.Global).SelectMany(g => g.Regions).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(ReplicaAgreement(project, regional.Where(r => !(served.Contains(r.Name) && served.Contains(r.PrimaryStack ?? ""))).ToList(), byName));
        foreach (var global in views.Where(v => v.Kind == StackKind.Global))
            problems.AddRange(GlobalRegions(project, global, byName));
        problems.AddRange(Residency(project, views, byName));
        problems.AddRange(SharedMetrics(project, regional, byName));
        return problems;
    }

    private static IEnumerable<CrossStackProblem> OverlappingVpcs(string project, IReadOnlyList<StackView> regional)
    {
        for (var i = 0; i < regional.Count; i++)
        {
            for (var j = i + 1; j < regional.Count; j++)
            {
                if (Ipv4Cidr.TryParse(regional[i].VpcCidr, out var a, out _) && Ipv4Cidr.TryParse(regional[j].VpcCidr, out var b, out _) && a.Overlaps(b))
                    yield return new CrossStackProblem(new[] { regional[i].Name, regional[j].Name }, $"{project}:vpcCidr {a} and {b} overlap; give every region its own block so the VPCs can be peered");
            }
        }
    }

    private static IEnumerable<CrossStackProblem> Replicas(string project, IReadOnlyList<StackView> regional, IReadOnlyDictionary<string, StackView> byName)
    {
        foreach (var replica in regional.Where(v => v.Role == "replica" && v.PrimaryStack is not null))
        {
            if (!byName.TryGetValue(replica.PrimaryStack!, out var primary))
                yield return new CrossStackProblem(new[] { replica.Name }, $"{project}:primaryStack '{replica.PrimaryStack}' has no stack file (Pulumi.{replica.PrimaryStack}.yaml)");
            else if (primary.Kind != StackKind.Regional)
                yield return new CrossStackProblem(new[] { replica.Name, primary.Name }, $"{project}:primaryStack names {primary.Name}, which is a global stack, not a primary");
            else if (primary.Role is null)
                yield return new CrossStackProblem(new[] { replica.Name, primary.Name }, $"{project}:primaryStack names {primary.Name}, which sets no {project}:role (it must be primary)");
            else if (primary.Role != "primary")
                yield return new CrossStackProblem(new[] { replica.Name, primary.Name }, $"{project}:primaryStack names {primary.Name}, which is not a primary (its role is {primary.Role})");
            else if (primary.Region == replica.Region)
                yield return new CrossStackProblem(new[] { replica.Name, primary.Name }, $"{project}:primaryStack names a primary in the same region ({primary.Region}); a cross-region replica must be in another region");
            else if (primary.Engine != replica.Engine)
                yield return new CrossStackProblem(new[] { replica.Name, primary.Name }, $"{project}:database.engine is '{replica.Engine}' in {replica.Name} but '{primary.Engine}' in its primary {primary.Name}; every stack of a system runs one engine");
            if (primary is { Kind: StackKind.Regional } && replica.Environment is { } mine && primary.Environment is { } theirs && mine != theirs)
                yield return new CrossStackProblem(new[] { replica.Name, primary.Name }, $"{project}:environment is '{mine}' in {replica.Name} but '{theirs}' in its primary {primary.Name}; " +
                    $"allowed: environment {theirs} (every stack of a system is in one environment)");
        }
    }

    private static IEnumerable<CrossStackProblem> ReplicaAgreement(string project, IReadOnlyList<StackView> replicas, IReadOnlyDictionary<string, StackView> byName)
    {
        foreach (var replica in replicas.Where(v => v.Role == "replica" && v.PrimaryStack is not null))
        {
            if (!byName.TryGetValue(replica.PrimaryStack!, out var primary) || primary.Kind != StackKind.Regional || primary.Role != "primary")
                continue;
            if (replica.Edge != primary.Edge && ConfigNames.Edges.ContainsKey(replica.Edge) && ConfigNames.Edges.ContainsKey(primary.Edge))
                yield return new CrossStackProblem(new[] { replica.Name, primary.Name }, $"{project}:edge is '{replica.Edge}' in {replica.Name} but '{primary.Edge}' in its primary {primary.Name}; " +
                    $"allowed: edge {primary.Edge} (one edge fronts every load balancer of a system)");
            if (replica.Domain != primary.Domain)
                yield return new CrossStackProblem(new[] { replica.Name, primary.Name }, $"{project}:domain is '{replica.Domain ?? "unset"}' in {replica.Name} but '{primary.Domain ?? "unset"}' in its primary {primary.Name}; " +
                    $"allowed: domain {primary.Domain ?? "unset"} (one system answers under one domain)");
            if (replica.Strategy != primary.Strategy && GlobalSettings.Strategies.ContainsKey(replica.Strategy) && GlobalSettings.Strategies.ContainsKey(primary.Strategy))
                yield return new CrossStackProblem(new[] { replica.Name, primary.Name }, $"{project}:strategy is '{replica.Strategy}' in {replica.Name} but '{primary.Strategy}' in its primary {primary.Name}; " +
                    $"allowed: strategy {primary.Strategy} (one system, one strategy)");
        }
    }

    private static IEnumerable<CrossStackProblem> GlobalRegions(string project, StackView global, IReadOnlyDictionary<string, StackView> byName)
    {
        var regions = new List<StackView>();
        // A region listed twice is the global stack's own error; here it counts once.
        foreach (var name in global.Regions.Distinct())
        {
            if (!byName.TryGetValue(name, out var region))
                yield return new CrossStackProblem(new[] { global.Name }, $"{project}:regions names '{name}', which has no stack file (Pulumi.{name}.yaml)");
            else if (region.Kind != StackKind.Regional)
                yield return new CrossStackProblem(new[] { global.Name, name }, $"{project}:regions names {name}, which is not a regional stack");
            else
                regions.Add(region);
        }
        // One writable database per system: the failover plan, the image replication and the budget start from it.
        var primaries = regions.Where(r => r.Role == "primary").ToList();
        if (primaries.Count > 1)
            yield return new CrossStackProblem(primaries.Select(p => p.Name).Prepend(global.Name).ToArray(), $"{project}:regions holds {primaries.Count} primaries ({string.Join(", ", primaries.Select(p => p.Name))}); " +
                $"allowed: one, the stack of the writable database, and its replicas (role: replica, primaryStack: {primaries[0].Name})");
        else if (primaries.Count == 0 && regions.Count > 0 && regions.All(r => r.Role is not null))
            yield return new CrossStackProblem(new[] { global.Name }, $"{project}:regions ({string.Join(", ", regions.Select(r => r.Name))}) holds no primary; " +
                "allowed: the stack of the writable database among them, with its replicas");
        foreach (var region in regions.Where(r => global.Environment is not null && r.Environment is not null && r.Environment != global.Environment))
        {
            yield return new CrossStackProblem(new[] { global.Name, region.Name }, $"{project}:environment is '{global.Environment}' in {global.Name} but '{region.Environment}' in {region.Name}; " +
                $"allowed: environment {global.Environment} in every regional stack of {global.Name} (what a stack's environment turns on, such as access logs, the global stack's resources in its region rely on)");
        }
        // A value that is not an edge at all is the stack's own error, not a disagreement.
        foreach (var region in regions.Where(r => r.Edge != global.Edge && ConfigNames.Edges.ContainsKey(r.Edge) && ConfigNames.Edges.ContainsKey(global.Edge)))
        {
            yield return new CrossStackProblem(new[] { global.Name, region.Name }, $"{project}:edge is '{global.Edge}' in {global.Name} but '{region.Edge}' in {region.Name}, whose load balancer would " +
                (region.Edge == "cloudfront" ? "admit only CloudFront" : "admit the internet, bypassing the edge") + $"; allowed: edge {global.Edge} in every regional stack of {global.Name}");
        }
        foreach (var region in regions.Where(r => r.Strategy != global.Strategy && GlobalSettings.Strategies.ContainsKey(r.Strategy) && GlobalSettings.Strategies.ContainsKey(global.Strategy)))
        {
            yield return new CrossStackProblem(new[] { global.Name, region.Name }, $"{project}:strategy is '{global.Strategy}' in {global.Name} but '{region.Strategy}' in {region.Name}; " +
                $"allowed: strategy {global.Strategy} in every regional stack of {global.Name} (a region learns from it whether it runs its standby capacity)");
        }
        if (global.Strategy == "active-passive" && global.PrimaryRegion is { } active && regions.FirstOrDefault(r => r.Name == active) is { } primary)
        {
            foreach (var problem in ActiveRegion(project, global, primary, regions))
                yield return problem;
        }
        foreach (var region in regions.Where(r => r.Domain != global.Domain))
            yield return new CrossStackProblem(new[] { global.Name, region.Name }, $"{project}:domain is '{global.Domain}' in {global.Name} but '{region.Domain ?? "unset"}' in {region.Name}; allowed: domain {global.Domain} in every regional stack of {global.Name} (their certificates and <stack>.api records are in it)");
        // api.<domain>, CloudFront and Cloudflare send a request to any region: the health path each region's
        // canary, the edge's health behaviour and Cloudflare's monitor use must be answered by all of them.
        var healthPaths = regions.Where(r => r.HealthCheckPath is not null).GroupBy(r => r.HealthCheckPath!, StringComparer.Ordinal).ToList();
        if (healthPaths.Count > 1)
            yield return new CrossStackProblem(healthPaths.SelectMany(g => g.Select(r => r.Name)).Prepend(global.Name).ToArray(),
                $"{project}:healthCheckPath differs across the regions of {global.Name} ({string.Join("; ", healthPaths.Select(g => $"{g.Key} in {string.Join(", ", g.Select(r => r.Name))}"))}); " +
                $"allowed: one path in every regional stack of {global.Name} (api.<domain>, the edge and the canaries ask any region for it)");
        var partitions = regions.Where(r => r.Region is not null).GroupBy(r => AwsRegions.PartitionOf(r.Region!)).ToList();
        if (partitions.Count > 1)
            yield return new CrossStackProblem(new[] { global.Name }, $"{project}:regions spans AWS partitions ({string.Join("; ", partitions.Select(p => $"{p.Key}: {string.Join(", ", p.Select(r => $"{r.Name} ({r.Region})"))}"))}); " +
                "allowed: regions of one partition (VPC peering, replication and the stack references do not cross partitions)");
        if (global.SessionStore && global.NativeRegion is { } home && regions.Count > 0 && regions.All(r => r.Region != home))
            yield return new CrossStackProblem(new[] { global.Name }, $"aws-native:region '{home}' is not the region of any stack in {project}:regions ({string.Join(", ", regions.Select(r => r.Region))}); " +
                "allowed: one of them (the session table is created there and must have a replica in that region)");
        var engines = regions.GroupBy(r => r.Engine).ToList();
        // A replica on another engine than its primary is already reported, by the pair.
        var pairDiffers = regions.Any(r => r.Role == "replica" && byName.TryGetValue(r.PrimaryStack ?? "", out var primary) && primary.Engine != r.Engine);
        if (engines.Count > 1 && !pairDiffers)
            yield return new CrossStackProblem(new[] { global.Name }, $"{project}:regions mixes database engines ({string.Join("; ", engines.Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => r.Name))}"))}); every stack of a system runs one engine");
        if (global.AssetsEnabled)
        {
            foreach (var region in regions.Where(r => !r.AssetsEnabled))
                yield return new CrossStackProblem(new[] { global.Name, region.Name }, $"{project}:assets.enabled is true in {global.Name}, which serves and replicates the assets of its regions, but false in {region.Name}");
        }
    }

    /// <summary>In active-passive exactly one region serves (standby false; the others stand by) and it is
    /// the global stack's primaryRegion. With postgres it is also the stack of the writable database (role
    /// primary): a replica cannot take writes, and a promotion swaps the roles. With aurora-postgresql any
    /// region may serve: the roles say which stack owns the global cluster, and the global database's writer
    /// moves with the Region switch plan, so after a failover the stacks keep their roles.</summary>
    private static IEnumerable<CrossStackProblem> ActiveRegion(string project, StackView global, StackView primary, IReadOnlyList<StackView> regions)
    {
        var aurora = primary.Engine == "aurora-postgresql";
        var why = "in active-passive the primary region is the one region that serves; the others stand by";
        // A region on another strategy is reported already, and does not say whether it would stand by.
        if (regions.All(r => r.Strategy == global.Strategy))
        {
            var serving = regions.Where(r => !r.Standby).ToList();
            if (serving.Count == 0)
            {
                yield return new CrossStackProblem(new[] { global.Name, primary.Name }, $"{project}:{RegionalSettings.StandbyKey} is true in every stack of {global.Name}'s {project}:regions " +
                    $"({string.Join(", ", regions.Select(r => r.Name))}), so none serves; allowed: {RegionalSettings.StandbyKey} false in {primary.Name}, the {project}:primaryRegion of {global.Name} ({why})");
            }
            else if (serving.Count > 1)
            {
                yield return new CrossStackProblem(serving.Select(r => r.Name).Prepend(global.Name).ToArray(), $"{project}:{RegionalSettings.StandbyKey} is false in {serving.Count} stacks " +
                    $"({string.Join(", ", serving.Select(r => r.Name))}); allowed: false only in {primary.Name}, the {project}:primaryRegion of {global.Name}, true in the others ({why})");
            }
            else if (serving[0].Name != primary.Name)
            {
                var other = serving[0];
                // With postgres only the stack of the writable database may serve: offer the edits that keep it so.
                var edits = new List<string>();
                if (aurora || other.Role == "primary")
                    edits.Add($"{project}:primaryRegion {other.Name} in {global.Name}");
                if (aurora || primary.Role == "primary" || edits.Count == 0)
                    edits.Add($"{RegionalSettings.StandbyKey} false in {primary.Name} and true in {other.Name}");
                yield return new CrossStackProblem(new[] { global.Name, primary.Name, other.Name }, $"{project}:primaryRegion is {primary.Name}, which stands by " +
                    $"({project}:{RegionalSettings.StandbyKey} true), while {other.Name} serves ({RegionalSettings.StandbyKey} false); allowed: {string.Join(", or ", edits)} ({why})");
            }
        }
        if (!aurora && primary.Role != "primary")
        {
            var writable = regions.FirstOrDefault(r => r.Role == "primary");
            yield return new CrossStackProblem(new[] { global.Name, primary.Name }, $"{project}:primaryRegion is {primary.Name}, whose role is {primary.Role ?? "unset"}; " +
                $"allowed: the stack of the writable database{(writable is null ? "" : $", {writable.Name}")}, in active-passive with database.engine postgres " +
                "(the active region serves and writes, and only a primary writes; with aurora-postgresql any stack may be active)");
        }
    }

    /// <summary>A replica that writes its metrics into its primary's workspace needs the primary to have one,
    /// and its data residency to allow the primary's region (the metrics, their labels included, live there).</summary>
    private static IEnumerable<CrossStackProblem> SharedMetrics(string project, IReadOnlyList<StackView> regional, IReadOnlyDictionary<string, StackView> byName)
    {
        foreach (var replica in regional.Where(v => v.MetricsToPrimary && v.PrimaryStack is not null))
        {
            if (!byName.TryGetValue(replica.PrimaryStack!, out var primary) || primary.Kind != StackKind.Regional)
                continue; // the replica's primaryStack problem is reported already
            if (!primary.MetricsEnabled)
                yield return new CrossStackProblem(new[] { replica.Name, primary.Name }, $"{project}:{MetricsSettings.WorkspaceKey} is 'primary' in {replica.Name}, but {primary.Name} has {project}:{MetricsSettings.EnabledKey} false, so it has no workspace to write to; " +
                    $"allowed: {MetricsSettings.EnabledKey} true in {primary.Name}, or {MetricsSettings.WorkspaceKey} regional in {replica.Name}");
            else if (replica.Residency is { } residency && primary.Region is { } region && !residency.Allows(region))
                yield return new CrossStackProblem(new[] { replica.Name, primary.Name }, $"{project}:{DataResidency.ConfigKey} of {replica.Name} ({residency}) forbids sending its metrics to {primary.Name}'s workspace in {region} ({project}:{MetricsSettings.WorkspaceKey} primary); " +
                    $"allowed: {MetricsSettings.WorkspaceKey} regional in {replica.Name}");
        }
    }

    private static IEnumerable<CrossStackProblem> Residency(string project, IReadOnlyList<StackView> views, IReadOnlyDictionary<string, StackView> byName)
    {
        var key = $"{project}:{DataResidency.ConfigKey}";
        foreach (var owner in views.Where(v => v.Kind == StackKind.Regional && v.Residency is not null))
        {
            var residency = owner.Residency!;
            if (owner.Region is { } own && !residency.Allows(own))
                yield return new CrossStackProblem(new[] { owner.Name }, $"{key} ({residency}) excludes the stack's own region {own}");
            // Replicas of its data.
            foreach (var replica in views.Where(v => v.Kind == StackKind.Regional && v.PrimaryStack == owner.Name && v.Region is not null && !residency.Allows(v.Region)))
                yield return new CrossStackProblem(new[] { owner.Name, replica.Name }, $"{key} of {owner.Name} ({residency}) forbids its database replica in {replica.Region} ({replica.Name}'s {project}:primaryStack)");
            // Edge origins and global table replicas of the global stacks that serve it.
            foreach (var global in views.Where(v => v.Kind == StackKind.Global && v.Regions.Contains(owner.Name)))
            {
                foreach (var other in global.Regions.Where(r => r != owner.Name).Select(r => byName.GetValueOrDefault(r)).Where(r => r?.Region is not null && !residency.Allows(r.Region!)))
                {
                    yield return new CrossStackProblem(new[] { owner.Name, global.Name }, $"{key} of {owner.Name} ({residency}) forbids serving it from {other!.Name} ({other.Region}), an edge origin in {global.Name}'s {project}:regions");
                    if (global.SessionStore)
                        yield return new CrossStackProblem(new[] { owner.Name, global.Name }, $"{key} of {owner.Name} ({residency}) forbids the session table replica in {other.Region} ({global.Name}'s {project}:sessionStore)");
                }
            }
        }
        foreach (var global in views.Where(v => v.Kind == StackKind.Global && v.Residency is not null))
        {
            foreach (var region in global.Regions.Select(r => byName.GetValueOrDefault(r)).Where(r => r?.Region is not null && !global.Residency!.Allows(r.Region!)))
                yield return new CrossStackProblem(new[] { global.Name, region!.Name }, $"{key} of {global.Name} ({global.Residency}) forbids the region {region.Region} in {project}:regions");
        }
    }
}
