using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Monitoring;

/// <summary>Inputs of <see cref="AlarmTopic"/>.</summary>
public sealed class AlarmTopicArgs
{
    /// <summary>The service principal of CloudWatch alarms, the publisher an alarm topic has by default.</summary>
    public const string CloudWatch = "cloudwatch.amazonaws.com";

    /// <summary>The service principal of Amazon Managed Service for Prometheus, whose alert managers publish
    /// to the topic of their workspace's region.</summary>
    public const string Prometheus = "aps.amazonaws.com";

    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The AWS region the key and the topic are created in (the alarms' region: a topic only
    /// takes notifications from alarms of its own region).</summary>
    public required Input<string> Region { get; init; }

    /// <summary>The topic's name, explicit and stable: alarms name the topic by its ARN, which ends with it.</summary>
    public required string TopicName { get; init; }

    /// <summary>The AWS account, for the key and topic policies.</summary>
    public required Input<string> AccountId { get; init; }

    /// <summary>The AWS service principals that publish to the topic; each may use the key and publish,
    /// for this account only.</summary>
    public IReadOnlyList<string> Publishers { get; init; } = new[] { CloudWatch };

    /// <summary>Who the topic e-mails (the subscription must be confirmed); none when null.</summary>
    public string? NotificationEmail { get; init; }

    /// <summary>Whether the key gets Pulumi's <c>protect</c> (prod): deleting it loses the topic's messages in flight.</summary>
    public bool Protect { get; init; }
}
