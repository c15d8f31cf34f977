using System.Collections.Immutable;
using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Reliability;

/// <summary>Inputs of <see cref="RegionOutageExperiments"/>.</summary>
public sealed class RegionOutageExperimentsArgs
{
    /// <summary>The global stack's context: the Application tag the regional resources share, and the
    /// tags of the experiments themselves.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The regional stack the experiments take out (its resources carry it as their Stack tag).</summary>
    public required string StackName { get; init; }

    /// <summary>Its AWS region, where the templates, their role's reach and their logs are.</summary>
    public required string Region { get; init; }

    public required Input<string> AccountId { get; init; }

    /// <summary>The region's VPC, whose subnets change network ACLs during the network experiment.</summary>
    public required Input<string> VpcId { get; init; }

    public required RehearsalSettings Settings { get; init; }

    /// <summary>The CloudWatch alarms that stop the experiments: the region's SLO alarms, in the region.</summary>
    public required Input<ImmutableArray<string>> StopAlarmArns { get; init; }
}
