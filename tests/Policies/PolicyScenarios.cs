using MultiRegionInfra.Policies;
using MultiRegionInfra.Tests.Support;
using Pulumi;
using Pulumi.Aws.AutoScaling;
using Pulumi.Aws.CloudFront;
using Pulumi.Aws.CloudFront.Inputs;
using Pulumi.Aws.Ec2;
using Pulumi.Aws.Ec2.Inputs;
using Pulumi.Aws.LB;
using Pulumi.Aws.LB.Inputs;
using Pulumi.Aws.Rds;
using Pulumi.Aws.S3;
using Pulumi.Aws.S3.Inputs;
using Pulumi.AwsNative.DynamoDb;
using Pulumi.AwsNative.DynamoDb.Inputs;
using VpcIngressRuleArgs = Pulumi.Aws.Vpc.SecurityGroupIngressRuleArgs;

namespace MultiRegionInfra.Tests.Policies;

/// <summary>A stack run whose resources one rule is held to.</summary>
public sealed record PolicyScenario(string Stack, Func<Dictionary<string, string>> Config, bool Global, IReadOnlyList<ResourceTransformation> Changes)
{
    public string Region => Config()["aws:region"];

    /// <summary>The engine a replica's primary stack reports (an Aurora replica reads an Aurora primary).</summary>
    public string PrimaryEngine { get; init; } = "postgres";

    public async Task<PolicyStack> RunAsync()
    {
        var config = Config();
        var mocks = Global ? GlobalMocks.Mocks(config) : Stack == "eu-west" ? AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(engine: PrimaryEngine) : AwsMocks.ForRegion(config["aws:region"]);
        var run = await AwsMocks.RunStackAsync(Stack, config, mocks, changes: Changes);
        return run.PolicyStack(Stack, config["aws:region"], config.GetValueOrDefault("environment") == "prod");
    }
}

/// <summary>For every rule, a failing case made by changing configuration or a component's args (the
/// args the component hands a resource, changed by a transformation before registration), never by
/// hand-built dictionaries; and the passing baselines: the project's own stacks.</summary>
public static class PolicyScenarios
{
    public static readonly PolicyScenario Primary = new("us-east", AwsMocks.PrimaryConfig, false, Array.Empty<ResourceTransformation>());
    public static readonly PolicyScenario Replica = new("eu-west", AwsMocks.ReplicaConfig, false, Array.Empty<ResourceTransformation>());
    public static readonly PolicyScenario Global = new("global", () => GlobalMocks.Config().With(("sessionStore", "true")), true, Array.Empty<ResourceTransformation>());

    /// <summary>The global stack with the asset path on (its replication and the origin group over the buckets).</summary>
    public static readonly PolicyScenario Assets = new("global", () => GlobalMocks.Config().With(("assets.enabled", "true")), true, Array.Empty<ResourceTransformation>());

    /// <summary>The same regions on an Aurora PostgreSQL global database.</summary>
    public static readonly PolicyScenario AuroraPrimary = Primary with { Config = () => AwsMocks.PrimaryConfig().With(("database.engine", "aurora-postgresql")) };

    public static readonly PolicyScenario AuroraReplica = Replica with
    {
        Config = () => AwsMocks.ReplicaConfig().With(("database.engine", "aurora-postgresql")),
        PrimaryEngine = "aurora-postgresql",
    };

    /// <summary>The global stack with the region outage rehearsals (prod, enabled explicitly).</summary>
    public static readonly PolicyScenario Rehearsals = new("global", () => GlobalMocks.Config().With(("rehearsal.enabled", "true"), ("canary.enabled", "true")), true, Array.Empty<ResourceTransformation>());

