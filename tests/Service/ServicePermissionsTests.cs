using System.Text.Json;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Service;

namespace MultiRegionInfra.Tests.Service;

/// <summary>The instance role's service permissions, statement by statement.</summary>
public class ServicePermissionsTests
{
    private static ServiceAccess Access(IReadOnlyList<SecretReference>? secrets = null, bool assets = true) => new(
        "aws", "eu-west-1", "123456789012", "/multi-region-infra/eu-west/",
        "arn:aws:kms:eu-west-1:123456789012:key/config", "arn:aws:logs:eu-west-1:123456789012:log-group:/multi-region-infra/eu-west/service",
        "arn:aws:ecr:eu-west-1:123456789012:repository/multi-region-infra",
        new[] { new DatabaseLogin("us-east-1", "db-PRIMARY", "app"), new DatabaseLogin("eu-west-1", "db-REPLICA", "app") },
        assets ? "arn:aws:s3:::assets-eu-west-abc" : null, assets ? "arn:aws:kms:eu-west-1:123456789012:key/assets" : null,
        secrets ?? Array.Empty<SecretReference>());

    [Fact]
    public void The_role_reads_exactly_its_path_its_databases_assets_image_and_logs()
    {
        var statements = ServicePermissions.Statements(Access()).ToDictionary(s => s.Sid);
        Assert.Equal(new[] { "ReadServiceParameters", "DecryptServiceParameters", "ConnectToDatabase", "AuthenticateToRegistry", "PullServiceImage", "WriteServiceLogs", "ReadAssets", "DecryptAssets" },
            statements.Keys);
        Assert.Equal(new[] { "arn:aws:ssm:eu-west-1:123456789012:parameter/multi-region-infra/eu-west", "arn:aws:ssm:eu-west-1:123456789012:parameter/multi-region-infra/eu-west/*" },
            statements["ReadServiceParameters"].Resources);
        Assert.Equal(new[] { "ssm:GetParametersByPath", "ssm:GetParameters", "ssm:GetParameter" }, statements["ReadServiceParameters"].Actions);
        Assert.Equal("ssm.eu-west-1.amazonaws.com", statements["DecryptServiceParameters"].Condition!["StringEquals"]["kms:ViaService"]);
        Assert.Equal(new[] { "arn:aws:rds-db:us-east-1:123456789012:dbuser:db-PRIMARY/app", "arn:aws:rds-db:eu-west-1:123456789012:dbuser:db-REPLICA/app" },
            statements["ConnectToDatabase"].Resources);
        Assert.Equal(new[] { "*" }, statements["AuthenticateToRegistry"].Resources);
        Assert.Equal(new[] { "arn:aws:ecr:eu-west-1:123456789012:repository/multi-region-infra" }, statements["PullServiceImage"].Resources);
        Assert.Equal(new[] { "arn:aws:s3:::assets-eu-west-abc", "arn:aws:s3:::assets-eu-west-abc/*" }, statements["ReadAssets"].Resources);
        Assert.Equal(new[] { "s3:GetObject", "s3:ListBucket" }, statements["ReadAssets"].Actions);
        Assert.DoesNotContain(statements.Values, s => s.Actions.Any(a => a.EndsWith(":*", StringComparison.Ordinal) || a.StartsWith("secretsmanager", StringComparison.Ordinal)));
    }

    [Fact]
    public void Named_secrets_and_only_they_are_readable()
    {
        var statements = ServicePermissions.Statements(Access(new[]
        {
            new SecretReference("A", SecretStore.SecretsManager, "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/stripe-AbCdEf", "us-east-1"),
            new SecretReference("B", SecretStore.SecretsManager, "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/partial", "us-east-1"),
            new SecretReference("C", SecretStore.ParameterStore, "/team/api/signing", null),
            new SecretReference("D", SecretStore.ParameterStore, "arn:aws:ssm:us-east-1:123456789012:parameter/team/other", "us-east-1"),
        }, assets: false)).ToDictionary(s => s.Sid);
        Assert.Equal(new[] { "secretsmanager:GetSecretValue" }, statements["ReadNamedSecrets"].Actions);
        // A partial ARN matches the secret through the six characters Secrets Manager appends.
        Assert.Equal(new[] { "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/stripe-AbCdEf", "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/partial-??????" },
            statements["ReadNamedSecrets"].Resources);
        Assert.Equal(new[] { "arn:aws:ssm:eu-west-1:123456789012:parameter/team/api/signing", "arn:aws:ssm:us-east-1:123456789012:parameter/team/other" },
            statements["ReadNamedParameters"].Resources);
        Assert.False(statements.ContainsKey("ReadAssets"));
    }

    [Fact]
    public void Metrics_may_be_remote_written_to_one_workspace_and_its_key_used_through_prometheus_only()
    {
        var access = Access() with
        {
            MetricsWorkspaceArn = "arn:aws:aps:us-east-1:123456789012:workspace/ws-0abc",
            MetricsKeyArn = "arn:aws:kms:us-east-1:123456789012:key/metrics",
        };
        var statements = ServicePermissions.Statements(access).ToDictionary(s => s.Sid);
        Assert.Equal(new[] { "aps:RemoteWrite" }, statements["WriteMetrics"].Actions);
        Assert.Equal(new[] { "arn:aws:aps:us-east-1:123456789012:workspace/ws-0abc" }, statements["WriteMetrics"].Resources);
        Assert.Equal(new[] { "kms:GenerateDataKey", "kms:Decrypt" }, statements["EncryptMetrics"].Actions);
        Assert.Equal(new[] { "arn:aws:kms:us-east-1:123456789012:key/metrics" }, statements["EncryptMetrics"].Resources);
        // The workspace's region (here the primary's), not the instance's.
        Assert.Equal("aps.us-east-1.amazonaws.com", statements["EncryptMetrics"].Condition!["StringEquals"]["kms:ViaService"]);
        Assert.DoesNotContain(ServicePermissions.Statements(Access()), s => s.Sid is "WriteMetrics" or "EncryptMetrics");
    }

    [Theory]
    [InlineData("arn:aws:aps:us-east-1:123456789012:workspace/ws-1", "us-east-1")]
    [InlineData("arn:aws-cn:aps:cn-north-1:123456789012:workspace/ws-1", "cn-north-1")]
    public void The_region_of_an_arn_is_its_fourth_part(string arn, string region) => Assert.Equal(region, ServicePermissions.RegionOf(arn));

    [Fact]
    public void A_global_arn_has_no_region()
    {
        var error = Assert.Throws<ArgumentException>(() => ServicePermissions.RegionOf("arn:aws:iam::123456789012:role/app"));
        Assert.Contains("'arn:aws:iam::123456789012:role/app' is not a regional ARN", error.Message);
    }

    [Fact]
    public void The_document_is_valid_iam_json()
    {
        using var document = JsonDocument.Parse(ServicePermissions.Document(Access()));
        Assert.Equal("2012-10-17", document.RootElement.GetProperty("Version").GetString());
        var first = document.RootElement.GetProperty("Statement")[0];
        Assert.Equal("Allow", first.GetProperty("Effect").GetString());
        Assert.Equal(3, first.GetProperty("Action").GetArrayLength());
        Assert.False(first.TryGetProperty("Condition", out _));
        Assert.Equal("ssm.eu-west-1.amazonaws.com", document.RootElement.GetProperty("Statement")[1].GetProperty("Condition").GetProperty("StringEquals").GetProperty("kms:ViaService").GetString());
    }
}
