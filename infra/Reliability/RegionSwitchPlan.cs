using System.Collections.Immutable;
using System.Text.Json;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using MultiRegionInfra.Security;
using Pulumi;
using Pulumi.Aws.Iam;
using Pulumi.Aws.Iam.Inputs;
using Pulumi.AwsNative.ArcRegionSwitch;
using Pulumi.AwsNative.ArcRegionSwitch.Inputs;

namespace MultiRegionInfra.Reliability;

/// <summary>The ARNs the plan's execution role is scoped to.</summary>
/// <param name="Partition">aws, aws-cn or aws-us-gov.</param>
/// <param name="Account">The account.</param>
/// <param name="AutoScalingGroupArns">Both regions' auto scaling groups.</param>
/// <param name="DatabaseArns">Both regions' RDS instances or Aurora clusters.</param>
/// <param name="GlobalClusterId">The Aurora global cluster, or null for PostgreSQL.</param>
/// <param name="HostedZoneId">The hosted zone of the api records.</param>
public sealed record SwitchArns(string Partition, string Account, IReadOnlyList<string> AutoScalingGroupArns, IReadOnlyList<string> DatabaseArns,
    string? GlobalClusterId, string HostedZoneId);

/// <summary>One Amazon Application Recovery Controller (ARC) Region switch plan
/// (<c>aws-native:arcregionswitch:Plan</c>), built from a <see cref="SwitchPlanDesign"/> of
/// <see cref="RegionSwitchSteps"/>: e.g. a manual approval, then in active-passive the standby's scale-up
/// and the database's takeover at once, then the routing change; the execution role it runs as, allowed
/// exactly what those steps do to the two regions' resources; and the role a person assumes to approve
/// (or the system plan's, shared).</summary>
public sealed class RegionSwitchPlan : ComponentResource
{
    /// <summary>Region switch's service principal, which assumes the execution role.</summary>
    public const string ServicePrincipal = "arc-region-switch.amazonaws.com";

    /// <summary>ARC's longest recovery time objective, a week.</summary>
    public const int MaxRtoMinutes = 10080;

    /// <summary>The plan's ARN (what <c>aws arc-region-switch start-plan-execution --plan-arn</c> takes).</summary>
    [Output]
    public Output<string> PlanArn { get; private set; } = null!;

    /// <summary>The plan's name.</summary>
    [Output]
    public Output<string> PlanName { get; private set; } = null!;

    /// <summary>The role Region switch runs the plan as.</summary>
    [Output]
    public Output<string> ExecutionRoleArn { get; private set; } = null!;

    /// <summary>The role a person assumes to approve the plan's approval step.</summary>
    [Output]
    public Output<string> ApprovalRoleArn { get; private set; } = null!;

    /// <summary>The Route 53 health check the plan keeps for each of its regions, by stack name (empty
    /// when the plan returned none), to attach to the api records.</summary>
    public IReadOnlyDictionary<string, Output<string>> HealthCheckIds { get; }

    /// <summary>The approval role, for a second plan of the system to share.</summary>
    public Role ApprovalRole { get; }

    public RegionSwitchPlan(string name, RegionSwitchPlanArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:reliability:RegionSwitchPlan", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Regions.Count != 2)
            throw new ArgumentException($"a Region switch plan has exactly two regions, not {args.Regions.Count}", nameof(args));
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };
        var design = args.Design;
        var blocks = design.Workflows.SelectMany(w => RegionSwitchSteps.Flatten(w.Steps)).Select(s => s.Block).Distinct().ToList();
        var partition = AwsRegions.PartitionOf(args.Regions[0].AwsRegion);
        var arns = Output.Tuple(
                Output.Tuple(args.AccountId, args.HostedZoneId.ToOutput()),
                Output.All(args.Regions.Select(r => r.AutoScalingGroupArn)),
                Output.All(args.Regions.Select(r => r.DatabaseArn)),
                args.GlobalClusterId ?? Output.Create(""))
            .Apply(t => new SwitchArns(partition, t.Item1.Item1, t.Item2, t.Item3, t.Item4.Length > 0 ? t.Item4 : null, t.Item1.Item2));

        var executionRole = BuildExecutionRole(name, args, blocks, arns, self);
        var approvalRole = args.SharedApprovalRole ?? BuildApprovalRole(name, args, partition, self);
        var plan = BuildPlan(name, args, executionRole.Arn, approvalRole.Arn, self);

        // The approval role may approve this plan's steps and read its executions, nothing else; it names the
        // plan, so it follows it (the plan needs the role's ARN first).
        new RolePolicy(ResourceNames.Child(name, "approval-policy"), new RolePolicyArgs
        {
            Role = approvalRole.Name,
            Policy = plan.Arn.Apply(ApprovalPolicy),
        }, self);

