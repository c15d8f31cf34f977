using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Reliability;

/// <summary>What the failover time depends on. <see cref="StandbyCapacity"/> and <see cref="ServingCapacity"/>
/// are the instances the region taking over runs while passive and must run to serve (its minimum).</summary>
public sealed record BudgetInputs(
    RoutingStrategy Strategy,
    EdgeKind Edge,
    int HealthCheckIntervalSeconds,
    int FailureThreshold,
    int OriginConnectionAttempts,
    int OriginConnectionTimeoutSeconds,
    int InstanceBootSeconds,
    int HealthCheckGraceSeconds,
    int ReplicaPromotionSeconds,
    DatabaseEngine Engine = DatabaseEngine.Postgres,
    int GlobalFailoverSeconds = SloSettings.DefaultGlobalFailoverSeconds,
    int CloudflareMonitorIntervalSeconds = 60,
    int CloudflareMonitorRetries = 2,
    int CloudflareMonitorTimeoutSeconds = 5,
    int StandbyCapacity = 1,
    int ServingCapacity = 2,
    int ApprovalSeconds = SloSettings.DefaultApprovalSeconds,
    int WriterRepointSeconds = SloSettings.DefaultWriterRepointSeconds);

/// <summary>One step of a failover, with what its time comes from; a step that runs branches at once
/// takes as long as its longest branch.</summary>
public sealed record BudgetStep(string Step, int Seconds, string Basis)
{
    /// <summary>The steps this one runs at once (empty for a single step).</summary>
    public IReadOnlyList<BudgetStep> Parallel { get; init; } = Array.Empty<BudgetStep>();
}

/// <summary>The steps of one traffic path from a regional outage to traffic served elsewhere.</summary>
public sealed record FailoverPath(string Path, IReadOnlyList<BudgetStep> Steps)
{
    public int TotalSeconds => Steps.Sum(s => s.Seconds);

    /// <summary>Every step, the branches of parallel steps included, in order.</summary>
    public IEnumerable<BudgetStep> AllSteps => Steps.SelectMany(s => new[] { s }.Concat(s.Parallel));
}

/// <summary>The failover-time budget: for each traffic path, the time from a regional outage to traffic
/// served elsewhere, and the worst of them, held against the RTO.</summary>
public static class FailoverBudget
{
    /// <summary>Route 53 alias records to a load balancer answer with the load balancer's TTL: 60 s.</summary>
    public const int AliasTtlSeconds = 60;

    /// <summary>An Aurora global database's replication lag, as AWS states it: typically under a second.</summary>
    public const int AuroraReplicationLagSeconds = 1;

    public static IReadOnlyList<FailoverPath> Paths(BudgetInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var paths = new List<FailoverPath>();
        // Active-passive fails over by the Region switch plan's workflow, timed step by step; its routing
        // change is what moves the api records, so it takes the place of the DNS step there.
        var plan = inputs.Strategy == RoutingStrategy.ActivePassive
            ? RegionSwitchSteps.Failover(inputs.Strategy, inputs.Engine).Steps.Select(s => StepOf(s, inputs)).ToList()
            : new List<BudgetStep>();

        if (inputs.Edge == EdgeKind.Cloudflare)
        {
            var detection = inputs.CloudflareMonitorIntervalSeconds + inputs.CloudflareMonitorRetries * inputs.CloudflareMonitorTimeoutSeconds;
            var monitors = new BudgetStep("detection", detection,
                $"monitor interval {inputs.CloudflareMonitorIntervalSeconds} s + {inputs.CloudflareMonitorRetries} retries × {inputs.CloudflareMonitorTimeoutSeconds} s");
            // Cloudflare's pools steer by their monitors: the plan's Route 53 step does not move this traffic.
            paths.Add(new FailoverPath("all traffic (Cloudflare load balancer)", new[]
            {
                monitors,
                new BudgetStep("DNS", 0, "proxied: clients keep Cloudflare's addresses, no TTL to expire"),
            }.Concat(plan.Where(s => s.Step != RegionSwitchSteps.RoutingChange.Title)).ToList()));
            AddWrites(paths, inputs, monitors);
            return paths;
        }

        var detect = new BudgetStep("detection", inputs.HealthCheckIntervalSeconds * inputs.FailureThreshold,
            $"health check interval {inputs.HealthCheckIntervalSeconds} s × failure threshold {inputs.FailureThreshold}");
        paths.Add(new FailoverPath("API (Route 53 api.<domain>)", plan.Count > 0
            ? plan.Prepend(detect).ToList()
            : new[] { detect, new BudgetStep("DNS", AliasTtlSeconds, $"the alias record's TTL: a load balancer's {AliasTtlSeconds} s") }));
        AddWrites(paths, inputs, detect);

        if (inputs.Edge == EdgeKind.CloudFront)
        {
            paths.Add(new FailoverPath("cacheable GET (CloudFront origin group)", new[]
            {
                new BudgetStep("origin failover", inputs.OriginConnectionAttempts * inputs.OriginConnectionTimeoutSeconds,
                    $"connection attempts {inputs.OriginConnectionAttempts} × timeout {inputs.OriginConnectionTimeoutSeconds} s, per request"),
            }));
        }
        return paths;
    }

