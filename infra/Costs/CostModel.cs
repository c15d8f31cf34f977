using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Costs;

/// <summary>One line of a cost estimate: a quantity at a price, less what a free tier covers.</summary>
public sealed record CostLine(string Stack, string Item, decimal Quantity, Price Price)
{
    /// <summary>The part of <see cref="Quantity"/> an always-free allowance covers.</summary>
    public decimal FreeQuantity { get; init; }

    /// <summary>The allowance that covers <see cref="FreeQuantity"/>, if any.</summary>
    public FreeTier? FreeTier { get; init; }

    public decimal MonthlyUsd => Math.Round(Math.Max(0, Quantity - FreeQuantity) * Price.Usd, 2);
}

/// <summary>A stack's monthly estimate, and what could not be priced.</summary>
public sealed record StackCost(string Stack, IReadOnlyList<CostLine> Lines, IReadOnlyList<string> Unpriced)
{
    /// <summary>The sum of the priced lines: when <see cref="Unpriced"/> is not empty, a lower bound.</summary>
    public decimal MonthlyUsd => Lines.Sum(l => l.MonthlyUsd);

    public bool IsComplete => Unpriced.Count == 0;

    /// <summary>The total as a person should read it (see <see cref="CostTotal.Format"/>).</summary>
    public string Total => CostTotal.Format(MonthlyUsd, Unpriced);
}

/// <summary>The monthly estimate of the whole system in one strategy.</summary>
public sealed record SystemCost(RoutingStrategy Strategy, IReadOnlyList<StackCost> Stacks)
{
    /// <summary>The sum of the stacks' priced lines: a lower bound when anything is unpriced.</summary>
    public decimal MonthlyUsd => Stacks.Sum(s => s.MonthlyUsd);

    /// <summary>What no stack's total includes, by stack.</summary>
    public IReadOnlyList<string> Unpriced => Stacks.SelectMany(s => s.Unpriced.Select(u => $"{s.Stack}: {u}")).ToList();

    public bool IsComplete => Unpriced.Count == 0;

    public string Total => CostTotal.Format(MonthlyUsd, Unpriced);
}

/// <summary>How a total is written: a sum that leaves something out says so, and what, so that no one
/// budgets with a partial sum by mistake.</summary>
public static class CostTotal
{
    /// <summary><c>$512.34</c>, or <c>at least $512.34 (incomplete: not priced: EC2 m5.large in ap-south-1)</c>.</summary>
    public static string Format(decimal monthlyUsd, IReadOnlyList<string> unpriced)
    {
        ArgumentNullException.ThrowIfNull(unpriced);
        var amount = $"${monthlyUsd.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}";
        return unpriced.Count == 0 ? amount : $"at least {amount} (incomplete: not priced: {string.Join("; ", unpriced)})";
    }

    /// <summary>A table cell: <c>$512.34</c>, or <c>≥ $512.34</c> when something is unpriced.</summary>
    public static string Cell(decimal monthlyUsd, bool complete) =>
        $"{(complete ? "" : "≥ ")}${monthlyUsd.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>Monthly cost arithmetic: quantities from the settings and traffic assumptions, prices from
/// <see cref="PriceTable"/>. On-demand list prices, no free tier, no taxes, no savings plans.</summary>
public static class CostModel
{
    /// <summary>Days Amazon Managed Service for Prometheus keeps a workspace's samples (its default retention).</summary>
    public const int PrometheusRetentionDays = 150;

    /// <summary>Bytes a stored sample takes: AWS counts 1 or 2, plus the series' metadata; the upper one.</summary>
    public const decimal PrometheusBytesPerSample = 2m;

    /// <summary>Samples the instances send in a month: instances × series each × samples a series sends.</summary>
    public static decimal PrometheusSamplesPerMonth(int instances, int seriesPerInstance, int scrapeIntervalSeconds) =>
        instances * (decimal)seriesPerInstance * MetricsSettings.SamplesPerSeriesPerMonth(scrapeIntervalSeconds, PriceTable.HoursPerMonth);

    /// <summary>The GB stored once the retention period is full: a month's samples × the months kept × bytes a sample (1 GB = 2^30 bytes).</summary>
    public static decimal PrometheusStoredGb(decimal samplesPerMonth) =>
        Math.Round(samplesPerMonth * PrometheusRetentionDays * 24 / PriceTable.HoursPerMonth * PrometheusBytesPerSample / 1_073_741_824m, 3);