        PlanArn = plan.Arn;
        PlanName = plan.Name;
        ExecutionRoleArn = executionRole.Arn;
        ApprovalRoleArn = approvalRole.Arn;
        ApprovalRole = approvalRole;
        var checks = plan.HealthChecksForPlan.Apply(states => HealthChecksByRegion(states));
        HealthCheckIds = args.Regions.ToDictionary(r => r.StackName, r => checks.Apply(c => c.GetValueOrDefault(r.AwsRegion, "")));
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["planArn"] = PlanArn,
            ["planName"] = PlanName,
            ["executionRoleArn"] = ExecutionRoleArn,
            ["approvalRoleArn"] = ApprovalRoleArn,
        });
    }

    private static Role BuildExecutionRole(string name, RegionSwitchPlanArgs args, IReadOnlyCollection<SwitchBlock> blocks, Output<SwitchArns> arns, CustomResourceOptions options)
    {
        var roleName = ResourceNames.Child(name, "execution-role");
        return new Role(roleName, new RoleArgs
        {
            Description = $"Runs the Region switch plan of {args.Context.StackName}: {string.Join(", ", blocks.Where(b => b != SwitchBlock.Parallel))}",
            AssumeRolePolicy = PolicyDocuments.AssumeRole(ServicePrincipal),
            InlinePolicies =
            {
                new RoleInlinePolicyArgs { Name = "run-region-switch-plan", Policy = arns.Apply(a => ExecutionPolicy(blocks, a)) },
            },
            Tags = args.Context.Tags(roleName),
        }, options);
    }

    private static Role BuildApprovalRole(string name, RegionSwitchPlanArgs args, string partition, CustomResourceOptions options)
    {
        var roleName = ResourceNames.Child(name, "approval-role");
        return new Role(roleName, new RoleArgs
        {
            Description = $"Assumed by the person who approves {args.Context.StackName}'s Region switch failover",
            AssumeRolePolicy = args.AccountId.Apply(account => ApprovalTrustPolicy(args.Settings.Approvers, partition, account)),
            Tags = args.Context.Tags(roleName),
        }, options);
    }

    private static Plan BuildPlan(string name, RegionSwitchPlanArgs args, Output<string> executionRole, Output<string> approvalRole, CustomResourceOptions options)
    {
        var context = args.Context;
        var design = args.Design;
        var planName = ResourceNames.Child(name, "plan");
        var planArgs = new PlanArgs
        {
            Name = PlanNameOf(context.Application, context.StackName, design.Part),
            Description = $"{(design.Part.Length == 0 ? "Failover" : "Writer takeover")} of {context.Application} ({context.StackName}): {string.Join("; ", design.Workflows.Select(w => w.Description))}",
            ExecutionRole = executionRole,
            RecoveryApproach = design.Approach == RoutingStrategy.ActivePassive ? PlanRecoveryApproach.ActivePassive : PlanRecoveryApproach.ActiveActive,
            Regions = args.Regions.Select(r => r.AwsRegion).ToArray(),
            RecoveryTimeObjectiveMinutes = RtoMinutes(args.RtoSeconds),
            Workflows = design.Workflows.Select(w => new PlanWorkflowArgs
            {
                WorkflowTargetAction = w.Action == SwitchAction.Activate ? PlanWorkflowTargetAction.Activate : PlanWorkflowTargetAction.Deactivate,
                WorkflowDescription = w.Description,
                Steps = w.Steps.Select(s => StepArgs(s, args, approvalRole)).ToArray(),
            }).ToArray(),
            Tags = context.Tags(planName),
        };
        // Active-passive names the region that serves (the writer plan: that writes); failback is the same
        // workflow targeting it again.
        if (design.Approach == RoutingStrategy.ActivePassive)
            planArgs.PrimaryRegion = args.Regions[0].AwsRegion;
        // Its name, primary region and regions are create-only: when the roles swap after a failover the plan
        // is replaced, the new one created first (ARC suffixes every plan's ARN, so two may share a name), so
        // the api records' gates move to its health checks before the old plan and its checks are deleted.
        return new Plan(planName, planArgs, options);
    }

    /// <summary>The plan's name: &lt;application&gt;-&lt;stack&gt;[-&lt;part&gt;] (lower-case letters, digits, inner
    /// hyphens), within ARC's 32 characters (a longer one is cut and keeps a hash of the full name).</summary>
    public static string PlanNameOf(string application, string stack, string part = "") =>
        ResourceNames.Limit(part.Length == 0 ? ResourceNames.Join(application, stack) : ResourceNames.Join(application, stack, part), 32);

    /// <summary>The RTO in ARC's whole minutes, rounded up, within 1 minute and a week.</summary>
    public static int RtoMinutes(int rtoSeconds) => Math.Clamp((rtoSeconds + 59) / 60, 1, MaxRtoMinutes);

    /// <summary>The health check Region switch keeps for each AWS region (healthChecksForPlan lists them per
    /// record, each with its region).</summary>
    public static ImmutableDictionary<string, string> HealthChecksByRegion(ImmutableDictionary<string, ImmutableArray<Pulumi.AwsNative.ArcRegionSwitch.Outputs.PlanHealthCheckState>>? states) =>
        (states ?? ImmutableDictionary<string, ImmutableArray<Pulumi.AwsNative.ArcRegionSwitch.Outputs.PlanHealthCheckState>>.Empty)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .SelectMany(p => p.Value.IsDefault ? Enumerable.Empty<Pulumi.AwsNative.ArcRegionSwitch.Outputs.PlanHealthCheckState>() : p.Value)
            .Where(s => s.Region is { Length: > 0 } && s.HealthCheckId is { Length: > 0 })
            .GroupBy(s => s.Region!, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.First().HealthCheckId!);

    /// <summary>One step as ARC takes it: its execution block type and that block's configuration.</summary>
    private static PlanStepArgs StepArgs(SwitchStep step, RegionSwitchPlanArgs args, Output<string> approvalRole)
    {
        var regions = args.Regions;
        object configuration = step.Block switch
        {
            SwitchBlock.ManualApproval => new PlanExecutionBlockConfiguration2PropertiesArgs
            {
                ExecutionApprovalConfig = new PlanExecutionApprovalConfigurationArgs { ApprovalRole = approvalRole, TimeoutMinutes = args.Settings.ApprovalTimeoutMinutes },
            },
            SwitchBlock.Parallel => new PlanExecutionBlockConfiguration7PropertiesArgs
            {
                ParallelConfig = new PlanParallelExecutionBlockConfigurationArgs { Steps = step.Branches.Select(b => StepArgs(b, args, approvalRole)).ToArray() },
            },
            // 100 % of the capacity the region being left ran (its maximum in the last 24 hours): the
            // standby serves what the active region served. Region switch never scales a group down.
            SwitchBlock.Ec2AutoScaling => new PlanExecutionBlockConfiguration1PropertiesArgs
            {
                Ec2AsgCapacityIncreaseConfig = new PlanEc2AsgCapacityIncreaseConfigurationArgs
                {
                    Asgs = regions.Select(r => new PlanAsgArgs { Arn = r.AutoScalingGroupArn }).ToArray(),
                    TargetPercent = 100,
                    CapacityMonitoringApproach = "sampledMaxInLast24Hours",
                },
            },
            SwitchBlock.RdsPromoteReadReplica => new PlanExecutionBlockConfiguration13PropertiesArgs
            {
                RdsPromoteReadReplicaConfig = new PlanRdsPromoteReadReplicaConfigurationArgs { DbInstanceArnMap = InstanceMap(regions) },
            },
            // Graceful: a switchover (no data lost); ungraceful: a failover, with what had not replicated lost.
            SwitchBlock.AuroraGlobalDatabase => new PlanExecutionBlockConfiguration6PropertiesArgs
            {
                GlobalAuroraConfig = new PlanGlobalAuroraConfigurationArgs
                {
                    Behavior = "switchoverOnly",
                    Ungraceful = new PlanGlobalAuroraUngracefulArgs { Ungraceful = PlanGlobalAuroraUngracefulBehavior.Failover },
                    GlobalClusterIdentifier = args.GlobalClusterId ?? throw new ArgumentException("an Aurora plan needs the global cluster's identifier", nameof(args)),
                    DatabaseClusterArns = regions.Select(r => (Input<string>)r.DatabaseArn).ToArray(),
                },
            },
            // ARC documents two routing blocks: routing controls need an ARC cluster (billed by the hour),
            // the Route 53 health check block does not and fits records that already route by health
            // checks; its health checks are combined with the endpoint checks on the api records.
            SwitchBlock.Route53HealthCheck => new PlanExecutionBlockConfiguration11PropertiesArgs
            {
                Route53HealthCheckConfig = new PlanRoute53HealthCheckConfigurationArgs
                {
                    HostedZoneId = args.HostedZoneId,
                    RecordName = args.RecordName,
                    RecordSets = regions.Select(r => new PlanRoute53ResourceRecordSetArgs { RecordSetIdentifier = r.RecordSetIdentifier, Region = r.AwsRegion }).ToArray(),
                },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(step), step.Block, "a block this plan does not build"),
        };
        return new PlanStepArgs
        {
            Name = step.Name,
            Description = step.Description,
            ExecutionBlockType = BlockType(step.Block),
            ExecutionBlockConfiguration = configuration,
        };
    }

    private static InputMap<string> InstanceMap(IReadOnlyList<SwitchRegion> regions)
    {
        var map = new InputMap<string>();
        foreach (var region in regions)
            map.Add(region.AwsRegion, region.DatabaseArn);
        return map;
    }

    public static PlanExecutionBlockType BlockType(SwitchBlock block) => block switch
    {
        SwitchBlock.ManualApproval => PlanExecutionBlockType.ManualApproval,
        SwitchBlock.Parallel => PlanExecutionBlockType.Parallel,
        SwitchBlock.Ec2AutoScaling => PlanExecutionBlockType.Ec2AutoScaling,
        SwitchBlock.RdsPromoteReadReplica => PlanExecutionBlockType.RdsPromoteReadReplica,
        SwitchBlock.AuroraGlobalDatabase => PlanExecutionBlockType.AuroraGlobalDatabase,
        SwitchBlock.Route53HealthCheck => PlanExecutionBlockType.Route53HealthCheck,
        _ => throw new ArgumentOutOfRangeException(nameof(block), block, "an execution block without an ARC type"),
    };

    /// <summary>What the execution role may do: per block, ARC's documented permissions, with every change
    /// scoped to the two regions' resources; only reads that take no resource-level permission (describing
    /// auto scaling groups, the group metrics) are on "*".</summary>
    public static string ExecutionPolicy(IReadOnlyCollection<SwitchBlock> blocks, SwitchArns arns)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(arns);
        var statements = new List<Dictionary<string, object>>();
        void Allow(string sid, string[] actions, string[] resources, Dictionary<string, object>? condition = null)
        {
            var statement = new Dictionary<string, object> { ["Sid"] = sid, ["Effect"] = "Allow", ["Action"] = actions, ["Resource"] = resources };
            if (condition is not null)
                statement["Condition"] = condition;
            statements.Add(statement);
        }
        if (blocks.Contains(SwitchBlock.Ec2AutoScaling))
        {
            Allow("DescribeGroups", new[] { "autoscaling:DescribeAutoScalingGroups" }, new[] { "*" });
            Allow("ScaleGroups", new[] { "autoscaling:UpdateAutoScalingGroup" }, arns.AutoScalingGroupArns.ToArray());
            Allow("ReadGroupMetrics", new[] { "cloudwatch:GetMetricStatistics" }, new[] { "*" },
                new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, string> { ["cloudwatch:namespace"] = "AWS/AutoScaling" } });
        }
        if (blocks.Contains(SwitchBlock.RdsPromoteReadReplica))
            Allow("PromoteReplica", new[] { "rds:DescribeDBInstances", "rds:PromoteReadReplica", "rds:ModifyDBInstance" }, arns.DatabaseArns.ToArray());
        if (blocks.Contains(SwitchBlock.AuroraGlobalDatabase))
        {
            var global = $"arn:{arns.Partition}:rds::{arns.Account}:global-cluster:{arns.GlobalClusterId}";
            Allow("DescribeGlobalDatabase", new[] { "rds:DescribeGlobalClusters", "rds:DescribeDBClusters" }, arns.DatabaseArns.Prepend(global).ToArray());
            Allow("SwitchGlobalDatabase", new[] { "rds:SwitchoverGlobalCluster", "rds:FailoverGlobalCluster" }, arns.DatabaseArns.Prepend(global).ToArray());
        }
        if (blocks.Contains(SwitchBlock.Route53HealthCheck))
            Allow("ReadApiRecords", new[] { "route53:ListResourceRecordSets" }, new[] { $"arn:{arns.Partition}:route53:::hostedzone/{arns.HostedZoneId}" });
        return JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = statements });
    }

    /// <summary>Who may assume the approval role: the named principals, or the account (then any of its
    /// principals an IAM policy allows sts:AssumeRole on the role).</summary>
    public static string ApprovalTrustPolicy(IReadOnlyList<string> approvers, string partition, string account)
    {
        ArgumentNullException.ThrowIfNull(approvers);
        var principals = approvers.Count > 0 ? approvers.ToArray() : new[] { $"arn:{partition}:iam::{account}:root" };
        return JsonSerializer.Serialize(new
        {
            Version = "2012-10-17",
            Statement = new[] { new { Effect = "Allow", Principal = new { AWS = principals }, Action = "sts:AssumeRole" } },
        });
    }

    /// <summary>The approval role's permissions: approve this plan's steps and follow its executions.</summary>
    public static string ApprovalPolicy(string planArn) => PolicyDocuments.Allow(
        new[] { "arc-region-switch:ApprovePlanExecutionStep", "arc-region-switch:GetPlan", "arc-region-switch:GetPlanExecution", "arc-region-switch:ListPlanExecutionEvents" },
        new[] { planArn });
}
