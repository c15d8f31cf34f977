using System.Text.Json;

namespace MultiRegionInfra.Storage;

/// <summary>The policies of the buckets the regional stacks own. Every one denies requests without TLS;
/// each then admits only the service that must write or read it.</summary>
public static class BucketPolicies
{
    /// <summary>Refuses every request that does not arrive over TLS.</summary>
    public static object DenyWithoutTls(string bucketArn) => new
    {
        Sid = "DenyWithoutTls",
        Effect = "Deny",
        Principal = "*",
        Action = "s3:*",
        Resource = new[] { bucketArn, $"{bucketArn}/*" },
        Condition = new { Bool = new Dictionary<string, string> { ["aws:SecureTransport"] = "false" } },
    };

    /// <summary>The asset bucket: TLS only, and reads by CloudFront on behalf of this account's
    /// distributions. The regional stack exists before any distribution, so it cannot name the one
    /// distribution; the source ARN pattern admits the account's distributions, never another account's.</summary>
    public static string Assets(string bucketArn, string partition, string accountId) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new object[]
        {
            DenyWithoutTls(bucketArn),
            new
            {
                Sid = "CloudFrontReadsThroughOriginAccessControl",
                Effect = "Allow",
                Principal = new { Service = "cloudfront.amazonaws.com" },
                Action = "s3:GetObject",
                Resource = $"{bucketArn}/*",
                Condition = new Dictionary<string, object>
                {
                    ["ArnLike"] = new Dictionary<string, string> { ["AWS:SourceArn"] = $"arn:{partition}:cloudfront::{accountId}:distribution/*" },
                    ["StringEquals"] = new Dictionary<string, string> { ["AWS:SourceAccount"] = accountId },
                },
            },
        },
    });

    /// <summary>The log bucket: TLS only; the region's load balancer log delivery may put objects under
    /// the load balancer's prefix for this account; S3's server access log delivery may put objects under
    /// <c>s3/</c> for the named source buckets of this account.</summary>
    public static string Logs(string bucketArn, string region, string accountId, string loadBalancerPrefix, IReadOnlyList<string> serverAccessSources)
    {
        ArgumentNullException.ThrowIfNull(serverAccessSources);
        var (kind, principal) = LogDelivery.LoadBalancerPrincipal(region);
        var statements = new List<object>
        {
            DenyWithoutTls(bucketArn),
            new
            {
                Sid = "LoadBalancerAccessLogs",
                Effect = "Allow",
                Principal = new Dictionary<string, string> { [kind] = principal },
                Action = "s3:PutObject",
                Resource = $"{bucketArn}/{loadBalancerPrefix}/AWSLogs/{accountId}/*",
            },
        };
        if (serverAccessSources.Count > 0)
        {
            statements.Add(new
            {
                Sid = "ServerAccessLogs",
                Effect = "Allow",
                Principal = new { Service = LogDelivery.ServerAccessLogDelivery },
                Action = "s3:PutObject",
                Resource = $"{bucketArn}/{LogBucket.ServerAccessPrefix}*",
                Condition = new Dictionary<string, object>
                {
                    ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = serverAccessSources.ToArray() },
                    ["StringEquals"] = new Dictionary<string, string> { ["aws:SourceAccount"] = accountId },
                },
            });
        }
        return JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = statements });
    }
}
