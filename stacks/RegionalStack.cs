using System.Collections.Immutable;
using MultiRegionInfra.Compute;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Contracts;
using MultiRegionInfra.Database;
using MultiRegionInfra.Monitoring;
using MultiRegionInfra.Naming;
using MultiRegionInfra.Networking;
using MultiRegionInfra.Security;
using MultiRegionInfra.Service;
using MultiRegionInfra.Storage;
using Pulumi;
using Pulumi.Aws;
using Pulumi.Aws.Ec2;
using Pulumi.Aws.Route53;
using Pulumi.Aws.Ssm;
using DatabaseComponent = MultiRegionInfra.Database.Database;

namespace MultiRegionInfra.Stacks;

/// <summary>Inputs of <see cref="RegionalStack"/>.</summary>
public sealed class RegionalStackArgs
{
    /// <summary>The validated configuration of the stack.</summary>
    public required RegionalSettings Settings { get; init; }

    /// <summary>The application name (the Pulumi project), the Application tag.</summary>
    public required string Application { get; init; }

    /// <summary>The organization whose stacks a replica's stack reference reads.</summary>
    public required string Organization { get; init; }

    /// <summary>A replica's primary stack, already read and checked by the program.</summary>
    public RegionalStackReference? Primary { get; init; }

    /// <summary>The region's available zones, read by the program before anything is registered.</summary>
    public required IReadOnlyList<string> AvailabilityZones { get; init; }

    /// <summary>With edge cloudflare: Cloudflare's published ranges, read by the program before anything is registered.</summary>
    public CloudflareRanges? CloudflareRanges { get; init; }
}

/// <summary>One region: the network, the database (RDS PostgreSQL or a cluster of an Aurora global
/// database), the static asset bucket, the image repository, the parameters the service reads, the
/// application tier, and in a PostgreSQL replica region the write path to the primary.</summary>
public sealed class RegionalStack : ComponentResource
{
    /// <summary>The SSM parameter of the latest Amazon Linux 2023 image for an architecture.</summary>
    public static string AmiParameter(bool arm) =>
        $"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-{(arm ? "arm64" : "x86_64")}";

    /// <summary>CloudFront's origin-facing managed prefix list (the same name in every region).</summary>
    public const string CloudFrontPrefixList = "com.amazonaws.global.cloudfront.origin-facing";

    /// <summary>The Route 53 health checkers' managed prefix list of a region.</summary>
    public static string HealthCheckerPrefixList(string region) => $"com.amazonaws.{region}.route53-healthchecks";

    private readonly RegionalSettings _settings;
    private readonly StackContext _context;
    private readonly InvokeOptions _invoke;
    private readonly CloudflareRanges? _cloudflareRanges;
    private readonly ComponentResourceOptions _child;

    /// <summary>The network.</summary>
    public Network Network { get; }

    /// <summary>The application tier.</summary>
    public AppTier App { get; }

    /// <summary>The database.</summary>
    public IDatabase Database { get; }

    /// <summary>The stack outputs, as <see cref="RegionalContract"/> declares them.</summary>
    public StackExports Exports { get; }

