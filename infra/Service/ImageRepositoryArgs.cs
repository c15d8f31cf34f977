using MultiRegionInfra.Naming;

namespace MultiRegionInfra.Service;

/// <summary>Inputs of <see cref="ImageRepository"/>.</summary>
public sealed class ImageRepositoryArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The repository's name, the same in every region (ECR replication keeps names).</summary>
    public required string RepositoryName { get; init; }

    /// <summary>Whether the repository gets Pulumi's <c>protect</c> (prod).</summary>
    public bool Protect { get; init; }
}
