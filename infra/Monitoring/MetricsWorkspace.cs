using System.Text.Json;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Amp;
using Pulumi.Aws.Amp.Inputs;
using Pulumi.Aws.CloudWatch;
using Pulumi.Aws.Kms;
using KeyAlias = Pulumi.Aws.Kms.Alias;

namespace MultiRegionInfra.Monitoring;

/// <summary>A region's Amazon Managed Service for Prometheus workspace: encrypted with a customer managed
/// key of its own (rotating), logging its rule evaluation and alert manager errors into a log group. The
/// instances remote-write into it; the global stack adds its rules and alert manager.</summary>
/// <remarks>
/// The key is chosen when the workspace is created and can never change afterwards, in either direction
/// (Amazon Managed Service for Prometheus User Guide, "Encryption at rest",
/// https://docs.aws.amazon.com/prometheus/latest/userguide/encryption-at-rest-Amazon-Service-Prometheus.html):
/// a workspace made on AWS's own key would have to be replaced, metrics and all, to satisfy MRI-APS-01.
/// </remarks>
public sealed class MetricsWorkspace : ComponentResource
{
    /// <summary>The workspace's ID (ws-...).</summary>
    [Output]
    public Output<string> WorkspaceId { get; private set; } = null!;

    /// <summary>The workspace's ARN, the only resource the instances may remote-write to.</summary>
    [Output]
    public Output<string> WorkspaceArn { get; private set; } = null!;

    /// <summary>The workspace's Prometheus endpoint, ending in '/': queries under api/v1/, remote write at api/v1/remote_write.</summary>
    [Output]
    public Output<string> Endpoint { get; private set; } = null!;

    /// <summary>The key that encrypts the workspace.</summary>
    [Output]
    public Output<string> KeyArn { get; private set; } = null!;

    /// <summary>The workspace's alias, <c>project-stack</c>, what the console and <c>aws amp list-workspaces</c> show.</summary>
    public static string AliasOf(string application, string stackName) => ResourceNames.Limit(ResourceNames.Join(application, stackName), 100);

    /// <summary>The workspace's log group (under /aws/vendedlogs/, where services deliver logs).</summary>
    public static string LogGroupOf(string application, string stackName) => $"/aws/vendedlogs/prometheus/{AliasOf(application, stackName)}";

    public MetricsWorkspace(string name, MetricsWorkspaceArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:monitoring:MetricsWorkspace", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };
        var alias = AliasOf(context.Application, context.StackName);

        var key = new Key(ResourceNames.Child(name, "key"), new KeyArgs
        {
            Description = $"Encrypts the Prometheus workspace {alias}",
            EnableKeyRotation = true,
            DeletionWindowInDays = 30,
            Policy = args.AccountId.ToOutput().Apply(account => KeyPolicy(AwsRegions.PartitionOf(context.Region), account)),
            Tags = context.Tags(ResourceNames.Child(name, "key")),
        }, new CustomResourceOptions { Parent = this, Protect = args.Protect });
        new KeyAlias(ResourceNames.Child(name, "key-alias"), new AliasArgs
        {
            Name = $"alias/{alias}-metrics",
            TargetKeyId = key.KeyId,
        }, self);
        var logs = new LogGroup(ResourceNames.Child(name, "logs"), new LogGroupArgs
        {
            Name = LogGroupOf(context.Application, context.StackName),
            RetentionInDays = args.LogRetentionDays,
            Tags = context.Tags(ResourceNames.Child(name, "logs")),
        }, self);
        var workspace = new Workspace(ResourceNames.Child(name, "workspace"), new WorkspaceArgs
        {
            Alias = alias,
            KmsKeyArn = key.Arn,
            // The logging configuration names the log group's streams, as the provider documents it.
            LoggingConfiguration = new WorkspaceLoggingConfigurationArgs { LogGroupArn = logs.Arn.Apply(arn => $"{arn}:*") },
            Tags = context.Tags(ResourceNames.Child(name, "workspace")),
        }, new CustomResourceOptions { Parent = this, Protect = args.Protect });

        WorkspaceId = workspace.Id;
        WorkspaceArn = workspace.Arn;
        Endpoint = workspace.PrometheusEndpoint;
        KeyArn = key.Arn;
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["workspaceId"] = WorkspaceId,
            ["workspaceArn"] = WorkspaceArn,
            ["endpoint"] = Endpoint,
            ["keyArn"] = KeyArn,
        });
    }

    /// <summary>The key's policy: the account administers it and its IAM policies decide who uses it
    /// (the deploy role, which creates the workspace and with it Amazon Managed Service for Prometheus's
    /// grants on the key; the instance role, only through Prometheus in this region, see
    /// <see cref="Service.ServicePermissions"/>). No service principal and no other account.</summary>
    public static string KeyPolicy(string partition, string accountId) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new object[]
        {
            new { Sid = "Account", Effect = "Allow", Principal = new { AWS = $"arn:{partition}:iam::{accountId}:root" }, Action = "kms:*", Resource = "*" },
        },
    });
}

/// <summary>Where a regional stack's instances send their metrics: its own workspace, or its primary's.</summary>
/// <param name="OwnerStack">The stack that holds the workspace.</param>
/// <param name="WorkspaceId">The workspace's ID.</param>
/// <param name="WorkspaceArn">The workspace's ARN.</param>
/// <param name="Endpoint">The workspace's Prometheus endpoint.</param>
/// <param name="Region">The workspace's region.</param>
/// <param name="KeyArn">The key that encrypts the workspace.</param>
public sealed record MetricsDestination(string OwnerStack, Output<string> WorkspaceId, Output<string> WorkspaceArn, Output<string> Endpoint,
    Output<string> Region, Output<string> KeyArn);
