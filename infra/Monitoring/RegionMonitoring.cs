using System.Text.Json;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using MultiRegionInfra.Reliability;
using Pulumi;
using Pulumi.Aws.CloudWatch;
using Pulumi.Aws.CloudWatch.Inputs;

namespace MultiRegionInfra.Monitoring;

/// <summary>CloudWatch alarms and a dashboard for one region, in that region, with thresholds derived
/// from the SLO: load balancer 5xx rate against the error budget, p99 response time against the target,
/// unhealthy hosts, healthy capacity below the group's minimum, replica lag against the RPO, database
/// CPU and free storage. Alarms notify the region's <see cref="AlarmTopic"/> (and through it the SLO's
/// e-mail), encrypted with a key CloudWatch may use.</summary>
public sealed class RegionMonitoring : ComponentResource
{
    /// <summary>The region's alarm topic.</summary>
    [Output]
    public Output<string> TopicArn { get; private set; } = null!;

    /// <summary>The names of the region's alarms.</summary>
    [Output]
    public Output<System.Collections.Immutable.ImmutableArray<string>> AlarmNames { get; private set; } = null!;

    /// <summary>The ARNs of the region's SLO alarms, what its users feel: the 5xx rate against the error
    /// budget, then the p99 response time.</summary>
    [Output]
    public Output<System.Collections.Immutable.ImmutableArray<string>> SloAlarmArns { get; private set; } = null!;

    public RegionMonitoring(string name, RegionMonitoringArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:monitoring:RegionMonitoring", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var self = new CustomResourceOptions { Parent = this };
        var context = args.Context;
        var slo = args.Slo;
        var topic = new AlarmTopic(ResourceNames.Child(name, "alarms"), new AlarmTopicArgs
        {
            Context = context,
            Region = args.Region,
            TopicName = ResourceNames.Limit(ResourceNames.Join(context.Application, args.StackName, "alarms"), 256),
            AccountId = args.AccountId,
            NotificationEmail = slo.NotificationEmail,
            Publishers = args.TopicPublishers,
            Protect = args.Protect,
        }, new ComponentResourceOptions { Parent = this });

        MetricAlarm Alarm(string part, string description, MetricAlarmArgs alarm)
        {
            alarm.Name = ResourceNames.Join(context.Application, args.StackName, part);
            alarm.AlarmDescription = description;
            alarm.Region = args.Region;
            alarm.AlarmActions.Add(topic.TopicArn);
            alarm.OkActions.Add(topic.TopicArn);
            alarm.Tags = context.Tags(ResourceNames.Child(name, part));
            return new MetricAlarm(ResourceNames.Child(name, part), alarm, self);
        }

        var alb = new InputMap<string> { { "LoadBalancer", args.LoadBalancer } };
        var alarms = new List<MetricAlarm>
        {
            Alarm("5xx-rate", $"5xx responses above {AlarmThresholds.ErrorRatePercent(slo)}% of requests (the error budget of {slo.AvailabilityPercent}% availability)", new MetricAlarmArgs
            {
                ComparisonOperator = "GreaterThanThreshold",
                Threshold = AlarmThresholds.ErrorRatePercent(slo),
                EvaluationPeriods = 3,
                DatapointsToAlarm = 2,
                TreatMissingData = "notBreaching",
                MetricQueries =
                {
                    Metric("target5xx", "HTTPCode_Target_5XX_Count", "AWS/ApplicationELB", alb),
                    Metric("elb5xx", "HTTPCode_ELB_5XX_Count", "AWS/ApplicationELB", alb),
                    Metric("requests", "RequestCount", "AWS/ApplicationELB", alb),
                    new MetricAlarmMetricQueryArgs { Id = "rate", Label = "5xx %", ReturnData = true, Expression = "100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / FILL(requests, 1)" },
                },
            }),
            Alarm("p99-latency", $"p99 target response time above the {slo.P99LatencyMs} ms objective", new MetricAlarmArgs
            {
                Namespace = "AWS/ApplicationELB",
                MetricName = "TargetResponseTime",
                ExtendedStatistic = "p99",
                Dimensions = alb,
                Period = 300,
                EvaluationPeriods = 3,
                DatapointsToAlarm = 2,
                ComparisonOperator = "GreaterThanThreshold",
                Threshold = AlarmThresholds.P99Seconds(slo),
                TreatMissingData = "notBreaching",
            }),
            Alarm("unhealthy-hosts", "A target fails the load balancer's health check", new MetricAlarmArgs
            {
                Namespace = "AWS/ApplicationELB",
                MetricName = "UnHealthyHostCount",
                Statistic = "Maximum",
                Dimensions = new InputMap<string> { { "LoadBalancer", args.LoadBalancer }, { "TargetGroup", args.TargetGroup } },
                Period = 60,
                EvaluationPeriods = 3,
                ComparisonOperator = "GreaterThanThreshold",
                Threshold = 0,
                TreatMissingData = "notBreaching",
            }),
            Alarm("healthy-capacity", "Fewer healthy hosts than the auto scaling group's minimum", new MetricAlarmArgs
            {
                Namespace = "AWS/ApplicationELB",
                MetricName = "HealthyHostCount",
                Statistic = "Minimum",
                Dimensions = new InputMap<string> { { "LoadBalancer", args.LoadBalancer }, { "TargetGroup", args.TargetGroup } },
                Period = 60,
                EvaluationPeriods = 5,
                ComparisonOperator = "LessThanThreshold",
                Threshold = args.MinHealthyHosts.Apply(n => (double)n),
                TreatMissingData = "breaching",
            }),
        };
        alarms.AddRange(DatabaseAlarms(args, Alarm));

        new Dashboard(ResourceNames.Child(name, "dashboard"), new DashboardArgs
        {
            Region = args.Region,
            DashboardName = ResourceNames.Join(context.Application, args.StackName),
            DashboardBody = Output.Tuple(args.Region.ToOutput(), args.LoadBalancer.ToOutput(), args.TargetGroup.ToOutput(), args.DbInstance.ToOutput())
                .Apply(t => DashboardBody(t.Item1, t.Item2, t.Item3, t.Item4, slo, DatabaseMetrics.For(args.Engine, args.IsReplica))),
        }, self);

        TopicArn = topic.TopicArn;
        AlarmNames = Output.All(alarms.Select(a => a.Name));
        SloAlarmArns = Output.All(alarms.Take(2).Select(a => a.Arn));
        RegisterOutputs();
    }

