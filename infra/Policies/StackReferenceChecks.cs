using MultiRegionInfra.Configuration;
using MultiRegionInfra.Contracts;

namespace MultiRegionInfra.Policies;

/// <summary>The cross-stack rules a stack checks at deploy time, from what the stacks it reads export:
/// the rules <c>plan</c> checks across the stack files (<see cref="CrossStackValidation"/>), over the
/// stack itself and the stacks it reads.</summary>
public static class StackReferenceChecks
{
    /// <summary>A replica against its primary: topology, engine, overlapping VPCs, residency.</summary>
    public static IReadOnlyList<string> ReplicaAgainstPrimary(string project, RegionalSettings replica, RegionalFacts primary)
    {
        ArgumentNullException.ThrowIfNull(replica);
        ArgumentNullException.ThrowIfNull(primary);
        return CrossStackValidation.Validate(project, new[] { StackView.FromSettings(replica), StackView.FromFacts(primary) }, complete: false);
    }

    /// <summary>The global stack against its regions: edge, domain, engine, assets, residency, partition, the session table's region.</summary>
    /// <param name="nativeRegion">The global stack's aws-native:region, if set.</param>
    public static IReadOnlyList<string> GlobalAgainstRegions(string project, GlobalSettings global, IReadOnlyList<RegionalFacts> regions, string? nativeRegion = null)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(regions);
        var view = StackView.FromSettings(global) with { NativeRegion = nativeRegion };
        return CrossStackValidation.Validate(project, regions.Select(StackView.FromFacts).Prepend(view).ToList(), complete: false);
    }
}
