using System.Text.Json;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.S3;
using Pulumi.Aws.S3.Inputs;

namespace MultiRegionInfra.Storage;

/// <summary>A region's bucket of static assets: versioned, encrypted with a key of its own region, public
/// access blocked, object ownership enforced (no ACLs), old versions expired. It is private: the global
/// stack adds the policy that admits only its CloudFront distribution (and only over TLS), and the
/// replication from the primary region's bucket.</summary>
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
            BucketPrefix = ResourceNames.Limit($"{args.NamePrefix}-{context.StackName}-", 37),
            Tags = context.Tags(ResourceNames.Child(name, "bucket")),
        }, stateful);

        new BucketPublicAccessBlock(ResourceNames.Child(name, "public-access-block"), new BucketPublicAccessBlockArgs
        {
            Bucket = bucket.Id,
            BlockPublicAcls = true,
            BlockPublicPolicy = true,
            IgnorePublicAcls = true,
            RestrictPublicBuckets = true,
        }, self);
        new BucketOwnershipControls(ResourceNames.Child(name, "ownership"), new BucketOwnershipControlsArgs
        {
            Bucket = bucket.Id,
            Rule = new BucketOwnershipControlsRuleArgs { ObjectOwnership = "BucketOwnerEnforced" },
        }, self);
        new BucketVersioning(ResourceNames.Child(name, "versioning"), new BucketVersioningArgs
        {
            Bucket = bucket.Id,
            VersioningConfiguration = new BucketVersioningVersioningConfigurationArgs { Status = "Enabled" },
        }, self);
        new BucketServerSideEncryptionConfiguration(ResourceNames.Child(name, "encryption"), new BucketServerSideEncryptionConfigurationArgs
        {
            Bucket = bucket.Id,
            Rules =
            {
                new BucketServerSideEncryptionConfigurationRuleArgs
                {
                    ApplyServerSideEncryptionByDefault = new BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs
                    {
                        SseAlgorithm = "aws:kms",
                        KmsMasterKeyId = key.Arn,
                    },
                    BucketKeyEnabled = true,
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
                    Id = "expire-old-versions",
                    Status = "Enabled",
                    Filter = new BucketLifecycleConfigurationRuleFilterArgs { Prefix = "" },
                    NoncurrentVersionExpiration = new BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs { NoncurrentDays = args.NoncurrentVersionDays },
                    AbortIncompleteMultipartUpload = new BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs { DaysAfterInitiation = 7 },
                },
            },
        }, self);

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
