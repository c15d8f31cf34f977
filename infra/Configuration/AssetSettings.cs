using System.Text.RegularExpressions;

namespace MultiRegionInfra.Configuration;

/// <summary>A regional stack's bucket of static assets.</summary>
/// <param name="Enabled">Whether the region has an asset bucket.</param>
/// <param name="NamePrefix">The start of the bucket's name.</param>
/// <param name="NoncurrentVersionDays">Days an old version is kept.</param>
public sealed record AssetSettings(bool Enabled, string NamePrefix, int NoncurrentVersionDays)
{
    public static AssetSettings Read(ConfigReader config)
    {
        System.ArgumentNullException.ThrowIfNull(config);
        return new AssetSettings(
            config.Bool("assets.enabled", true),
            config.String("assets.namePrefix", "assets", p => Regex.IsMatch(p, "^[a-z0-9][a-z0-9-]{1,19}$", RegexOptions.None, System.TimeSpan.FromSeconds(1)),
                "allowed: 2 to 20 lower-case letters, digits or '-', starting with a letter or digit"),
            config.Int("assets.noncurrentVersionDays", 30, 1, 3650));
    }
}

/// <summary>The global stack's asset path: which region's bucket is written to and which receive replicas.</summary>
/// <param name="Enabled">Whether CloudFront's default behaviour serves the assets.</param>
/// <param name="PrimaryRegion">The regional stack whose bucket is written to and replicates.</param>
/// <param name="ReplicaRegions">The regional stacks whose buckets receive the replicas.</param>
public sealed record GlobalAssetSettings(bool Enabled, string PrimaryRegion, IReadOnlyList<string> ReplicaRegions)
{
    public static GlobalAssetSettings Read(ConfigReader config, IReadOnlyList<string> regions, string primaryRegion)
    {
        System.ArgumentNullException.ThrowIfNull(config);
        System.ArgumentNullException.ThrowIfNull(regions);
        var enabled = config.Bool("assets.enabled", true);
        var primary = config.String("assets.primaryRegion", primaryRegion);
        if (regions.Count > 0 && !regions.Contains(primary))
            config.Error("assets.primaryRegion", primary, "is not among the regions", $"allowed: one of {string.Join(", ", regions)}");
        var replicas = config.StringList("assets.replicaRegions", regions.Where(r => r != primary).ToList());
        foreach (var replica in replicas.Where(r => regions.Count > 0 && !regions.Contains(r)))
            config.Error("assets.replicaRegions", replica, "is not among the regions", $"allowed: regional stacks of regions ({string.Join(", ", regions)})");
        if (replicas.Contains(primary))
            config.Error("assets.replicaRegions", primary, "is the assets' primary region", "allowed: the other regions");
        if (enabled && replicas.Count == 0 && regions.Distinct().Count() > 1)
            config.Error("assets.replicaRegions", "[]", "has no replica, so the assets have no failover", "allowed: at least one region other than assets.primaryRegion");
        return new GlobalAssetSettings(enabled, primary, replicas.Distinct().ToList());
    }
}