    /// <summary>A regional stack, running <paramref name="instances"/> instances (its desired capacity,
    /// or a passive region's standby size).</summary>
    /// <param name="metricsWorkspaceRegion">The region of the workspace the instances write to: the stack's
    /// own unless it writes to its primary's (metrics.workspace primary).</param>
    public static StackCost Regional(RegionalSettings settings, CostSettings traffic, int instances, string? metricsWorkspaceRegion = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(traffic);
        var lines = new List<CostLine>();
        var unpriced = new List<string>();
        var region = settings.Region;
        var hours = PriceTable.HoursPerMonth;

        if (PriceTable.Ec2Hourly.TryGetValue((settings.Compute.InstanceType, region), out var ec2))
            lines.Add(new CostLine(settings.StackName, $"EC2 {instances} × {settings.Compute.InstanceType}", instances * hours, ec2));
        else
            unpriced.Add($"EC2 {settings.Compute.InstanceType} in {region}");

        if (PriceTable.Regional.TryGetValue(region, out var prices))
        {
            lines.Add(new CostLine(settings.StackName, $"EBS gp3 {instances} × {settings.Compute.RootVolumeGb} GB", instances * settings.Compute.RootVolumeGb, prices.EbsGp3GbMonth));
            var nats = settings.NatGateways == NatGatewayMode.PerAz ? settings.AzCount : 1;
            lines.Add(new CostLine(settings.StackName, $"NAT gateway hours ({nats})", nats * hours, prices.NatHourly));
            lines.Add(new CostLine(settings.StackName, "NAT gateway data processed", traffic.NatGbPerRegionPerMonth, prices.NatPerGb));
            lines.Add(new CostLine(settings.StackName, "Application load balancer hours", hours, prices.AlbHourly));
            lines.Add(new CostLine(settings.StackName, $"Application load balancer LCUs ({traffic.LcuPerLoadBalancer} average)", (decimal)traffic.LcuPerLoadBalancer * hours, prices.AlbLcuHourly));
        }
        else
        {
            unpriced.Add($"EBS, NAT and load balancer in {region}");
        }

        if (settings.Database.Engine == DatabaseEngine.AuroraPostgresql)
            AuroraLines(settings, traffic, lines, unpriced);
        else
            PostgresLines(settings, traffic, lines, unpriced);
        if (settings.Metrics.Enabled)
            PrometheusLines(settings, traffic, instances, metricsWorkspaceRegion ?? settings.Region, lines, unpriced);
        var keys = RegionalKmsKeys(settings);
        lines.Add(new CostLine(settings.StackName, $"KMS keys ({string.Join(", ", keys)})", keys.Count, PriceTable.Global.KmsKeyMonth));
        return new StackCost(settings.StackName, lines, unpriced);
    }

    /// <summary>The customer managed keys a regional stack creates, each billed by the month.</summary>
    public static IReadOnlyList<string> RegionalKmsKeys(RegionalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var keys = new List<string> { "database", "service parameters" };
        if (settings.Metrics.OwnsWorkspace)
            keys.Add("metrics workspace");
        if (settings.Assets.Enabled)
            keys.Add("asset bucket");
        if (settings.Edge == EdgeKind.CloudFront)
            keys.Add("origin secret");
        return keys;
    }

    /// <summary>Amazon Managed Service for Prometheus: the samples this stack's instances send and their
    /// storage (at the workspace's prices, wherever it is), and for a stack that holds a workspace the query
    /// samples its rules, dashboards and queries process.</summary>
    private static void PrometheusLines(RegionalSettings settings, CostSettings traffic, int instances, string workspaceRegion, List<CostLine> lines, List<string> unpriced)
    {
        if (!PriceTable.Prometheus.TryGetValue(workspaceRegion, out var prices))
        {
            unpriced.Add($"Prometheus samples, storage and queries in {workspaceRegion}");
            return;
        }
        var interval = settings.Metrics.ScrapeIntervalSeconds;
        var samples = PrometheusSamplesPerMonth(instances, traffic.MetricSeriesPerInstance, interval);
        var where = workspaceRegion == settings.Region ? "" : $", into the workspace in {workspaceRegion}";
        lines.Add(new CostLine(settings.StackName, $"Prometheus samples ingested ({instances} × {traffic.MetricSeriesPerInstance} series every {interval} s{where})",
            samples / 10_000_000m, prices.SamplesPer10M));
        lines.Add(new CostLine(settings.StackName, $"Prometheus storage ({PrometheusRetentionDays} days of those samples)", PrometheusStoredGb(samples), prices.StorageGbMonth));
        if (settings.Metrics.OwnsWorkspace)
            lines.Add(new CostLine(settings.StackName, "Prometheus query samples processed (rules, dashboards, queries)", traffic.MetricQuerySamplesPerMonth / 1_000_000_000m, prices.QuerySamplesPerBillion));
    }