    /// <summary>The global stack with its canaries (on by default in prod), a check of their own included.</summary>
    public static readonly PolicyScenario Canaries = new("global", () => GlobalMocks.Config().With(("canary.enabled", "true"),
        ("canary.checks", "[\"{path: /api/status, json: {status: ok}}\"]")), true, Array.Empty<ResourceTransformation>());

    
    /// <summary>The global stack in active-passive: its Region switch plan promotes the replica.</summary>
    public static readonly PolicyScenario SwitchGlobal = Global with
    {
        Config = () => GlobalMocks.Config().With(("sessionStore", "true"), ("strategy", "active-passive"), ("slo.rtoSeconds", "1200")),
    };

    public static readonly IReadOnlyList<PolicyScenario> Baselines = new[] { Primary, Replica, Global, Assets, Canaries, AuroraPrimary, AuroraReplica, Rehearsals, SwitchGlobal };

    /// <summary>Changes the args of one named resource, as an edit of its component would.</summary>
    public static ResourceTransformation Change<TArgs>(string name, Action<TArgs> change) where TArgs : ResourceArgs =>
        args =>
        {
            if (args.Resource.GetResourceName() == name && args.Args is TArgs typed)
                change(typed);
            return null;
        };

    /// <summary>Clears Pulumi's protect option on one named resource.</summary>
    public static ResourceTransformation Unprotect(string name) =>
        args =>
        {
            if (args.Resource.GetResourceName() != name)
                return null;
            args.Options.Protect = false;
            return new ResourceTransformationResult(args.Args, args.Options);
        };

    private static PolicyScenario PrimaryChanged(params ResourceTransformation[] changes) => Primary with { Changes = changes };

    private static PolicyScenario PrimaryWith(params (string Key, string? Value)[] config) => Primary with { Config = () => AwsMocks.PrimaryConfig().With(config) };

    private static PolicyScenario ReplicaChanged(params ResourceTransformation[] changes) => Replica with { Changes = changes };

    private static PolicyScenario GlobalChanged(params ResourceTransformation[] changes) => Global with { Changes = changes };

    private static PolicyScenario CanariesChanged(params ResourceTransformation[] changes) => Canaries with { Changes = changes };

