using MultiRegionInfra.Naming;
using MultiRegionInfra.Reliability;
using Pulumi;

namespace MultiRegionInfra.Monitoring;

/// <summary>Inputs of <see cref="RegionMonitoring"/>: one region, read from its stack's outputs.</summary>
public sealed class RegionMonitoringArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The regional stack, e.g. us-east.</summary>
    public required string StackName { get; init; }

    /// <summary>Its AWS region; the alarms, topic and dashboard are created there.</summary>
    public required Input<string> Region { get; init; }

    /// <summary>The load balancer's ARN suffix (the LoadBalancer dimension).</summary>
    public required Input<string> LoadBalancer { get; init; }

    /// <summary>The target group's ARN suffix (the TargetGroup dimension).</summary>
    public required Input<string> TargetGroup { get; init; }

    /// <summary>The RDS instance or Aurora cluster identifier.</summary>
    public required Input<string> DbInstance { get; init; }

    /// <summary>Which database the region runs: it decides the metrics and their dimensions.</summary>
    public required Configuration.DatabaseEngine Engine { get; init; }

    /// <summary>Whether the region holds a replica (or an Aurora secondary): only those report replication lag.</summary>
    public required bool IsReplica { get; init; }

    /// <summary>The auto scaling group's minimum: fewer healthy hosts is an alarm.</summary>
    public required Input<int> MinHealthyHosts { get; init; }

    /// <summary>RDS: the database's allocated storage, for the free storage alarm (Aurora's storage grows by itself).</summary>
    public required Input<int> DbAllocatedStorageGb { get; init; }

    /// <summary>The AWS account, for the alarm topic's key and topic policies.</summary>
    public required Input<string> AccountId { get; init; }

    /// <summary>Whether the alarm topic's key gets Pulumi's <c>protect</c> (prod).</summary>
    public bool Protect { get; init; }

    /// <summary>The services that publish to the region's alarm topic: CloudWatch's alarms, and the alert
    /// manager of a Prometheus workspace in the region.</summary>
    public IReadOnlyList<string> TopicPublishers { get; init; } = new[] { AlarmTopicArgs.CloudWatch };

    /// <summary>The service level the thresholds derive from.</summary>
    public required SloSettings Slo { get; init; }
}
