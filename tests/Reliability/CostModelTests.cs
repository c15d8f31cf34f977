using MultiRegionInfra.Configuration;
using MultiRegionInfra.Costs;
using MultiRegionInfra.Tests.Support;
using MultiRegionInfra.Reliability;

namespace MultiRegionInfra.Tests.Reliability;

public class CostModelTests
{
    private static RegionalSettings Regional(Dictionary<string, string> config, string stack)
    {
        var region = config["aws:region"];
        config.Remove("aws:region");
        return RegionalSettings.Read(new ConfigReader("multi-region-infra", config), stack, region)!;
    }

    private static GlobalSettings Global(params (string Key, string Value)[] changes)
    {
        var config = GlobalMocks.Config();
        config.Remove("aws:region");
        foreach (var (key, value) in changes)
            config[key] = value;
        return GlobalSettings.Read(new ConfigReader("multi-region-infra", config), "global")!;
    }

    [Fact]
    public void A_primary_region_costs_its_instances_nat_load_balancer_and_database()
    {
        var cost = CostModel.Regional(Regional(AwsMocks.PrimaryConfig(), "us-east"), CostSettings.Defaults, instances: 2);
        decimal Line(string prefix) => cost.Lines.Single(l => l.Item.StartsWith(prefix, StringComparison.Ordinal)).MonthlyUsd;
        Assert.Equal(30.37m, Line("EC2 2 × t3.small"));             // 2 × 730 h × $0.0208
        Assert.Equal(98.55m, Line("NAT gateway hours (3)"));        // 3 × 730 h × $0.045
        Assert.Equal(2.25m, Line("NAT gateway data processed"));    // 50 GB × $0.045
        Assert.Equal(16.42m, Line("Application load balancer hours"));    // 730 h × $0.0225 = 16.425, rounded half to even
        Assert.Equal(94.90m, Line("RDS db.t4g.medium Multi-AZ"));  // 2 × 730 h × $0.065
        Assert.Equal(11.50m, Line("RDS gp3 storage 50 GB × 2"));    // 100 GB × $0.115
        Assert.Equal(cost.Lines.Sum(l => l.MonthlyUsd), cost.MonthlyUsd);
        Assert.Empty(cost.Unpriced);
    }

    [Theory]
    [InlineData("cloudfront", "true", "true", "database, service parameters, metrics workspace, asset bucket, origin secret")]
    [InlineData("cloudflare", "true", "true", "database, service parameters, metrics workspace, asset bucket")]
    [InlineData("none", "false", "false", "database, service parameters")]
    [InlineData("cloudfront", "false", "true", "database, service parameters, metrics workspace, origin secret")]
    public void A_regional_stack_pays_for_each_key_it_creates(string edge, string assets, string metrics, string keys)
    {
        var settings = Regional(AwsMocks.PrimaryConfig().With(("edge", edge), ("assets.enabled", assets), ("metrics.enabled", metrics)), "us-east");
        Assert.Equal(keys, string.Join(", ", CostModel.RegionalKmsKeys(settings)));
        var line = CostModel.Regional(settings, CostSettings.Defaults, instances: 2).Lines.Single(l => l.Item.StartsWith("KMS keys", StringComparison.Ordinal));
        Assert.Equal($"KMS keys ({keys})", line.Item);
        Assert.Equal(keys.Split(", ").Length * 1.00m, line.MonthlyUsd);
    }

