using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Ec2;
using Pulumi.Aws.Rds;
using Pulumi.Aws.Rds.Inputs;
using Pulumi.Aws.Vpc;
using SecurityGroupIngressRule = Pulumi.Aws.Vpc.SecurityGroupIngressRule;
using SecurityGroupIngressRuleArgs = Pulumi.Aws.Vpc.SecurityGroupIngressRuleArgs;

namespace MultiRegionInfra.Database;

/// <summary>PostgreSQL on RDS in the isolated subnets, encrypted with a key of its own region. As a
/// primary: Multi-AZ and deletion protection in prod, a week or more of backups, a final snapshot,
/// a master password managed by RDS in Secrets Manager (never in config or state). As a replica:
/// a cross-region read replica of the primary's ARN, promotable (it keeps backups).</summary>
public sealed class Database : ComponentResource
{
    /// <summary>The instance's ARN (a replica's source, read by other regions).</summary>
    [Output]
    public Output<string> Arn { get; private set; } = null!;

    /// <summary>host:port of the instance.</summary>
    [Output]
    public Output<string> Endpoint { get; private set; } = null!;

    /// <summary>The instance's hostname.</summary>
    [Output]
    public Output<string> Address { get; private set; } = null!;

    /// <summary>The instance's identifier.</summary>
    [Output]
    public Output<string> Identifier { get; private set; } = null!;

    /// <summary>The ARN of the KMS key that encrypts the storage.</summary>
    [Output]
    public Output<string> KmsKeyArn { get; private set; } = null!;

    /// <summary>The database's security group.</summary>
    [Output]
    public Output<string> SecurityGroupId { get; private set; } = null!;

    public Database(string name, DatabaseArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:database:Database", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Role == RegionRole.Replica && args.SourceDbArn is null)
            throw new ArgumentException("a replica needs the primary's ARN (SourceDbArn)", nameof(args));
        var context = args.Context;
        var settings = args.Settings;
        var self = new CustomResourceOptions { Parent = this };
        var stateful = new CustomResourceOptions { Parent = this, Protect = args.Protect };

        var key = new Pulumi.Aws.Kms.Key(ResourceNames.Child(name, "key"), new Pulumi.Aws.Kms.KeyArgs
        {
            Description = $"Encrypts the PostgreSQL {RoleName(args.Role)} of {context.StackName} ({context.Region})",
            EnableKeyRotation = true,
            DeletionWindowInDays = 30,
            Tags = context.Tags(ResourceNames.Child(name, "key")),
        }, stateful);
        new Pulumi.Aws.Kms.Alias(ResourceNames.Child(name, "key-alias"), new Pulumi.Aws.Kms.AliasArgs
        {
            Name = $"alias/{ResourceNames.Join(context.Application, context.StackName, "rds")}",
            TargetKeyId = key.KeyId,
        }, self);

        var subnetGroup = new SubnetGroup(ResourceNames.Child(name, "subnets"), new SubnetGroupArgs
        {
            Description = $"Isolated subnets of {context.StackName}",
            SubnetIds = args.SubnetIds,
            Tags = context.Tags(ResourceNames.Child(name, "subnets")),
        }, self);

        var securityGroup = new SecurityGroup(ResourceNames.Child(name, "sg"), new SecurityGroupArgs
        {
            VpcId = args.VpcId,
            Description = $"PostgreSQL of {context.StackName}: port {settings.Port} from the application instances only",
            Tags = context.Tags(ResourceNames.Child(name, "sg")),
        }, self);
        new SecurityGroupIngressRule(ResourceNames.Child(name, "from-app"), new SecurityGroupIngressRuleArgs
        {
            SecurityGroupId = securityGroup.Id,
            Description = $"PostgreSQL ({settings.Port}) from the application instances",
            IpProtocol = "tcp",
            FromPort = settings.Port,
            ToPort = settings.Port,
            ReferencedSecurityGroupId = args.ClientSecurityGroupId,
            Tags = context.Tags(ResourceNames.Child(name, "from-app")),
        }, self);
        new SecurityGroupEgressRule(ResourceNames.Child(name, "app-to-db"), new SecurityGroupEgressRuleArgs
        {
            SecurityGroupId = args.ClientSecurityGroupId,
            Description = $"To PostgreSQL ({settings.Port})",
            IpProtocol = "tcp",
            FromPort = settings.Port,
            ToPort = settings.Port,
            ReferencedSecurityGroupId = securityGroup.Id,
            Tags = context.Tags(ResourceNames.Child(name, "app-to-db")),
        }, self);

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
        var common = new InstanceArgs
        {
            Identifier = identifier,
            InstanceClass = settings.InstanceClass,
            StorageEncrypted = true,
            KmsKeyId = key.Arn,
            StorageType = "gp3",
            DbSubnetGroupName = subnetGroup.Name,
            VpcSecurityGroupIds = { securityGroup.Id },
            ParameterGroupName = parameters.Name,
            Port = settings.Port,
            PubliclyAccessible = false,
            MultiAz = settings.MultiAz,
            DeletionProtection = settings.DeletionProtection,
            BackupRetentionPeriod = settings.BackupRetentionDays,
            IamDatabaseAuthenticationEnabled = true,
            AutoMinorVersionUpgrade = true,
            PerformanceInsightsEnabled = true,
            PerformanceInsightsKmsKeyId = key.Arn,
            EnabledCloudwatchLogsExports = { "postgresql", "upgrade" },
            CopyTagsToSnapshot = true,
            Tags = context.Tags(ResourceNames.Child(name, "instance")),
        };
        if (args.Role == RegionRole.Primary)
        {
            common.Engine = "postgres";
            common.EngineVersion = settings.EngineVersion;
            common.DbName = settings.Name;
            common.Username = settings.Username;
            common.ManageMasterUserPassword = true;
            common.MasterUserSecretKmsKeyId = key.Arn;
            common.AllocatedStorage = settings.AllocatedStorageGb;
            common.MaxAllocatedStorage = settings.MaxAllocatedStorageGb;
            common.SkipFinalSnapshot = false;
            common.FinalSnapshotIdentifier = $"{identifier}-final";
        }
        else
        {
            // The replica inherits engine, storage and credentials from its source.
            common.ReplicateSourceDb = args.SourceDbArn!;
            common.SkipFinalSnapshot = true;
            common.MaxAllocatedStorage = settings.MaxAllocatedStorageGb;
        }
        var instance = new Instance(ResourceNames.Child(name, "instance"), common, stateful);

        Arn = instance.Arn;
        Endpoint = instance.Endpoint;
        Address = instance.Address;
        Identifier = instance.Identifier;
        KmsKeyArn = key.Arn;
        SecurityGroupId = securityGroup.Id;
        RegisterOutputs();
    }

    private static string RoleName(RegionRole role) => role == RegionRole.Primary ? "primary" : "read replica";
}
