using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Rds;
using Pulumi.Aws.Rds.Inputs;

namespace MultiRegionInfra.Database;

/// <summary>One region of an Aurora PostgreSQL global database, encrypted with a key of its own region.
/// The primary stack creates the global cluster and the primary cluster (a writer and
/// <c>database.instances</c> readers spread over the zones); a replica stack creates a secondary cluster
/// that joins the global cluster and forwards writes to the primary, so the service writes through its
/// local endpoint in every region. Both have the RDS primary's protections: deletion protection and
/// Pulumi protect in prod, backups, a final snapshot, log exports, Performance Insights, IAM
/// authentication and TLS forced by the cluster parameter group. Serverless v2 when the instance class is
/// db.serverless.</summary>
public sealed class AuroraDatabase : ComponentResource, IDatabase
{
    [Output]
    public Output<string> Arn { get; private set; } = null!;

    [Output]
    public Output<string> Identifier { get; private set; } = null!;

    [Output]
    public Output<string> Address { get; private set; } = null!;

    [Output]
    public Output<string> ReaderAddress { get; private set; } = null!;

    [Output]
    public Output<int> Port { get; private set; } = null!;

    [Output]
    public Output<string> ResourceId { get; private set; } = null!;

    [Output]
    public Output<string> SecurityGroupId { get; private set; } = null!;

    [Output]
    public Output<string> KmsKeyArn { get; private set; } = null!;

    /// <summary>The global cluster's identifier (the one the primary created, or the one joined).</summary>
    [Output]
    public Output<string> GlobalClusterId { get; private set; } = null!;

    public AuroraDatabase(string name, DatabaseArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:database:AuroraDatabase", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Role == RegionRole.Replica && args.GlobalClusterId is null)
            throw new ArgumentException("a secondary cluster needs the global cluster's identifier (GlobalClusterId)", nameof(args));
        var context = args.Context;
        var settings = args.Settings;
        var primary = args.Role == RegionRole.Primary;
        var foundation = DatabaseFoundation.Create(this, name, context, $"Aurora PostgreSQL {(primary ? "primary" : "secondary")} cluster",
            args.VpcId, args.SubnetIds, settings.Port, args.Protect);
        var parameters = ClusterParameters(name, context, settings);

        Input<string> globalClusterId = primary ? GlobalCluster(name, context, settings, args.Protect) : args.GlobalClusterId!;
        var cluster = Cluster(name, args, foundation, parameters, globalClusterId);
        CreateInstances(name, args, cluster, foundation);

        Arn = cluster.Arn;
        Identifier = cluster.ClusterIdentifier;
        Address = cluster.Endpoint;
        ReaderAddress = cluster.ReaderEndpoint;
        Port = cluster.Port;
        ResourceId = cluster.ClusterResourceId;
        SecurityGroupId = foundation.SecurityGroup.Id;
        KmsKeyArn = foundation.Key.Arn;
        GlobalClusterId = globalClusterId.ToOutput();
        RegisterOutputs();
    }

    /// <summary>The global cluster's identifier: one per system, named after the application.</summary>
    public static string GlobalClusterName(string application) => ResourceNames.Limit(ResourceNames.Join(application, "global"), 63);

    private ClusterParameterGroup ClusterParameters(string name, StackContext context, DatabaseSettings settings) =>
        new(ResourceNames.Child(name, "cluster-params"), new ClusterParameterGroupArgs
        {
            Family = settings.ParameterGroupFamily,
            Description = $"Aurora PostgreSQL of {context.StackName}: TLS required, slow statements logged",
            Parameters =
            {
                new ClusterParameterGroupParameterArgs { Name = "rds.force_ssl", Value = "1" },
                new ClusterParameterGroupParameterArgs { Name = "log_min_duration_statement", Value = "1000" },
            },
            Tags = context.Tags(ResourceNames.Child(name, "cluster-params")),
        }, new CustomResourceOptions { Parent = this });

    private Output<string> GlobalCluster(string name, StackContext context, DatabaseSettings settings, bool protect)
    {
        var global = new GlobalCluster(ResourceNames.Child(name, "global"), new GlobalClusterArgs
        {
            GlobalClusterIdentifier = GlobalClusterName(context.Application),
            Engine = settings.EngineName,
            EngineVersion = settings.EngineVersion,
            StorageEncrypted = true,
            DeletionProtection = settings.DeletionProtection,
            Tags = context.Tags(ResourceNames.Child(name, "global")),
        }, new CustomResourceOptions { Parent = this, Protect = protect });
        return global.GlobalClusterIdentifier;
    }