    /// <summary>The region of the workspace a regional stack writes to, from the stacks of its system.</summary>
    public static string MetricsWorkspaceRegion(RegionalSettings settings, IEnumerable<RegionalSettings> system)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Metrics.WritesToPrimary && system.FirstOrDefault(s => s.StackName == settings.PrimaryStack) is { } primary ? primary.Region : settings.Region;
    }

    /// <summary>RDS for PostgreSQL: the instance (twice with Multi-AZ), its storage, and in a replica region
    /// the replication into it and the writes it sends to the primary over peering.</summary>
    private static void PostgresLines(RegionalSettings settings, CostSettings traffic, List<CostLine> lines, List<string> unpriced)
    {
        var region = settings.Region;
        var database = settings.Database;
        var copies = database.MultiAz ? 2 : 1;
        if (PriceTable.RdsHourly.TryGetValue((database.InstanceClass, region), out var rds))
            lines.Add(new CostLine(settings.StackName, $"RDS {database.InstanceClass}{(copies == 2 ? " Multi-AZ" : "")} ({(settings.Role == RegionRole.Primary ? "primary" : "replica")})", copies * PriceTable.HoursPerMonth, rds));
        else
            unpriced.Add($"RDS {database.InstanceClass} in {region}");
        if (PriceTable.Regional.TryGetValue(region, out var prices))
            lines.Add(new CostLine(settings.StackName, $"RDS gp3 storage {database.AllocatedStorageGb} GB{(copies == 2 ? " × 2 (Multi-AZ)" : "")}", database.AllocatedStorageGb * copies, prices.RdsStorageGbMonth));
        else
            unpriced.Add($"RDS storage in {region}");
        if (settings.Role == RegionRole.Replica)
        {
            lines.Add(new CostLine(settings.StackName, "Cross-region replication transfer into this region", traffic.ReplicationGbPerMonth, PriceTable.Global.InterRegionGb));
            lines.Add(new CostLine(settings.StackName, "Writes to the primary over VPC peering (both directions)", traffic.CrossRegionWriteGbPerMonth, PriceTable.Global.InterRegionGb));
        }
    }

    /// <summary>An Aurora cluster: its instances (provisioned, or Serverless v2 capacity), storage of its
    /// full copy of the data (database.allocatedStorageGb as the expected size), I/O, and on a secondary the
    /// replicated write I/O and the transfer into its region.</summary>
    private static void AuroraLines(RegionalSettings settings, CostSettings traffic, List<CostLine> lines, List<string> unpriced)
    {
        var region = settings.Region;
        var database = settings.Database;
        var instances = settings.Role == RegionRole.Primary ? database.Readers + 1 : database.Readers;
        var role = settings.Role == RegionRole.Primary ? "primary cluster" : "secondary cluster";
        if (!PriceTable.Aurora.TryGetValue(region, out var prices))
        {
            unpriced.Add($"Aurora capacity, storage and I/O in {region}");
            if (!database.IsServerless)
                unpriced.Add($"Aurora {database.InstanceClass} in {region}");
            return;
        }
        if (database.IsServerless)
        {
            lines.Add(new CostLine(settings.StackName, $"Aurora Serverless v2 {instances} × {traffic.ServerlessAverageAcu} ACU average ({role})",
                instances * (decimal)traffic.ServerlessAverageAcu * PriceTable.HoursPerMonth, prices.AcuHour));
        }
        else if (PriceTable.AuroraHourly.TryGetValue((database.InstanceClass, region), out var hourly))
        {
            lines.Add(new CostLine(settings.StackName, $"Aurora {instances} × {database.InstanceClass} ({role})", instances * PriceTable.HoursPerMonth, hourly));
        }
        else
        {
            unpriced.Add($"Aurora {database.InstanceClass} in {region}");
        }
        lines.Add(new CostLine(settings.StackName, $"Aurora storage {database.AllocatedStorageGb} GB (this region's copy)", database.AllocatedStorageGb, prices.StorageGbMonth));
        lines.Add(new CostLine(settings.StackName, "Aurora I/O", traffic.DatabaseIoPerMonth / 1_000_000m, prices.IoPerMillion));
        if (settings.Role == RegionRole.Replica)
        {
            lines.Add(new CostLine(settings.StackName, "Aurora replicated write I/O into this region", traffic.ReplicatedWriteIoPerMonth / 1_000_000m, prices.ReplicatedWritePerMillion));
            lines.Add(new CostLine(settings.StackName, "Cross-region replication transfer into this region", traffic.ReplicationGbPerMonth, PriceTable.Global.InterRegionGb));
        }
    }