    /// <summary>The database's alarms, for the metrics its engine and role report: RDS replicas report
    /// ReplicaLag (seconds), RDS primaries none; Aurora secondaries report AuroraGlobalDBReplicationLag
    /// (milliseconds), and since a global failover makes any cluster a secondary without a deployment, every
    /// Aurora cluster has the alarm (the writer's reports nothing: missing data is not breaching). Aurora's
    /// storage grows by itself, so only RDS has a free storage alarm.</summary>
    private static IEnumerable<MetricAlarm> DatabaseAlarms(RegionMonitoringArgs args, Func<string, string, MetricAlarmArgs, MetricAlarm> alarm)
    {
        var slo = args.Slo;
        var metrics = DatabaseMetrics.For(args.Engine, args.IsReplica);
        var database = new InputMap<string> { { metrics.Dimension, args.DbInstance } };
        if (metrics.LagMetric is { } lag)
        {
            yield return alarm("replica-lag", $"Replication lag above {AlarmThresholds.ReplicaLagSeconds(slo)} s, half the {slo.RpoSeconds} s RPO ({lag})", new MetricAlarmArgs
            {
                Namespace = "AWS/RDS",
                MetricName = lag,
                Statistic = "Maximum",
                Dimensions = database,
                Period = 60,
                EvaluationPeriods = 3,
                ComparisonOperator = "GreaterThanThreshold",
                Threshold = AlarmThresholds.ReplicaLagSeconds(slo) * metrics.LagUnitsPerSecond,
                TreatMissingData = "notBreaching",
            });
        }
        yield return alarm("db-cpu", $"Database CPU above {AlarmThresholds.DatabaseCpuPercent}%", new MetricAlarmArgs
        {
            Namespace = "AWS/RDS",
            MetricName = "CPUUtilization",
            Statistic = "Average",
            Dimensions = new InputMap<string> { { metrics.Dimension, args.DbInstance } },
            Period = 300,
            EvaluationPeriods = 3,
            ComparisonOperator = "GreaterThanThreshold",
            Threshold = AlarmThresholds.DatabaseCpuPercent,
            TreatMissingData = "notBreaching",
        });
        if (metrics.HasFreeStorage)
        {
            yield return alarm("db-free-storage", "Database free storage below 10% of its allocation", new MetricAlarmArgs
            {
                Namespace = "AWS/RDS",
                MetricName = "FreeStorageSpace",
                Statistic = "Minimum",
                Dimensions = new InputMap<string> { { metrics.Dimension, args.DbInstance } },
                Period = 300,
                EvaluationPeriods = 1,
                ComparisonOperator = "LessThanThreshold",
                Threshold = args.DbAllocatedStorageGb.Apply(AlarmThresholds.FreeStorageBytes),
                TreatMissingData = "breaching",
            });
        }
    }

