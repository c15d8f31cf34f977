using System.Text.RegularExpressions;
using MultiRegionInfra.Networking;

namespace MultiRegionInfra.Configuration;

/// <summary>The instances of a region: sizes, image and scaling.</summary>
public sealed record ComputeSettings(
    string InstanceType,
    int MinSize,
    int MaxSize,
    int DesiredCapacity,
    string? AmiId,
    double CpuTargetPercent,
    int RootVolumeGb,
    int HealthCheckGraceSeconds,
    int StandbyCapacity = 1)
{
    /// <summary>What the auto scaling group runs: the serving size, or in a passive region of an
    /// active-passive system its standby size (minimum and desired), which failover scales up.</summary>
    public ComputeSettings Deployed(bool passive) => passive ? this with { MinSize = StandbyCapacity, DesiredCapacity = StandbyCapacity } : this;

    /// <summary>Graviton instance families (t4g, m7g, c7gn, ...) run arm64 images.</summary>
    public bool IsArm => Regex.IsMatch(InstanceType, @"^[a-z]+[0-9]+[a-z]*g[a-z]*\.", RegexOptions.None, TimeSpan.FromSeconds(1));
}

/// <summary>Which PostgreSQL a system runs, and so how every region writes.</summary>
public enum DatabaseEngine
{
    /// <summary>RDS for PostgreSQL: a primary and cross-region read replicas; replica regions write to the
    /// primary over VPC peering.</summary>
    Postgres,

    /// <summary>An Aurora PostgreSQL global database: a primary cluster and secondary clusters that forward
    /// writes to it, so every region writes through its local endpoint.</summary>
    AuroraPostgresql,
}

