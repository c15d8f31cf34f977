using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.AwsNative.DynamoDb;
using Pulumi.AwsNative.DynamoDb.Inputs;

namespace MultiRegionInfra.Global;

/// <summary>A DynamoDB global table for sessions: multi-primary, a replica in every region, on-demand,
/// encrypted with KMS, point-in-time recovery on every replica, the stream global tables replicate
/// through, and a TTL attribute so expired sessions disappear by themselves.</summary>
public sealed class SessionStore : ComponentResource
{
    public const string KeyAttribute = "sessionId";
    public const string TtlAttribute = "expiresAt";

    /// <summary>The table's name.</summary>
    [Output]
    public Output<string> TableName { get; private set; } = null!;

    /// <summary>The table's ARN (in the region of the stack's aws-native provider).</summary>
    [Output]
    public Output<string> TableArn { get; private set; } = null!;

    public SessionStore(string name, SessionStoreArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:data:SessionStore", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var replicas = args.Regions.Select(region => new GlobalTableReplicaSpecificationArgs
        {
            Region = region,
            PointInTimeRecoverySpecification = new GlobalTablePointInTimeRecoverySpecificationArgs { PointInTimeRecoveryEnabled = true },
            SseSpecification = new GlobalTableReplicaSseSpecificationArgs { KmsMasterKeyId = "alias/aws/dynamodb" },
            DeletionProtectionEnabled = args.Protect,
            Tags = args.Tags.Select(t => new GlobalTableTagArgs { Key = t.Key, Value = t.Value }).ToList(),
        }).ToList();

        var table = new GlobalTable(ResourceNames.Child(name, "table"), new GlobalTableArgs
        {
            TableName = args.TableName,
            BillingMode = "PAY_PER_REQUEST",
            AttributeDefinitions = { new GlobalTableAttributeDefinitionArgs { AttributeName = KeyAttribute, AttributeType = "S" } },
            KeySchema = { new GlobalTableKeySchemaArgs { AttributeName = KeyAttribute, KeyType = "HASH" } },
            StreamSpecification = new GlobalTableStreamSpecificationArgs { StreamViewType = "NEW_AND_OLD_IMAGES" },
            SseSpecification = new GlobalTableSseSpecificationArgs { SseEnabled = true, SseType = "KMS" },
            TimeToLiveSpecification = new GlobalTableTimeToLiveSpecificationArgs { AttributeName = TtlAttribute, Enabled = true },
            Replicas = replicas,
        }, new CustomResourceOptions { Parent = this, Protect = args.Protect });

        // The table name is an optional input of AWS Native, so its output may be typed nullable.
        TableName = table.TableName.Apply(n => n ?? args.TableName);
        TableArn = table.Arn;
        RegisterOutputs();
    }
}
