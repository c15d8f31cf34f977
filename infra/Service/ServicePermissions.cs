using System.Text.Json;
using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Service;

/// <summary>The database user a service connects as, on one database (instance or cluster).</summary>
/// <param name="Region">The database's region (tokens are signed for it).</param>
/// <param name="ResourceId">The instance's DbiResourceId or the cluster's resource ID.</param>
/// <param name="User">The user name.</param>
public sealed record DatabaseLogin(string Region, string ResourceId, string User);

/// <summary>Everything the instance role's service permissions name, resolved.</summary>
/// <param name="MetricsWorkspaceArn">The Prometheus workspace the collector remote-writes to, or null without metrics.</param>
/// <param name="MetricsKeyArn">The key that encrypts that workspace.</param>
public sealed record ServiceAccess(
    string Partition,
    string Region,
    string Account,
    string ConfigPath,
    string ConfigKeyArn,
    string LogGroupArn,
    string RepositoryArn,
    IReadOnlyList<DatabaseLogin> DatabaseLogins,
    string? AssetBucketArn,
    string? AssetKeyArn,
    IReadOnlyList<SecretReference> Secrets,
    string? MetricsWorkspaceArn = null,
    string? MetricsKeyArn = null);

/// <summary>One statement of an IAM policy.</summary>
public sealed record PolicyStatement(string Sid, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Condition = null);

/// <summary>What the service's instance role may do, and nothing more: read exactly its stack's parameter
/// path and decrypt it with that path's key (through SSM only), log in to its databases with IAM tokens,
/// read its region's assets, pull its image from its region's repository, write its log group, and read the
/// secrets its configuration names, and remote-write metrics to its one Prometheus workspace. The session
/// table's access is added by the global stack, which owns the table.</summary>
public static class ServicePermissions
{
    public static IReadOnlyList<PolicyStatement> Statements(ServiceAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        var arn = (string service, string region, string resource) => $"arn:{access.Partition}:{service}:{region}:{access.Account}:{resource}";
        var path = access.ConfigPath.Trim('/');
        var statements = new List<PolicyStatement>
        {
            new("ReadServiceParameters", new[] { "ssm:GetParametersByPath", "ssm:GetParameters", "ssm:GetParameter" },
                new[] { arn("ssm", access.Region, $"parameter/{path}"), arn("ssm", access.Region, $"parameter/{path}/*") }),
            new("DecryptServiceParameters", new[] { "kms:Decrypt" }, new[] { access.ConfigKeyArn },
                Condition("StringEquals", "kms:ViaService", $"ssm.{access.Region}.amazonaws.com")),
            new("ConnectToDatabase", new[] { "rds-db:connect" },
                access.DatabaseLogins.Select(l => arn("rds-db", l.Region, $"dbuser:{l.ResourceId}/{l.User}")).Distinct().ToList()),
            new("AuthenticateToRegistry", new[] { "ecr:GetAuthorizationToken" }, new[] { "*" }),
            new("PullServiceImage", new[] { "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability" }, new[] { access.RepositoryArn }),
            new("WriteServiceLogs", new[] { "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams" },
                new[] { access.LogGroupArn, $"{access.LogGroupArn}:log-stream:*" }),
        };
        if (access.AssetBucketArn is { } bucket)
        {
            statements.Add(new("ReadAssets", new[] { "s3:GetObject", "s3:ListBucket" }, new[] { bucket, $"{bucket}/*" }));
            if (access.AssetKeyArn is { } key)
                statements.Add(new("DecryptAssets", new[] { "kms:Decrypt" }, new[] { key }, Condition("StringEquals", "kms:ViaService", $"s3.{access.Region}.amazonaws.com")));
        }
        if (access.MetricsWorkspaceArn is { } workspace)
        {
            statements.Add(new("WriteMetrics", new[] { "aps:RemoteWrite" }, new[] { workspace }));
            // The workspace is on a customer managed key: its data keys are used through Prometheus only,
            // in the workspace's region (the stack's own, or its primary's).
            if (access.MetricsKeyArn is { } key)
                statements.Add(new("EncryptMetrics", new[] { "kms:GenerateDataKey", "kms:Decrypt" }, new[] { key },
                    Condition("StringEquals", "kms:ViaService", $"aps.{RegionOf(workspace)}.amazonaws.com")));
        }
        var managed = access.Secrets.Where(s => s.Store == SecretStore.SecretsManager).ToList();
        if (managed.Count > 0)
            statements.Add(new("ReadNamedSecrets", new[] { "secretsmanager:GetSecretValue" }, managed.Select(s => SecretResource(s.Source)).Distinct().ToList()));
        var parameters = access.Secrets.Where(s => s.Store == SecretStore.ParameterStore).ToList();
        if (parameters.Count > 0)
        {
            statements.Add(new("ReadNamedParameters", new[] { "ssm:GetParameter" },
                parameters.Select(s => s.Source.StartsWith("arn:", StringComparison.Ordinal) ? s.Source : arn("ssm", access.Region, $"parameter{s.Source}")).Distinct().ToList()));
        }
        return statements;
    }

    /// <summary>The statements as a policy document.</summary>
    public static string Document(ServiceAccess access) => Json(Statements(access));

    public static string Json(IReadOnlyList<PolicyStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        return JsonSerializer.Serialize(new
        {
            Version = "2012-10-17",
            Statement = statements.Select(s => s.Condition is null
                ? (object)new { s.Sid, Effect = "Allow", Action = s.Actions, Resource = s.Resources }
                : new { s.Sid, Effect = "Allow", Action = s.Actions, Resource = s.Resources, s.Condition }),
        });
    }

    /// <summary>A Secrets Manager ARN as a policy resource: a full ARN ends in a six-character suffix
    /// after the name; a partial ARN (without it) matches the secret through a wildcard of that length.</summary>
    public static string SecretResource(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var name = arn[(arn.IndexOf(":secret:", StringComparison.Ordinal) + ":secret:".Length)..];
        var dash = name.LastIndexOf('-');
        return dash > 0 && name.Length - dash - 1 == 6 ? arn : arn + "-??????";
    }

    /// <summary>The region of an ARN (arn:partition:service:region:account:resource).</summary>
    public static string RegionOf(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var parts = arn.Split(':');
        return parts.Length >= 6 && parts[3].Length > 0 ? parts[3] : throw new ArgumentException($"'{arn}' is not a regional ARN", nameof(arn));
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Condition(string op, string key, string value) =>
        new Dictionary<string, IReadOnlyDictionary<string, string>> { [op] = new Dictionary<string, string> { [key] = value } };
}
