using System.Collections.Immutable;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Database;

/// <summary>Inputs of <see cref="Database"/>.</summary>
public sealed class DatabaseArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>Primary (writable) or cross-region read replica.</summary>
    public required RegionRole Role { get; init; }

    /// <summary>Instance class, version, storage, backups, protection.</summary>
    public required DatabaseSettings Settings { get; init; }

    /// <summary>The VPC of the database.</summary>
    public required Input<string> VpcId { get; init; }

    /// <summary>The isolated subnets the database lives in.</summary>
    public required Output<ImmutableArray<string>> SubnetIds { get; init; }

    /// <summary>The only security group allowed to reach the database port (the instances').</summary>
    public required Input<string> ClientSecurityGroupId { get; init; }

    /// <summary>For a replica: the ARN of the primary instance in the other region.</summary>
    public Input<string>? SourceDbArn { get; init; }

    /// <summary>Whether stateful resources get Pulumi's <c>protect</c> (prod).</summary>
    public bool Protect { get; init; }
}
