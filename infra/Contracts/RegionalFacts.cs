namespace MultiRegionInfra.Contracts;

/// <summary>What another stack must agree on with a regional stack, read from its outputs before the
/// reading stack registers anything, so that a disagreement stops the preview rather than a deployment.</summary>
/// <param name="StackName">The regional stack.</param>
/// <param name="Region">Its AWS region.</param>
/// <param name="Role">primary or replica.</param>
/// <param name="PrimaryStack">The primary it replicates (empty on a primary).</param>
/// <param name="Engine">postgres or aurora-postgresql.</param>
/// <param name="Edge">cloudfront, cloudflare or none.</param>
/// <param name="Domain">Its domain, empty without one.</param>
/// <param name="VpcCidr">Its VPC's block.</param>
/// <param name="AssetsEnabled">Whether it has an asset bucket.</param>
/// <param name="Residency">Where its data may live (empty: anywhere).</param>
/// <param name="Strategy">active-active or active-passive, as the regional stack was deployed.</param>
/// <param name="LogBucket">Its log bucket (empty without one): whether another stack's buckets in its region can log there.</param>
public sealed record RegionalFacts(string StackName, string Region, string Role, string PrimaryStack, string Engine, string Edge, string Domain,
    string VpcCidr, bool AssetsEnabled, IReadOnlyList<string> Residency, string Strategy, string LogBucket = "")
{
    /// <summary>Whether its instances send Prometheus metrics (false for a stack older than the metrics).</summary>
    public bool MetricsEnabled { get; init; }

    /// <summary>The stack whose workspace its instances write to (itself or its primary), empty without metrics.</summary>
    public string MetricsWorkspaceStack { get; init; } = "";

    /// <summary>That workspace's region, empty without metrics.</summary>
    public string MetricsWorkspaceRegion { get; init; } = "";

    /// <summary>Whether the service's own metrics are scraped (app.metricsPath).</summary>
    public bool MetricsServiceScraped { get; init; }

    /// <summary>dev, staging or prod (empty when the stack does not export it).</summary>
    public string Environment { get; init; } = "";

    /// <summary>The path its health checks probe (empty when the stack does not export it).</summary>
    public string HealthCheckPath { get; init; } = "";

    /// <summary>Whether it stands by, running its standby capacity (the passive output: in active-passive
    /// its standby key, by default a replica); for a stack that does not export it, whether it is a
    /// replica of an active-passive system, as passivity was before the key.</summary>
    public bool Passive { get; init; }

    /// <summary>Why the stack <paramref name="reference"/> reads cannot be read as a regional stack, or
    /// null when it can: it is another kind of stack, or exports no kind at all (not deployed yet, or not
    /// a stack of this project). Asked first, so that the answer is this rather than a missing output.</summary>
    /// <param name="key">The key that names the stack, e.g. multi-region-infra:primaryStack.</param>
    public static async Task<string?> NotRegionalAsync(RegionalStackReference reference, string key)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var kind = await reference.GetAsync(RegionalContract.StackKind, "").ConfigureAwait(false);
        return kind switch
        {
            "regional" => null,
            "" => $"{key} names {reference.StackName}, which exports no stackKind: it is not deployed yet, or not a stack of this project; " +
                "allowed: a regional stack of this project, deployed before this one",
            _ => $"{key} names {reference.StackName}, which is a {kind} stack, not a regional one; allowed: regional stacks of this project",
        };
    }

    public static async Task<RegionalFacts> ReadAsync(RegionalStackReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var metrics = await reference.GetAsync(RegionalContract.MetricsEnabled, false).ConfigureAwait(false);
        var region = await reference.RequireAsync(RegionalContract.Region).ConfigureAwait(false);
        var role = await reference.RequireAsync(RegionalContract.DbRole).ConfigureAwait(false);
        var strategy = await reference.GetAsync(RegionalContract.Strategy, "active-active").ConfigureAwait(false);
        return new RegionalFacts(
            reference.StackName,
            region,
            role,
            await reference.GetAsync(RegionalContract.PrimaryStack, "").ConfigureAwait(false),
            await reference.GetAsync(RegionalContract.DbEngine, "postgres").ConfigureAwait(false),
            await reference.RequireAsync(RegionalContract.Edge).ConfigureAwait(false),
            await reference.GetAsync(RegionalContract.Domain, "").ConfigureAwait(false),
            await reference.GetAsync(RegionalContract.VpcCidr, "").ConfigureAwait(false),
            await reference.GetAsync(RegionalContract.AssetsEnabled, true).ConfigureAwait(false),
            await reference.GetAsync(RegionalContract.DataResidency, System.Collections.Immutable.ImmutableArray<string>.Empty).ConfigureAwait(false),
            strategy,
            await reference.GetAsync(RegionalContract.LogBucketName, "").ConfigureAwait(false))
        {
            MetricsEnabled = metrics,
            MetricsWorkspaceStack = metrics ? await reference.GetAsync(RegionalContract.MetricsWorkspaceStack, "").ConfigureAwait(false) : "",
            MetricsWorkspaceRegion = metrics ? await reference.GetAsync(RegionalContract.MetricsWorkspaceRegion, "").ConfigureAwait(false) : "",
            MetricsServiceScraped = metrics && await reference.GetAsync(RegionalContract.MetricsServiceScraped, false).ConfigureAwait(false),
            Environment = await reference.GetAsync(RegionalContract.Environment, "").ConfigureAwait(false),
            HealthCheckPath = await reference.GetAsync(RegionalContract.HealthCheckPath, "").ConfigureAwait(false),
            Passive = await reference.GetAsync(RegionalContract.Passive, strategy == "active-passive" && role == "replica").ConfigureAwait(false),
        };
    }
}