    /// <summary>The global stack: Route 53, the edge, the session table, alarms, their topics' keys and dashboards.</summary>
    /// <param name="regionStacks">The regional stacks it connects, for what depends on them (each region's
    /// health path, which its canary checks); a region not among them counts with the defaults.</param>
    public static StackCost Global(GlobalSettings settings, CostSettings traffic, RoutingStrategy strategy, IEnumerable<RegionalSettings>? regionStacks = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(traffic);
        var lines = new List<CostLine>();
        var regions = settings.Regions.Count;
        var stack = settings.StackName;
        if (settings.Dns == DnsProvider.Route53)
        {
            lines.Add(new CostLine(stack, "Route 53 hosted zone", 1, PriceTable.Global.HostedZoneMonth));
            lines.Add(new CostLine(stack, $"Route 53 health checks ({regions})", regions, PriceTable.Global.HealthCheckMonth));
            var features = 2 + (settings.HealthCheck.IntervalSeconds == 10 ? 1 : 0); // HTTPS, latency measurement, fast interval
            lines.Add(new CostLine(stack, $"Route 53 health check features ({features} each: HTTPS, latency measurement{(features == 3 ? ", 10 s interval" : "")})", regions * features, PriceTable.Global.HealthCheckFeatureMonth));
            lines.Add(new CostLine(stack, strategy == RoutingStrategy.ActiveActive ? "Route 53 latency-based queries" : "Route 53 failover (standard) queries",
                traffic.DnsQueriesPerMonth / 1_000_000m, strategy == RoutingStrategy.ActiveActive ? PriceTable.Global.LatencyQueriesPerMillion : PriceTable.Global.StandardQueriesPerMillion));
            lines.Add(new CostLine(stack, $"CloudWatch alarms: Route 53 health ({regions})", regions, PriceTable.Global.AlarmMetricMonth));
        }
        if (settings.RegionSwitch.Enabled)
        {
            // The plans (active-active PostgreSQL adds the writer plan), the health check the system plan keeps
            // per region and the records' gate per region (both regions).
            var engine = Reliability.BudgetReport.EngineOf(regionStacks?.ToList() ?? new List<RegionalSettings>());
            var plans = Reliability.RegionSwitchSteps.Plans(strategy, engine).Count;
            lines.Add(new CostLine(stack, plans == 1 ? "ARC Region switch plan" : $"ARC Region switch plans ({plans}: traffic, writer)", plans, PriceTable.Global.RegionSwitchPlanMonth));
            lines.Add(new CostLine(stack, "Route 53 health checks of the Region switch plan (2) and the records' gates (2)", 4, PriceTable.Global.CalculatedHealthCheckMonth));
        }
        if (settings.Edge == EdgeKind.CloudFront)
        {
            lines.Add(new CostLine(stack, "CloudFront HTTPS requests", traffic.RequestsPerMonth / 10_000m, PriceTable.Global.CloudFrontHttpsPer10k));
            lines.Add(new CostLine(stack, "CloudFront data out", traffic.DataOutGbPerMonth, PriceTable.Global.CloudFrontDataOutGb));
        }
        if (settings.SessionStore)
        {
            lines.Add(new CostLine(stack, "DynamoDB writes (the writing replica)", traffic.SessionWritesPerMonth / 1_000_000m, PriceTable.Global.DynamoWritesPerMillion));
            lines.Add(new CostLine(stack, $"DynamoDB replicated writes ({regions - 1} other replicas)", traffic.SessionWritesPerMonth * (regions - 1) / 1_000_000m, PriceTable.Global.DynamoReplicatedWritesPerMillion));
            lines.Add(new CostLine(stack, "DynamoDB reads", traffic.SessionReadsPerMonth / 1_000_000m, PriceTable.Global.DynamoReadsPerMillion));
            lines.Add(new CostLine(stack, $"DynamoDB storage {traffic.SessionStorageGb} GB × {regions} replicas", traffic.SessionStorageGb * regions, PriceTable.Global.DynamoStorageGbMonth));
            lines.Add(new CostLine(stack, "Session table replication transfer", traffic.SessionWritesPerMonth * (regions - 1) / 1_000_000m * 0.001m, PriceTable.Global.InterRegionGb));
        }
        // Per region: seven alarms, the 5xx rate one on three metrics; and one dashboard.
        lines.Add(new CostLine(stack, $"CloudWatch alarms: regional SLO alarms ({regions} × 9 metrics)", regions * 9, PriceTable.Global.AlarmMetricMonth));
        lines.Add(new CostLine(stack, $"CloudWatch dashboards ({regions})", regions, PriceTable.Global.DashboardMonth));
        // Alarm topics: one per region, and the Route 53 health alarms' in us-east-1; each on a key of its own.
        var topics = regions + (settings.Dns == DnsProvider.Route53 ? 1 : 0);
        lines.Add(new CostLine(stack, $"KMS keys (alarm topics: {topics})", topics, PriceTable.Global.KmsKeyMonth));
        if (settings.Rehearsal.Enabled)
        {
            var rehearsal = settings.Rehearsal;
            lines.Add(new CostLine(stack, $"FIS rehearsals: {rehearsal.MinutesPerMonth} game-day minutes × up to {rehearsal.SubnetTiers.Count} actions at once (templates are free)",
                rehearsal.ActionMinutesPerMonth, PriceTable.Global.FisActionMinute));
        }
        if (settings.Canaries.Enabled)
        {
            // A canary per region, billed per run whatever it checks; three alarms and an artifacts key each.
            var runs = settings.Canaries.Schedule.RunsPerMonth;
            lines.Add(new CostLine(stack, $"CloudWatch Synthetics canary runs ({regions} × {runs.ToString("0.##", global::System.Globalization.CultureInfo.InvariantCulture)} at {settings.Canaries.Schedule.Expression})",
                regions * runs, PriceTable.Global.CanaryRun));
            lines.Add(new CostLine(stack, $"CloudWatch alarms: canary success and duration ({regions} × 2)", regions * 2, PriceTable.Global.AlarmMetricMonth));
            // The system-success alarm is on a metric math expression over the per-step success metrics of
            // the checks of the system's own endpoint: billed per metric it references (PriceTable's source).
            var known = (regionStacks ?? Array.Empty<RegionalSettings>()).GroupBy(r => r.StackName).ToDictionary(g => g.Key, g => g.First());
            var metrics = settings.Regions.Select(r => Monitoring.RegionCanaries.SystemAlarmMetrics(settings.Canaries, settings.Edge, settings.Domain,
                known.TryGetValue(r, out var region) ? region.HealthCheckPath : RegionalSettings.DefaultHealthCheckPath)).ToList();
            var perRegion = metrics.Distinct().Count() == 1 ? $"{regions} × {metrics[0]}" : string.Join(" + ", metrics);
            lines.Add(new CostLine(stack, $"CloudWatch alarms: canary system success ({perRegion} metrics of its expression)", metrics.Sum(), PriceTable.Global.AlarmMetricMonth));
            lines.Add(new CostLine(stack, $"KMS keys (canary artifacts: {regions})", regions, PriceTable.Global.KmsKeyMonth));
        }
        return new StackCost(stack, ApplyFreeTiers(lines), Array.Empty<string>());
    }

