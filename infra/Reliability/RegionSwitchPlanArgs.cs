using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Reliability;

/// <summary>One of the plan's two regions, as its regional stack exports it.</summary>
/// <param name="StackName">The regional stack, e.g. us-east.</param>
/// <param name="AwsRegion">Its AWS region, e.g. us-east-1.</param>
/// <param name="AutoScalingGroupArn">Its auto scaling group.</param>
/// <param name="DatabaseArn">Its RDS instance (postgres) or Aurora cluster (aurora-postgresql).</param>
/// <param name="RecordSetIdentifier">The set identifier of its api.&lt;domain&gt; record, which the plan's
/// routing step maps to the region.</param>
public sealed record SwitchRegion(string StackName, string AwsRegion, Output<string> AutoScalingGroupArn, Output<string> DatabaseArn, string RecordSetIdentifier);

/// <summary>Inputs of <see cref="RegionSwitchPlan"/>.</summary>
public sealed class RegionSwitchPlanArgs
{
    /// <summary>Whose resources these are: tags and names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The approval's timeout and who may approve.</summary>
    public required RegionSwitchSettings Settings { get; init; }

    /// <summary>Which plan (<see cref="RegionSwitchSteps.Plans"/>): its approach (ARC's activePassive or
    /// activeActive), workflows and steps.</summary>
    public required SwitchPlanDesign Design { get; init; }

    /// <summary>The approval role of the system's plan, when this is a second plan of the same system: one
    /// role approves both (this plan adds its own permission to it), so the person on call assumes one.</summary>
    public Pulumi.Aws.Iam.Role? SharedApprovalRole { get; init; }

    /// <summary>The plan's two regions (ARC plans have exactly two): the active one first (the primary
    /// region, which serves, in active-passive; the one holding the writable database in active-active and
    /// in the writer plan), then the one that takes over.</summary>
    public required IReadOnlyList<SwitchRegion> Regions { get; init; }

    /// <summary>The Aurora global cluster's identifier; needed when the design switches the global database.</summary>
    public Output<string>? GlobalClusterId { get; init; }

    /// <summary>The hosted zone of the api records.</summary>
    public required Input<string> HostedZoneId { get; init; }

    /// <summary>api.&lt;domain&gt;, the records the routing step moves.</summary>
    public required string RecordName { get; init; }

    /// <summary>The account, for the ARNs the roles are scoped to.</summary>
    public required Output<string> AccountId { get; init; }

    /// <summary>slo.rtoSeconds: the plan reports its executions against it.</summary>
    public required int RtoSeconds { get; init; }
}
