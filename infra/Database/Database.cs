using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Rds;
using Pulumi.Aws.Rds.Inputs;

namespace MultiRegionInfra.Database;

/// <summary>RDS for PostgreSQL in the isolated subnets, encrypted with a key of its own region. As a
/// primary: Multi-AZ and deletion protection in prod, a week or more of backups, a final snapshot whose
/// name no later replacement reuses, a random master password sent write-only (never in config or
/// state, see <see cref="MasterPassword"/>), IAM authentication for the service. As a replica: a cross-region read replica of
/// the primary's ARN, promotable (it keeps backups); replica regions write to the primary over peering.</summary>
public sealed class Database : ComponentResource, IDatabase
{
    [Output]
    public Output<string> Arn { get; private set; } = null!;

    [Output]
    public Output<string> Identifier { get; private set; } = null!;

    [Output]
    public Output<string> Endpoint { get; private set; } = null!;

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

    public Database(string name, DatabaseArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:database:Database", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Role == RegionRole.Replica && args.SourceDbArn is null)
            throw new ArgumentException("a replica needs the primary's ARN (SourceDbArn)", nameof(args));
        var context = args.Context;
        var settings = args.Settings;
        var self = new CustomResourceOptions { Parent = this };
        var foundation = DatabaseFoundation.Create(this, name, context, $"PostgreSQL {RoleName(args.Role)}", args.VpcId, args.SubnetIds, settings.Port, args.Protect);

        var parameters = new ParameterGroup(ResourceNames.Child(name, "params"), new ParameterGroupArgs
        {
            Family = settings.ParameterGroupFamily,
            Description = $"PostgreSQL of {context.StackName}: TLS required, slow statements logged",
            Parameters =
            {
                new ParameterGroupParameterArgs { Name = "rds.force_ssl", Value = "1" },
                new ParameterGroupParameterArgs { Name = "log_min_duration_statement", Value = "1000" },
            },
            Tags = context.Tags(ResourceNames.Child(name, "params")),
        }, self);

        var identifier = ResourceNames.Limit(ResourceNames.Join(context.Application, context.StackName, "pg"), 63);
        var instanceArgs = new InstanceArgs
        {
            Identifier = identifier,
            InstanceClass = settings.InstanceClass,
            StorageEncrypted = true,
            KmsKeyId = foundation.Key.Arn,
            StorageType = "gp3",
            DbSubnetGroupName = foundation.SubnetGroup.Name,
            VpcSecurityGroupIds = { foundation.SecurityGroup.Id },
            ParameterGroupName = parameters.Name,
            Port = settings.Port,
            PubliclyAccessible = false,
            MultiAz = settings.MultiAz,
            DeletionProtection = settings.DeletionProtection,
            BackupRetentionPeriod = settings.BackupRetentionDays,
            IamDatabaseAuthenticationEnabled = true,
            AutoMinorVersionUpgrade = true,
            PerformanceInsightsEnabled = true,
            PerformanceInsightsKmsKeyId = foundation.Key.Arn,
            EnabledCloudwatchLogsExports = { "postgresql", "upgrade" },
            CopyTagsToSnapshot = true,
            MaxAllocatedStorage = settings.MaxAllocatedStorageGb,
            Tags = context.Tags(ResourceNames.Child(name, "instance")),
        };
        if (args.Role == RegionRole.Primary)
        {
            instanceArgs.Engine = "postgres";
            instanceArgs.EngineVersion = settings.EngineVersion;
            instanceArgs.DbName = settings.Name;
            instanceArgs.Username = settings.Username;
            instanceArgs.PasswordWo = MasterPassword.Generate();
            instanceArgs.PasswordWoVersion = MasterPassword.Version;
            instanceArgs.AllocatedStorage = settings.AllocatedStorageGb;
            instanceArgs.SkipFinalSnapshot = false;
            // What replaces an RDS instance when it changes, of what this program sets: engine, database
            // name, master user (the identifier and encryption never change).
            instanceArgs.FinalSnapshotIdentifier = FinalSnapshots.Identifier(identifier, new[] { "postgres", settings.Name, settings.Username });
        }
        else
        {
            // The replica inherits engine, storage and credentials from its source. RDS takes no final
            // snapshot of a read replica; once promoted, the runbook makes it a primary, which has one.
            instanceArgs.ReplicateSourceDb = args.SourceDbArn!;
            instanceArgs.SkipFinalSnapshot = true;
        }
        var instance = new Instance(ResourceNames.Child(name, "instance"), instanceArgs, FinalSnapshots.Options(this, args.Protect));

        Arn = instance.Arn;
        Identifier = instance.Identifier;
        Endpoint = instance.Endpoint;
        Address = instance.Address;
        ReaderAddress = instance.Address;
        Port = instance.Port;
        ResourceId = instance.ResourceId;
        SecurityGroupId = foundation.SecurityGroup.Id;
        KmsKeyArn = foundation.Key.Arn;
        RegisterOutputs();
    }

    private static string RoleName(RegionRole role) => role == RegionRole.Primary ? "primary" : "read replica";
}