    private static MetricAlarmMetricQueryArgs Metric(string id, string metric, string ns, InputMap<string> dimensions) => new()
    {
        Id = id,
        ReturnData = false,
        Metric = new MetricAlarmMetricQueryMetricArgs { MetricName = metric, Namespace = ns, Period = 300, Stat = "Sum", Dimensions = dimensions },
    };

    /// <summary>The dashboard's JSON: one widget per alarmed metric, the SLO lines drawn in.</summary>
    public static string DashboardBody(string region, string loadBalancer, string targetGroup, string dbInstance, SloSettings slo, DatabaseMetrics database)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(slo);
        object Widget(string title, object[][] metrics, double? line = null, string? label = null) => new
        {
            type = "metric",
            width = 12,
            height = 6,
            properties = new
            {
                title,
                region,
                metrics,
                view = "timeSeries",
                stat = "Sum",
                period = 300,
                annotations = line is null ? null : new { horizontal = new[] { new { value = line, label } } },
            },
        };
        var widgets = new[]
        {
            Widget("Requests and 5xx", new[]
            {
                new object[] { "AWS/ApplicationELB", "RequestCount", "LoadBalancer", loadBalancer },
                new object[] { "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", loadBalancer },
                new object[] { "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", loadBalancer },
            }),
            Widget("p99 target response time (s)", new[] { new object[] { "AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", loadBalancer, new { stat = "p99" } } },
                AlarmThresholds.P99Seconds(slo), "p99 objective"),
            Widget("Healthy and unhealthy hosts", new[]
            {
                new object[] { "AWS/ApplicationELB", "HealthyHostCount", "LoadBalancer", loadBalancer, "TargetGroup", targetGroup, new { stat = "Minimum" } },
                new object[] { "AWS/ApplicationELB", "UnHealthyHostCount", "LoadBalancer", loadBalancer, "TargetGroup", targetGroup, new { stat = "Maximum" } },
            }),
            Widget("Database CPU (%)", new[] { new object[] { "AWS/RDS", "CPUUtilization", database.Dimension, dbInstance, new { stat = "Average" } } },
                AlarmThresholds.DatabaseCpuPercent, "alarm"),
        }.ToList();
        if (database.LagMetric is { } lag)
        {
            widgets.Add(Widget($"Replication lag ({(database.LagUnitsPerSecond == 1 ? "s" : "ms")})", new[] { new object[] { "AWS/RDS", lag, database.Dimension, dbInstance, new { stat = "Maximum" } } },
                AlarmThresholds.ReplicaLagSeconds(slo) * database.LagUnitsPerSecond, "alarm (half the RPO)"));
        }
        if (database.HasFreeStorage)
            widgets.Add(Widget("Database free storage (bytes)", new[] { new object[] { "AWS/RDS", "FreeStorageSpace", database.Dimension, dbInstance, new { stat = "Minimum" } } }));
        return JsonSerializer.Serialize(new { widgets }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
    }
}

/// <summary>The CloudWatch metrics a region's database reports, by engine and role.</summary>
/// <param name="Dimension">DBInstanceIdentifier (RDS) or DBClusterIdentifier (Aurora).</param>
/// <param name="LagMetric">The replication lag metric, or null where the database never reports one (an RDS
/// primary; an Aurora cluster may become a secondary by a global failover, so every one has it).</param>
/// <param name="LagUnitsPerSecond">1 for seconds (ReplicaLag), 1000 for milliseconds (AuroraGlobalDBReplicationLag).</param>
/// <param name="HasFreeStorage">Whether FreeStorageSpace is reported (RDS; Aurora's storage grows by itself).</param>
public sealed record DatabaseMetrics(string Dimension, string? LagMetric, int LagUnitsPerSecond, bool HasFreeStorage)
{
    public static DatabaseMetrics For(DatabaseEngine engine, bool isReplica) => engine == DatabaseEngine.AuroraPostgresql
        ? new DatabaseMetrics("DBClusterIdentifier", "AuroraGlobalDBReplicationLag", 1000, false)
        : new DatabaseMetrics("DBInstanceIdentifier", isReplica ? "ReplicaLag" : null, 1, true);
}
