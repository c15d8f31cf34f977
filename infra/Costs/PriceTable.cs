namespace MultiRegionInfra.Costs;

/// <summary>One list price, with where it comes from.</summary>
/// <param name="Usd">The price in US dollars.</param>
/// <param name="Unit">What it is charged per.</param>
/// <param name="Source">The AWS pricing page it is listed on.</param>
/// <param name="AsOf">When it was taken from there.</param>
public sealed record Price(decimal Usd, string Unit, string Source, string AsOf);

/// <summary>On-demand list prices (USD) of what the stacks run, for the regions the project uses. Prices
/// change: each entry names its page and date, and a region or class missing here is reported, not
/// guessed. Hours per month: 730.</summary>
public static class PriceTable
{
    public const decimal HoursPerMonth = 730m;
    public const string AsOf = "2025-10 list prices";

    private const string Ec2 = "https://aws.amazon.com/ec2/pricing/on-demand/";
    private const string RdsPostgres = "https://aws.amazon.com/rds/postgresql/pricing/";
    private const string Ebs = "https://aws.amazon.com/ebs/pricing/";
    private const string Vpc = "https://aws.amazon.com/vpc/pricing/";
    private const string Elb = "https://aws.amazon.com/elasticloadbalancing/pricing/";
    private const string Route53 = "https://aws.amazon.com/route53/pricing/";
    private const string CloudFront = "https://aws.amazon.com/cloudfront/pricing/";
    private const string Transfer = "https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer";
    private const string Dynamo = "https://aws.amazon.com/dynamodb/pricing/on-demand/";
    private const string CloudWatch = "https://aws.amazon.com/cloudwatch/pricing/";
    private const string Kms = "https://aws.amazon.com/kms/pricing/";

    private static Price P(decimal usd, string unit, string source) => new(usd, unit, source, AsOf);

    /// <summary>EC2 Linux on-demand, per instance-hour.</summary>
    public static readonly IReadOnlyDictionary<(string Type, string Region), Price> Ec2Hourly = new Dictionary<(string, string), Price>
    {
        [("t3.small", "us-east-1")] = P(0.0208m, "instance-hour", Ec2),
        [("t3.small", "eu-west-1")] = P(0.0228m, "instance-hour", Ec2),
        [("t3.small", "us-west-2")] = P(0.0208m, "instance-hour", Ec2),
        [("t3.medium", "us-east-1")] = P(0.0416m, "instance-hour", Ec2),
        [("t3.medium", "eu-west-1")] = P(0.0456m, "instance-hour", Ec2),
        [("t4g.small", "us-east-1")] = P(0.0168m, "instance-hour", Ec2),
        [("t4g.small", "eu-west-1")] = P(0.0184m, "instance-hour", Ec2),
        [("m7g.large", "us-east-1")] = P(0.0816m, "instance-hour", Ec2),
        [("m7g.large", "eu-west-1")] = P(0.0892m, "instance-hour", Ec2),
    };

    /// <summary>RDS for PostgreSQL, Single-AZ, per instance-hour (Multi-AZ runs two: twice the price).</summary>
    public static readonly IReadOnlyDictionary<(string Class, string Region), Price> RdsHourly = new Dictionary<(string, string), Price>
    {
        [("db.t4g.medium", "us-east-1")] = P(0.065m, "instance-hour", RdsPostgres),
        [("db.t4g.medium", "eu-west-1")] = P(0.072m, "instance-hour", RdsPostgres),
        [("db.t4g.medium", "us-west-2")] = P(0.065m, "instance-hour", RdsPostgres),
        [("db.t4g.large", "us-east-1")] = P(0.129m, "instance-hour", RdsPostgres),
        [("db.t4g.large", "eu-west-1")] = P(0.143m, "instance-hour", RdsPostgres),
        [("db.r7g.large", "us-east-1")] = P(0.239m, "instance-hour", RdsPostgres),
        [("db.r7g.large", "eu-west-1")] = P(0.265m, "instance-hour", RdsPostgres),
    };

    /// <summary>Per-region prices that do not depend on a size.</summary>
    public sealed record RegionalPrices(Price RdsStorageGbMonth, Price EbsGp3GbMonth, Price NatHourly, Price NatPerGb, Price AlbHourly, Price AlbLcuHourly);

    public static readonly IReadOnlyDictionary<string, RegionalPrices> Regional = new Dictionary<string, RegionalPrices>
    {
        ["us-east-1"] = new(P(0.115m, "GB-month", RdsPostgres), P(0.08m, "GB-month", Ebs), P(0.045m, "NAT gateway-hour", Vpc), P(0.045m, "GB processed", Vpc),
            P(0.0225m, "load balancer-hour", Elb), P(0.008m, "LCU-hour", Elb)),
        ["us-west-2"] = new(P(0.115m, "GB-month", RdsPostgres), P(0.08m, "GB-month", Ebs), P(0.045m, "NAT gateway-hour", Vpc), P(0.045m, "GB processed", Vpc),
            P(0.0225m, "load balancer-hour", Elb), P(0.008m, "LCU-hour", Elb)),
        ["eu-west-1"] = new(P(0.127m, "GB-month", RdsPostgres), P(0.088m, "GB-month", Ebs), P(0.048m, "NAT gateway-hour", Vpc), P(0.048m, "GB processed", Vpc),
            P(0.0252m, "load balancer-hour", Elb), P(0.008m, "LCU-hour", Elb)),
    };

    /// <summary>Prices that are the same everywhere (or billed globally).</summary>
    public static class Global
    {
        public static readonly Price HostedZoneMonth = P(0.50m, "hosted zone-month (first 25)", Route53);
        public static readonly Price StandardQueriesPerMillion = P(0.40m, "million standard queries", Route53);
        public static readonly Price LatencyQueriesPerMillion = P(0.60m, "million latency-based queries", Route53);
        public static readonly Price HealthCheckMonth = P(0.50m, "health check-month (AWS endpoint)", Route53);
        public static readonly Price HealthCheckFeatureMonth = P(1.00m, "optional feature-month per health check (HTTPS, fast interval, latency measurement)", Route53);
        public static readonly Price CloudFrontHttpsPer10k = P(0.0100m, "10,000 HTTPS requests (North America, Europe)", CloudFront);
        public static readonly Price CloudFrontDataOutGb = P(0.085m, "GB to the internet (first 10 TB, North America, Europe)", CloudFront);
        public static readonly Price InterRegionGb = P(0.02m, "GB between regions", Transfer);
        public static readonly Price DynamoWritesPerMillion = P(0.625m, "million write request units (on-demand, since the November 2024 reduction)", Dynamo);
        public static readonly Price DynamoReplicatedWritesPerMillion = P(0.625m, "million replicated write request units (global tables, on-demand)", Dynamo);
        public static readonly Price DynamoReadsPerMillion = P(0.125m, "million read request units (on-demand)", Dynamo);
        public static readonly Price DynamoStorageGbMonth = P(0.25m, "GB-month (Standard table class)", Dynamo);
        public static readonly Price AlarmMetricMonth = P(0.10m, "alarm metric-month (standard resolution)", CloudWatch);
        public static readonly Price DashboardMonth = P(3.00m, "dashboard-month (beyond the first 3)", CloudWatch);
        public static readonly Price KmsKeyMonth = P(1.00m, "customer managed key-month", Kms);
    }
}
