using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Monitoring;

/// <summary>Inputs of <see cref="MetricsWorkspace"/>.</summary>
public sealed class MetricsWorkspaceArgs
{
    /// <summary>Whose resources these are: tags, the workspace's alias and the key's.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The AWS account, for the key's policy.</summary>
    public required Input<string> AccountId { get; init; }

    /// <summary>Days the workspace's own log (rule evaluation and alert manager errors) is kept; a
    /// CloudWatch Logs retention value.</summary>
    public int LogRetentionDays { get; init; } = 30;

    /// <summary>Whether the workspace and its key get Pulumi's <c>protect</c> (prod): deleting either loses the metrics.</summary>
    public bool Protect { get; init; }
}
