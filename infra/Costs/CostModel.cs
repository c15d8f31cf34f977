using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Costs;

/// <summary>One line of a cost estimate: a quantity at a price.</summary>
public sealed record CostLine(string Stack, string Item, decimal Quantity, Price Price)
{
    public decimal MonthlyUsd => Math.Round(Quantity * Price.Usd, 2);
}

/// <summary>A stack's monthly estimate, and what could not be priced.</summary>
public sealed record StackCost(string Stack, IReadOnlyList<CostLine> Lines, IReadOnlyList<string> Unpriced)
{
    public decimal MonthlyUsd => Lines.Sum(l => l.MonthlyUsd);
}

/// <summary>The monthly estimate of the whole system in one strategy.</summary>
public sealed record SystemCost(RoutingStrategy Strategy, IReadOnlyList<StackCost> Stacks)
{
    public decimal MonthlyUsd => Stacks.Sum(s => s.MonthlyUsd);
}

/// <summary>Monthly cost arithmetic: quantities from the settings and traffic assumptions, prices from
/// <see cref="PriceTable"/>. On-demand list prices, no free tier, no taxes, no savings plans.</summary>
public static class CostModel
{
    /// <summary>A regional stack, running <paramref name="instances"/> instances (its desired capacity,
    /// or a passive region's standby size).</summary>
    public static StackCost Regional(RegionalSettings settings, CostSettings traffic, int instances)
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
            var copies = settings.Database.MultiAz ? 2 : 1;
            lines.Add(new CostLine(settings.StackName, $"RDS gp3 storage {settings.Database.AllocatedStorageGb} GB{(copies == 2 ? " × 2 (Multi-AZ)" : "")}", settings.Database.AllocatedStorageGb * copies, prices.RdsStorageGbMonth));
        }
        else
        {
            unpriced.Add($"EBS, NAT, load balancer and RDS storage in {region}");
        }

        if (PriceTable.RdsHourly.TryGetValue((settings.Database.InstanceClass, region), out var rds))
        {
            var copies = settings.Database.MultiAz ? 2 : 1;
            lines.Add(new CostLine(settings.StackName, $"RDS {settings.Database.InstanceClass}{(copies == 2 ? " Multi-AZ" : "")} ({(settings.Role == RegionRole.Primary ? "primary" : "replica")})", copies * hours, rds));
        }
        else
        {
            unpriced.Add($"RDS {settings.Database.InstanceClass} in {region}");
        }

        lines.Add(new CostLine(settings.StackName, "KMS key (database)", 1, PriceTable.Global.KmsKeyMonth));
        if (settings.Role == RegionRole.Replica)
            lines.Add(new CostLine(settings.StackName, "Cross-region replication transfer into this region", traffic.ReplicationGbPerMonth, PriceTable.Global.InterRegionGb));
        return new StackCost(settings.StackName, lines, unpriced);
    }

    /// <summary>The global stack: Route 53, the edge, the session table, alarms and dashboards.</summary>
    public static StackCost Global(GlobalSettings settings, CostSettings traffic, RoutingStrategy strategy)
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
        return new StackCost(stack, lines, Array.Empty<string>());
    }

    /// <summary>The system in a strategy: in active-passive the passive regions run the standby size.</summary>
    public static SystemCost System(GlobalSettings global, IReadOnlyList<RegionalSettings> regions, CostSettings traffic, RoutingStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(regions);
        var stacks = regions.Select(r => Regional(r, traffic,
                strategy == RoutingStrategy.ActivePassive && r.StackName != global.PrimaryRegion ? global.Slo.StandbyDesiredCapacity : r.Compute.DesiredCapacity))
            .Append(Global(global, traffic, strategy))
            .ToList();
        return new SystemCost(strategy, stacks);
    }
}