    /// <summary>Writes wait for the writer to move when the lost region held it: the plan's steps up to the
    /// database's takeover (active-active: the writer plan's promotion with PostgreSQL, the global database's
    /// failover with Aurora; active-passive: its failover workflow), and with PostgreSQL the service pointed
    /// at the promoted instance, which no plan step does. Active-passive Aurora's API path already covers
    /// its writes: the secondary cluster's endpoint, which the service writes to, becomes the writer's.</summary>
    private static void AddWrites(List<FailoverPath> paths, BudgetInputs inputs, BudgetStep detection)
    {
        var postgres = inputs.Engine == DatabaseEngine.Postgres;
        if (inputs.Strategy != RoutingStrategy.ActiveActive && !postgres)
            return;
        var steps = RegionSwitchSteps.WriterTakeover(inputs.Strategy, inputs.Engine).Select(s => StepOf(s, inputs)).Prepend(detection).ToList();
        if (postgres)
            steps.Add(WriterRepoint(inputs));
        paths.Add(new FailoverPath("writes (the writer's region lost)", steps));
    }

    /// <summary>After a PostgreSQL promotion the service's writer parameters still name the lost primary
    /// until the promoted region's stack is made the primary and deployed (the runbook's "make the new roles
    /// permanent"), and its writer-restart association restarts the service.</summary>
    public static BudgetStep WriterRepoint(BudgetInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return new BudgetStep("writer re-pointed", inputs.WriterRepointSeconds,
            $"the promoted region's stack made the primary and deployed, its service restarted onto the new writer, estimated {inputs.WriterRepointSeconds} s (failover.writerRepointSeconds)");
    }

    /// <summary>How long one step of the Region switch plan takes, and why.</summary>
    public static BudgetStep StepOf(SwitchStep step, BudgetInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(inputs);
        switch (step.Block)
        {
            case SwitchBlock.ManualApproval:
                return new BudgetStep(step.Title, inputs.ApprovalSeconds,
                    $"a person decides, starting the plan and approving its '{step.Name}' step, estimated {inputs.ApprovalSeconds} s (failover.approvalSeconds)");
            case SwitchBlock.Ec2AutoScaling:
                return ScaleUp(inputs);
            case SwitchBlock.RdsPromoteReadReplica or SwitchBlock.AuroraGlobalDatabase:
                return DatabaseTakeover(inputs);
            case SwitchBlock.Route53HealthCheck:
                return new BudgetStep(step.Title, AliasTtlSeconds,
                    $"the plan's health checks take the lost region out of the api records; resolvers follow within the alias TTL of {AliasTtlSeconds} s");
            case SwitchBlock.Parallel:
                var branches = step.Branches.Select(b => StepOf(b, inputs)).ToList();
                return new BudgetStep(step.Title, branches.Count == 0 ? 0 : branches.Max(b => b.Seconds),
                    $"at once, the longest counts: {string.Join("; ", branches.Select(b => $"{b.Step} {b.Seconds} s ({b.Basis})"))}")
                {
                    Parallel = branches,
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step.Block, "a Region switch block the budget cannot time");
        }
    }

    /// <summary>The passive region's auto scaling group grows from its standby capacity to its serving
    /// minimum: new instances boot and pass their grace period; none are needed when it already runs that.</summary>
    public static BudgetStep ScaleUp(BudgetInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.StandbyCapacity >= inputs.ServingCapacity
            ? new BudgetStep("standby scale-up", 0, $"the standby already runs {inputs.StandbyCapacity} instances, the serving minimum of {inputs.ServingCapacity}")
            : new BudgetStep("standby scale-up", inputs.InstanceBootSeconds + inputs.HealthCheckGraceSeconds,
                $"from {inputs.StandbyCapacity} to {inputs.ServingCapacity} instances: instance boot {inputs.InstanceBootSeconds} s + health-check grace {inputs.HealthCheckGraceSeconds} s");
    }

    /// <summary>How the surviving region's database takes the writes: RDS promotes its read replica; an
    /// Aurora global database fails over to the secondary cluster (managed, with its data-loss flag).</summary>
    public static BudgetStep DatabaseTakeover(BudgetInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.Engine == DatabaseEngine.AuroraPostgresql
            ? new BudgetStep("global database failover", inputs.GlobalFailoverSeconds,
                $"Aurora global database managed failover to the secondary cluster, estimated {inputs.GlobalFailoverSeconds} s (failover.globalFailoverSeconds)")
            : new BudgetStep("replica promotion", inputs.ReplicaPromotionSeconds,
                $"promoting the read replica to primary, estimated {inputs.ReplicaPromotionSeconds} s (failover.replicaPromotionSeconds)");
    }

