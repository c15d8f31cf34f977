using MultiRegionInfra.Service;

namespace MultiRegionInfra.Monitoring;

/// <summary>Everything a canary's role names, resolved.</summary>
/// <param name="ArtifactBucket">The artifact bucket's name.</param>
/// <param name="ArtifactPrefix">The canary's folder in it, e.g. canary/api-us-east.</param>
/// <param name="ArtifactKeyArn">The key that encrypts the artifacts.</param>
public sealed record CanaryAccess(string Partition, string Region, string Account, string CanaryName, string ArtifactBucket, string ArtifactPrefix,
    string ArtifactKeyArn);

/// <summary>What a canary's role may do, and nothing more (CloudWatch User Guide, "Required roles and
/// permissions for canaries"): write and read its artifacts under its own folder of its bucket, with the
/// bucket's key through S3 only; find the bucket; write its own Lambda log group; publish metrics to the
/// CloudWatchSynthetics namespace only. No X-Ray (tracing is off), no parameter or secret (its requests go
/// where the internet's may, with no origin header), and no managed policy.</summary>
public static class CanaryPermissions
{
    /// <summary>The namespace Synthetics publishes canary metrics to.</summary>
    public const string MetricsNamespace = "CloudWatchSynthetics";

    /// <summary>The Lambda function Synthetics creates for a canary is named cwsyn-&lt;canary&gt;-&lt;id&gt;.</summary>
    public static string LogGroupPattern(string partition, string region, string account, string canaryName) =>
        $"arn:{partition}:logs:{region}:{account}:log-group:/aws/lambda/cwsyn-{canaryName}-*";

    public static IReadOnlyList<PolicyStatement> Statements(CanaryAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        var bucket = $"arn:{access.Partition}:s3:::{access.ArtifactBucket}";
        return new List<PolicyStatement>
        {
            new("WriteArtifacts", new[] { "s3:PutObject", "s3:GetObject" }, new[] { $"{bucket}/{access.ArtifactPrefix.Trim('/')}/*" }),
            new("LocateArtifactBucket", new[] { "s3:GetBucketLocation" }, new[] { bucket }),
            // Synthetics lists the account's buckets when it starts a run; the action names no bucket.
            new("ListBuckets", new[] { "s3:ListAllMyBuckets" }, new[] { "*" }),
            new("EncryptArtifacts", new[] { "kms:GenerateDataKey", "kms:Decrypt" }, new[] { access.ArtifactKeyArn },
                Condition("StringEquals", "kms:ViaService", $"s3.{access.Region}.amazonaws.com")),
            new("WriteLogs", new[] { "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents" },
                new[] { LogGroupPattern(access.Partition, access.Region, access.Account, access.CanaryName) }),
            new("PublishMetrics", new[] { "cloudwatch:PutMetricData" }, new[] { "*" }, Condition("StringEquals", "cloudwatch:namespace", MetricsNamespace)),
        };
    }

    /// <summary>The statements as a policy document.</summary>
    public static string Document(CanaryAccess access) => ServicePermissions.Json(Statements(access));

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Condition(string op, string key, string value) =>
        new Dictionary<string, IReadOnlyDictionary<string, string>> { [op] = new Dictionary<string, string> { [key] = value } };
}
