using System.Collections.Immutable;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using MultiRegionInfra.Storage;
using Pulumi;
using Pulumi.Aws.CloudWatch;
using Pulumi.Aws.CloudWatch.Inputs;
using Pulumi.Aws.Iam;
using Pulumi.Aws.Kms;
using Pulumi.Aws.S3;
using Pulumi.Aws.S3.Inputs;
using Pulumi.Aws.Synthetics;
using Pulumi.Aws.Synthetics.Inputs;

namespace MultiRegionInfra.Monitoring;

/// <summary>The synthetic API checks of one region, in that region: a CloudWatch Synthetics canary that
/// calls its region and the system's own endpoints as the internet reaches them (see
/// <see cref="CanaryTargets"/>) with the health path and the configured checks on a schedule; its
/// artifacts in a bucket of their own (KMS, versioned, public access blocked, TLS only, expiring after the
/// retention period, access logged into the region's log bucket); a role that may do only what the canary
/// needs (<see cref="CanaryPermissions"/>); and three alarms that notify the region's alarm topic: on its
/// success rate, on its duration, and (<c>system-success</c>) on the per-step success of the checks of the
/// system's own endpoint (the edge, or <c>api.&lt;domain&gt;</c> without one).</summary>
public sealed class RegionCanaries : ComponentResource
{
    /// <summary>The artifact bucket's name starts with canary-&lt;stack&gt;- (S3 adds a unique suffix).</summary>
    public static string BucketPrefix(string stackName) => ResourceNames.Limit($"canary-{ResourceNames.Join(stackName)}-", 37).TrimEnd('-') + "-";

    /// <summary>The ARN pattern of a region's artifact buckets: the region's log bucket admits their server access logs.</summary>
    public static string ArtifactBucketArnPattern(string partition, string stackName) => $"arn:{partition}:s3:::{BucketPrefix(stackName)}*";

    /// <summary>Where the artifact bucket's access logs go in the log bucket.</summary>
    public static string AccessLogPrefix(string stackName) => $"{LogBucket.ServerAccessPrefix}canary-{stackName}/";

    /// <summary>The canary's folder in its bucket.</summary>
    public static string ArtifactPrefix(string canaryName) => $"canary/{canaryName}";

    /// <summary>The canary's name.</summary>
    [Output]
    public Output<string> CanaryName { get; private set; } = null!;

    /// <summary>The artifact bucket.</summary>
    [Output]
    public Output<string> BucketName { get; private set; } = null!;

    /// <summary>The addresses the canary calls (those that at least one check reaches), e.g. https://api.example.com.</summary>
    [Output]
    public Output<ImmutableArray<string>> Targets { get; private set; } = null!;

    /// <summary>The names of the canary's alarms.</summary>
    [Output]
    public Output<ImmutableArray<string>> AlarmNames { get; private set; } = null!;

    /// <summary>The alarm on the checks of the system's own endpoint (the edge, or api.&lt;domain&gt; without one) from this
    /// region: they fail only when no region serves, so a rehearsal of this region's outage stops on it.</summary>
    [Output]
    public Output<string> SystemAlarmArn { get; private set; } = null!;

