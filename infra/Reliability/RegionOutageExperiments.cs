using System.Collections.Immutable;
using System.Text.Json;
using MultiRegionInfra.Naming;
using MultiRegionInfra.Networking;
using Pulumi;
using Pulumi.Aws.CloudWatch;
using Pulumi.Aws.Fis;
using Pulumi.Aws.Fis.Inputs;
using Pulumi.Aws.Iam;
using Pulumi.Aws.Iam.Inputs;

namespace MultiRegionInfra.Reliability;

/// <summary>Two AWS FIS experiment templates that take one region out the way an outage would, in that
/// region: one stops the instances of its auto scaling group (started again after the duration), one cuts
/// its subnets off (every tier of <see cref="RehearsalSettings.SubnetTiers"/>, for the duration). Both stop
/// when the region's canary alarm on the system's own endpoints fires (the edge, or api.&lt;domain&gt; without one, failing:
/// failover is not containing the outage); not on the region's own SLO alarms, which the outage they
/// simulate sets off by design (FIS watches alarms of its own region). They log to a log group
/// of the region and act through a role that may touch only this stack's resources of the region. A
/// template costs nothing until an experiment is started from it.</summary>
public sealed class RegionOutageExperiments : ComponentResource
{
    public const string StopInstancesAction = "aws:ec2:stop-instances";
    public const string DisruptConnectivityAction = "aws:network:disrupt-connectivity";
    public const string AlarmSource = "aws:cloudwatch:alarm";
    public const string FisService = "fis.amazonaws.com";

    /// <summary>The tag FIS puts on the network ACL it creates, and the role's condition on touching it.</summary>
    public const string FisManagedTag = "managedByFIS";

    /// <summary>The template that stops the region's instances (its ID: start experiments with it).</summary>
    [Output]
    public Output<string> StopInstancesTemplateId { get; private set; } = null!;

    /// <summary>The template that cuts the region's subnets off.</summary>
    [Output]
    public Output<string> NetworkTemplateId { get; private set; } = null!;

    /// <summary>The role both templates act through.</summary>
    [Output]
    public Output<string> RoleArn { get; private set; } = null!;

    /// <summary>The log group the experiments write to.</summary>
    [Output]
    public Output<string> LogGroupName { get; private set; } = null!;

