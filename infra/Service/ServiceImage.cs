using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Service;

/// <summary>An image as one region pulls it, and the registry it logs in to first.</summary>
public sealed record RegionalImage(ImageReference Image, string? Registry);

/// <summary>Where a region pulls the service's image from.</summary>
public static class ServiceImage
{
    /// <summary>An image in the project's ECR repository is pulled from this region's replica of it (same
    /// account, repository, tag and digest; only the registry host changes), so a region never needs
    /// another to scale out. Other images are pulled as configured. Null runs the built-in sample.</summary>
    public static RegionalImage? InRegion(ImageReference? image, string region)
    {
        if (image is null)
            return null;
        if (image.Ecr is not { } ecr)
            return new RegionalImage(image, null);
        var local = new ImageReference.EcrRegistry(ecr.Account, region, AwsRegions.DnsSuffixOf(region));
        return new RegionalImage(image.WithRegistry(local.Host), local.Host);
    }
}
