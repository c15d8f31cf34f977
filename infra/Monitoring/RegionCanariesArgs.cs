using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using MultiRegionInfra.Reliability;
using Pulumi;

namespace MultiRegionInfra.Monitoring;

/// <summary>Inputs of <see cref="RegionCanaries"/>: one region, read from its stack's outputs.</summary>
public sealed class RegionCanariesArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The regional stack, e.g. us-east.</summary>
    public required string StackName { get; init; }

    /// <summary>Its AWS region: the canary, its bucket, key, alarms run there.</summary>
    public required string Region { get; init; }

    /// <summary>The checks, schedule, retention and names.</summary>
    public required CanarySettings Settings { get; init; }

    /// <summary>What fronts the load balancers: it decides what the canary calls.</summary>
    public required EdgeKind Edge { get; init; }

    /// <summary>The system's domain.</summary>
    public required string Domain { get; init; }

    /// <summary>The region's own name, &lt;stack&gt;.api.&lt;domain&gt;.</summary>
    public required Input<string> OriginDomain { get; init; }

    /// <summary>The region's health path, checked on every target that reaches it.</summary>
    public required Input<string> HealthCheckPath { get; init; }

    /// <summary>How long the system's own endpoint may fail before the system alarm fires: what failover is
    /// predicted to take (<see cref="Reliability.BudgetReport.SystemAlarmTolerance"/>).</summary>
    public int SystemToleranceSeconds { get; init; }

    /// <summary>What serves the region probes the canary calls (the edge's component); the canary starts once
    /// it is in place, so that its first runs do not find the probes missing.</summary>
    public Resource? Probes { get; init; }

    /// <summary>The region's alarm topic, which the canary's alarms notify.</summary>
    public required Input<string> AlarmTopicArn { get; init; }

    /// <summary>The AWS account.</summary>
    public required Input<string> AccountId { get; init; }

    /// <summary>The region's log bucket, where the artifact bucket's server access logs go; null without one.</summary>
    public string? LogBucket { get; init; }

    /// <summary>The service level the success alarm derives from.</summary>
    public required SloSettings Slo { get; init; }

    /// <summary>Whether the artifacts' key gets Pulumi's <c>protect</c> (prod).</summary>
    public bool Protect { get; init; }

    /// <summary>Where the canary's zip is written (the provider reads it from there when it creates or
    /// updates the canary).</summary>
    public required string ScriptDirectory { get; init; }
}
