using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using MultiRegionInfra.Reliability;
using Pulumi;

namespace MultiRegionInfra.Monitoring;

/// <summary>Inputs of <see cref="WorkspaceAlerting"/>: one Prometheus workspace, read from the regional
/// stack that holds it.</summary>
public sealed class WorkspaceAlertingArgs
{
    /// <summary>Whose resources these are: tags and names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The workspace's region; the rules and the alert manager are created there.</summary>
    public required Input<string> Region { get; init; }

    /// <summary>The workspace's ID.</summary>
    public required Input<string> WorkspaceId { get; init; }

    /// <summary>The alarm topic of the workspace's region, the alert manager's receiver.</summary>
    public required Input<string> TopicArn { get; init; }

    /// <summary>The service level the rules derive from.</summary>
    public required SloSettings Slo { get; init; }

    /// <summary>The service's request histogram and status label.</summary>
    public required ServiceMetricNames Metrics { get; init; }

    /// <summary>Whether any region writing to the workspace scrapes the service: without its metrics the SLO rules are left out.</summary>
    public required bool ServiceScraped { get; init; }
}
