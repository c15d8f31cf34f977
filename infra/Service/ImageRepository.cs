using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Ecr;
using Pulumi.Aws.Ecr.Inputs;

namespace MultiRegionInfra.Service;

/// <summary>The service's ECR repository in one region. The primary region's is the one a release
/// pushes to; the registry replicates it to the others (the global stack declares the replication, as
/// the only stack that knows every region), so each region pulls from its own repository and scaling out
/// never waits on another region. Tags are immutable, so a tag always names the image that was tested;
/// images are scanned on push and encrypted with KMS.</summary>
public sealed class ImageRepository : ComponentResource
{
    /// <summary>The repository's URL, <c>account.dkr.ecr.region.amazonaws.com/name</c>.</summary>
    [Output]
    public Output<string> RepositoryUrl { get; private set; } = null!;

    /// <summary>The repository's ARN.</summary>
    [Output]
    public Output<string> RepositoryArn { get; private set; } = null!;

    /// <summary>The repository's name.</summary>
    [Output]
    public Output<string> RepositoryName { get; private set; } = null!;

    public ImageRepository(string name, ImageRepositoryArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:service:ImageRepository", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var repository = new Repository(ResourceNames.Child(name, "repository"), new RepositoryArgs
        {
            Name = args.RepositoryName,
            ImageTagMutability = "IMMUTABLE",
            ImageScanningConfiguration = new RepositoryImageScanningConfigurationArgs { ScanOnPush = true },
            EncryptionConfigurations = { new RepositoryEncryptionConfigurationArgs { EncryptionType = "KMS" } },
            ForceDelete = false,
            Tags = args.Context.Tags(ResourceNames.Child(name, "repository")),
        }, new CustomResourceOptions { Parent = this, Protect = args.Protect });

        RepositoryUrl = repository.RepositoryUrl;
        RepositoryArn = repository.Arn;
        RepositoryName = repository.Name;
        RegisterOutputs();
    }
}