    private Cluster Cluster(string name, DatabaseArgs args, DatabaseFoundation foundation, ClusterParameterGroup parameters, Input<string> globalClusterId)
    {
        var context = args.Context;
        var settings = args.Settings;
        var identifier = ResourceNames.Limit(ResourceNames.Join(context.Application, context.StackName, "aurora"), 63);
        var clusterArgs = new ClusterArgs
        {
            ClusterIdentifier = identifier,
            Engine = settings.EngineName,
            EngineVersion = settings.EngineVersion,
            GlobalClusterIdentifier = globalClusterId,
            StorageEncrypted = true,
            KmsKeyId = foundation.Key.Arn,
            DbSubnetGroupName = foundation.SubnetGroup.Name,
            VpcSecurityGroupIds = { foundation.SecurityGroup.Id },
            DbClusterParameterGroupName = parameters.Name,
            Port = settings.Port,
            BackupRetentionPeriod = settings.BackupRetentionDays,
            DeletionProtection = settings.DeletionProtection,
            SkipFinalSnapshot = false,
            // What replaces an Aurora cluster when it changes, of what this program sets: engine, role (a
            // secondary joins the global cluster), database name and master user.
            FinalSnapshotIdentifier = FinalSnapshots.Identifier(identifier, new[] { settings.EngineName, args.Role.ToString(), settings.Name, settings.Username }),
            EnabledCloudwatchLogsExports = { "postgresql" },
            IamDatabaseAuthenticationEnabled = true,
            CopyTagsToSnapshot = true,
            Tags = context.Tags(ResourceNames.Child(name, "cluster")),
        };
        if (args.Role == RegionRole.Primary)
        {
            clusterArgs.DatabaseName = settings.Name;
            clusterArgs.MasterUsername = settings.Username;
            clusterArgs.MasterPasswordWo = MasterPassword.Generate();
            clusterArgs.MasterPasswordWoVersion = MasterPassword.Version;
        }
        else
        {
            // Writes sent to this cluster's endpoint are forwarded to the primary cluster.
            clusterArgs.EnableGlobalWriteForwarding = true;
        }
        if (settings.IsServerless)
        {
            clusterArgs.Serverlessv2ScalingConfiguration = new ClusterServerlessv2ScalingConfigurationArgs
            {
                MinCapacity = settings.ServerlessMinCapacity,
                MaxCapacity = settings.ServerlessMaxCapacity,
            };
        }
        return new Cluster(ResourceNames.Child(name, "cluster"), clusterArgs, FinalSnapshots.Options(this, args.Protect));
    }

    /// <summary>The primary's writer and readers, or the secondary's instances, one per zone in turn.</summary>
    private void CreateInstances(string name, DatabaseArgs args, Cluster cluster, DatabaseFoundation foundation)
    {
        var context = args.Context;
        var settings = args.Settings;
        var count = args.Role == RegionRole.Primary ? settings.Readers + 1 : settings.Readers;
        var zones = args.AvailabilityZones;
        for (var index = 0; index < count; index++)
        {
            var zoneIndex = index;
            var instanceName = ResourceNames.Child(name, $"instance-{index + 1}");
            new ClusterInstance(instanceName, new ClusterInstanceArgs
            {
                Identifier = ResourceNames.Limit(ResourceNames.Join(context.Application, context.StackName, "aurora", (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), 63),
                ClusterIdentifier = cluster.Id,
                Engine = EngineType.AuroraPostgresql,
                EngineVersion = settings.EngineVersion,
                InstanceClass = settings.InstanceClass,
                AvailabilityZone = zones.Apply(z => z[zoneIndex % z.Length]),
                DbSubnetGroupName = foundation.SubnetGroup.Name,
                PubliclyAccessible = false,
                AutoMinorVersionUpgrade = true,
                PerformanceInsightsEnabled = true,
                PerformanceInsightsKmsKeyId = foundation.Key.Arn,
                PromotionTier = index,
                CopyTagsToSnapshot = true,
                Tags = context.Tags(instanceName),
            }, new CustomResourceOptions { Parent = this, Protect = args.Protect });
        }
    }
}
