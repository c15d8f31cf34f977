using MultiRegionInfra.Configuration;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Service;

/// <summary>The app.* keys: what a team may configure for its service, and every refusal with its message.</summary>
public class ServiceSettingsTests
{
    private const string P = "multi-region-infra";

    private static (ServiceSettings Settings, IReadOnlyList<string> Errors) Read(params (string Key, string? Value)[] changes)
    {
        var reader = new ConfigReader(P, AwsMocks.PrimaryConfig().With(changes).Where(p => p.Key != "aws:region").ToDictionary(p => p.Key, p => p.Value));
        return (ServiceSettings.Read(reader), reader.Errors);
    }

    [Fact]
    public void Without_an_image_the_sample_runs_on_port_8080()
    {
        var (settings, errors) = Read();
        Assert.Empty(errors);
        Assert.Null(settings.Image);
        Assert.Equal(8080, settings.Port);
        Assert.Equal("multi-region-infra", settings.Repository);
        Assert.Equal(30, settings.LogRetentionDays);
        Assert.Empty(settings.Environment);
        Assert.Empty(settings.Secrets);
        Assert.Empty(settings.Command);
    }

    [Fact]
    public void A_full_service_configuration_reads_into_typed_values()
    {
        var (settings, errors) = Read(
            ("app.image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/multi-region-infra:1.4.2"),
            ("app.port", "9000"),
            ("app.environment", "[\"LOG_LEVEL=info\",\"GREETING=it's \\\"fine\\\" = ok\"]"),
            ("app.secrets", "[\"STRIPE_KEY=arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/stripe-AbCdEf\",\"SIGNING=/team/api/signing\",\"OTHER=arn:aws:ssm:eu-west-1:123456789012:parameter/team/other\"]"),
            ("app.command", "[\"serve\",\"--workers\",\"4\"]"));
        Assert.Empty(errors);
        Assert.Equal("1.4.2", settings.Image!.Tag);
        Assert.Equal(9000, settings.Port);
        Assert.Equal(new[] { new EnvironmentVariable("LOG_LEVEL", "info"), new EnvironmentVariable("GREETING", "it's \"fine\" = ok") }, settings.Environment);
        Assert.Equal(new[]
        {
            new SecretReference("STRIPE_KEY", SecretStore.SecretsManager, "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/stripe-AbCdEf", "us-east-1"),
            new SecretReference("SIGNING", SecretStore.ParameterStore, "/team/api/signing", null),
            new SecretReference("OTHER", SecretStore.ParameterStore, "arn:aws:ssm:eu-west-1:123456789012:parameter/team/other", "eu-west-1"),
        }, settings.Secrets);
        Assert.Equal(new[] { "serve", "--workers", "4" }, settings.Command);
    }

    [Theory]
    [InlineData("app.image", "api", P + ":app.image: 'api' names no tag or digest; allowed: an OCI image reference with a tag or digest, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4.2 or ghcr.io/team/api@sha256:<64 hex digits>")]
    [InlineData("app.image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/other:1", P + ":app.image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/other:1' is in the ECR repository 'other', not in this project's repository 'multi-region-infra', which every region holds a replica of; allowed: an image pushed to the 'multi-region-infra' repository of the primary region's registry, or app.repository set to 'other'")]
    [InlineData("app.port", "80", P + ":app.port: '80' is out of range; allowed: an integer from 1024 to 65535")]
    [InlineData("app.environment", "[\"DB_PASSWORD=hunter2\"]", P + ":app.environment: 'DB_PASSWORD' looks like a secret, and app.environment is written in plain text into the launch template; allowed: keep the value in Secrets Manager or an SSM SecureString and name it in app.secrets (NAME=<secret ARN or /parameter/name>)")]
    [InlineData("app.environment", "[\"API_TOKEN=abc\"]", P + ":app.environment: 'API_TOKEN' looks like a secret, and app.environment is written in plain text into the launch template; allowed: keep the value in Secrets Manager or an SSM SecureString and name it in app.secrets (NAME=<secret ARN or /parameter/name>)")]
    [InlineData("app.environment", "[\"1ST=x\"]", P + ":app.environment: '1ST=x' is not a NAME=value pair with a valid variable name; allowed: NAME=value, NAME of letters, digits and _, not starting with a digit")]
    [InlineData("app.environment", "[\"NOVALUE\"]", P + ":app.environment: 'NOVALUE' is not a NAME=value pair with a valid variable name; allowed: NAME=value, NAME of letters, digits and _, not starting with a digit")]
    [InlineData("app.environment", "[\"MODE=a\\nb\"]", P + ":app.environment: 'MODE' has a value with a line break or control character, or longer than 4096 characters; allowed: a single line of at most 4096 characters")]
    [InlineData("app.secrets", "[\"KEY=arn:aws:s3:::bucket\"]", P + ":app.secrets: 'KEY=arn:aws:s3:::bucket' does not name a secret; allowed: a Secrets Manager ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>), an SSM parameter ARN, or an SSM parameter name starting with /")]
    [InlineData("app.secrets", "[\"KEY=relative/name\"]", P + ":app.secrets: 'KEY=relative/name' does not name a secret; allowed: a Secrets Manager ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>), an SSM parameter ARN, or an SSM parameter name starting with /")]
    [InlineData("app.command", "[\"serve\",\"\"]", P + ":app.command: '' is empty or has a control character; allowed: a list of non-empty, single-line arguments")]
    [InlineData("app.repository", "Team/API", P + ":app.repository: 'Team/API' is not valid; allowed: an ECR repository name: lower-case letters, digits and '.', '_', '-', '/' separators, 2 to 256 characters")]
    [InlineData("app.logRetentionDays", "45", P + ":app.logRetentionDays: '45' is not allowed; allowed: one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653")]
    public void Each_bad_value_is_refused_with_its_key_value_and_what_is_allowed(string key, string value, string error)
    {
        var (_, errors) = Read((key, value));
        Assert.Equal(new[] { error }, errors);
    }

    [Theory]
    [InlineData("app.environment", "[\"DB_WRITER_ENDPOINT=elsewhere\"]", "DB_WRITER_ENDPOINT")]
    [InlineData("app.environment", "[\"PORT=9\"]", "PORT")]
    [InlineData("app.environment", "[\"AWS_ACCESS_KEY_ID=AKIA\"]", "AWS_ACCESS_KEY_ID")]
    [InlineData("app.secrets", "[\"SESSIONS_TABLE=/x/y\"]", "SESSIONS_TABLE")]
    public void Variables_the_instances_set_cannot_be_redefined(string key, string value, string name)
    {
        var error = Assert.Single(Read((key, value)).Errors);
        Assert.StartsWith($"{P}:{key}: '{name}' is set by the instances themselves", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_in_both_environment_and_secrets_is_refused_once_all_problems_together()
    {
        var (_, errors) = Read(("app.environment", "[\"MODE=fast\"]"), ("app.secrets", "[\"MODE=/team/mode\"]"), ("app.port", "22"));
        Assert.Equal(new[]
        {
            P + ":app.port: '22' is out of range; allowed: an integer from 1024 to 65535",
            P + ":app.environment: 'MODE' is defined more than once (in app.environment and app.secrets together); allowed: each variable once",
        }, errors);
    }
}