    public RegionCanaries(string name, RegionCanariesArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:monitoring:RegionCanaries", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = args.Context;
        var settings = args.Settings;
        var region = args.Region;
        var partition = AwsRegions.PartitionOf(region);
        var canaryName = CanarySettings.CanaryName(settings.NamePrefix, args.StackName);
        if (CanarySettings.NameProblem(canaryName) is { } problem)
            throw new ArgumentException($"RegionCanaries '{name}': the canary name '{canaryName}' {problem}", nameof(args));
        var self = new CustomResourceOptions { Parent = this };
        CustomResourceOptions After(params Resource[] resources)
        {
            var options = new CustomResourceOptions { Parent = this };
            foreach (var resource in resources)
                options.DependsOn.Add(resource);
            return options;
        }

        var key = new Key(ResourceNames.Child(name, "key"), new KeyArgs
        {
            Region = region,
            Description = $"Encrypts the artifacts of the canary {canaryName}",
            EnableKeyRotation = true,
            DeletionWindowInDays = 30,
            Policy = args.AccountId.ToOutput().Apply(account => KeyPolicy(partition, account)),
            Tags = context.Tags(ResourceNames.Child(name, "key")),
        }, new CustomResourceOptions { Parent = this, Protect = args.Protect });
        new Pulumi.Aws.Kms.Alias(ResourceNames.Child(name, "key-alias"), new AliasArgs
        {
            Region = region,
            Name = $"alias/{ResourceNames.Join(context.Application, args.StackName, "canary-artifacts")}",
            TargetKeyId = key.KeyId,
        }, self);

        var bucket = ArtifactBucket(name, args, key);
        var role = new Role(ResourceNames.Child(name, "role"), new RoleArgs
        {
            Description = $"The canary {canaryName}: its artifacts, logs and metrics",
            AssumeRolePolicy = PolicyDocuments.AssumeRole("lambda.amazonaws.com"),
            Tags = context.Tags(ResourceNames.Child(name, "role")),
        }, self);
        var permissions = new RolePolicy(ResourceNames.Child(name, "permissions"), new RolePolicyArgs
        {
            Role = role.Name,
            Name = "canary",
            Policy = Output.Tuple(args.AccountId.ToOutput(), bucket.Bucket.Id, key.Arn).Apply(t => CanaryPermissions.Document(new CanaryAccess(
                partition, region, t.Item1, canaryName, t.Item2, ArtifactPrefix(canaryName), t.Item3))),
        }, self);

        var plan = Output.Tuple(args.OriginDomain.ToOutput(), args.HealthCheckPath.ToOutput()).Apply(t =>
        {
            var targets = CanaryTargets.For(args.Edge, args.Domain, args.StackName, t.Item1);
            var planned = Steps(targets, settings, t.Item2, args.Edge);
            return (Targets: targets.Where(target => planned.Any(s => s.Name.StartsWith(target.Name + "-", StringComparison.Ordinal))).Select(target => target.BaseUrl).ToList(), Steps: planned);
        });
        var steps = plan.Apply(p => p.Steps);
        var zip = steps.Apply(s =>
            CanaryScript.Write(args.ScriptDirectory, canaryName, CanaryScript.Zip(CanaryScript.ConfigJson(new CanaryScriptConfig(canaryName, s)))));

        var canary = new Canary(ResourceNames.Child(name, "canary"), new CanaryArgs
        {
            Region = region,
            Name = canaryName,
            RuntimeVersion = settings.RuntimeVersion,
            Handler = CanaryScript.Handler,
            ZipFile = zip,
            ExecutionRoleArn = role.Arn,
            ArtifactS3Location = bucket.Bucket.Id.Apply(b => $"s3://{b}/{ArtifactPrefix(canaryName)}/"),
            ArtifactConfig = new CanaryArtifactConfigArgs
            {
                S3Encryption = new CanaryArtifactConfigS3EncryptionArgs { EncryptionMode = "SSE_KMS", KmsKeyArn = key.Arn },
            },
            Schedule = new CanaryScheduleArgs { Expression = settings.Schedule.Expression },
            RunConfig = new CanaryRunConfigArgs { TimeoutInSeconds = settings.Schedule.RunTimeoutSeconds, ActiveTracing = false },
            SuccessRetentionPeriod = settings.ArtifactRetentionDays,
            FailureRetentionPeriod = settings.ArtifactRetentionDays,
            StartCanary = true,
            // Synthetics makes a Lambda function and layer per canary; deleting the canary takes them along.
            DeleteLambda = true,
            Tags = context.Tags(ResourceNames.Child(name, "canary")),
        }, After(new Resource?[] { permissions, bucket.Policy, bucket.Encryption, args.Probes }.OfType<Resource>().ToArray()));

        var alarms = Alarms(name, args, canaryName, steps);
        var system = SystemAlarm(name, args, canaryName, steps);
        alarms.Add(system);
        SystemAlarmArn = system.Arn;
        CanaryName = canary.Name;
        Targets = plan.Apply(p => p.Targets.ToImmutableArray());
        BucketName = bucket.Bucket.Id;
        AlarmNames = Output.All(alarms.Select(a => a.Name));
        RegisterOutputs();
    }

    private sealed record Artifacts(Bucket Bucket, BucketPolicy Policy, BucketServerSideEncryptionConfiguration Encryption);

