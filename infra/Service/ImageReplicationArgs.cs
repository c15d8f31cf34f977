using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Service;

/// <summary>Inputs of <see cref="ImageReplication"/>.</summary>
public sealed class ImageReplicationArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The primary stack's region, whose repository is pushed to.</summary>
    public required string SourceRegion { get; init; }

    /// <summary>Every other regional stack's region.</summary>
    public required IReadOnlyList<string> DestinationRegions { get; init; }

    /// <summary>The repository, the same name in every region.</summary>
    public required Input<string> RepositoryName { get; init; }

    /// <summary>The account whose registries these are.</summary>
    public required Input<string> AccountId { get; init; }
}