    public RegionalStack(string name, RegionalStackArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:stacks:RegionalStack", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        _settings = args.Settings;
        _context = new StackContext(args.Application, ConfigNames.NameOf(ConfigNames.Environments, _settings.Environment),
            _settings.Region, _settings.StackName, _settings.Tags);
        _invoke = new InvokeOptions { Parent = this };
        _cloudflareRanges = args.CloudflareRanges;
        _child = new ComponentResourceOptions { Parent = this };
        var account = GetCallerIdentity.Invoke(new GetCallerIdentityInvokeArgs(), _invoke).Apply(i => i.AccountId);
        var primary = args.Primary;
        if (_settings.Role == RegionRole.Replica && primary is null)
            throw new ArgumentException("a replica region needs its primary's stack (Primary)", nameof(args));

        Network = BuildNetwork(args.AvailabilityZones);
        Database = BuildDatabase(primary);
        // A log bucket that nothing logs into (the load balancer's logs go to albAccessLogsBucket, no assets) is not made.
        var logs = _settings.Protection.Logs.Enabled && (_settings.AccessLogsBucket is null || _settings.Assets.Enabled) ? BuildLogs(account) : null;
        var assets = _settings.Assets.Enabled ? BuildAssets(account, logs) : null;
        var repository = new ImageRepository("image", new ImageRepositoryArgs
        {
            Context = _context,
            RepositoryName = _settings.Service.Repository,
            Protect = _settings.IsProd,
        }, _child);
        var writes = WriteRoute.Of(_settings, Database, primary);
        var configuration = BuildConfiguration(args.Application, writes, assets, account);
        var originSecret = _settings.Edge == EdgeKind.CloudFront ? BuildOriginSecret(account) : null;
        var metrics = BuildMetrics(account, primary);
        App = BuildAppTier(args.Application, configuration, writes, assets, repository, account, logs, originSecret, metrics);
        if (primary is not null && _settings.Database.Engine == DatabaseEngine.Postgres)
            BuildWritePath(primary);
        BuildWriterRestart(writes, configuration);

        Exports = BuildExports(configuration, repository, assets, logs, originSecret, metrics);
        RegisterOutputs();
    }

    private Network BuildNetwork(IReadOnlyList<string> zones)
    {
        return new Network("network", new NetworkArgs
        {
            Context = _context,
            VpcCidr = _settings.VpcCidr,
            ZoneCount = _settings.AzCount,
            AvailabilityZones = zones,
            NatGateways = _settings.NatGateways,
            FlowLogRetentionDays = _settings.FlowLogRetentionDays,
        }, _child);
    }

    private IDatabase BuildDatabase(RegionalStackReference? primary)
    {
        var args = new DatabaseArgs
        {
            Context = _context,
            Role = _settings.Role,
            Settings = _settings.Database,
            VpcId = Network.VpcId,
            SubnetIds = Network.IsolatedSubnetIds,
            AvailabilityZones = Network.Zones,
            SourceDbArn = primary is not null && _settings.Database.Engine == DatabaseEngine.Postgres ? (Input<string>)primary.Get(RegionalContract.DbArn) : null,
            GlobalClusterId = primary is not null && _settings.Database.Engine == DatabaseEngine.AuroraPostgresql ? (Input<string>)primary.Get(RegionalContract.DbGlobalClusterId) : null,
            Protect = _settings.IsProd,
        };
        return _settings.Database.Engine == DatabaseEngine.AuroraPostgresql
            ? new AuroraDatabase("database", args, _child)
            : new DatabaseComponent("database", args, _child);
    }

    /// <summary>The region's log bucket; the asset bucket (named by its prefix, created next) and the global
    /// stack's canary artifact bucket of this region may log into it.</summary>
    private LogBucket BuildLogs(Output<string> account) => new("logs", new LogBucketArgs
    {
        Context = _context,
        AccountId = account,
        RetentionDays = _settings.Protection.Logs.RetentionDays,
        ServerAccessSources = (_settings.Assets.Enabled
                ? new[] { AssetBucket.ArnPattern(AwsRegions.PartitionOf(_settings.Region), _settings.Assets.NamePrefix, _settings.StackName) }
                : Array.Empty<string>())
            .Append(Monitoring.RegionCanaries.ArtifactBucketArnPattern(AwsRegions.PartitionOf(_settings.Region), _settings.StackName)).ToList(),
        Protect = _settings.IsProd,
    }, _child);

    private AssetBucket BuildAssets(Output<string> account, LogBucket? logs) => new("assets", new AssetBucketArgs
    {
        Context = _context,
        NamePrefix = _settings.Assets.NamePrefix,
        AccountId = account,
        NoncurrentVersionDays = _settings.Assets.NoncurrentVersionDays,
        Protect = _settings.IsProd,
        AccessLogs = logs is null ? null : new ServerAccessLogTarget(logs.BucketName, AssetBucket.AccessLogPrefix(_settings.StackName), logs.Policy),
    }, _child);

