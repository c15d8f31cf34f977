using System.Text.Json;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Kms;
using Pulumi.Aws.Sns;
using KeyAlias = Pulumi.Aws.Kms.Alias;
using ResourceAlias = Pulumi.Alias;

namespace MultiRegionInfra.Monitoring;

/// <summary>An SNS topic that alarms can actually notify: encrypted with a customer managed key of its
/// own, whose policy lets the publishers (CloudWatch alarms by default) use it, and a topic policy that
/// lets them publish, both for this account only; with the e-mail subscription when one is configured.
/// </summary>
/// <remarks>
/// CloudWatch cannot publish to a topic on the AWS managed key <c>alias/aws/sns</c>: its key policy
/// admits no service principal and cannot be changed. AWS documents that the topic needs a customer
/// managed key whose policy lets <c>cloudwatch.amazonaws.com</c> call <c>kms:GenerateDataKey*</c> and
/// <c>kms:Decrypt</c> (Amazon SNS Developer Guide, "Enable compatibility between event sources from AWS
/// services and encrypted topics", https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services;
/// AWS re:Post, https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns, which also narrows
/// that statement with a condition), and that a topic policy can admit CloudWatch's <c>sns:Publish</c>
/// for alarms only, with <c>aws:SourceArn</c> like <c>arn:aws:cloudwatch:region:account:alarm:*</c>
/// (https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger).
/// An Amazon Managed Service for Prometheus alert manager needs <c>sns:Publish</c> and
/// <c>sns:GetTopicAttributes</c> in the topic policy, which may name its workspace in <c>aws:SourceArn</c>
/// and the account in <c>aws:SourceAccount</c>, and, for a topic with server-side encryption,
/// <c>kms:GenerateDataKey*</c> and <c>kms:Decrypt</c> in the key's policy (Amazon Managed Service for
/// Prometheus User Guide, "Giving Amazon Managed Service for Prometheus permission to send alert messages
/// to your Amazon SNS topic", https://docs.aws.amazon.com/prometheus/latest/userguide/AMP-alertmanager-receiver-AMPpermission.html).
/// Its key statement is narrowed to this topic by the encryption context SNS gives every use of a topic's
/// key (<c>aws:sns:topicArn</c>), a condition that does not depend on what the calling service adds.
/// </remarks>
public sealed class AlarmTopic : ComponentResource
{
    /// <summary>The topic's ARN, what alarm actions name.</summary>
    [Output]
    public Output<string> TopicArn { get; private set; } = null!;

    /// <summary>The topic's name.</summary>
    [Output]
    public Output<string> TopicName { get; private set; } = null!;

    /// <summary>The key that encrypts the topic.</summary>
    [Output]
    public Output<string> KeyArn { get; private set; } = null!;

