using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Service;

/// <summary>Inputs of <see cref="SessionAccess"/>: one region, as its stack exports it.</summary>
public sealed class SessionAccessArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The regional stack, e.g. eu-west.</summary>
    public required string StackName { get; init; }

    /// <summary>Its AWS region.</summary>
    public required string Region { get; init; }

    /// <summary>The session table's name (its replica in <see cref="Region"/> has the same name).</summary>
    public required Input<string> TableName { get; init; }

    /// <summary>The account, for the table's ARN.</summary>
    public required Input<string> AccountId { get; init; }

    /// <summary>The region's service parameter path.</summary>
    public required Input<string> ConfigPath { get; init; }

    /// <summary>The key that encrypts that path.</summary>
    public required Input<string> ConfigKeyArn { get; init; }

    /// <summary>The region's instance role.</summary>
    public required Input<string> InstanceRoleName { get; init; }

    /// <summary>The region's auto scaling group, whose instances restart their service when the table changes.</summary>
    public required Input<string> AutoScalingGroupName { get; init; }
}