    /// <summary>The worst path: what the RTO must cover.</summary>
    public static int WorstSeconds(BudgetInputs inputs) => Paths(inputs).Max(p => p.TotalSeconds);

    /// <summary>When the budget exceeds the RTO: the single changes that would meet it, with their budgets.</summary>
    public static IReadOnlyList<string> Suggestions(BudgetInputs inputs, int rtoSeconds)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var candidates = new List<(string Change, BudgetInputs Inputs)>
        {
            ("healthCheck.intervalSeconds: 10", inputs with { HealthCheckIntervalSeconds = 10 }),
            ("healthCheck.failureThreshold: 1", inputs with { FailureThreshold = 1 }),
            ("healthCheck.intervalSeconds: 10 and healthCheck.failureThreshold: 1", inputs with { HealthCheckIntervalSeconds = 10, FailureThreshold = 1 }),
        };
        if (inputs.Engine == DatabaseEngine.Postgres)
            candidates.Add(("database.engine: aurora-postgresql", inputs with { Engine = DatabaseEngine.AuroraPostgresql }));
        if (inputs.Strategy != RoutingStrategy.ActiveActive)
        {
            candidates.Add(("strategy: active-active", inputs with { Strategy = RoutingStrategy.ActiveActive }));
            candidates.Add(("strategy: active-active and healthCheck.intervalSeconds: 10", inputs with { Strategy = RoutingStrategy.ActiveActive, HealthCheckIntervalSeconds = 10 }));
        }
        // A combination that changes nothing more than an earlier candidate (the interval already 10 s) is left out.
        return candidates
            .Where(c => c.Inputs != inputs && WorstSeconds(c.Inputs) <= rtoSeconds)
            .DistinctBy(c => c.Inputs)
            .Select(c => $"{c.Change} (budget {WorstSeconds(c.Inputs)} s)")
            .ToList();
    }

    /// <summary>The RPO side: each replication model's expected lag and the alarm that watches it.</summary>
    public static IReadOnlyList<(string Model, int ExpectedLagSeconds, string Basis)> RecoveryPoint(SloSettings slo, bool sessionStore,
        DatabaseEngine engine = DatabaseEngine.Postgres)
    {
        ArgumentNullException.ThrowIfNull(slo);
        var models = new List<(string, int, string)>
        {
            engine == DatabaseEngine.AuroraPostgresql
                ? ("Aurora global database (storage-level replication)", AuroraReplicationLagSeconds,
                    $"AWS states the replication lag is typically under a second; alarmed at AuroraGlobalDBReplicationLag > {AlarmThresholds.ReplicaLagSeconds(slo) * 1000} ms")
                : ("PostgreSQL cross-region read replica (asynchronous)", slo.ReplicaLagSeconds,
                    $"expected lag failover.replicaLagSeconds; alarmed at ReplicaLag > {AlarmThresholds.ReplicaLagSeconds(slo)} s"),
        };
        if (sessionStore)
            models.Add(("DynamoDB global table (asynchronous, multi-primary)", 1, "AWS states replication typically completes within a second (CloudWatch ReplicationLatency per replica)"));
        return models;
    }
}

/// <summary>Alarm thresholds derived from the SLO, so changing the objective moves the alarms.</summary>
public static class AlarmThresholds
{
    /// <summary>The 5xx share of requests that spends the error budget: 100 − availability, in percent.</summary>
    public static double ErrorRatePercent(SloSettings slo) => Math.Round(100 - slo.AvailabilityPercent, 6);

    /// <summary>The p99 target response time, in seconds (CloudWatch's unit for TargetResponseTime).</summary>
    public static double P99Seconds(SloSettings slo) => slo.P99LatencyMs / 1000.0;

    /// <summary>Replica lag alarms at half the RPO, to warn before the objective is lost.</summary>
    public static int ReplicaLagSeconds(SloSettings slo) => Math.Max(1, slo.RpoSeconds / 2);

    /// <summary>DynamoDB replication latency alarms at the RPO, in milliseconds.</summary>
    public static int ReplicationLatencyMs(SloSettings slo) => slo.RpoSeconds * 1000;

    /// <summary>RDS CPU alarms above this share.</summary>
    public const double DatabaseCpuPercent = 80;

    /// <summary>RDS free storage alarms below this share of the allocation, in bytes.</summary>
    public static double FreeStorageBytes(int allocatedGb) => allocatedGb * 0.1 * 1024 * 1024 * 1024;
}