    /// <summary>The bucket the canary writes to, as the policy set holds every bucket: KMS, versioned, public
    /// access blocked, TLS only, logged; its objects expire after the retention period.</summary>
    private Artifacts ArtifactBucket(string name, RegionCanariesArgs args, Key key)
    {
        var context = args.Context;
        var region = args.Region;
        var self = new CustomResourceOptions { Parent = this };
        var bucket = new Bucket(ResourceNames.Child(name, "bucket"), new BucketArgs
        {
            Region = region,
            BucketPrefix = BucketPrefix(args.StackName),
            // Artifacts are disposable: turning the canaries off removes the bucket with what it holds.
            ForceDestroy = true,
            Tags = context.Tags(ResourceNames.Child(name, "bucket")),
        }, self);
        var publicAccess = BucketBaseline.Apply(name, bucket.Id, self, region);
        var encryption = BucketBaseline.EncryptWithKey(name, bucket.Id, key.Arn, self, region);
        new BucketLifecycleConfiguration(ResourceNames.Child(name, "lifecycle"), new BucketLifecycleConfigurationArgs
        {
            Region = region,
            Bucket = bucket.Id,
            Rules =
            {
                new BucketLifecycleConfigurationRuleArgs
                {
                    Id = "expire-artifacts",
                    Status = "Enabled",
                    Filter = new BucketLifecycleConfigurationRuleFilterArgs { Prefix = "" },
                    Expiration = new BucketLifecycleConfigurationRuleExpirationArgs { Days = args.Settings.ArtifactRetentionDays },
                    NoncurrentVersionExpiration = new BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs { NoncurrentDays = LogBucket.NoncurrentVersionDays },
                    AbortIncompleteMultipartUpload = new BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs { DaysAfterInitiation = 7 },
                },
            },
        }, self);
        // After the public access block: S3 refuses a policy while the block is being put in place.
        var policy = new BucketPolicy(ResourceNames.Child(name, "policy"), new BucketPolicyArgs
        {
            Region = region,
            Bucket = bucket.Id,
            Policy = bucket.Arn.Apply(arn => System.Text.Json.JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = new[] { BucketPolicies.DenyWithoutTls(arn) } })),
        }, new CustomResourceOptions { Parent = this, DependsOn = { publicAccess } });
        if (args.LogBucket is { Length: > 0 } logs)
        {
            new BucketLogging(ResourceNames.Child(name, "access-logs"), new BucketLoggingArgs
            {
                Region = region,
                Bucket = bucket.Id,
                TargetBucket = logs,
                TargetPrefix = AccessLogPrefix(args.StackName),
            }, self);
        }
        return new Artifacts(bucket, policy, encryption);
    }

    /// <summary>The canary's alarms: runs failing more often than the availability objective allows, and
    /// runs slower than their requests' latency limits together; both notify the region's alarm topic.</summary>
    private List<MetricAlarm> Alarms(string name, RegionCanariesArgs args, string canaryName, Output<IReadOnlyList<CanaryStep>> steps)
    {
        var context = args.Context;
        var period = args.Settings.Schedule.IntervalSeconds;
        var dimensions = new InputMap<string> { { "CanaryName", canaryName } };
        MetricAlarm Alarm(string part, MetricAlarmArgs alarm)
        {
            alarm.Name = ResourceNames.Join(context.Application, args.StackName, part);
            alarm.Region = args.Region;
            alarm.Namespace = CanaryPermissions.MetricsNamespace;
            alarm.Dimensions = dimensions;
            alarm.Period = period;
            alarm.EvaluationPeriods = CanaryThresholds.EvaluationPeriods;
            alarm.DatapointsToAlarm = CanaryThresholds.DatapointsToAlarm;
            alarm.AlarmActions.Add(args.AlarmTopicArn);
            alarm.OkActions.Add(args.AlarmTopicArn);
            alarm.Tags = context.Tags(ResourceNames.Child(name, part));
            return new MetricAlarm(ResourceNames.Child(name, part), alarm, new CustomResourceOptions { Parent = this });
        }
        var success = CanaryThresholds.SuccessPercent(args.Slo);
        return new List<MetricAlarm>
        {
            Alarm("canary-success", new MetricAlarmArgs
            {
                AlarmDescription = $"The canary {canaryName} succeeds in fewer than {success}% of its runs (the availability objective), in {CanaryThresholds.DatapointsToAlarm} of {CanaryThresholds.EvaluationPeriods} runs; a canary that stopped running counts as failing",
                MetricName = "SuccessPercent",
                Statistic = "Average",
                ComparisonOperator = "LessThanThreshold",
                Threshold = success,
                TreatMissingData = "breaching",
            }),
            Alarm("canary-duration", new MetricAlarmArgs
            {
                AlarmDescription = Output.Format($"A run of the canary {canaryName} takes longer than its requests' latency limits together ({steps.Apply(CanaryThresholds.DurationMs)} ms), in {CanaryThresholds.DatapointsToAlarm} of {CanaryThresholds.EvaluationPeriods} runs"),
                MetricName = "Duration",
                Statistic = "Average",
                ComparisonOperator = "GreaterThanThreshold",
                Threshold = steps.Apply(s => (double)CanaryThresholds.DurationMs(s)),
                TreatMissingData = "notBreaching",
            }),
        };
    }

    /// <summary>A canary's steps: on each target, the health path's check and then the configured ones, each
    /// where it reaches the API (<see cref="CanaryTargets.Reaches"/>).</summary>
    public static IReadOnlyList<CanaryStep> Steps(IReadOnlyList<CanaryTarget> targets, CanarySettings settings, string healthCheckPath, EdgeKind edge)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return CanaryScript.Steps(targets, settings.ChecksWithHealth(healthCheckPath),
            (target, check) => CanaryTargets.Reaches(target.Name, edge, check.Method, check.Path, healthCheckPath));
    }

    /// <summary>The most metrics an alarm on a metric math expression may reference (a hard CloudWatch limit:
    /// CloudWatch User Guide, alarm limits).</summary>
    public const int MaxAlarmMetrics = 10;

    /// <summary>How many metrics the <c>system-success</c> alarm's expression references: one per-step success
    /// metric for each of <see cref="SystemSteps"/> (the health path's on the system's own endpoint,
    /// whatever the edge serves by default, and the checks' where they reach the API). CloudWatch bills an
    /// alarm on a metric math expression for every metric the expression references (the cost model counts
    /// them with this) and takes at most <see cref="MaxAlarmMetrics"/>.</summary>
    /// <param name="healthCheckPath">The region's health path (its regional stack's <c>healthCheckPath</c>).</param>
    public static int SystemAlarmMetrics(CanarySettings settings, EdgeKind edge, string domain, string healthCheckPath) =>
        // The region's own name and stack decide no step's existence, only its URL.
        SystemSteps(Steps(CanaryTargets.For(edge, domain, stackName: "", originDomain: domain), settings, healthCheckPath, edge)).Count;

    /// <summary>The steps that call the system's own endpoint (the edge, or api.&lt;domain&gt; without one) rather than this
    /// region's load balancer: whichever regions serve answer them.</summary>
    public static IReadOnlyList<string> SystemSteps(IEnumerable<CanaryStep> steps) =>
        (steps ?? throw new ArgumentNullException(nameof(steps))).Select(s => s.Name).Where(n => n.StartsWith("api-", StringComparison.Ordinal) || n.StartsWith("edge-", StringComparison.Ordinal)).ToList();

    /// <summary>Any run in which one of the system's steps fails: the lowest of their per-step success rates
    /// (Synthetics publishes SuccessPercent for every step of executeStep) below 100. Missing data is not a
    /// failure: the canary's own success alarm covers a canary that stopped running.</summary>
    private MetricAlarm SystemAlarm(string name, RegionCanariesArgs args, string canaryName, Output<IReadOnlyList<CanaryStep>> steps)
    {
        var context = args.Context;
        var period = args.Settings.Schedule.IntervalSeconds;
        var queries = steps.Apply(all =>
        {
            var names = SystemSteps(all);
            var metrics = names.Select((step, i) => new MetricAlarmMetricQueryArgs
            {
                Id = $"step{i}",
                ReturnData = false,
                Metric = new MetricAlarmMetricQueryMetricArgs
                {
                    Namespace = CanaryPermissions.MetricsNamespace,
                    MetricName = "SuccessPercent",
                    Dimensions = new InputMap<string> { { "CanaryName", canaryName }, { "StepName", step } },
                    Period = period,
                    Stat = "Minimum",
                },
            }).ToList();
            metrics.Add(new MetricAlarmMetricQueryArgs { Id = "system", Label = "lowest success of the system's checks", Expression = "MIN(METRICS())", ReturnData = true });
            return metrics.ToImmutableArray();
        });
        var (failing, runs) = CanaryThresholds.SystemRuns(args.SystemToleranceSeconds, period);
        var endpoint = args.Edge == EdgeKind.None ? Compute.AppTier.ApiHostname(args.Domain) : args.Domain;
        return new MetricAlarm(ResourceNames.Child(name, "system-success"), new MetricAlarmArgs
        {
            Name = ResourceNames.Join(context.Application, args.StackName, "system-success"),
            Region = args.Region,
            AlarmDescription = $"A check of the system's own endpoint ({endpoint}) fails from {args.StackName} in {failing} of {runs} runs of the canary {canaryName}, longer than failover is budgeted to take ({args.SystemToleranceSeconds} s): no region answers it. Rehearsals of {args.StackName}'s outage stop on it",
            MetricQueries = queries,
            ComparisonOperator = "LessThanThreshold",
            Threshold = 100,
            EvaluationPeriods = runs,
            DatapointsToAlarm = failing,
            TreatMissingData = "notBreaching",
            AlarmActions = { args.AlarmTopicArn },
            OkActions = { args.AlarmTopicArn },
            Tags = context.Tags(ResourceNames.Child(name, "system-success")),
        }, new CustomResourceOptions { Parent = this });
    }

    /// <summary>The artifacts key's policy: the account administers it and grants its use through IAM (the
    /// canary's role uses it through S3 only).</summary>
    public static string KeyPolicy(string partition, string accountId) => System.Text.Json.JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new[]
        {
            new { Sid = "Account", Effect = "Allow", Principal = new { AWS = $"arn:{partition}:iam::{accountId}:root" }, Action = "kms:*", Resource = "*" },
        },
    });
}