    /// <summary>Spends each always-free allowance on the lines at its price, in order, once per account.</summary>
    public static IReadOnlyList<CostLine> ApplyFreeTiers(IEnumerable<CostLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var left = PriceTable.FreeTiers.ToDictionary(t => t, t => t.Quantity);
        return lines.Select(line =>
        {
            var tier = PriceTable.FreeTiers.FirstOrDefault(t => t.Price == line.Price);
            if (tier is null || left[tier] <= 0)
                return line;
            var free = Math.Min(left[tier], line.Quantity);
            left[tier] -= free;
            return line with { FreeQuantity = free, FreeTier = tier };
        }).ToList();
    }

    /// <summary>The system in a strategy: in active-passive the passive regions (standby, by default the
    /// replicas) run their standby capacity, as their stacks deploy it (compute.standbyCapacity).</summary>
    public static SystemCost System(GlobalSettings global, IReadOnlyList<RegionalSettings> regions, CostSettings traffic, RoutingStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(regions);
        var stacks = regions.Select(r => Regional(r, traffic, (r with { Strategy = strategy }).DeployedCompute.DesiredCapacity, MetricsWorkspaceRegion(r, regions)))
            .Append(Global(global, traffic, strategy, regions))
            .ToList();
        return new SystemCost(strategy, stacks);
    }
}
