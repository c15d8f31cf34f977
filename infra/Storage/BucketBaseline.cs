using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.S3;
using Pulumi.Aws.S3.Inputs;

namespace MultiRegionInfra.Storage;

/// <summary>What every bucket of the program has, whatever it holds: public access blocked, ACLs
/// disabled (the bucket owner owns every object, so access is the policy's alone) and versioning; and, for
/// the buckets that hold more than logs, encryption under a customer managed key.</summary>
public static class BucketBaseline
{
    /// <summary>Adds the three parts to <paramref name="bucketId"/>, named after the component
    /// <paramref name="name"/>; returns the public access block, which a bucket policy must wait for.</summary>
    /// <param name="region">The bucket's region when it is not the stack's (the global stack's buckets in each region).</param>
    public static BucketPublicAccessBlock Apply(string name, Input<string> bucketId, CustomResourceOptions options, Input<string>? region = null)
    {
        var publicAccess = new BucketPublicAccessBlock(ResourceNames.Child(name, "public-access-block"), new BucketPublicAccessBlockArgs
        {
            Region = region,
            Bucket = bucketId,
            BlockPublicAcls = true,
            BlockPublicPolicy = true,
            IgnorePublicAcls = true,
            RestrictPublicBuckets = true,
        }, options);
        new BucketOwnershipControls(ResourceNames.Child(name, "ownership"), new BucketOwnershipControlsArgs
        {
            Region = region,
            Bucket = bucketId,
            Rule = new BucketOwnershipControlsRuleArgs { ObjectOwnership = "BucketOwnerEnforced" },
        }, options);
        new BucketVersioning(ResourceNames.Child(name, "versioning"), new BucketVersioningArgs
        {
            Region = region,
            Bucket = bucketId,
            VersioningConfiguration = new BucketVersioningVersioningConfigurationArgs { Status = "Enabled" },
        }, options);
        return publicAccess;
    }

    /// <summary>Encrypts <paramref name="bucketId"/> with the customer managed key <paramref name="keyArn"/>,
    /// with a bucket key so that every object does not cost a KMS request.</summary>
    public static BucketServerSideEncryptionConfiguration EncryptWithKey(string name, Input<string> bucketId, Input<string> keyArn, CustomResourceOptions options, Input<string>? region = null) =>
        new(ResourceNames.Child(name, "encryption"), new BucketServerSideEncryptionConfigurationArgs
        {
            Region = region,
            Bucket = bucketId,
            Rules =
            {
                new BucketServerSideEncryptionConfigurationRuleArgs
                {
                    ApplyServerSideEncryptionByDefault = new BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs
                    {
                        SseAlgorithm = "aws:kms",
                        KmsMasterKeyId = keyArn,
                    },
                    BucketKeyEnabled = true,
                },
            },
        }, options);
}