    public RegionOutageExperiments(string name, RegionOutageExperimentsArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:reliability:RegionOutageExperiments", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var self = new CustomResourceOptions { Parent = this };
        var context = args.Context;
        var settings = args.Settings;
        var stack = args.StackName;
        var region = args.Region;

        var logs = new LogGroup(ResourceNames.Child(name, "logs"), new LogGroupArgs
        {
            Region = region,
            Name = $"/{context.Application}/fis/{stack}",
            RetentionInDays = settings.LogRetentionDays,
            Tags = context.Tags(ResourceNames.Child(name, "logs")),
        }, self);

        var role = new Role(ResourceNames.Child(name, "role"), new RoleArgs
        {
            Description = $"AWS FIS rehearsals of a {stack} outage: may stop {stack}'s instances and cut its subnets off in {region}, nothing else",
            AssumeRolePolicy = args.AccountId.ToOutput().Apply(account => TrustPolicy(region, account)),
            InlinePolicies =
            {
                new RoleInlinePolicyArgs
                {
                    Name = "rehearse-region-outage",
                    Policy = Output.Tuple(args.AccountId.ToOutput(), args.VpcId.ToOutput())
                        .Apply(t => RolePolicy(region, t.Item1, context.Application, stack, t.Item2)),
                },
            },
            Tags = context.Tags(ResourceNames.Child(name, "role")),
        }, self);

        var stopConditions = args.StopAlarmArns.ToOutput().Apply(arns => arns.Select(arn => new ExperimentTemplateStopConditionArgs { Source = AlarmSource, Value = arn }).ToList());
        var logConfiguration = new ExperimentTemplateLogConfigurationArgs
        {
            LogSchemaVersion = 2,
            // FIS names a log group by its ARN with the streams' wildcard.
            CloudwatchLogsConfiguration = new ExperimentTemplateLogConfigurationCloudwatchLogsConfigurationArgs { LogGroupArn = logs.Arn.Apply(arn => $"{arn}:*") },
        };
        var duration = RehearsalSettings.IsoDuration(settings.DurationMinutes);

        var stopInstances = new ExperimentTemplate(ResourceNames.Child(name, "stop-instances"), new ExperimentTemplateArgs
        {
            Region = region,
            Description = $"{stack} outage: stop every running instance of {stack} in {region}, start them again after {settings.DurationMinutes} min",
            RoleArn = role.Arn,
            Targets =
            {
                new ExperimentTemplateTargetArgs
                {
                    Name = "instances",
                    ResourceType = "aws:ec2:instance",
                    SelectionMode = "ALL",
                    ResourceTags = StackTags(context.Application, stack),
                    Filters = { new ExperimentTemplateTargetFilterArgs { Path = "State.Name", Values = { "running" } } },
                },
            },
            Actions =
            {
                new ExperimentTemplateActionArgs
                {
                    Name = "stop-instances",
                    ActionId = StopInstancesAction,
                    Description = $"Stop {stack}'s instances for {settings.DurationMinutes} min",
                    Parameters =
                    {
                        new ExperimentTemplateActionParameterArgs { Key = "startInstancesAfterDuration", Value = duration },
                        // The group may replace a stopped instance; the action still completes.
                        new ExperimentTemplateActionParameterArgs { Key = "completeIfInstancesTerminated", Value = "true" },
                    },
                    Target = new ExperimentTemplateActionTargetArgs { Key = "Instances", Value = "instances" },
                },
            },
            StopConditions = stopConditions,
            LogConfiguration = logConfiguration,
            // An experiment that finds nothing to stop has rehearsed nothing: it fails.
            ExperimentOptions = new ExperimentTemplateExperimentOptionsArgs { EmptyTargetResolutionMode = "fail" },
            Tags = context.Tags(ResourceNames.Child(name, "stop-instances")),
        }, self);

        var network = new ExperimentTemplateArgs
        {
            Region = region,
            Description = $"{stack} outage: deny all traffic in and out of {stack}'s {string.Join(", ", settings.SubnetTiers.Select(TierName))} subnets in {region} for {settings.DurationMinutes} min",
            RoleArn = role.Arn,
            StopConditions = stopConditions,
            LogConfiguration = logConfiguration,
            ExperimentOptions = new ExperimentTemplateExperimentOptionsArgs { EmptyTargetResolutionMode = "fail" },
            Tags = context.Tags(ResourceNames.Child(name, "network")),
        };
        foreach (var tier in settings.SubnetTiers)
        {
            var tierName = TierName(tier);
            var tags = StackTags(context.Application, stack);
            tags.Add(new ExperimentTemplateTargetResourceTagArgs { Key = "Tier", Value = tierName });
            network.Targets.Add(new ExperimentTemplateTargetArgs
            {
                Name = $"{tierName}-subnets",
                ResourceType = "aws:ec2:subnet",
                SelectionMode = "ALL",
                ResourceTags = tags,
            });
            network.Actions.Add(new ExperimentTemplateActionArgs
            {
                Name = $"disrupt-{tierName}",
                ActionId = DisruptConnectivityAction,
                Description = $"Deny all traffic of {stack}'s {tierName} subnets for {settings.DurationMinutes} min",
                Parameters =
                {
                    new ExperimentTemplateActionParameterArgs { Key = "duration", Value = duration },
                    new ExperimentTemplateActionParameterArgs { Key = "scope", Value = "all" },
                },
                Target = new ExperimentTemplateActionTargetArgs { Key = "Subnets", Value = $"{tierName}-subnets" },
            });
        }
        var networkTemplate = new ExperimentTemplate(ResourceNames.Child(name, "network"), network, self);

        StopInstancesTemplateId = stopInstances.Id;
        NetworkTemplateId = networkTemplate.Id;
        RoleArn = role.Arn;
        LogGroupName = logs.Name;
        RegisterOutputs();
    }

    /// <summary>The value of a tier's Tier tag on its subnets.</summary>
    public static string TierName(SubnetTier tier) => tier.ToString().ToLowerInvariant();

    /// <summary>The tags every resource of the regional stack carries: its application and its stack.</summary>
    private static InputList<ExperimentTemplateTargetResourceTagArgs> StackTags(string application, string stack) => new()
    {
        new ExperimentTemplateTargetResourceTagArgs { Key = "Application", Value = application },
        new ExperimentTemplateTargetResourceTagArgs { Key = "Stack", Value = stack },
    };

