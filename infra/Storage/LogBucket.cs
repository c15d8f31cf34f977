using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.S3;
using Pulumi.Aws.S3.Inputs;

namespace MultiRegionInfra.Storage;

/// <summary>A region's log bucket: the load balancer's access logs and the other buckets' server access
/// logs. Encrypted with S3-managed keys (SSE-S3), the only encryption load balancer access logs support;
/// versioned, public access blocked, object ownership enforced, TLS only, and every object expired after
/// the retention period. It does not log its own access: logging into itself would record its own log
/// writes without end (the policy set exempts a bucket that receives logs, see MRI-S3-05).</summary>
public sealed class LogBucket : ComponentResource
{
    /// <summary>Where S3 server access logs go, under one folder per source.</summary>
    public const string ServerAccessPrefix = "s3/";

    /// <summary>How long an overwritten or deleted log object can be recovered.</summary>
    public const int NoncurrentVersionDays = 7;

    /// <summary>The bucket's name.</summary>
    [Output]
    public Output<string> BucketName { get; private set; } = null!;

    /// <summary>The bucket's ARN.</summary>
    [Output]
    public Output<string> BucketArn { get; private set; } = null!;

    /// <summary>The bucket policy: log deliveries must start after it exists (a load balancer checks that
    /// it may write when its access logs are turned on).</summary>
    public BucketPolicy Policy { get; }

    /// <summary>The load balancer's prefix in the bucket, e.g. alb/us-east.</summary>
    public static string LoadBalancerPrefix(string stackName) => $"alb/{stackName}";

    public LogBucket(string name, LogBucketArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:storage:LogBucket", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };

        var bucket = new Bucket(ResourceNames.Child(name, "bucket"), new BucketArgs
        {
            BucketPrefix = ResourceNames.Limit($"logs-{context.StackName}-", 37),
            Tags = context.Tags(ResourceNames.Child(name, "bucket")),
        }, new CustomResourceOptions { Parent = this, Protect = args.Protect });

        // With ACLs disabled, the log deliveries are admitted by the bucket policy alone.
        var publicAccess = BucketBaseline.Apply(name, bucket.Id, self);
        new BucketServerSideEncryptionConfiguration(ResourceNames.Child(name, "encryption"), new BucketServerSideEncryptionConfigurationArgs
        {
            Bucket = bucket.Id,
            Rules =
            {
                new BucketServerSideEncryptionConfigurationRuleArgs
                {
                    ApplyServerSideEncryptionByDefault = new BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs { SseAlgorithm = "AES256" },
                },
            },
        }, self);
        new BucketLifecycleConfiguration(ResourceNames.Child(name, "lifecycle"), new BucketLifecycleConfigurationArgs
        {
            Bucket = bucket.Id,
            Rules =
            {
                new BucketLifecycleConfigurationRuleArgs
                {
                    Id = "expire-logs",
                    Status = "Enabled",
                    Filter = new BucketLifecycleConfigurationRuleFilterArgs { Prefix = "" },
                    Expiration = new BucketLifecycleConfigurationRuleExpirationArgs { Days = args.RetentionDays },
                    NoncurrentVersionExpiration = new BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs { NoncurrentDays = NoncurrentVersionDays },
                    AbortIncompleteMultipartUpload = new BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs { DaysAfterInitiation = 7 },
                },
            },
        }, self);

        var region = context.Region;
        var prefix = LoadBalancerPrefix(context.StackName);
        // After the public access block: S3 refuses a policy while the block is being put in place.
        Policy = new BucketPolicy(ResourceNames.Child(name, "policy"), new BucketPolicyArgs
        {
            Bucket = bucket.Id,
            Policy = Output.Tuple(bucket.Arn, args.AccountId.ToOutput())
                .Apply(t => BucketPolicies.Logs(t.Item1, region, t.Item2, prefix, args.ServerAccessSources)),
        }, new CustomResourceOptions { Parent = this, DependsOn = { publicAccess } });

        BucketName = bucket.Id;
        BucketArn = bucket.Arn;
        RegisterOutputs();
    }
}