    [Theory]
    // schedule, runs a month per canary, their monthly cost for the two regions
    // The account's 100 free runs a month come off first.
    [InlineData("rate(5 minutes)", "8760", 20.90)]    // (2 × 8760 − 100) × $0.0012 = 20.904
    [InlineData("rate(1 minute)", "43800", 105.00)]   // (2 × 43800 − 100) × $0.0012
    [InlineData("rate(1 hour)", "730", 1.63)]         // (2 × 730 − 100) × $0.0012 = 1.632
    public void The_canaries_cost_their_runs_their_alarms_and_their_keys(string schedule, string runs, double monthly)
    {
        var cost = CostModel.Global(Global(("canary.enabled", "true"), ("canary.schedule", schedule)), CostSettings.Defaults, RoutingStrategy.ActiveActive);
        var line = cost.Lines.Single(l => l.Item.StartsWith("CloudWatch Synthetics canary runs", StringComparison.Ordinal));
        Assert.Equal($"CloudWatch Synthetics canary runs (2 × {runs} at {schedule})", line.Item);
        Assert.Equal((decimal)monthly, line.MonthlyUsd);
        Assert.Equal(100m, line.FreeQuantity);
        Assert.Equal("100 canary runs", line.FreeTier!.Description);
        Assert.Equal(0.0012m, line.Price.Usd);
        Assert.Equal("canary run", line.Price.Unit);
        Assert.Equal(PriceCheck.ThirdParty, line.Price.Check);
        Assert.StartsWith("https://aws.amazon.com/cloudwatch/pricing/ (Canaries tab;", line.Price.Source, StringComparison.Ordinal);
        // The Route 53 health alarms (2) and the regional SLO alarms (18) have spent the 10 free alarm metrics.
        Assert.Equal(0.40m, cost.Lines.Single(l => l.Item == "CloudWatch alarms: canary success and duration (2 × 2)").MonthlyUsd);
        // Behind CloudFront the canary calls the edge alone, and no check is configured: the system alarm of each
        // region reads edge-health: 2 regions × 1 metric × $0.10.
        var system = cost.Lines.Single(l => l.Item == "CloudWatch alarms: canary system success (2 × 1 metrics of its expression)");
        Assert.Equal((2m, 0m, 0.20m), (system.Quantity, system.FreeQuantity, system.MonthlyUsd));
        Assert.Equal(2.00m, cost.Lines.Single(l => l.Item == "KMS keys (canary artifacts: 2)").MonthlyUsd);

        var off = CostModel.Global(Global(("canary.enabled", "false")), CostSettings.Defaults, RoutingStrategy.ActiveActive);
        Assert.DoesNotContain(off.Lines, l => l.Item.Contains("canary", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(cost.MonthlyUsd - off.MonthlyUsd, line.MonthlyUsd + 0.40m + 0.20m + 2.00m);
    }

    [Theory]
    // edge, assets, us-east's health path (eu-west keeps /health), the line, its monthly cost; every canary
    // checks its health path and /api/status, and the system alarm reads a metric per step on the system's own
    // endpoints: the edge behind one, api.<domain> without.
    // CloudFront with the assets: edge-health (the health path's own behaviour to the API) and edge-get-api-status; 2 × 2 × $0.10.
    [InlineData("cloudfront", "true", "/health", "(2 × 2 metrics of its expression)", 0.40)]
    // Without the assets the edge's default behaviour serves /health too: the same.
    [InlineData("cloudfront", "false", "/health", "(2 × 2 metrics of its expression)", 0.40)]
    // A health path under /api/ reaches the API through /api/*, another through its own behaviour: the same count.
    [InlineData("cloudfront", "true", "/api/health", "(2 × 2 metrics of its expression)", 0.40)]
    // Cloudflare: the edge only, edge-health and edge-get-api-status; 2 × 2 × $0.10.
    [InlineData("cloudflare", "true", "/health", "(2 × 2 metrics of its expression)", 0.40)]
    // No edge: api.<domain> only, api-health and api-get-api-status; 2 × 2 × $0.10.
    [InlineData("none", "false", "/health", "(2 × 2 metrics of its expression)", 0.40)]
    public void The_canaries_system_alarm_costs_a_metric_per_step_it_watches(string edge, string assets, string healthPath, string count, double monthly)
    {
        var changes = new List<(string, string)> { ("canary.enabled", "true"), ("canary.checks", "[\"{path: /api/status}\"]"), ("edge", edge), ("assets.enabled", assets) };
        if (edge == "cloudflare")
            changes.AddRange(new[] { ("dns", "cloudflare"), ("cloudflare.zoneId", "0123456789abcdef0123456789abcdef"), ("cloudflare.accountId", "fedcba9876543210fedcba9876543210") });
        var regions = new[]
        {
            Regional(AwsMocks.PrimaryConfig().With(("healthCheckPath", healthPath)), "us-east"),
            Regional(AwsMocks.ReplicaConfig(), "eu-west"),
        };
        var cost = CostModel.Global(Global([.. changes]), CostSettings.Defaults, RoutingStrategy.ActiveActive, regions);
        var line = cost.Lines.Single(l => l.Item.StartsWith("CloudWatch alarms: canary system success", StringComparison.Ordinal));
        Assert.Equal($"CloudWatch alarms: canary system success {count}", line.Item);
        // Nothing free: with Route 53 the health alarms and the SLO alarms (2 + 18) spend the 10 free alarm
        // metrics before it, with Cloudflare the SLO alarms alone.
        Assert.Equal(0m, line.FreeQuantity);
        Assert.Equal((decimal)monthly, line.MonthlyUsd);
        Assert.Equal(PriceTable.Global.AlarmMetricMonth, line.Price);
        Assert.Contains("you incur a cost for each alarm-metric that's referenced in the metric math expression", line.Price.Source, StringComparison.Ordinal);
        // The system's estimate passes its regions' health paths along.
        var system = CostModel.System(Global([.. changes]), regions, CostSettings.Defaults, RoutingStrategy.ActiveActive);
        Assert.Equal(line, system.Stacks.Single(s => s.Stack == "global").Lines.Single(l => l.Item == line.Item));
    }

    [Fact]
    public void A_replica_also_pays_for_the_replication_it_receives()
    {
        var cost = CostModel.Regional(Regional(AwsMocks.ReplicaConfig(), "eu-west"), CostSettings.Defaults with { ReplicationGbPerMonth = 100 }, instances: 2);
        Assert.Equal(2.00m, cost.Lines.Single(l => l.Item.StartsWith("Cross-region replication", StringComparison.Ordinal)).MonthlyUsd);
        Assert.Equal(105.12m, cost.Lines.Single(l => l.Item.StartsWith("RDS db.t4g.medium", StringComparison.Ordinal)).MonthlyUsd); // 2 × 730 × $0.072
    }

    [Fact]
    public void A_postgres_replica_pays_for_its_writes_over_peering()
    {
        var cost = CostModel.Regional(Regional(AwsMocks.ReplicaConfig(), "eu-west"), CostSettings.Defaults with { CrossRegionWriteGbPerMonth = 50 }, instances: 2);
        var writes = cost.Lines.Single(l => l.Item == "Writes to the primary over VPC peering (both directions)");
        Assert.Equal(1.00m, writes.MonthlyUsd); // 50 GB × $0.02
        Assert.DoesNotContain(CostModel.Regional(Regional(AwsMocks.PrimaryConfig(), "us-east"), CostSettings.Defaults, 2).Lines, l => l.Item.StartsWith("Writes to the primary", StringComparison.Ordinal));
    }

    [Theory]
    // stack, instance class, item, quantity, monthly
    [InlineData("us-east", "db.r7g.large", "Aurora 2 × db.r7g.large (primary cluster)", 1460.0, 379.60)]       // writer + 1 reader × 730 h × $0.26
    [InlineData("eu-west", "db.r7g.large", "Aurora 1 × db.r7g.large (secondary cluster)", 730.0, 211.70)]     // 1 × 730 h × $0.29
    [InlineData("us-east", "db.serverless", "Aurora Serverless v2 2 × 2 ACU average (primary cluster)", 2920.0, 350.40)] // 2 × 2 ACU × 730 h × $0.12
    public void An_aurora_cluster_costs_its_instances_or_capacity(string stack, string instanceClass, string item, double quantity, double monthly)
    {
        var config = (stack == "us-east" ? AwsMocks.PrimaryConfig() : AwsMocks.ReplicaConfig()).With(("database.engine", "aurora-postgresql"), ("database.instanceClass", instanceClass));
        var cost = CostModel.Regional(Regional(config, stack), CostSettings.Defaults, 2);
        var line = cost.Lines.Single(l => l.Item == item);
        Assert.Equal((decimal)quantity, line.Quantity);
        Assert.Equal((decimal)monthly, line.MonthlyUsd);
        Assert.DoesNotContain(cost.Lines, l => l.Item.StartsWith("RDS", StringComparison.Ordinal));
        Assert.Empty(cost.Unpriced);
    }

    [Fact]
    public void An_aurora_secondary_pays_for_storage_io_replicated_writes_and_transfer()
    {
        var config = AwsMocks.ReplicaConfig().With(("database.engine", "aurora-postgresql"), ("database.allocatedStorageGb", "100"));
        var cost = CostModel.Regional(Regional(config, "eu-west"), CostSettings.Defaults, 2);
        decimal Line(string item) => cost.Lines.Single(l => l.Item == item).MonthlyUsd;
        Assert.Equal(11.00m, Line("Aurora storage 100 GB (this region's copy)"));          // 100 GB × $0.11
        Assert.Equal(11.00m, Line("Aurora I/O"));                                           // 50 M × $0.22
        Assert.Equal(2.20m, Line("Aurora replicated write I/O into this region"));          // 10 M × $0.22
        Assert.Equal(0.40m, Line("Cross-region replication transfer into this region"));   // 20 GB × $0.02
        Assert.Equal(PriceCheck.Unverified, cost.Lines.Single(l => l.Item == "Aurora I/O").Price.Check);
    }

    [Theory]
    // regionSwitch.enabled, strategy, engine, monthly USD, the plan line
    [InlineData("true", RoutingStrategy.ActiveActive, "postgres", 142.00, "ARC Region switch plans (2: traffic, writer)")] // 2 × $70 + 4 × $0.50 health checks
    [InlineData("true", RoutingStrategy.ActiveActive, "aurora-postgresql", 72.00, "ARC Region switch plan")]              // $70 + 4 × $0.50
    [InlineData("true", RoutingStrategy.ActivePassive, "postgres", 72.00, "ARC Region switch plan")]
    [InlineData("false", RoutingStrategy.ActiveActive, "postgres", 0, null)]
    public void The_region_switch_plans_cost_their_plans_and_health_checks_unverified(string enabled, RoutingStrategy strategy, string engine, double usd, string? planLine)
    {
        var regions = new[] { ("us-east", AwsMocks.PrimaryConfig()), ("eu-west", AwsMocks.ReplicaConfig()) }
            .Select(r => Regional(r.Item2.With(("database.engine", engine), ("database.instanceClass", engine == "postgres" ? "db.t4g.medium" : "db.r7g.large")), r.Item1))
            .ToList();
        var cost = CostModel.Global(Global((RegionSwitchSettings.EnabledKey, enabled)), CostSettings.Defaults, strategy, regions);
        var lines = cost.Lines.Where(l => l.Item.Contains("Region switch", StringComparison.Ordinal)).ToList();
        Assert.Equal((decimal)usd, lines.Sum(l => l.MonthlyUsd));
        if (planLine is null)
            return;
        Assert.Equal(new[] { planLine, "Route 53 health checks of the Region switch plan (2) and the records' gates (2)" }, lines.Select(l => l.Item));
        Assert.All(lines, l => Assert.Equal(PriceCheck.Unverified, l.Price.Check));
        Assert.Equal("https://aws.amazon.com/application-recovery-controller/pricing/", lines[0].Price.Source);
        Assert.Equal(4m, lines[1].Quantity);
    }

    [Fact]
    public void The_system_is_compared_on_both_engines_with_cost_budget_and_lag()
    {
        var global = Global(("strategy", "active-passive"), ("primaryRegion", "us-east"), ("slo.rtoSeconds", "1200"));
        var regions = new[] { Regional(AwsMocks.PrimaryConfig(), "us-east"), Regional(AwsMocks.ReplicaConfig(), "eu-west") };
        var options = EngineComparison.Compare(global, regions);
        Assert.Equal(new[] { DatabaseEngine.Postgres, DatabaseEngine.AuroraPostgresql }, options.Select(o => o.Engine));
        Assert.Equal(new[] { true, false }, options.Select(o => o.Configured));
        // PostgreSQL's worst is its writes: 10 s × 3 detection + 300 s approval + 600 s promotion + 600 s until the
        // service is re-pointed; Aurora's is the plan's failover: detection + approval + the longer of the scale-up
        // (90 + 120 s) and the global failover (60 s) + 60 s routing change
        Assert.Equal(new[] { 1530, 600 }, options.Select(o => o.WorstSeconds));
        Assert.Equal(new[] { 5, 1 }, options.Select(o => o.ExpectedLagSeconds));
        // The Aurora system runs db.r7g.large (its default for the burstable t4g class), so it costs more.
        Assert.Contains(options[1].Cost.Stacks.Single(s => s.Stack == "us-east").Lines, l => l.Item == "Aurora 2 × db.r7g.large (primary cluster)");
        Assert.True(options[1].Cost.MonthlyUsd > options[0].Cost.MonthlyUsd);
        Assert.Equal(options[0].Cost.MonthlyUsd, CostModel.System(global, regions, global.Traffic, RoutingStrategy.ActivePassive).MonthlyUsd);
    }

    [Fact]
    public void What_the_price_table_lacks_is_reported_not_guessed()
    {
        var config = AwsMocks.PrimaryConfig();
        config["aws:region"] = "ap-south-1";
        config["compute.instanceType"] = "c7i.large";
        var apSouth = Regional(config, "ap-south");
        var cost = CostModel.Regional(apSouth, CostSettings.Defaults, 2);
        Assert.Equal(new[] { "EC2 c7i.large in ap-south-1", "EBS, NAT and load balancer in ap-south-1", "RDS db.t4g.medium in ap-south-1", "RDS storage in ap-south-1",
            "Prometheus samples, storage and queries in ap-south-1" }, cost.Unpriced);
        // Every total that depends on it says it is incomplete and what it leaves out.
        Assert.False(cost.IsComplete);
        Assert.Equal($"at least ${cost.MonthlyUsd:0.00} (incomplete: not priced: EC2 c7i.large in ap-south-1; EBS, NAT and load balancer in ap-south-1; RDS db.t4g.medium in ap-south-1; RDS storage in ap-south-1; Prometheus samples, storage and queries in ap-south-1)",
            cost.Total);
        var system = CostModel.System(Global(), new[] { Regional(AwsMocks.PrimaryConfig(), "us-east"), apSouth }, CostSettings.Defaults, RoutingStrategy.ActiveActive);
        Assert.False(system.IsComplete);
        Assert.Equal(cost.Unpriced.Select(u => $"ap-south: {u}"), system.Unpriced);
        Assert.StartsWith("at least $", system.Total, StringComparison.Ordinal);
        Assert.Equal("≥ $1.40", CostTotal.Cell(1.40m, complete: false));
        Assert.Equal("$1.40", CostTotal.Cell(1.40m, complete: true));
    }

    [Theory]
    [InlineData(2, 0, 0.00)]   // two regions' dashboards: within the 3 free
    [InlineData(5, 2, 6.00)]   // five: two beyond the 3 free, $3 each
    public void Dashboards_beyond_the_accounts_free_three_are_charged(int regions, int charged, double monthly)
    {
        var names = Enumerable.Range(1, regions).Select(i => $"r{i}").ToList();
        var global = Global(("regions", System.Text.Json.JsonSerializer.Serialize(names)), ("primaryRegion", "r1"));
        var line = CostModel.Global(global, CostSettings.Defaults, RoutingStrategy.ActiveActive).Lines.Single(l => l.Item.StartsWith("CloudWatch dashboards", StringComparison.Ordinal));
        Assert.Equal(regions, line.Quantity);
        Assert.Equal(regions - charged, line.FreeQuantity);
        Assert.Equal("3 dashboards of up to 50 metrics", line.FreeTier!.Description);
        Assert.Equal((decimal)monthly, line.MonthlyUsd);
    }

    [Fact]
    public void A_free_allowance_is_spent_once_across_the_lines_at_its_price()
    {
        var alarm = PriceTable.Global.AlarmMetricMonth;
        var lines = CostModel.ApplyFreeTiers(new[]
        {
            new CostLine("global", "first alarms", 6, alarm),
            new CostLine("global", "second alarms", 8, alarm),
            new CostLine("global", "third alarms", 3, alarm),
        });
        Assert.Equal(new[] { 6m, 4m, 0m }, lines.Select(l => l.FreeQuantity));
        Assert.Equal(new[] { 0.00m, 0.40m, 0.30m }, lines.Select(l => l.MonthlyUsd));
    }

    [Fact]
    public void Every_price_and_allowance_names_its_page_and_date()
    {
        var prices = typeof(PriceTable.Global).GetFields().Select(f => (Price)f.GetValue(null)!)
            .Concat(PriceTable.Ec2Hourly.Values).Concat(PriceTable.RdsHourly.Values).Concat(PriceTable.AuroraHourly.Values)
            .Concat(PriceTable.Aurora.Values.SelectMany(a => new[] { a.AcuHour, a.StorageGbMonth, a.IoPerMillion, a.ReplicatedWritePerMillion }))
            .Concat(PriceTable.Regional.Values.SelectMany(r => new[] { r.RdsStorageGbMonth, r.EbsGp3GbMonth, r.NatHourly, r.NatPerGb, r.AlbHourly, r.AlbLcuHourly }))
            .Concat(PriceTable.Prometheus.Values.SelectMany(p => new[] { p.SamplesPer10M, p.StorageGbMonth, p.QuerySamplesPerBillion }))
            .ToList();
        Assert.All(prices, p => Assert.StartsWith("https://aws.amazon.com/", p.Source, StringComparison.Ordinal));
        Assert.All(prices, p => Assert.Matches(@"^\d{4}-\d{2}", p.AsOf));
        Assert.All(PriceTable.FreeTiers, t => Assert.StartsWith("https://aws.amazon.com/", t.Source, StringComparison.Ordinal));
        Assert.All(PriceTable.FreeTiers, t => Assert.Contains(prices, p => p == t.Price));
    }

    [Fact]
    public void The_global_stack_costs_route53_the_edge_and_the_session_table()
    {
        var cost = CostModel.Global(Global(("sessionStore", "true")), CostSettings.Defaults, RoutingStrategy.ActiveActive);
        decimal Line(string prefix) => cost.Lines.Single(l => l.Item.StartsWith(prefix, StringComparison.Ordinal)).MonthlyUsd;
        Assert.Equal(0.50m, Line("Route 53 hosted zone"));
        Assert.Equal(1.00m, Line("Route 53 health checks (2)"));
        Assert.Equal(6.00m, Line("Route 53 health check features (3 each"));   // HTTPS, latency, 10 s × 2 regions
        Assert.Equal(1.20m, Line("Route 53 latency-based queries"));           // 2 M × $0.60
        Assert.Equal(0.00m, Line("CloudFront HTTPS requests"));                // 10 M requests: within the always-free 10 M
        Assert.Equal(0.00m, Line("CloudFront data out"));                      // 100 GB: within the always-free 1 TB
        Assert.Equal(3.12m, Line("DynamoDB writes"));                          // 5 M × $0.625, banker's rounding of 3.125
        Assert.Equal(0.00m, Line("DynamoDB storage 5 GB × 2 replicas"));       // 10 GB: within the always-free 25 GB
        var failover = CostModel.Global(Global(), CostSettings.Defaults, RoutingStrategy.ActivePassive);
        Assert.Equal(0.80m, failover.Lines.Single(l => l.Item.StartsWith("Route 53 failover (standard) queries", StringComparison.Ordinal)).MonthlyUsd);
    }

    [Theory]
    [InlineData("route53", "KMS keys (alarm topics: 3)", 3.00)]    // a topic per region and the Route 53 health alarms' topic
    [InlineData("cloudflare", "KMS keys (alarm topics: 2)", 2.00)] // no Route 53 health checks, no topic for them
    public async Task The_global_stack_pays_for_the_key_of_every_alarm_topic_it_creates(string dns, string item, double monthly)
    {
        var changes = dns == "route53" ? Array.Empty<(string, string)>() : new[]
        {
            ("edge", "cloudflare"), ("dns", "cloudflare"),
            ("cloudflare.zoneId", "0123456789abcdef0123456789abcdef"), ("cloudflare.accountId", "fedcba9876543210fedcba9876543210"),
        };
        var line = CostModel.Global(Global(changes), CostSettings.Defaults, RoutingStrategy.ActiveActive).Lines.Single(l => l.Item.StartsWith("KMS keys", StringComparison.Ordinal));
        Assert.Equal(item, line.Item);
        Assert.Equal((decimal)monthly, line.MonthlyUsd);
        Assert.Equal("https://aws.amazon.com/kms/pricing/", line.Price.Source);

        var config = GlobalMocks.Config();
        foreach (var (key, value) in changes)
            config[key] = value;
        var run = await GlobalMocks.RunAsync(config);
        Assert.Equal(line.Quantity, run.Graph.Count(r => r.Type == "aws:kms/key:Key" && r.Parent?.GetResourceType() == "multiregion:monitoring:AlarmTopic"));
    }

    [Fact]
    public void Active_passive_runs_the_standby_size_in_passive_regions()
    {
        var global = Global(("primaryRegion", "us-east"));
        var regions = new[] { Regional(AwsMocks.PrimaryConfig(), "us-east"), Regional(AwsMocks.ReplicaConfig().With(("compute.standbyCapacity", "1")), "eu-west") };
        var active = CostModel.System(global, regions, CostSettings.Defaults, RoutingStrategy.ActiveActive);
        var passive = CostModel.System(global, regions, CostSettings.Defaults, RoutingStrategy.ActivePassive);
        Assert.Equal(active.Stacks.Single(s => s.Stack == "us-east").MonthlyUsd, passive.Stacks.Single(s => s.Stack == "us-east").MonthlyUsd);
        var euActive = active.Stacks.Single(s => s.Stack == "eu-west");
        var euPassive = passive.Stacks.Single(s => s.Stack == "eu-west");
        Assert.Contains(euActive.Lines, l => l.Item == "EC2 2 × t3.small");
        Assert.Contains(euPassive.Lines, l => l.Item == "EC2 1 × t3.small");
        // Two t3.small against one in eu-west-1, their 20 GB root volumes, the Prometheus samples they send
        // and store, latency against standard queries (each line rounded to cents, as the estimate prints them),
        // and active-active PostgreSQL's second Region switch plan, the writer plan.
        Assert.Equal((33.29m - 16.64m) + (3.52m - 1.76m) + (15.77m - 7.88m) + (0.05m - 0.02m) + (1.20m - 0.80m) + 70.00m, active.MonthlyUsd - passive.MonthlyUsd);
    }
}