    /// <summary>Restarts the service when the database writer it reads at start moves (a promoted replica
    /// made primary, a new primary stack): the instances then write where the stack files now say.</summary>
    private ServiceRestart BuildWriterRestart(WriteRoute writes, ServiceConfiguration configuration) => new("writer-restart", new ServiceRestartArgs
    {
        Context = _context,
        Purpose = "db-writer",
        AutoScalingGroupName = App.AutoScalingGroupName,
        Watched = Output.Tuple(writes.Address, writes.Region).Apply(w => $"writer {w.Item1} in {w.Item2}, {writes.Path}"),
        After = configuration.Parameters,
    }, _child);

    /// <summary>Behind CloudFront: the secret header the load balancer requires, in parameters encrypted
    /// with a key of their own, outside the path the instances read.</summary>
    private OriginSecret BuildOriginSecret(Output<string> account) => new("origin-secret", new OriginSecretArgs
    {
        Context = _context,
        Generation = _settings.Protection.SecretGeneration,
        AccountId = account,
        Partition = AwsRegions.PartitionOf(_settings.Region),
        Protect = _settings.IsProd,
    }, _child);

    /// <summary>The Prometheus workspace the instances write to: the stack's own, or with metrics.workspace
    /// primary its primary's, read through the contract; none without metrics.</summary>
    private MetricsDestination? BuildMetrics(Output<string> account, RegionalStackReference? primary)
    {
        var metrics = _settings.Metrics;
        if (metrics.WritesToPrimary && primary is not null)
        {
            return new MetricsDestination(primary.StackName, primary.Get(RegionalContract.MetricsWorkspaceId), primary.Get(RegionalContract.MetricsWorkspaceArn),
                primary.Get(RegionalContract.MetricsEndpoint), primary.Get(RegionalContract.MetricsWorkspaceRegion), primary.Get(RegionalContract.MetricsKeyArn));
        }
        if (!metrics.OwnsWorkspace)
            return null;
        var workspace = new MetricsWorkspace("metrics", new MetricsWorkspaceArgs
        {
            Context = _context,
            AccountId = account,
            LogRetentionDays = _settings.Service.LogRetentionDays,
            Protect = _settings.IsProd,
        }, _child);
        return new MetricsDestination(_settings.StackName, workspace.WorkspaceId, workspace.WorkspaceArn, workspace.Endpoint, Output.Create(_settings.Region), workspace.KeyArn);
    }