    public AlarmTopic(string name, AlarmTopicArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:monitoring:AlarmTopic", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var publishers = args.Publishers.Distinct(StringComparer.Ordinal).ToList();
        if (publishers.Count == 0 || publishers.Any(p => !p.Contains('.', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"AlarmTopic '{name}': Publishers is [{string.Join(", ", args.Publishers)}]; " +
                $"it needs at least one AWS service principal, e.g. {AlarmTopicArgs.CloudWatch}", nameof(args));
        }
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };
        var region = args.Region.ToOutput();
        var account = args.AccountId.ToOutput();
        var partition = region.Apply(AwsRegions.PartitionOf);

        var key = new Key(ResourceNames.Child(name, "key"), new KeyArgs
        {
            Region = args.Region,
            Description = $"Encrypts the alarm topic {args.TopicName}, which {string.Join(", ", publishers)} publish to",
            EnableKeyRotation = true,
            DeletionWindowInDays = 30,
            Policy = Output.Tuple(partition, region, account).Apply(t => KeyPolicy(t.Item1, t.Item3, publishers, TopicArnOf(t.Item1, t.Item2, t.Item3, args.TopicName))),
            Tags = context.Tags(ResourceNames.Child(name, "key")),
        }, new CustomResourceOptions { Parent = this, Protect = args.Protect });
        new KeyAlias(ResourceNames.Child(name, "key-alias"), new AliasArgs
        {
            Region = args.Region,
            Name = $"alias/{args.TopicName}",
            TargetKeyId = key.KeyId,
        }, self);

        // The topic and its subscription keep their logical names from before this component existed,
        // when they were children of this component's parent: the alias keeps their URNs' history.
        var topic = new Topic(name, new TopicArgs
        {
            Region = args.Region,
            Name = args.TopicName,
            KmsMasterKeyId = key.Arn,
            Policy = Output.Tuple(partition, region, account).Apply(t => TopicPolicy(t.Item1, t.Item2, t.Item3, args.TopicName, publishers)),
            Tags = context.Tags(name),
        }, new CustomResourceOptions { Parent = this, Aliases = { FormerParent(options) } });
        if (args.NotificationEmail is { } email)
        {
            new TopicSubscription($"{name}-email", new TopicSubscriptionArgs
            {
                Region = args.Region,
                Topic = topic.Arn,
                Protocol = "email",
                Endpoint = email,
            }, new CustomResourceOptions { Parent = this, Aliases = { FormerParent(options) } });
        }

        TopicArn = topic.Arn;
        TopicName = topic.Name;
        KeyArn = key.Arn;
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["topicArn"] = TopicArn,
            ["topicName"] = TopicName,
            ["keyArn"] = KeyArn,
        });
    }

    /// <summary>Where the topic and the subscription were before: under this component's parent, or at
    /// the top of the stack.</summary>
    private static ResourceAlias FormerParent(ComponentResourceOptions? options) =>
        options?.Parent is { } parent ? new ResourceAlias { Parent = parent } : new ResourceAlias { NoParent = true };

    /// <summary>The topic's ARN, built from its explicit name (the topic policy names it before it exists).</summary>
    public static string TopicArnOf(string partition, string region, string accountId, string topicName) =>
        $"arn:{partition}:sns:{region}:{accountId}:{topicName}";

    /// <summary>The key's policy: the account administers it; each publisher may generate data keys and
    /// decrypt with it, on behalf of this account only (Prometheus's alert managers: for this topic only).</summary>
    public static string KeyPolicy(string partition, string accountId, IReadOnlyList<string> publishers, string? topicArn = null)
    {
        ArgumentNullException.ThrowIfNull(publishers);
        var statements = new List<object>
        {
            new { Sid = "Account", Effect = "Allow", Principal = new { AWS = $"arn:{partition}:iam::{accountId}:root" }, Action = "kms:*", Resource = "*" },
        };
        statements.AddRange(publishers.Select(service => new
        {
            Sid = StatementId("Use", service),
            Effect = "Allow",
            Principal = new { Service = service },
            Action = new[] { "kms:GenerateDataKey*", "kms:Decrypt" },
            Resource = "*",
            Condition = new Dictionary<string, object>
            {
                ["StringEquals"] = service == AlarmTopicArgs.Prometheus && topicArn is not null
                    ? new Dictionary<string, string> { ["kms:EncryptionContext:aws:sns:topicArn"] = topicArn }
                    : new Dictionary<string, string> { ["aws:SourceAccount"] = accountId },
            },
        }));
        return JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = statements });
    }

    /// <summary>The topic's policy: each publisher may publish on behalf of this account, CloudWatch only
    /// for this account's alarms in the topic's region, Prometheus only for this account's workspaces in
    /// the topic's region (and read the topic's attributes, which its alert manager does first).</summary>
    public static string TopicPolicy(string partition, string region, string accountId, string topicName, IReadOnlyList<string> publishers)
    {
        ArgumentNullException.ThrowIfNull(publishers);
        var statements = publishers.Select(service =>
        {
            var condition = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, string> { ["aws:SourceAccount"] = accountId } };
            if (service == AlarmTopicArgs.CloudWatch)
                condition["ArnLike"] = new Dictionary<string, string> { ["aws:SourceArn"] = $"arn:{partition}:cloudwatch:{region}:{accountId}:alarm:*" };
            if (service == AlarmTopicArgs.Prometheus)
                condition["ArnLike"] = new Dictionary<string, string> { ["aws:SourceArn"] = $"arn:{partition}:aps:{region}:{accountId}:workspace/*" };
            return new
            {
                Sid = StatementId("Publish", service),
                Effect = "Allow",
                Principal = new { Service = service },
                Action = service == AlarmTopicArgs.Prometheus ? new[] { "sns:Publish", "sns:GetTopicAttributes" } : (object)"sns:Publish",
                Resource = TopicArnOf(partition, region, accountId, topicName),
                Condition = condition,
            };
        }).ToList();
        return JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = statements });
    }

    /// <summary>A statement ID from a service principal: <c>cloudwatch.amazonaws.com</c> → <c>UseCloudwatch</c>
    /// (statement IDs are alphanumeric).</summary>
    public static string StatementId(string verb, string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var label = new string(service.Split('.')[0].Where(char.IsAsciiLetterOrDigit).ToArray());
        return label.Length == 0 ? verb : $"{verb}{char.ToUpperInvariant(label[0])}{label[1..]}";
    }
}