/// <summary>The database of a region: RDS PostgreSQL or a cluster of an Aurora global database.</summary>
/// <param name="Engine">postgres or aurora-postgresql; every stack of a system uses the same.</param>
/// <param name="InstanceClass">The instance class; db.serverless runs Aurora Serverless v2.</param>
/// <param name="EngineVersion">The PostgreSQL version.</param>
/// <param name="AllocatedStorageGb">RDS: initial storage (Aurora storage grows by itself).</param>
/// <param name="MaxAllocatedStorageGb">RDS: the storage autoscaling ceiling.</param>
/// <param name="BackupRetentionDays">Days of automated backups.</param>
/// <param name="MultiAz">RDS: a standby in a second zone.</param>
/// <param name="DeletionProtection">Deletion protection.</param>
/// <param name="Name">The initial database.</param>
/// <param name="Username">The master user (its password is managed by RDS in Secrets Manager).</param>
/// <param name="Port">The database port.</param>
/// <param name="ServiceUser">The user the service logs in as with IAM authentication.</param>
/// <param name="Readers">Aurora (database.instances): reader instances beside the primary cluster's writer, or a secondary cluster's instances.</param>
/// <param name="ServerlessMinCapacity">Aurora Serverless v2: the least ACUs.</param>
/// <param name="ServerlessMaxCapacity">Aurora Serverless v2: the most ACUs.</param>
public sealed record DatabaseSettings(
    DatabaseEngine Engine,
    string InstanceClass,
    string EngineVersion,
    int AllocatedStorageGb,
    int MaxAllocatedStorageGb,
    int BackupRetentionDays,
    bool MultiAz,
    bool DeletionProtection,
    string Name,
    string Username,
    int Port,
    string ServiceUser,
    int Readers,
    double ServerlessMinCapacity,
    double ServerlessMaxCapacity)
{
    /// <summary>Aurora's instance class for Serverless v2.</summary>
    public const string ServerlessClass = "db.serverless";

    /// <summary>The first Aurora PostgreSQL major version whose secondaries forward writes.</summary>
    public const int WriteForwardingMajorVersion = 16;

    public int MajorVersion => int.Parse(EngineVersion.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The parameter group family, e.g. postgres16 or aurora-postgresql16.</summary>
    public string ParameterGroupFamily => Engine == DatabaseEngine.AuroraPostgresql ? $"aurora-postgresql{MajorVersion}" : $"postgres{MajorVersion}";

    public bool IsServerless => InstanceClass == ServerlessClass;

    /// <summary>The engine's name in configuration and in RDS.</summary>
    public string EngineName => Engine == DatabaseEngine.AuroraPostgresql ? "aurora-postgresql" : "postgres";

    /// <summary>The same database on the other engine, for comparisons: a class that engine cannot run
    /// (a burstable class on Aurora, db.serverless on RDS) becomes that engine's default.</summary>
    public DatabaseSettings AsEngine(DatabaseEngine engine) => engine == Engine ? this : engine switch
    {
        DatabaseEngine.AuroraPostgresql => this with { Engine = engine, InstanceClass = InstanceClass.StartsWith("db.t", StringComparison.Ordinal) ? "db.r7g.large" : InstanceClass },
        _ => this with { Engine = engine, InstanceClass = IsServerless ? "db.t4g.medium" : InstanceClass },
    };
}

/// <summary>Everything a regional stack is built from, validated.</summary>
public sealed record RegionalSettings(
    string StackName,
    string Region,
    DeploymentEnvironment Environment,
    RegionRole Role,
    string? PrimaryStack,
    string VpcCidr,
    int AzCount,
    NatGatewayMode NatGateways,
    int FlowLogRetentionDays,
    string HealthCheckPath,
    string? Domain,
    string? HostedZoneId,
    EdgeKind Edge,
    string? AccessLogsBucket,
    ComputeSettings Compute,
    ServiceSettings Service,
    DatabaseSettings Database,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<Policies.PolicyWaiver> Waivers,
    Policies.DataResidency? Residency,
    AssetSettings Assets,
    OriginProtectionSettings Protection,
    MetricsSettings Metrics,
    RoutingStrategy Strategy = RoutingStrategy.ActiveActive,
    bool? Standby = null)
{
    /// <summary>The key that says whether a region of an active-passive system stands by.</summary>
    public const string StandbyKey = "standby";

    public bool IsProd => Environment == DeploymentEnvironment.Prod;

    /// <summary>Whether the region stands by when its system is active-passive: <see cref="Standby"/> as set
    /// (null in active-active, where the key must be false or unset), by default a replica. It says which
    /// region serves, not which database writes: an Aurora system keeps its roles after a Region switch
    /// failover and moves this and the global stack's primaryRegion instead.</summary>
    public bool StandsBy => Standby ?? Role == RegionRole.Replica;

    /// <summary>A passive region: one that stands by in an active-passive system (standby, by default a
    /// replica), which serves only after failover and until then runs its standby capacity.</summary>
    public bool IsPassive => Strategy == RoutingStrategy.ActivePassive && StandsBy;

    /// <summary>What the auto scaling group runs now (the standby size in a passive region).</summary>
    public ComputeSettings DeployedCompute => Compute.Deployed(IsPassive);

    /// <summary>The fewest zones a region is spread over (a zone's outage must leave one).</summary>
    public const int MinZones = 2;

    /// <summary>The most zones a region is spread over.</summary>
    public const int MaxZones = 6;

    /// <summary>The path the load balancer and Route 53 probe when healthCheckPath is unset.</summary>
    public const string DefaultHealthCheckPath = "/health";

    /// <summary>The values CloudWatch Logs accepts as a retention period, in days.</summary>
    public static readonly IReadOnlyList<int> LogRetentionDays =
        new[] { 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 };

    /// <summary>Warnings: settings that work but that a reviewer should see.</summary>
    public IReadOnlyList<string> Warnings()
    {
        var warnings = new List<string>();
        if (Domain is null)
            warnings.Add($"{StackName}: no domain is configured, so the load balancer listens on HTTP only, which policy MRI-LB-02 refuses unless waived (set 'domain' for an ACM certificate and HTTPS)");
        if (IsProd && NatGateways == NatGatewayMode.Single)
            warnings.Add($"{StackName}: natGateways is 'single' in prod: one zone's outage cuts outbound traffic from every zone");
        return warnings;
    }

    /// <summary>Reads and validates a regional stack's configuration. Every problem is recorded in the
    /// reader; the result is null when there is any.</summary>
    public static RegionalSettings? Read(ConfigReader config, string stackName, string? awsRegion)
    {
        var errorsBefore = config.Errors.Count;
        config.Raw("stackKind");
        if (string.IsNullOrEmpty(awsRegion))
            config.ErrorAt("aws:region", null, "is required", "allowed: an AWS region such as us-east-1");

        var environment = config.RequiredChoice("environment", ConfigNames.Environments);
        var role = config.RequiredChoice("role", ConfigNames.Roles);
        var prod = environment == DeploymentEnvironment.Prod;

        var primaryStack = config.Raw("primaryStack");
        if (role == RegionRole.Replica && string.IsNullOrWhiteSpace(primaryStack))
            config.Error("primaryStack", null, "is required when role is 'replica'", "allowed: the name of the primary region's stack, e.g. us-east");
        if (role == RegionRole.Primary && primaryStack is not null)
            config.Error("primaryStack", primaryStack, "must not be set when role is 'primary'", "remove it, or set role to 'replica'");
        if (primaryStack is not null && !Regex.IsMatch(primaryStack, "^[A-Za-z0-9_.-]+$", RegexOptions.None, TimeSpan.FromSeconds(1)))
            config.Error("primaryStack", primaryStack, "is not a stack name", "allowed: a stack of this project, of letters, digits, '-', '_' and '.' (e.g. us-east)");
        else if (primaryStack is not null && primaryStack == stackName)
            config.Error("primaryStack", primaryStack, "names this stack itself", "allowed: the stack of the primary in another region");

        var vpcCidr = config.RequiredString("vpcCidr", "allowed: a private IPv4 block from /16 to /23, e.g. 10.10.0.0/16");
        if (vpcCidr is not null)
            ValidateVpcCidr(config, vpcCidr);

        var azCount = config.Int("azCount", 3, MinZones, MaxZones);
        var natGateways = config.Choice("natGateways", prod ? NatGatewayMode.PerAz : NatGatewayMode.Single, ConfigNames.NatGatewayModes);
        var retention = config.IntOneOf("flowLogRetentionDays", 90, LogRetentionDays.ToList());
        var healthCheckPath = config.String("healthCheckPath", DefaultHealthCheckPath,
            p => Regex.IsMatch(p, "^/[A-Za-z0-9._~/-]*$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            "allowed: an absolute URL path such as /health");
        var domain = config.OptionalString("domain", IsDomainName, "allowed: a DNS name such as example.com");
        if (prod && !config.Has("domain"))
            config.Error("domain", null, "is required in prod (environment: prod): without it the load balancer has no certificate and serves plain HTTP",
                "allowed: a DNS name whose Route 53 zone is in this account, such as example.com");
        var hostedZoneId = config.OptionalString("hostedZoneId", z => Regex.IsMatch(z, "^Z[A-Z0-9]{4,32}$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            "allowed: a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ");
        if (hostedZoneId is not null && config.Raw("domain") is null)
            config.Error("hostedZoneId", hostedZoneId, "needs a domain", "set 'domain' to the zone's name as well");
        var edge = config.Choice("edge", EdgeKind.CloudFront, ConfigNames.Edges);
        if (edge == EdgeKind.CloudFront && healthCheckPath == "/")
            config.Error("healthCheckPath", healthCheckPath, "would take the site's root from CloudFront's default behaviour: behind CloudFront the health path gets a behaviour of its own (uncached, GET and HEAD only, to api.<domain>)",
                "allowed: a path other than /, such as /health");
        var accessLogsBucket = config.OptionalString("albAccessLogsBucket",
            b => Regex.IsMatch(b, "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            "allowed: an S3 bucket name");

        var compute = ReadCompute(config);
        var service = ServiceSettings.Read(config);
        var database = ReadDatabase(config, role ?? RegionRole.Primary, prod);
        var tags = TagConfig.Read(config);
        var waivers = Policies.PolicyWaiver.Read(config);
        var residency = Policies.DataResidency.Read(config);
        var assets = AssetSettings.Read(config);
        var protection = OriginProtectionSettings.Read(config, prod, edge);
        var metrics = MetricsSettings.Read(config, role);
        if (service.MetricsPath is { } path && !metrics.Enabled)
            config.Error(ServiceSettings.MetricsPathKey, path, $"is set but {MetricsSettings.EnabledKey} is false, so nothing scrapes it",
                $"allowed: set {MetricsSettings.EnabledKey} to true, or remove {ServiceSettings.MetricsPathKey}");
        var strategy = config.Choice("strategy", RoutingStrategy.ActiveActive, GlobalSettings.Strategies);
        var standby = ReadStandby(config, strategy);

        config.RejectUnknownKeys();
        if (config.Errors.Count > errorsBefore || environment is null || role is null || vpcCidr is null)
            return null;
        return new RegionalSettings(stackName, awsRegion!, environment.Value, role.Value, primaryStack, vpcCidr, azCount, natGateways,
            retention, healthCheckPath, domain, hostedZoneId, edge, accessLogsBucket, compute, service, database, tags, waivers, residency, assets, protection, metrics, strategy, standby);
    }

    /// <summary>standby: true or false in active-passive (null when unset: the role decides); in
    /// active-active every region serves, so true is refused and the result is null.</summary>
    private static bool? ReadStandby(ConfigReader config, RoutingStrategy strategy)
    {
        if (config.Raw(StandbyKey) is not { } value)
            return null;
        var standby = config.Bool(StandbyKey, false);
        if (strategy == RoutingStrategy.ActivePassive)
            return standby;
        if (standby)
            config.Error(StandbyKey, value, "is set but strategy is active-active, in which every region serves",
                "allowed: false or unset, or strategy active-passive (where one region serves and the others stand by)");
        return null;
    }

    private static void ValidateVpcCidr(ConfigReader config, string vpcCidr)
    {
        if (!Ipv4Cidr.TryParse(vpcCidr, out var cidr, out var problem))
            config.Error("vpcCidr", vpcCidr, problem, "allowed: a private IPv4 block from /16 to /23, e.g. 10.10.0.0/16");
        else if (cidr.PrefixLength > SubnetLayout.SmallestVpcPrefix)
            config.Error("vpcCidr", vpcCidr, $"is too small for three subnet tiers of up to {SubnetLayout.MaxZones} zones (its subnets would be smaller than /{SubnetLayout.SmallestSubnetPrefix})",
                $"allowed: a prefix from /{SubnetLayout.LargestVpcPrefix} to /{SubnetLayout.SmallestVpcPrefix}");
        else if (cidr.PrefixLength < SubnetLayout.LargestVpcPrefix)
            config.Error("vpcCidr", vpcCidr, "is larger than AWS allows for a VPC", $"allowed: a prefix from /{SubnetLayout.LargestVpcPrefix} to /{SubnetLayout.SmallestVpcPrefix}");
        else if (!cidr.IsPrivate)
            config.Error("vpcCidr", vpcCidr, "is not a private range", "allowed: a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16");
    }

    private static ComputeSettings ReadCompute(ConfigReader config)
    {
        var instanceType = config.String("compute.instanceType", "t3.small", IsInstanceType, "allowed: an EC2 instance type such as t3.small or m7g.large");
        var min = config.Int("compute.minSize", 2, 0, 100);
        var max = config.Int("compute.maxSize", 6, 1, 100);
        var desired = config.Int("compute.desiredCapacity", Math.Max(min, 2), 0, 100);
        if (min > max)
            config.Error("compute.minSize", min.ToString(System.Globalization.CultureInfo.InvariantCulture), $"is greater than compute.maxSize ({max})", "allowed: minSize <= desiredCapacity <= maxSize");
        else if (desired < min || desired > max)
            config.Error("compute.desiredCapacity", desired.ToString(System.Globalization.CultureInfo.InvariantCulture), $"is outside compute.minSize..compute.maxSize ({min}..{max})", "allowed: minSize <= desiredCapacity <= maxSize");
        var amiId = config.OptionalString("compute.amiId", a => Regex.IsMatch(a, "^ami-[0-9a-f]{8}([0-9a-f]{9})?$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            "allowed: an AMI ID such as ami-0123456789abcdef0, or unset for the latest Amazon Linux 2023");
        var cpu = config.Double("compute.cpuTargetPercent", 50, 10, 90);
        var rootVolume = config.Int("compute.rootVolumeGb", 20, 8, 1024);
        var grace = config.Int("compute.healthCheckGraceSeconds", 120, 0, 3600);
        var standby = config.Int("compute.standbyCapacity", 1, 0, 100);
        if (standby > max)
            config.Error("compute.standbyCapacity", standby.ToString(System.Globalization.CultureInfo.InvariantCulture), $"is greater than compute.maxSize ({max})", "allowed: 0 to maxSize");
        return new ComputeSettings(instanceType, min, max, desired, amiId, cpu, rootVolume, grace, standby);
    }

    public static readonly IReadOnlyDictionary<string, DatabaseEngine> Engines =
        new Dictionary<string, DatabaseEngine> { ["postgres"] = DatabaseEngine.Postgres, ["aurora-postgresql"] = DatabaseEngine.AuroraPostgresql };

    private static DatabaseSettings ReadDatabase(ConfigReader config, RegionRole role, bool prod)
    {
        var engine = config.Choice("database.engine", DatabaseEngine.Postgres, Engines);
        var aurora = engine == DatabaseEngine.AuroraPostgresql;
        var instanceClass = config.String("database.instanceClass", aurora ? "db.r7g.large" : "db.t4g.medium",
            c => IsDbInstanceClass(c) || aurora && c == DatabaseSettings.ServerlessClass,
            aurora ? "allowed: an Aurora instance class such as db.r7g.large, or db.serverless for Serverless v2" : "allowed: an RDS instance class such as db.t4g.medium or db.r7g.large");
        // Aurora global databases run on memory-optimized classes or Serverless v2, not burstable ones.
        if (aurora && instanceClass.StartsWith("db.t", StringComparison.Ordinal))
            config.Error("database.instanceClass", instanceClass, "is a burstable class, which an Aurora global database does not support", "allowed: a db.r* or db.x2g class, or db.serverless");
        var engineVersion = config.String("database.engineVersion", "16.4",
            v => Regex.IsMatch(v, @"^(1[3-9]|2[0-9])(\.[0-9]+)?$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            "allowed: a PostgreSQL version from 13, such as 16.4");
        if (aurora && Regex.IsMatch(engineVersion, @"^1[3-5](\.|$)", RegexOptions.None, TimeSpan.FromSeconds(1)))
            config.Error("database.engineVersion", engineVersion, $"is older than Aurora PostgreSQL {DatabaseSettings.WriteForwardingMajorVersion}, the first whose secondary clusters this program lets forward writes",
                $"allowed: {DatabaseSettings.WriteForwardingMajorVersion} or later, e.g. 16.4, with database.engine aurora-postgresql");
        var allocated = config.Int("database.allocatedStorageGb", 50, 20, 65536);
        var maxAllocated = config.Int("database.maxAllocatedStorageGb", Math.Max(200, allocated), 20, 65536);
        if (maxAllocated < allocated)
            config.Error("database.maxAllocatedStorageGb", maxAllocated.ToString(System.Globalization.CultureInfo.InvariantCulture), $"is less than database.allocatedStorageGb ({allocated})", "allowed: at least the allocated storage");
        // Primaries keep at least a week of backups; replicas need some retention to be promotable.
        var retention = role == RegionRole.Primary
            ? config.Int("database.backupRetentionDays", 7, 7, 35)
            : config.Int("database.backupRetentionDays", 7, 1, 35);
        var multiAz = config.Bool("database.multiAz", prod);
        var deletionProtection = config.Bool("database.deletionProtection", prod);
        var name = config.String("database.name", "app", n => Regex.IsMatch(n, "^[a-z][a-z0-9_]{0,62}$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            "allowed: a PostgreSQL identifier: a lower-case letter, then letters, digits or _");
        var username = config.String("database.username", "app_admin", n => Regex.IsMatch(n, "^[a-z][a-z0-9_]{0,15}$", RegexOptions.None, TimeSpan.FromSeconds(1)) && n != "postgres" && n != "rdsadmin",
            "allowed: 1 to 16 lower-case letters, digits or _, starting with a letter, not postgres or rdsadmin");
        var port = config.Int("database.port", 5432, 1150, 65535);
        var serviceUser = config.String("database.serviceUser", "app", n => Regex.IsMatch(n, "^[a-z][a-z0-9_]{0,62}$", RegexOptions.None, TimeSpan.FromSeconds(1)) && n != "postgres" && n != "rdsadmin",
            "allowed: a PostgreSQL role name: a lower-case letter, then letters, digits or _, not postgres or rdsadmin");
        if (serviceUser == username)
            config.Error("database.serviceUser", serviceUser, "is the master user", "allowed: a user of its own, which logs in with IAM authentication instead of the master password");
        // Aurora: the primary cluster's readers beside its writer, or a secondary cluster's instances (at
        // least one, so the region reads locally and can take over).
        var readers = config.Int("database.instances", 1, role == RegionRole.Primary ? 0 : 1, 15);
        var minAcu = config.Double("database.serverlessMinCapacity", 0.5, 0, 256);
        var maxAcu = config.Double("database.serverlessMaxCapacity", 16, 1, 256);
        if (minAcu > maxAcu)
            config.Error("database.serverlessMinCapacity", minAcu.ToString(System.Globalization.CultureInfo.InvariantCulture), $"is more than database.serverlessMaxCapacity ({maxAcu.ToString(System.Globalization.CultureInfo.InvariantCulture)})", "allowed: min <= max");
        foreach (var (key, value) in new[] { ("database.serverlessMinCapacity", minAcu), ("database.serverlessMaxCapacity", maxAcu) })
        {
            if (value * 2 != Math.Floor(value * 2))
                config.Error(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture), "is not a whole or half ACU", "allowed: a multiple of 0.5");
        }
        return new DatabaseSettings(engine, instanceClass, engineVersion, allocated, maxAllocated, retention, multiAz, deletionProtection, name, username, port,
            serviceUser, readers, minAcu, maxAcu);
    }

    public static bool IsDomainName(string name) =>
        name.Length <= 253 && Regex.IsMatch(name, @"^(?!-)([a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$", RegexOptions.None, TimeSpan.FromSeconds(1));

    public static bool IsInstanceType(string type) =>
        Regex.IsMatch(type, @"^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\.(nano|micro|small|medium|large|xlarge|[0-9]+xlarge|metal(-[0-9]+xl)?)$", RegexOptions.None, TimeSpan.FromSeconds(1));

    public static bool IsDbInstanceClass(string type) =>
        type.StartsWith("db.", StringComparison.Ordinal) && IsInstanceType(type[3..]);
}