    /// <summary>Only FIS may assume the role, and only for this account's experiments in the region.</summary>
    public static string TrustPolicy(string region, string account) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new[]
        {
            new
            {
                Effect = "Allow",
                Principal = new { Service = FisService },
                Action = "sts:AssumeRole",
                Condition = new Dictionary<string, Dictionary<string, string>>
                {
                    ["StringEquals"] = new() { ["aws:SourceAccount"] = account },
                    ["ArnLike"] = new() { ["aws:SourceArn"] = $"arn:aws:fis:{region}:{account}:experiment/*" },
                },
            },
        },
    });

    /// <summary>What the experiments need, and no more: stop and start the stack's instances (by its tags);
    /// give the stack's subnets (by its tags) a network ACL that FIS creates in the stack's VPC, tags, fills
    /// with its deny rules and deletes, and give them back their own (within the VPC); describe what it
    /// targets and deliver its logs, in the region only.</summary>
    public static string RolePolicy(string region, string account, string application, string stack, string vpcId)
    {
        string Arn(string resource) => $"arn:aws:ec2:{region}:{account}:{resource}";
        var vpc = Arn($"vpc/{vpcId}");
        var stackTags = new Dictionary<string, string> { ["aws:ResourceTag/Application"] = application, ["aws:ResourceTag/Stack"] = stack };
        var inRegion = new Dictionary<string, Dictionary<string, string>> { ["StringEquals"] = new() { ["aws:RequestedRegion"] = region } };
        var statements = new object[]
        {
            Statement("StopAndStartTheStacksInstances", new[] { "ec2:StopInstances", "ec2:StartInstances" }, new[] { Arn("instance/*") },
                new() { ["StringEquals"] = stackTags }),
            Statement("CreateTheFisNetworkAclInTheStacksVpc", new[] { "ec2:CreateNetworkAcl", "ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl" }, new[] { vpc }),
            Statement("CreateOnlyAFisTaggedNetworkAcl", new[] { "ec2:CreateNetworkAcl" }, new[] { Arn("network-acl/*") },
                new() { ["StringEquals"] = new() { [$"aws:RequestTag/{FisManagedTag}"] = "true" } }),
            Statement("TagTheFisNetworkAclAsItIsCreated", new[] { "ec2:CreateTags" }, new[] { Arn("network-acl/*") },
                new() { ["StringEquals"] = new() { ["ec2:CreateAction"] = "CreateNetworkAcl", [$"aws:RequestTag/{FisManagedTag}"] = "true" } }),
            Statement("FillAndDeleteOnlyTheFisNetworkAcl", new[] { "ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl" }, new[] { Arn("network-acl/*") },
                new() { ["StringEquals"] = new() { [$"ec2:ResourceTag/{FisManagedTag}"] = "true" } }),
            Statement("SwapTheAclOfTheStacksSubnets", new[] { "ec2:ReplaceNetworkAclAssociation" }, new[] { Arn("subnet/*") },
                new() { ["StringEquals"] = stackTags }),
            // The subnets' own ACL (the VPC's default, untagged) must be given back: any ACL of the stack's VPC.
            Statement("ToAndFromTheAclsOfTheStacksVpc", new[] { "ec2:ReplaceNetworkAclAssociation" }, new[] { Arn("network-acl/*") },
                new() { ["ArnEquals"] = new() { ["ec2:Vpc"] = vpc } }),
            // Describe calls and log delivery take no resource ARN: held to the region instead.
            Statement("ResolveTargetsInTheRegion", new[] { "ec2:DescribeInstances", "ec2:DescribeSubnets", "ec2:DescribeVpcs", "ec2:DescribeNetworkAcls", "ec2:DescribeManagedPrefixLists" },
                new[] { "*" }, inRegion),
            Statement("DeliverExperimentLogsInTheRegion", new[] { "logs:CreateLogDelivery", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups" },
                new[] { "*" }, inRegion),
        };
        return JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = statements });
    }

    private static object Statement(string sid, string[] actions, string[] resources, Dictionary<string, Dictionary<string, string>>? condition = null) =>
        condition is null
            ? new { Sid = sid, Effect = "Allow", Action = actions, Resource = resources }
            : new { Sid = sid, Effect = "Allow", Action = actions, Resource = resources, Condition = condition };
}