    /// <summary>The parameters the service reads, from <see cref="ServiceParameters"/>.</summary>
    private ServiceConfiguration BuildConfiguration(string application, WriteRoute writes, AssetBucket? assets, Output<string> account)
    {
        var values = new Dictionary<ServiceParameter, Input<string>>
        {
            [ServiceParameters.DbWriterEndpoint] = writes.Address,
            [ServiceParameters.DbReaderEndpoint] = Database.ReaderAddress,
            [ServiceParameters.DbPort] = Database.Port.Apply(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            [ServiceParameters.DbName] = _settings.Database.Name,
            [ServiceParameters.DbUsername] = _settings.Database.ServiceUser,
            [ServiceParameters.DbCredentials] = "iam",
            [ServiceParameters.DbWriterRegion] = writes.Region,
            [ServiceParameters.DbWritePath] = writes.Path,
            [ServiceParameters.Region] = _settings.Region,
            [ServiceParameters.Stack] = _settings.StackName,
            [ServiceParameters.Environment] = _context.Environment,
        };
        if (assets is not null)
            values[ServiceParameters.AssetsBucket] = assets.BucketName;
        return new ServiceConfiguration("service-config", new ServiceConfigurationArgs
        {
            Context = _context,
            Path = ServiceParameters.PathOf(application, _settings.StackName),
            Values = values,
            AccountId = account,
            Partition = AwsRegions.PartitionOf(_settings.Region),
            Protect = _settings.IsProd,
        }, _child);
    }

    private AppTier BuildAppTier(string application, ServiceConfiguration configuration, WriteRoute writes, AssetBucket? assets, ImageRepository repository,
        Output<string> account, LogBucket? logs, OriginSecret? originSecret, MetricsDestination? metrics)
    {
        var settings = _settings;
        Input<string> imageId = settings.Compute.AmiId is { } ami
            ? ami
            : GetParameter.Invoke(new GetParameterInvokeArgs { Name = AmiParameter(settings.Compute.IsArm) }, _invoke).Apply(p => p.Value);

        Input<string>? hostedZoneId = null;
        if (settings.Domain is { } domain)
        {
            hostedZoneId = settings.HostedZoneId is { } zoneId
                ? zoneId
                : GetZone.Invoke(new GetZoneInvokeArgs { Name = domain, PrivateZone = false }, _invoke).Apply(z => z.ZoneId);
        }

        Input<string>? cloudFront = null;
        Input<string>? healthCheckers = null;
        CloudflareRanges? cloudflare = null;
        if (settings.Edge == EdgeKind.CloudFront)
            cloudFront = GetManagedPrefixList.Invoke(new GetManagedPrefixListInvokeArgs { Name = CloudFrontPrefixList }, _invoke).Apply(p => p.Id);
        if (settings.Edge != EdgeKind.None)
            healthCheckers = GetManagedPrefixList.Invoke(new GetManagedPrefixListInvokeArgs { Name = HealthCheckerPrefixList(settings.Region) }, _invoke).Apply(p => p.Id);
        if (settings.Edge == EdgeKind.Cloudflare)
            cloudflare = _cloudflareRanges ?? throw new ArgumentException("edge cloudflare needs Cloudflare's ranges (CloudflareRanges)", nameof(RegionalStackArgs));
        var accessLogs = settings.AccessLogsBucket is { } external
            ? new LoadBalancerLogTarget(external, LogBucket.LoadBalancerPrefix(settings.StackName))
            : logs is null ? null : new LoadBalancerLogTarget(logs.BucketName, LogBucket.LoadBalancerPrefix(settings.StackName), logs.Policy);

        var image = ServiceImage.InRegion(settings.Service.Image, settings.Region);
        var configPath = ServiceParameters.PathOf(application, settings.StackName);
        var logGroupArn = account.Apply(a => $"arn:{AwsRegions.PartitionOf(settings.Region)}:logs:{settings.Region}:{a}:log-group:{AppTier.LogGroupOf(application, settings.StackName)}");
        var access = Output.Tuple(
                Output.Tuple(account, configuration.KeyArn, logGroupArn, repository.RepositoryArn),
                writes.Logins(Database, settings),
                Output.Tuple(assets?.BucketArn ?? Output.Create(""), assets?.KmsKeyArn ?? Output.Create("")),
                Output.Tuple(metrics?.WorkspaceArn ?? Output.Create(""), metrics?.KeyArn ?? Output.Create("")))
            .Apply(t => new ServiceAccess(AwsRegions.PartitionOf(settings.Region), settings.Region, t.Item1.Item1, configPath, t.Item1.Item2, t.Item1.Item3,
                t.Item1.Item4, t.Item2, t.Item3.Item1.Length > 0 ? t.Item3.Item1 : null, t.Item3.Item2.Length > 0 ? t.Item3.Item2 : null, settings.Service.Secrets,
                t.Item4.Item1.Length > 0 ? t.Item4.Item1 : null, t.Item4.Item2.Length > 0 ? t.Item4.Item2 : null));

        return new AppTier("app", new AppTierArgs
        {
            Context = _context,
            VpcId = Network.VpcId,
            PublicSubnetIds = Network.PublicSubnetIds,
            PrivateSubnetIds = Network.PrivateSubnetIds,
            Compute = settings.DeployedCompute,
            Service = settings.Service,
            Image = image?.Image,
            Registry = image?.Registry,
            ImageId = imageId,
            HealthCheckPath = settings.HealthCheckPath,
            ConfigPath = configPath,
            PublishedParameters = ServiceParameters.All.Where(p => p.Publisher == ParameterPublisher.RegionalStack && (assets is not null || p != ServiceParameters.AssetsBucket)).ToList(),
            Access = access,
            StartAfter = configuration.Parameters,
            DatabaseSecurityGroupId = Database.SecurityGroupId,
            DatabasePort = settings.Database.Port,
            LogRetentionDays = settings.Service.LogRetentionDays,
            Domain = settings.Domain,
            HostedZoneId = hostedZoneId,
            Edge = settings.Edge,
            CloudFrontPrefixListId = cloudFront,
            HealthCheckerPrefixListId = healthCheckers,
            OriginHeader = originSecret is null ? null : new OriginHeaderCheck(OriginSecret.HeaderName(settings.StackName), originSecret.Accepted, settings.Protection.HeaderRequired),
            Cloudflare = cloudflare,
            DeletionProtection = settings.IsProd,
            AccessLogs = accessLogs,
            Metrics = metrics is null ? null : new MetricsTarget(metrics.Endpoint, metrics.Region, settings.Metrics),
        }, _child);
    }

    private void BuildWritePath(RegionalStackReference primary) => new PrimaryWritePath("write-path", new PrimaryWritePathArgs
    {
        Context = _context,
        VpcId = Network.VpcId,
        PrivateRouteTableIds = Network.PrivateRouteTableIds,
        ZoneCount = _settings.AzCount,
        PrivateCidr = Network.PrivateCidr,
        InstanceSecurityGroupId = App.InstanceSecurityGroupId,
        PrimaryRegion = primary.Get(RegionalContract.Region),
        PrimaryVpcId = primary.Get(RegionalContract.VpcId),
        PrimaryIsolatedRouteTableId = primary.Get(RegionalContract.IsolatedRouteTableId),
        PrimaryIsolatedCidr = primary.Get(RegionalContract.IsolatedCidr),
        PrimaryDatabaseSecurityGroupId = primary.Get(RegionalContract.DbSecurityGroupId),
        PrimaryDatabasePort = primary.Get(RegionalContract.DbPort),
    }, _child);

    private StackExports BuildExports(ServiceConfiguration configuration, ImageRepository repository, AssetBucket? assets, LogBucket? logs, OriginSecret? originSecret,
        MetricsDestination? metrics)
    {
        var settings = _settings;
        var exports = new StackExports()
            .Add(RegionalContract.StackKind, "regional")
            .Add(RegionalContract.Region, settings.Region)
            .Add(RegionalContract.Environment, _context.Environment)
            .Add(RegionalContract.Edge, ConfigNames.NameOf(ConfigNames.Edges, settings.Edge))
            .Add(RegionalContract.Domain, settings.Domain ?? "")
            .Add(RegionalContract.DataResidency, (settings.Residency?.Allowed ?? Array.Empty<string>()).ToImmutableArray())
            .Add(RegionalContract.VpcId, Network.VpcId)
            .Add(RegionalContract.VpcCidr, Network.VpcCidr)
            .Add(RegionalContract.PrivateCidr, Network.PrivateCidr)
            .Add(RegionalContract.IsolatedCidr, Network.IsolatedCidr)
            .Add(RegionalContract.IsolatedRouteTableId, Network.IsolatedRouteTableId)
            .Add(RegionalContract.AvailabilityZones, Network.Zones)
            .Add(RegionalContract.AlbDnsName, App.AlbDnsName)
            .Add(RegionalContract.AlbZoneId, App.AlbZoneId)
            .Add(RegionalContract.AlbArn, App.AlbArn)
            .Add(RegionalContract.AlbArnSuffix, App.AlbArnSuffix)
            .Add(RegionalContract.AlbDualstack, false)
            .Add(RegionalContract.TargetGroupArn, App.TargetGroupArn)
            .Add(RegionalContract.TargetGroupArnSuffix, App.TargetGroupArnSuffix)
            .Add(RegionalContract.OriginDomain, App.OriginDomain)
            .Add(RegionalContract.HttpsEnabled, App.HttpsEnabled)
            .Add(RegionalContract.HealthCheckPath, settings.HealthCheckPath)
            .Add(RegionalContract.AutoScalingGroupName, App.AutoScalingGroupName)
            .Add(RegionalContract.AutoScalingGroupArn, App.AutoScalingGroupArn)
            .Add(RegionalContract.MinSize, settings.DeployedCompute.MinSize)
            .Add(RegionalContract.Strategy, ConfigNames.NameOf(GlobalSettings.Strategies, settings.Strategy))
            .Add(RegionalContract.Passive, settings.IsPassive)
            .Add(RegionalContract.ServingMinSize, settings.Compute.MinSize)
            .Add(RegionalContract.ServingDesiredCapacity, settings.Compute.DesiredCapacity)
            .Add(RegionalContract.AppSecurityGroupId, App.InstanceSecurityGroupId)
            .Add(RegionalContract.InstanceRoleName, App.InstanceRoleName)
            .Add(RegionalContract.ServiceConfigPath, configuration.Path)
            .Add(RegionalContract.ServiceConfigKeyArn, configuration.KeyArn)
            .Add(RegionalContract.Image, settings.Service.Image?.ToString() ?? "")
            .Add(RegionalContract.ImageRepositoryName, repository.RepositoryName)
            .Add(RegionalContract.ImageRepositoryUrl, repository.RepositoryUrl)
            .Add(RegionalContract.DbRole, ConfigNames.NameOf(ConfigNames.Roles, settings.Role))
            .Add(RegionalContract.PrimaryStack, settings.PrimaryStack ?? "")
            .Add(RegionalContract.DbEngine, settings.Database.EngineName)
            .Add(RegionalContract.DbArn, Database.Arn)
            .Add(RegionalContract.DbIdentifier, Database.Identifier)
            .Add(RegionalContract.DbEndpoint, Database.Address)
            .Add(RegionalContract.DbAddress, Database.Address)
            .Add(RegionalContract.DbReaderAddress, Database.ReaderAddress)
            .Add(RegionalContract.DbPort, Database.Port)
            .Add(RegionalContract.DbName, settings.Database.Name)
            .Add(RegionalContract.DbResourceId, Database.ResourceId)
            .Add(RegionalContract.DbSecurityGroupId, Database.SecurityGroupId)
            .Add(RegionalContract.DbKmsKeyArn, Database.KmsKeyArn)
            .Add(RegionalContract.DbAllocatedStorageGb, settings.Database.Engine == DatabaseEngine.Postgres ? settings.Database.AllocatedStorageGb : 0)
            .Add(RegionalContract.AssetsEnabled, settings.Assets.Enabled);
        if (Database is AuroraDatabase aurora && settings.Role == RegionRole.Primary)
            exports.Add(RegionalContract.DbGlobalClusterId, aurora.GlobalClusterId);
        if (assets is not null)
        {
            exports.Add(RegionalContract.AssetBucketName, assets.BucketName)
                .Add(RegionalContract.AssetBucketArn, assets.BucketArn)
                .Add(RegionalContract.AssetBucketDomain, assets.RegionalDomainName)
                .Add(RegionalContract.AssetKmsKeyArn, assets.KmsKeyArn);
        }
        if (originSecret is not null)
        {
            exports.Add(RegionalContract.OriginHeaderName, originSecret.Header)
                .Add(RegionalContract.OriginSecret, originSecret.Current)
                .Add(RegionalContract.OriginSecretGeneration, originSecret.Generation);
        }
        if (logs is not null)
            exports.Add(RegionalContract.LogBucketName, logs.BucketName);
        exports.Add(RegionalContract.MetricsEnabled, metrics is not null);
        if (metrics is not null)
        {
            exports.Add(RegionalContract.MetricsWorkspaceStack, metrics.OwnerStack)
                .Add(RegionalContract.MetricsWorkspaceId, metrics.WorkspaceId)
                .Add(RegionalContract.MetricsWorkspaceArn, metrics.WorkspaceArn)
                .Add(RegionalContract.MetricsWorkspaceRegion, metrics.Region)
                .Add(RegionalContract.MetricsKeyArn, metrics.KeyArn)
                .Add(RegionalContract.MetricsEndpoint, metrics.Endpoint)
                .Add(RegionalContract.MetricsServiceScraped, settings.Service.MetricsPath is not null);
        }
        return exports;
    }

    /// <summary>The full name of a stack of this project: organization/project/stack.</summary>
    public static string StackReferenceName(string organization, string project, string stack) => RegionalStackReference.FullName(organization, project, stack);
}
