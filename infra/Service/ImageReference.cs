using System.Text.RegularExpressions;

namespace MultiRegionInfra.Service;

/// <summary>An OCI image reference, <c>[registry/]repository(:tag|@sha256:digest)</c>, as the service's
/// configuration names it. A tag or a digest is required: an implicit <c>latest</c> would make a rollout
/// depend on whatever was pushed last.</summary>
/// <param name="Registry">The registry host (and port), or null for Docker Hub.</param>
/// <param name="Repository">The repository path, e.g. <c>team/api</c>.</param>
/// <param name="Tag">The tag, or null when pinned by digest only.</param>
/// <param name="Digest">The <c>sha256:</c> digest, or null.</param>
public sealed partial record ImageReference(string? Registry, string Repository, string? Tag, string? Digest)
{
    /// <summary>The account, region and DNS suffix of an Amazon ECR private registry host.</summary>
    public sealed record EcrRegistry(string Account, string Region, string DnsSuffix)
    {
        public string Host => $"{Account}.dkr.ecr.{Region}.{DnsSuffix}";
    }

    /// <summary>The ECR registry this image lives in, or null when it is not in ECR.</summary>
    public EcrRegistry? Ecr => Registry is not null && EcrHost().Match(Registry) is { Success: true } m
        ? new EcrRegistry(m.Groups["account"].Value, m.Groups["region"].Value, m.Groups["suffix"].Value)
        : null;

    /// <summary>The same image in another registry host (ECR replication keeps repository, tag and digest).</summary>
    public ImageReference WithRegistry(string registry) => this with { Registry = registry };

    public override string ToString() =>
        (Registry is null ? "" : Registry + "/") + Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>Parses a reference; null with the reason when it is not one this program can run.</summary>
    public static ImageReference? TryParse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        var match = Reference().Match(text);
        if (!match.Success)
        {
            problem = "is not an OCI image reference";
            return null;
        }
        var tag = match.Groups["tag"].Success ? match.Groups["tag"].Value : null;
        var digest = match.Groups["digest"].Success ? match.Groups["digest"].Value : null;
        if (tag is null && digest is null)
        {
            problem = "names no tag or digest";
            return null;
        }
        var registry = match.Groups["registry"].Success ? match.Groups["registry"].Value : null;
        var repository = match.Groups["repository"].Value;
        // A first path segment without '.', ':' or "localhost" is a Docker Hub namespace, not a host.
        if (registry is not null && !registry.Contains('.', StringComparison.Ordinal) && !registry.Contains(':', StringComparison.Ordinal) && registry != "localhost")
        {
            repository = registry + "/" + repository;
            registry = null;
        }
        if (repository.Length > 255)
        {
            problem = "has a repository name longer than 255 characters";
            return null;
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    // Lower-case repository path components separated by '.', '_', '__' or '-', as the OCI
    // distribution spec allows; tags of up to 128 word characters, '.' and '-'.
    [GeneratedRegex(@"^(?:(?<registry>[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]{1,5})?)/)?(?<repository>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^(?<account>[0-9]{12})\.dkr\.ecr\.(?<region>[a-z]{2}(?:-[a-z]+)+-[0-9])\.(?<suffix>amazonaws\.com(?:\.cn)?)$")]
    private static partial Regex EcrHost();
}
