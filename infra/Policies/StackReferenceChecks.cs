using MultiRegionInfra.Configuration;
using MultiRegionInfra.Contracts;

namespace MultiRegionInfra.Policies;

/// <summary>The cross-stack rules a stack checks at deploy time, from what the stacks it reads export:
/// the same rules <see cref="CrossStackValidation"/> checks across the stack files in <c>plan</c>.</summary>
public static class StackReferenceChecks
{
    /// <summary>A replica's configuration against its primary's outputs.</summary>
    public static IReadOnlyList<string> ReplicaAgainstPrimary(string project, RegionalSettings replica, RegionalFacts primary)
    {
        ArgumentNullException.ThrowIfNull(replica);
        ArgumentNullException.ThrowIfNull(primary);
        var errors = new List<string>();
        if (primary.Role != "primary")
            errors.Add($"{project}:primaryStack: '{primary.StackName}' is not a primary (its role is {primary.Role}); allowed: the stack holding the writable database");
        if (primary.Region == replica.Region)
            errors.Add($"{project}:primaryStack: '{primary.StackName}' is in this stack's own region ({primary.Region}); allowed: a primary in another region");
        if (primary.Engine != replica.Database.EngineName)
            errors.Add($"{project}:database.engine: '{replica.Database.EngineName}' differs from the engine of the primary stack {primary.StackName} ('{primary.Engine}'); allowed: {primary.Engine} (every stack of a system runs one engine)");
        return errors;
    }
}
