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

    /// <summary>The global stack against its regions: edge, domain, engine, assets, residency.</summary>
    public static IReadOnlyList<string> GlobalAgainstRegions(string project, GlobalSettings global, IReadOnlyList<RegionalFacts> regions)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(regions);
        return CrossStackValidation.Validate(project, regions.Select(StackView.FromFacts).Prepend(StackView.FromSettings(global)).ToList(), complete: false);
    }
}
