using System.Collections.Immutable;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Database;

/// <summary>Inputs of <see cref="Database"/> and <see cref="AuroraDatabase"/>.</summary>
public sealed class DatabaseArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>Primary (writable) or replica.</summary>
    public required RegionRole Role { get; init; }

    /// <summary>Engine, class, version, storage, backups, protection.</summary>
    public required DatabaseSettings Settings { get; init; }

    /// <summary>The VPC of the database.</summary>
    public required Input<string> VpcId { get; init; }

    /// <summary>The isolated subnets the database lives in.</summary>
    public required Output<ImmutableArray<string>> SubnetIds { get; init; }

    /// <summary>The zones of the subnets, which Aurora's instances are spread over.</summary>
    public required Output<ImmutableArray<string>> AvailabilityZones { get; init; }

    /// <summary>For an RDS replica: the ARN of the primary instance in the other region.</summary>
    public Input<string>? SourceDbArn { get; init; }

    /// <summary>For an Aurora secondary: the global cluster the primary's stack created.</summary>
    public Input<string>? GlobalClusterId { get; init; }

    /// <summary>Whether stateful resources get Pulumi's <c>protect</c> (prod).</summary>
    public bool Protect { get; init; }
}
