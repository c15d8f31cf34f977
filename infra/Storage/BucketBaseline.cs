using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.S3;
using Pulumi.Aws.S3.Inputs;

namespace MultiRegionInfra.Storage;

/// <summary>What every bucket of the program has, whatever it holds: public access blocked, ACLs
/// disabled (the bucket owner owns every object, so access is the policy's alone) and versioning.</summary>
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
}
