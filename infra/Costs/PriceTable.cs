namespace MultiRegionInfra.Costs;

/// <summary>How far a price was checked.</summary>
public enum PriceCheck
{
    /// <summary>Checked against AWS's pricing page or a dated copy of it.</summary>
    AwsPage,

    /// <summary>Taken from a third-party listing of AWS's list prices (named in the source).</summary>
    ThirdParty,

    /// <summary>An AWS list price as remembered, not checked against any source here: confirm it in the
    /// AWS Pricing Calculator before budgeting with it.</summary>
    Unverified,
}

/// <summary>One list price, with where it comes from and how far it was checked.</summary>
/// <param name="Usd">The price in US dollars.</param>
/// <param name="Unit">What it is charged per.</param>
/// <param name="Source">The AWS pricing page it is listed on (and the listing it was read from, when not AWS's).</param>
/// <param name="AsOf">When it was taken from there.</param>
/// <param name="Check">How far it was checked.</param>
public sealed record Price(decimal Usd, string Unit, string Source, string AsOf, PriceCheck Check = PriceCheck.AwsPage);

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
    // Its stored copy (read 2026-03) gives the metering (samples ingested, stored GB at 1 or 2 bytes a
    // sample plus metadata, query samples processed by API and rule queries) but not the rates: those are
    // AWS's list prices as remembered, first ingestion tier only, to be confirmed in the Pricing Calculator.
    private const string PrometheusPage = "https://aws.amazon.com/prometheus/pricing/";
    private const string Arc = "https://aws.amazon.com/application-recovery-controller/pricing/";

    private const string AuroraPostgres = "https://aws.amazon.com/rds/aurora/pricing/";
    private const string AuroraListing = "https://aws.amazon.com/rds/aurora/pricing/ (as listed by wring.co's Aurora pricing guide, 2026-03)";

    private static Price P(decimal usd, string unit, string source) => new(usd, unit, source, AsOf);

    /// <summary>A price not checked against a source here.</summary>
    private static Price U(decimal usd, string unit, string source) => new(usd, unit, source, AsOf, PriceCheck.Unverified);

    private static Price T(decimal usd, string unit, string source) => new(usd, unit, source, "2026-03 listing", PriceCheck.ThirdParty);

    /// <summary>EC2 Linux on-demand, per instance-hour.</summary>
    public static readonly IReadOnlyDictionary<(string Type, string Region), Price> Ec2Hourly = new Dictionary<(string, string), Price>
    {
        [("t3.small", "us-east-1")] = P(0.0208m, "instance-hour", Ec2),
        [("t3.small", "eu-west-1")] = U(0.0228m, "instance-hour", Ec2),
        [("t3.small", "us-west-2")] = U(0.0208m, "instance-hour", Ec2),
        [("t3.medium", "us-east-1")] = P(0.0416m, "instance-hour", Ec2),
        [("t3.medium", "eu-west-1")] = U(0.0456m, "instance-hour", Ec2),
        [("t4g.small", "us-east-1")] = P(0.0168m, "instance-hour", Ec2),
        [("t4g.small", "eu-west-1")] = U(0.0184m, "instance-hour", Ec2),
        [("m7g.large", "us-east-1")] = P(0.0816m, "instance-hour", Ec2),
        [("m7g.large", "eu-west-1")] = U(0.0892m, "instance-hour", Ec2),
    };

    /// <summary>RDS for PostgreSQL, Single-AZ, per instance-hour (Multi-AZ runs two: twice the price).</summary>
    public static readonly IReadOnlyDictionary<(string Class, string Region), Price> RdsHourly = new Dictionary<(string, string), Price>
    {
        [("db.t4g.medium", "us-east-1")] = P(0.065m, "instance-hour", RdsPostgres),
        [("db.t4g.medium", "eu-west-1")] = U(0.072m, "instance-hour", RdsPostgres),
        [("db.t4g.medium", "us-west-2")] = U(0.065m, "instance-hour", RdsPostgres),
        [("db.t4g.large", "us-east-1")] = P(0.129m, "instance-hour", RdsPostgres),
        [("db.t4g.large", "eu-west-1")] = U(0.143m, "instance-hour", RdsPostgres),
        [("db.r7g.large", "us-east-1")] = P(0.239m, "instance-hour", RdsPostgres),
        [("db.r7g.large", "eu-west-1")] = U(0.265m, "instance-hour", RdsPostgres),
    };

    /// <summary>Aurora PostgreSQL (Aurora Standard), per instance-hour of a provisioned class.</summary>
    public static readonly IReadOnlyDictionary<(string Class, string Region), Price> AuroraHourly = new Dictionary<(string, string), Price>
    {
        [("db.r7g.large", "us-east-1")] = T(0.26m, "instance-hour", AuroraListing),
        [("db.r7g.large", "eu-west-1")] = U(0.29m, "instance-hour", AuroraPostgres),
        [("db.r7g.xlarge", "us-east-1")] = U(0.552m, "instance-hour", AuroraPostgres),
        [("db.r7g.xlarge", "eu-west-1")] = U(0.608m, "instance-hour", AuroraPostgres),
    };

    /// <summary>Aurora PostgreSQL prices that do not depend on a class: Serverless v2 capacity, storage,
    /// I/O and the writes a global database replicates to each secondary.</summary>
    public sealed record AuroraPrices(Price AcuHour, Price StorageGbMonth, Price IoPerMillion, Price ReplicatedWritePerMillion);

    public static readonly IReadOnlyDictionary<string, AuroraPrices> Aurora = new Dictionary<string, AuroraPrices>
    {
        ["us-east-1"] = new(T(0.12m, "ACU-hour (Serverless v2)", AuroraListing), T(0.10m, "GB-month", AuroraListing),
            T(0.20m, "million I/O requests", AuroraListing), U(0.20m, "million replicated write I/Os (global database)", AuroraPostgres)),
        ["eu-west-1"] = new(U(0.13m, "ACU-hour (Serverless v2)", AuroraPostgres), U(0.11m, "GB-month", AuroraPostgres),
            U(0.22m, "million I/O requests", AuroraPostgres), U(0.22m, "million replicated write I/Os (global database)", AuroraPostgres)),
    };

    /// <summary>Per-region prices that do not depend on a size.</summary>
    public sealed record RegionalPrices(Price RdsStorageGbMonth, Price EbsGp3GbMonth, Price NatHourly, Price NatPerGb, Price AlbHourly, Price AlbLcuHourly);

    public static readonly IReadOnlyDictionary<string, RegionalPrices> Regional = new Dictionary<string, RegionalPrices>
    {
        ["us-east-1"] = new(P(0.115m, "GB-month", RdsPostgres), P(0.08m, "GB-month", Ebs), P(0.045m, "NAT gateway-hour", Vpc), P(0.045m, "GB processed", Vpc),
            P(0.0225m, "load balancer-hour", Elb), P(0.008m, "LCU-hour", Elb)),
        ["us-west-2"] = new(U(0.115m, "GB-month", RdsPostgres), U(0.08m, "GB-month", Ebs), U(0.045m, "NAT gateway-hour", Vpc), U(0.045m, "GB processed", Vpc),
            U(0.0225m, "load balancer-hour", Elb), U(0.008m, "LCU-hour", Elb)),
        ["eu-west-1"] = new(U(0.127m, "GB-month", RdsPostgres), U(0.088m, "GB-month", Ebs), U(0.048m, "NAT gateway-hour", Vpc), U(0.048m, "GB processed", Vpc),
            U(0.0252m, "load balancer-hour", Elb), U(0.008m, "LCU-hour", Elb)),
    };

    /// <summary>Amazon Managed Service for Prometheus: samples ingested (the first tier, up to 2 billion a
    /// month; cheaper tiers beyond it are not modelled), storage and query samples processed.</summary>
    public sealed record PrometheusPrices(Price SamplesPer10M, Price StorageGbMonth, Price QuerySamplesPerBillion);

    public static readonly IReadOnlyDictionary<string, PrometheusPrices> Prometheus = new Dictionary<string, PrometheusPrices>
    {
        ["us-east-1"] = new(U(0.90m, "10 million samples ingested (first 2 billion a month)", PrometheusPage), U(0.03m, "GB-month stored", PrometheusPage),
            U(0.10m, "billion query samples processed", PrometheusPage)),
        ["us-west-2"] = new(U(0.90m, "10 million samples ingested (first 2 billion a month)", PrometheusPage), U(0.03m, "GB-month stored", PrometheusPage),
            U(0.10m, "billion query samples processed", PrometheusPage)),
        ["eu-west-1"] = new(U(0.90m, "10 million samples ingested (first 2 billion a month)", PrometheusPage), U(0.03m, "GB-month stored", PrometheusPage),
            U(0.10m, "billion query samples processed", PrometheusPage)),
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
        /// <summary>A standard-resolution alarm is billed per metric it references: an alarm on a metric math
        /// expression per metric in the expression (the expression itself is none). The stored copies of the
        /// pricing page hold its free tier ("10 Alarm metrics (only applicable to Standard resolution alarms
        /// that list metrics directly ...)"); the per-metric billing of expressions is worded in the
        /// CloudWatch User Guide's "CloudWatch billing and cost".</summary>
        public static readonly Price AlarmMetricMonth = P(0.10m, "alarm metric-month (standard resolution)",
            CloudWatch + " (Alarms tab, per alarm metric; \"If you create a metric alarm that contains a metric math expression, which references multiple metrics, "
            + "you incur a cost for each alarm-metric that's referenced in the metric math expression\": CloudWatch User Guide, \"CloudWatch billing and cost\", "
            + "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_billing.html)");
        public static readonly Price DashboardMonth = P(3.00m, "dashboard-month", CloudWatch);
        public static readonly Price KmsKeyMonth = P(1.00m, "customer managed key-month", Kms);
        /// <summary>AWS FIS, the same in every commercial region (GovCloud: $0.12); charged per minute an
        /// action runs, whatever it targets. Checked 2026-03 against the page and AWS's price list (AWSFIS
        /// offer, effective 2024-10-01).</summary>
        public static readonly Price FisActionMinute = new(0.10m, "action-minute", "https://aws.amazon.com/fis/pricing/", "2026-03 (price list effective 2024-10-01)");

        /// <summary>A CloudWatch Synthetics canary run (US East, N. Virginia). The stored copies of AWS's pricing
        /// page hold the Canaries tab without its rate (only the free tier, 100 runs a month), so the rate is
        /// the one two dated third-party write-ups quote from it; the Lambda, S3 and logs a run uses are billed
        /// on top and not estimated.</summary>
        public static readonly Price CanaryRun = new(0.0012m, "canary run",
            CloudWatch + " (Canaries tab; rate as quoted by blog.mattsbit.co.uk, \"AWS Synthetics Canaries - when to bite the bullet\", 2023-11-11, and thomasstep.com, \"Creating Your Own Canary For An API\")",
            "2023-11 listing (searched 2026-12)", PriceCheck.ThirdParty);

        /// <summary>ARC Region switch bills per plan; remembered from the launch announcement (August 2025),
        /// not confirmed against the pricing page here.</summary>
        public static readonly Price RegionSwitchPlanMonth = U(70.00m, "Region switch plan-month", Arc);

        /// <summary>A health check that watches other checks or is set by Region switch, not an endpoint:
        /// priced as a basic check, not confirmed here.</summary>
        public static readonly Price CalculatedHealthCheckMonth = U(0.50m, "health check-month (calculated, or Region switch's)", Route53);
    }

    /// <summary>The always-free monthly allowances of an account (not the 12-month trial), which the
    /// estimate subtracts once, in the global stack that bills these items. They are per account: other
    /// workloads in the account may use them up, so they are listed with each line they reduce.</summary>
    public static readonly IReadOnlyList<FreeTier> FreeTiers = new[]
    {
        new FreeTier(Global.DashboardMonth, 3, "3 dashboards of up to 50 metrics", CloudWatch, AsOf, PriceCheck.Unverified),
        new FreeTier(Global.AlarmMetricMonth, 10, "10 alarm metrics", CloudWatch, AsOf, PriceCheck.Unverified),
        new FreeTier(Global.CloudFrontDataOutGb, 1024, "1 TB of data out", CloudFront, AsOf, PriceCheck.Unverified),
        new FreeTier(Global.CloudFrontHttpsPer10k, 1000, "10,000,000 requests", CloudFront, AsOf, PriceCheck.Unverified),
        new FreeTier(Global.DynamoStorageGbMonth, 25, "25 GB of storage", Dynamo, AsOf, PriceCheck.Unverified),
        // The free tier table of the stored copies of the page (its "Synthetics" row).
        new FreeTier(Global.CanaryRun, 100, "100 canary runs", CloudWatch, "2026-12 copy of the page", PriceCheck.AwsPage),
    };
}

/// <summary>An always-free monthly allowance of one price's unit.</summary>
/// <param name="Price">What it makes free.</param>
/// <param name="Quantity">How much of the price's unit is free each month.</param>
/// <param name="Description">The allowance as AWS words it.</param>
/// <param name="Source">The pricing page that lists it.</param>
/// <param name="AsOf">When it was taken from there.</param>
/// <param name="Check">How far it was checked.</param>
public sealed record FreeTier(Price Price, decimal Quantity, string Description, string Source, string AsOf, PriceCheck Check);
