using System.Text.Json;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.S3;
using Pulumi.Aws.S3.Inputs;

namespace MultiRegionInfra.Storage;

/// <summary>A region's bucket of static assets: versioned, encrypted with a key of its own region, public
/// access blocked, object ownership enforced (no ACLs), old versions expired, its server access logged
/// into the region's log bucket. Its policy admits requests over TLS only, and reads only by CloudFront
/// for this account's distributions (the bucket exists before the global stack's distribution, so it
/// cannot name that one). The global stack adds the replication from the primary region's bucket.</summary>
public sealed class AssetBucket : ComponentResource
{
    /// <summary>The bucket's name.</summary>
    [Output]
    public Output<string> BucketName { get; private set; } = null!;

    /// <summary>The bucket's ARN.</summary>
    [Output]
    public Output<string> BucketArn { get; private set; } = null!;

    /// <summary>The bucket's regional domain name, CloudFront's origin.</summary>
    [Output]
    public Output<string> RegionalDomainName { get; private set; } = null!;

    /// <summary>The ARN of the KMS key objects are encrypted with.</summary>
    [Output]
    public Output<string> KmsKeyArn { get; private set; } = null!;

    /// <summary>The start of the bucket's name (a random suffix follows).</summary>
    public static string BucketPrefix(string namePrefix, string stackName) => ResourceNames.Limit($"{namePrefix}-{stackName}-", 37);

    /// <summary>An ARN pattern that matches the bucket (and only buckets named like it), for policies
    /// written before the bucket's random suffix is known.</summary>
    public static string ArnPattern(string partition, string namePrefix, string stackName) => $"arn:{partition}:s3:::{BucketPrefix(namePrefix, stackName)}*";

    /// <summary>The folder of the log bucket its server access logs go to.</summary>
    public static string AccessLogPrefix(string stackName) => $"{LogBucket.ServerAccessPrefix}assets-{stackName}/";

    public AssetBucket(string name, AssetBucketArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:storage:AssetBucket", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };
        var stateful = new CustomResourceOptions { Parent = this, Protect = args.Protect };

        var key = new Pulumi.Aws.Kms.Key(ResourceNames.Child(name, "key"), new Pulumi.Aws.Kms.KeyArgs
        {
            Description = $"Encrypts the static assets of {context.StackName} ({context.Region})",
            EnableKeyRotation = true,
            DeletionWindowInDays = 30,
            Policy = args.AccountId.Apply(KeyPolicy),
            Tags = context.Tags(ResourceNames.Child(name, "key")),
        }, stateful);

        var bucket = new Bucket(ResourceNames.Child(name, "bucket"), new BucketArgs
        {
            BucketPrefix = BucketPrefix(args.NamePrefix, context.StackName),
            Tags = context.Tags(ResourceNames.Child(name, "bucket")),
        }, stateful);

        var publicAccess = BucketBaseline.Apply(name, bucket.Id, self);
        BucketBaseline.EncryptWithKey(name, bucket.Id, key.Arn, self);
        new BucketLifecycleConfiguration(ResourceNames.Child(name, "lifecycle"), new BucketLifecycleConfigurationArgs
        {
            Bucket = bucket.Id,
            Rules =
            {
                new BucketLifecycleConfigurationRuleArgs
                {
                    Id = "expire-old-versions",
                    Status = "Enabled",
                    Filter = new BucketLifecycleConfigurationRuleFilterArgs { Prefix = "" },
                    NoncurrentVersionExpiration = new BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs { NoncurrentDays = args.NoncurrentVersionDays },
                    AbortIncompleteMultipartUpload = new BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs { DaysAfterInitiation = 7 },
                },
            },
        }, self);

        var partition = Configuration.AwsRegions.PartitionOf(context.Region);
        // After the public access block: S3 refuses a policy while the block is being put in place.
        new BucketPolicy(ResourceNames.Child(name, "policy"), new BucketPolicyArgs
        {
            Bucket = bucket.Id,
            Policy = Output.Tuple(bucket.Arn, args.AccountId.ToOutput()).Apply(t => BucketPolicies.Assets(t.Item1, partition, t.Item2)),
        }, new CustomResourceOptions { Parent = this, DependsOn = { publicAccess } });

        if (args.AccessLogs is { } logs)
        {
            new BucketLogging(ResourceNames.Child(name, "access-logs"), new BucketLoggingArgs
            {
                Bucket = bucket.Id,
                TargetBucket = logs.Bucket,
                TargetPrefix = logs.Prefix,
            }, new CustomResourceOptions { Parent = this, DependsOn = { logs.After } });
        }

        BucketName = bucket.Id;
        BucketArn = bucket.Arn;
        RegionalDomainName = bucket.BucketRegionalDomainName;
        KmsKeyArn = key.Arn;
        RegisterOutputs();
    }

    /// <summary>The key's policy: the account administers it, and CloudFront may decrypt for this
    /// account's distributions (which distribution may read is the bucket policy's decision).</summary>
    public static string KeyPolicy(string accountId) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new object[]
        {
            new { Sid = "Account", Effect = "Allow", Principal = new { AWS = $"arn:aws:iam::{accountId}:root" }, Action = "kms:*", Resource = "*" },
            new
            {
                Sid = "CloudFrontDecrypt",
                Effect = "Allow",
                Principal = new { Service = "cloudfront.amazonaws.com" },
                Action = new[] { "kms:Decrypt" },
                Resource = "*",
                Condition = new { StringEquals = new Dictionary<string, string> { ["aws:SourceAccount"] = accountId } },
            },
        },
    });
}
