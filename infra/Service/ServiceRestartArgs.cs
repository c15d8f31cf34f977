using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Service;

/// <summary>Inputs of <see cref="ServiceRestart"/>.</summary>
public sealed class ServiceRestartArgs
{
    /// <summary>Whose service: tags, the stack and the application (the association's name).</summary>
    public required StackContext Context { get; init; }

    /// <summary>What the restart is for, in the association's name, e.g. db-writer.</summary>
    public required string Purpose { get; init; }

    /// <summary>The auto scaling group whose instances run the service.</summary>
    public required Input<string> AutoScalingGroupName { get; init; }

    /// <summary>The values the service reads at start: when one changes, the association runs again.</summary>
    public required Input<string> Watched { get; init; }

    /// <summary>What must exist first (the parameters holding the new values).</summary>
    public IReadOnlyList<Resource> After { get; init; } = Array.Empty<Resource>();
}