    /// <summary>The failing case of every rule, by rule ID.</summary>
    public static readonly IReadOnlyDictionary<string, PolicyScenario> Failing = new Dictionary<string, PolicyScenario>
    {
        ["MRI-RDS-01"] = PrimaryChanged(Change<InstanceArgs>("database-instance", a => a.StorageEncrypted = false)),
        ["MRI-RDS-02"] = PrimaryChanged(Change<InstanceArgs>("database-instance", a => a.PubliclyAccessible = true)),
        ["MRI-RDS-03"] = PrimaryChanged(Change<InstanceArgs>("database-instance", a => a.BackupRetentionPeriod = 3)),
        ["MRI-RDS-04"] = PrimaryWith(("database.multiAz", "false")),
        ["MRI-RDS-05"] = PrimaryWith(("database.deletionProtection", "false")),
        ["MRI-RDS-06"] = PrimaryChanged(Change<InstanceArgs>("database-instance", a => a.SkipFinalSnapshot = true)),
        ["MRI-RDS-07"] = ReplicaChanged(Change<InstanceArgs>("database-instance", a => a.KmsKeyId = $"arn:aws:kms:us-east-1:{AwsMocks.Account}:key/primary-key")),
        ["MRI-RDS-08"] = PrimaryChanged(Change<InstanceArgs>("database-instance", a => a.IamDatabaseAuthenticationEnabled = false)),
        ["MRI-RDS-09"] = PrimaryChanged(Change<InstanceArgs>("database-instance", a => a.EnabledCloudwatchLogsExports = new InputList<string>())),
        ["MRI-AUR-01"] = AuroraReplica with { Changes = new[] { Change<ClusterArgs>("database-cluster", a => a.KmsKeyId = $"arn:aws:kms:us-east-1:{AwsMocks.Account}:key/primary-key") } },
        ["MRI-AUR-02"] = AuroraPrimary with { Changes = new[] { Change<ClusterInstanceArgs>("database-instance-2", a => a.PubliclyAccessible = true) } },
        ["MRI-AUR-03"] = AuroraPrimary with { Changes = new[] { Change<ClusterArgs>("database-cluster", a => a.BackupRetentionPeriod = 1) } },
        ["MRI-AUR-04"] = AuroraPrimary with { Changes = new[] { Change<GlobalClusterArgs>("database-global", a => a.DeletionProtection = false) } },
        ["MRI-AUR-05"] = AuroraReplica with { Changes = new[] { Change<ClusterParameterGroupArgs>("database-cluster-params", a => a.Parameters = new InputList<Pulumi.Aws.Rds.Inputs.ClusterParameterGroupParameterArgs>()) } },
        ["MRI-ECR-01"] = PrimaryChanged(Change<Pulumi.Aws.Ecr.RepositoryArgs>("image-repository", a => a.ImageTagMutability = "MUTABLE")),
        ["MRI-SSM-01"] = ReplicaChanged(Change<Pulumi.Aws.Ssm.ParameterArgs>("service-config-db-port", a => { a.Type = "String"; a.KeyId = null!; })),
        ["MRI-LB-01"] = PrimaryChanged(Change<ListenerArgs>("app-https", a => a.SslPolicy = "ELBSecurityPolicy-2016-08")),
        // In prod a missing domain is a configuration error; elsewhere the policy refuses the HTTP listener.
        ["MRI-LB-02"] = PrimaryWith(("domain", null), ("environment", "staging")),
        ["MRI-LB-03"] = PrimaryChanged(Change<LoadBalancerArgs>("app-alb", a => a.DropInvalidHeaderFields = false)),
        ["MRI-LB-04"] = PrimaryChanged(Change<LoadBalancerArgs>("app-alb", a => a.EnableDeletionProtection = false)),
        ["MRI-LB-06"] = PrimaryChanged(Change<LoadBalancerArgs>("app-alb", a => a.AccessLogs = null!)),
        ["MRI-LB-07"] = PrimaryWith(("edge.originHeaderRequired", "false")),
        ["MRI-LB-05"] = PrimaryChanged(Change<TargetGroupArgs>("app-tg", a => a.HealthCheck = new TargetGroupHealthCheckArgs { Enabled = false })),
        ["MRI-SG-01"] = PrimaryChanged(Change<VpcIngressRuleArgs>("app-instances-from-alb", a => a.Description = null)),
        ["MRI-SG-02"] = PrimaryChanged(Change<VpcIngressRuleArgs>("app-instances-from-alb", a => { a.ReferencedSecurityGroupId = null; a.CidrIpv4 = "0.0.0.0/0"; })),
        ["MRI-SG-03"] = PrimaryChanged(Change<VpcIngressRuleArgs>("app-db-from-instances", a => { a.FromPort = 22; a.ToPort = 22; })),
        ["MRI-SG-04"] = PrimaryChanged(Change<DefaultSecurityGroupArgs>("network-default-sg", a => a.Ingress.Add(new DefaultSecurityGroupIngressArgs
        {
            Protocol = "-1", FromPort = 0, ToPort = 0, Self = true,
        }))),
        ["MRI-EC2-01"] = PrimaryChanged(Change<LaunchTemplateArgs>("app-launch-template", a => a.MetadataOptions = new LaunchTemplateMetadataOptionsArgs { HttpTokens = "optional", HttpPutResponseHopLimit = 2 })),
        ["MRI-EC2-02"] = PrimaryChanged(Change<LaunchTemplateArgs>("app-launch-template", a => a.BlockDeviceMappings = new InputList<LaunchTemplateBlockDeviceMappingArgs>
        {
            new LaunchTemplateBlockDeviceMappingArgs { DeviceName = "/dev/xvda", Ebs = new LaunchTemplateBlockDeviceMappingEbsArgs { VolumeSize = 20, Encrypted = "false" } },
        })),
        ["MRI-EC2-03"] = PrimaryChanged(Change<SubnetArgs>("network-private-a", a => a.MapPublicIpOnLaunch = true)),
        ["MRI-VPC-01"] = PrimaryChanged(Change<FlowLogArgs>("network-flow-log", a => a.VpcId = "vpc-somewhere-else")),
        ["MRI-KMS-01"] = PrimaryChanged(Change<Pulumi.Aws.Kms.KeyArgs>("database-key", a => a.EnableKeyRotation = false)),
        ["MRI-CF-01"] = GlobalChanged(Change<DistributionArgs>("cdn-distribution", a => a.DefaultCacheBehavior = new DistributionDefaultCacheBehaviorArgs
        {
            TargetOriginId = "regions", ViewerProtocolPolicy = "allow-all", AllowedMethods = { "GET", "HEAD" }, CachedMethods = { "GET", "HEAD" },
        })),
        ["MRI-CF-02"] = GlobalChanged(Change<DistributionArgs>("cdn-distribution", a => a.ViewerCertificate = new DistributionViewerCertificateArgs
        {
            AcmCertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/old", SslSupportMethod = "sni-only", MinimumProtocolVersion = "TLSv1",
        })),
        ["MRI-CF-03"] = GlobalChanged(Change<DistributionArgs>("cdn-distribution", a => a.OriginGroups = new InputList<DistributionOriginGroupArgs>())),
        ["MRI-CF-04"] = GlobalChanged(Change<DistributionArgs>("cdn-distribution", a => a.Origins = new InputList<DistributionOriginArgs>
        {
            new DistributionOriginArgs
            {
                OriginId = "us-east", DomainName = "us-east.api.example.com",
                CustomOriginConfig = new DistributionOriginCustomOriginConfigArgs { HttpPort = 80, HttpsPort = 443, OriginProtocolPolicy = "http-only", OriginSslProtocols = { "TLSv1.2" } },
                CustomHeaders = { new DistributionOriginCustomHeaderArgs { Name = "x-origin-verify-us-east", Value = "secret" } },
            },
        })),
        ["MRI-CF-05"] = GlobalChanged(Change<DistributionArgs>("cdn-distribution", a => a.WebAclId = null!)),
        ["MRI-CF-06"] = GlobalChanged(Change<DistributionArgs>("cdn-distribution", a => a.Origins = new InputList<DistributionOriginArgs>
        {
            new DistributionOriginArgs
            {
                OriginId = "us-east", DomainName = "us-east.api.example.com",
                CustomOriginConfig = new DistributionOriginCustomOriginConfigArgs { HttpPort = 80, HttpsPort = 443, OriginProtocolPolicy = "https-only", OriginSslProtocols = { "TLSv1.2" } },
            },
        })),
        ["MRI-DDB-01"] = GlobalChanged(Change<GlobalTableArgs>("sessions-table", a => a.Replicas = new InputList<GlobalTableReplicaSpecificationArgs>
        {
            new GlobalTableReplicaSpecificationArgs { Region = "us-east-1" },
            new GlobalTableReplicaSpecificationArgs { Region = "eu-west-1", PointInTimeRecoverySpecification = new GlobalTablePointInTimeRecoverySpecificationArgs { PointInTimeRecoveryEnabled = true } },
        })),
        ["MRI-DDB-02"] = GlobalChanged(Change<GlobalTableArgs>("sessions-table", a => a.SseSpecification = new GlobalTableSseSpecificationArgs { SseEnabled = false })),
        ["MRI-GEN-01"] = PrimaryChanged(Unprotect("database-instance")),
        ["MRI-SNS-01"] = GlobalChanged(Change<Pulumi.Aws.Sns.TopicArgs>("route53-alarms", a => a.KmsMasterKeyId = "alias/aws/sns")),
        ["MRI-S3-01"] = PrimaryChanged(Change<BucketServerSideEncryptionConfigurationArgs>("assets-encryption", a => a.Rules = new InputList<BucketServerSideEncryptionConfigurationRuleArgs>
        {
            new BucketServerSideEncryptionConfigurationRuleArgs
            {
                ApplyServerSideEncryptionByDefault = new BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs { SseAlgorithm = "AES256" },
            },
        })),
        ["MRI-S3-02"] = PrimaryChanged(Change<BucketPublicAccessBlockArgs>("assets-public-access-block", a => a.RestrictPublicBuckets = false)),
        // The asset bucket's policy is another bucket's: the asset bucket has none.
        ["MRI-S3-03"] = PrimaryChanged(Change<BucketPolicyArgs>("assets-policy", a => a.Bucket = "another-bucket")),
        ["MRI-S3-04"] = PrimaryChanged(Change<BucketVersioningArgs>("assets-versioning", a => a.VersioningConfiguration = new BucketVersioningVersioningConfigurationArgs { Status = "Suspended" })),
        ["MRI-S3-05"] = PrimaryChanged(Change<BucketLoggingArgs>("assets-access-logs", a => a.Bucket = "another-bucket")),
        ["MRI-S3-06"] = PrimaryChanged(Change<BucketLifecycleConfigurationArgs>("logs-lifecycle", a => a.Rules = new InputList<BucketLifecycleConfigurationRuleArgs>
        {
            new BucketLifecycleConfigurationRuleArgs
            {
                Id = "abort-uploads", Status = "Enabled", Filter = new BucketLifecycleConfigurationRuleFilterArgs { Prefix = "" },
                AbortIncompleteMultipartUpload = new BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs { DaysAfterInitiation = 7 },
            },
        })),
        ["MRI-FIS-01"] = Rehearsals with
        {
            Changes = new[] { Change<Pulumi.Aws.Fis.ExperimentTemplateArgs>("us-east-rehearsal-network", a => a.StopConditions = new InputList<Pulumi.Aws.Fis.Inputs.ExperimentTemplateStopConditionArgs>
            {
                new Pulumi.Aws.Fis.Inputs.ExperimentTemplateStopConditionArgs { Source = "none" },
            }) },
        },
        // The role may stop any instance of the region, not only the rehearsed stack's.
        ["MRI-FIS-02"] = Rehearsals with
        {
            Changes = new[] { Change<Pulumi.Aws.Iam.RoleArgs>("us-east-rehearsal-role", a => a.InlinePolicies = new InputList<Pulumi.Aws.Iam.Inputs.RoleInlinePolicyArgs>
            {
                new Pulumi.Aws.Iam.Inputs.RoleInlinePolicyArgs
                {
                    Name = "rehearse-region-outage",
                    Policy = PolicyDocuments.Allow(new[] { "ec2:StopInstances", "ec2:StartInstances" }, new[] { $"arn:aws:ec2:us-east-1:{AwsMocks.Account}:instance/*" }),
                },
            }) },
        },
        // The us-east canary's artifacts with S3's own encryption only.
        ["MRI-SYN-01"] = CanariesChanged(Change<Pulumi.Aws.Synthetics.CanaryArgs>("us-east-synthetics-canary", a => a.ArtifactConfig = null!)),
        // The us-east canary's role may also read every parameter of the account.
        ["MRI-SYN-02"] = CanariesChanged(Change<Pulumi.Aws.Iam.RolePolicyArgs>("us-east-synthetics-permissions", a => a.Policy =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ssm:GetParameter\",\"ssm:GetParametersByPath\"],\"Resource\":\"*\"}]}")),
        ["MRI-GEN-02"] = PrimaryChanged(Change<VpcArgs>("network-vpc", a => a.Tags = new InputMap<string> { { "Name", "network-vpc" } })),
        // A workspace left on AWS's own key.
        ["MRI-APS-01"] = PrimaryChanged(Change<Pulumi.Aws.Amp.WorkspaceArgs>("metrics-workspace", a => a.KmsKeyArn = null!)),
        // The instance role may remote-write to any workspace (and query them).
        ["MRI-APS-02"] = ReplicaChanged(Change<Pulumi.Aws.Iam.RolePolicyArgs>("app-service-access", a => a.Policy =
            """{"Version":"2012-10-17","Statement":[{"Sid":"WriteMetrics","Effect":"Allow","Action":["aps:RemoteWrite","aps:QueryMetrics"],"Resource":"*"}]}""")),
        // The alarm topic's key of a region with a workspace admits CloudWatch only, as before the alert managers.
        ["MRI-APS-03"] = GlobalChanged(Change<Pulumi.Aws.Kms.KeyArgs>("us-east-monitoring-alarms-key", a => a.Policy =
            MultiRegionInfra.Monitoring.AlarmTopic.KeyPolicy("aws", AwsMocks.Account, new[] { MultiRegionInfra.Monitoring.AlarmTopicArgs.CloudWatch }))),
        // The plan promotes the replica first and asks for the approval after.
        ["MRI-ARC-01"] = SwitchGlobal with
        {
            Changes = new[]
            {
                Change<Pulumi.AwsNative.ArcRegionSwitch.PlanArgs>("regionswitch-plan", a => a.Workflows = new InputList<Pulumi.AwsNative.ArcRegionSwitch.Inputs.PlanWorkflowArgs>
                {
                    new Pulumi.AwsNative.ArcRegionSwitch.Inputs.PlanWorkflowArgs
                    {
                        WorkflowTargetAction = Pulumi.AwsNative.ArcRegionSwitch.PlanWorkflowTargetAction.Activate,
                        Steps =
                        {
                            new Pulumi.AwsNative.ArcRegionSwitch.Inputs.PlanStepArgs
                            {
                                Name = "promote-replica",
                                ExecutionBlockType = Pulumi.AwsNative.ArcRegionSwitch.PlanExecutionBlockType.RdsPromoteReadReplica,
                                ExecutionBlockConfiguration = new Pulumi.AwsNative.ArcRegionSwitch.Inputs.PlanExecutionBlockConfiguration13PropertiesArgs
                                {
                                    RdsPromoteReadReplicaConfig = new Pulumi.AwsNative.ArcRegionSwitch.Inputs.PlanRdsPromoteReadReplicaConfigurationArgs
                                    {
                                        DbInstanceArnMap = { { "eu-west-1", $"arn:aws:rds:eu-west-1:{AwsMocks.Account}:db:multi-region-infra-eu-west-pg" } },
                                    },
                                },
                            },
                            new Pulumi.AwsNative.ArcRegionSwitch.Inputs.PlanStepArgs
                            {
                                Name = "approve",
                                ExecutionBlockType = Pulumi.AwsNative.ArcRegionSwitch.PlanExecutionBlockType.ManualApproval,
                                ExecutionBlockConfiguration = new Pulumi.AwsNative.ArcRegionSwitch.Inputs.PlanExecutionBlockConfiguration2PropertiesArgs
                                {
                                    ExecutionApprovalConfig = new Pulumi.AwsNative.ArcRegionSwitch.Inputs.PlanExecutionApprovalConfigurationArgs { ApprovalRole = $"arn:aws:iam::{AwsMocks.Account}:role/approver" },
                                },
                            },
                        },
                    },
                }),
            },
        },
        // The execution role may promote any database, not the plan's two.
        ["MRI-ARC-02"] = SwitchGlobal with
        {
            Changes = new[]
            {
                Change<Pulumi.Aws.Iam.RoleArgs>("regionswitch-execution-role", a => a.InlinePolicies = new InputList<Pulumi.Aws.Iam.Inputs.RoleInlinePolicyArgs>
                {
                    new Pulumi.Aws.Iam.Inputs.RoleInlinePolicyArgs
                    {
                        Name = "run-region-switch-plan",
                        Policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"rds:DescribeDBInstances\",\"rds:PromoteReadReplica\"],\"Resource\":\"*\"}]}",
                    },
                }),
            },
        },
    };
}
