using MultiRegionInfra.Service;

namespace MultiRegionInfra.Tests.Service;

public class ImageReferenceTests
{
    [Theory]
    // reference, registry, repository, tag, digest
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/multi-region-infra:1.4.2", "123456789012.dkr.ecr.us-east-1.amazonaws.com", "multi-region-infra", "1.4.2", null)]
    [InlineData("ghcr.io/team/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "ghcr.io", "team/api", null, "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("team/api:v2", null, "team/api", "v2", null)]
    [InlineData("nginx:1.27-alpine", null, "nginx", "1.27-alpine", null)]
    [InlineData("localhost:5000/api:dev", "localhost:5000", "api", "dev", null)]
    public void References_parse_into_registry_repository_tag_and_digest(string text, string? registry, string repository, string? tag, string? digest)
    {
        var image = ImageReference.TryParse(text, out var problem);
        Assert.Null(problem);
        Assert.Equal(new ImageReference(registry, repository, tag, digest), image);
        Assert.Equal(text, image!.ToString());
    }

    [Theory]
    [InlineData("api", "names no tag or digest")]
    [InlineData("ghcr.io/team/api", "names no tag or digest")]
    [InlineData("Team/API:1", "is not an OCI image reference")]
    [InlineData("api:1 ; rm -rf /", "is not an OCI image reference")]
    [InlineData("api@sha256:123", "is not an OCI image reference")]
    [InlineData("api:$(reboot)", "is not an OCI image reference")]
    public void Anything_else_is_refused_with_the_reason(string text, string problem)
    {
        Assert.Null(ImageReference.TryParse(text, out var reason));
        Assert.Equal(problem, reason);
    }

    [Fact]
    public void An_ecr_image_is_pulled_from_the_regions_own_replica()
    {
        var image = ImageReference.TryParse("123456789012.dkr.ecr.us-east-1.amazonaws.com/multi-region-infra:1.4.2", out _)!;
        Assert.Equal(new ImageReference.EcrRegistry("123456789012", "us-east-1", "amazonaws.com"), image.Ecr);
        var local = ServiceImage.InRegion(image, "eu-west-1")!;
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com/multi-region-infra:1.4.2", local.Image.ToString());
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com", local.Registry);
        Assert.Equal("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/multi-region-infra:1.4.2", ServiceImage.InRegion(image, "cn-north-1")!.Image.ToString());
    }

    [Fact]
    public void Other_images_are_pulled_as_configured_and_no_image_runs_the_sample()
    {
        var image = ImageReference.TryParse("ghcr.io/team/api:2.0.1", out _)!;
        Assert.Null(image.Ecr);
        Assert.Equal(new RegionalImage(image, null), ServiceImage.InRegion(image, "eu-west-1"));
        Assert.Null(ServiceImage.InRegion(null, "eu-west-1"));
    }
}
