using System.Text.Json;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Iam;
using Pulumi.Aws.Iam.Inputs;
using Pulumi.Aws.S3;
using Pulumi.Aws.S3.Inputs;

namespace MultiRegionInfra.Storage;

/// <summary>What connects the regions' asset buckets, created by the global stack once they all exist:
/// replication from the primary's bucket to every replica (KMS-encrypted objects and delete markers
/// included, through a role that may do nothing else). Each bucket's policy belongs to its regional stack
/// (<see cref="AssetBucket"/>), so no bucket is ever without one.</summary>
public sealed class AssetDelivery : ComponentResource
{
    /// <summary>The replication role's ARN.</summary>
    [Output]
    public Output<string> ReplicationRoleArn { get; private set; } = null!;

    public AssetDelivery(string name, AssetDeliveryArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:storage:AssetDelivery", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };

        if (args.Replicas.Count == 0)
        {
            ReplicationRoleArn = Output.Create("");
            RegisterOutputs();
            return;
        }

        var role = new Role(ResourceNames.Child(name, "replication-role"), new RoleArgs
        {
            Description = $"Replicates {args.Primary.StackName}'s assets to {string.Join(", ", args.Replicas.Select(r => r.StackName))}",
            AssumeRolePolicy = PolicyDocuments.AssumeRole("s3.amazonaws.com"),
            InlinePolicies =
            {
                new RoleInlinePolicyArgs
                {
                    Name = "replicate-assets",
                    Policy = Output.Tuple(
                            Output.Tuple(args.Primary.BucketArn, args.Primary.KmsKeyArn),
                            Output.All(args.Replicas.Select(r => r.BucketArn)),
                            Output.All(args.Replicas.Select(r => r.KmsKeyArn)))
                        .Apply(t => ReplicationPolicy(t.Item1.Item1, t.Item1.Item2, t.Item2, t.Item3)),
                },
            },
            Tags = context.Tags(ResourceNames.Child(name, "replication-role")),
        }, self);

        var rules = new InputList<BucketReplicationConfigRuleArgs>();
        for (var i = 0; i < args.Replicas.Count; i++)
        {
            var replica = args.Replicas[i];
            rules.Add(new BucketReplicationConfigRuleArgs
            {
                Id = $"to-{replica.StackName}",
                Priority = i + 1,
                Status = "Enabled",
                Filter = new BucketReplicationConfigRuleFilterArgs { Prefix = "" },
                DeleteMarkerReplication = new BucketReplicationConfigRuleDeleteMarkerReplicationArgs { Status = "Enabled" },
                SourceSelectionCriteria = new BucketReplicationConfigRuleSourceSelectionCriteriaArgs
                {
                    SseKmsEncryptedObjects = new BucketReplicationConfigRuleSourceSelectionCriteriaSseKmsEncryptedObjectsArgs { Status = "Enabled" },
                },
                Destination = new BucketReplicationConfigRuleDestinationArgs
                {
                    Bucket = replica.BucketArn,
                    EncryptionConfiguration = new BucketReplicationConfigRuleDestinationEncryptionConfigurationArgs { ReplicaKmsKeyId = replica.KmsKeyArn },
                },
            });
        }
        new BucketReplicationConfig(ResourceNames.Child(name, "replication"), new BucketReplicationConfigArgs
        {
            Region = args.Primary.Region,
            Bucket = args.Primary.BucketName,
            Role = role.Arn,
            Rules = rules,
        }, self);

        ReplicationRoleArn = role.Arn;
        RegisterOutputs();
    }

    /// <summary>The replication role's only permissions: read the source's versions, write replicas, use the keys.</summary>
    public static string ReplicationPolicy(string sourceArn, string sourceKey, IReadOnlyList<string> destinationArns, IReadOnlyList<string> destinationKeys) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new object[]
        {
            new { Effect = "Allow", Action = new[] { "s3:GetReplicationConfiguration", "s3:ListBucket" }, Resource = new[] { sourceArn } },
            new { Effect = "Allow", Action = new[] { "s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging" }, Resource = new[] { $"{sourceArn}/*" } },
            new { Effect = "Allow", Action = new[] { "s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags" }, Resource = destinationArns.Select(a => $"{a}/*").ToArray() },
            new { Effect = "Allow", Action = new[] { "kms:Decrypt" }, Resource = new[] { sourceKey } },
            new { Effect = "Allow", Action = new[] { "kms:Encrypt" }, Resource = destinationKeys.ToArray() },
        },
    });
}
