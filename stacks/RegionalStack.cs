using System.Collections.Immutable;
using MultiRegionInfra.Compute;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using MultiRegionInfra.Networking;
using Pulumi;
using Pulumi.Aws;
using Pulumi.Aws.Ec2;
using Pulumi.Aws.Route53;
using Pulumi.Aws.Ssm;
using DatabaseComponent = MultiRegionInfra.Database.Database;
using DatabaseComponentArgs = MultiRegionInfra.Database.DatabaseArgs;

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
}

/// <summary>One region: the network, the application tier and the database (primary or replica).</summary>
public sealed class RegionalStack : ComponentResource
{
    /// <summary>The SSM parameter of the latest Amazon Linux 2023 image for an architecture.</summary>
    public static string AmiParameter(bool arm) =>
        $"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-{(arm ? "arm64" : "x86_64")}";

    /// <summary>CloudFront's origin-facing managed prefix list (the same name in every region).</summary>
    public const string CloudFrontPrefixList = "com.amazonaws.global.cloudfront.origin-facing";

    /// <summary>The Route 53 health checkers' managed prefix list of a region.</summary>
    public static string HealthCheckerPrefixList(string region) => $"com.amazonaws.{region}.route53-healthchecks";

    /// <summary>The network.</summary>
    public Network Network { get; }

    /// <summary>The application tier.</summary>
    public AppTier App { get; }

    /// <summary>The database.</summary>
    public DatabaseComponent Database { get; }

    /// <summary>The stack outputs, by name, that the global stack and the other regions read.</summary>
    public IReadOnlyDictionary<string, object> Exports { get; }

    /// <summary>The primary's ARN as this replica read it from the primary's stack (null on a primary).</summary>
    [Output]
    public Output<string> SourceDbArn { get; private set; } = null!;

    public RegionalStack(string name, RegionalStackArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:stacks:RegionalStack", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = args.Settings;
        var context = new StackContext(args.Application, ConfigNames.NameOf(ConfigNames.Environments, settings.Environment),
            settings.Region, settings.StackName, settings.Tags);
        var invoke = new InvokeOptions { Parent = this };
        var child = new ComponentResourceOptions { Parent = this };

        var zones = GetAvailabilityZones.Invoke(new GetAvailabilityZonesInvokeArgs { State = "available" }, invoke)
            .Apply(result => result.Names);
        Network = new Network("network", new NetworkArgs
        {
            Context = context,
            VpcCidr = settings.VpcCidr,
            ZoneCount = settings.AzCount,
            AvailabilityZones = zones,
            NatGateways = settings.NatGateways,
            FlowLogRetentionDays = settings.FlowLogRetentionDays,
        }, child);

        Input<string> imageId = settings.Compute.AmiId is { } ami
            ? ami
            : GetParameter.Invoke(new GetParameterInvokeArgs { Name = AmiParameter(settings.Compute.IsArm) }, invoke).Apply(p => p.Value);

        Input<string>? hostedZoneId = null;
        if (settings.Domain is { } domain)
        {
            hostedZoneId = settings.HostedZoneId is { } zoneId
                ? zoneId
                : GetZone.Invoke(new GetZoneInvokeArgs { Name = domain, PrivateZone = false }, invoke).Apply(z => z.ZoneId);
        }

        Input<string>? cloudFront = null;
        Input<string>? healthCheckers = null;
        if (settings.Edge == EdgeKind.CloudFront)
        {
            cloudFront = GetManagedPrefixList.Invoke(new GetManagedPrefixListInvokeArgs { Name = CloudFrontPrefixList }, invoke).Apply(p => p.Id);
            healthCheckers = GetManagedPrefixList.Invoke(new GetManagedPrefixListInvokeArgs { Name = HealthCheckerPrefixList(settings.Region) }, invoke).Apply(p => p.Id);
        }

        App = new AppTier("app", new AppTierArgs
        {
            Context = context,
            VpcId = Network.VpcId,
            PublicSubnetIds = Network.PublicSubnetIds,
            PrivateSubnetIds = Network.PrivateSubnetIds,
            Compute = settings.Compute,
            ImageId = imageId,
            AppPort = settings.AppPort,
            HealthCheckPath = settings.HealthCheckPath,
            Domain = settings.Domain,
            HostedZoneId = hostedZoneId,
            Edge = settings.Edge,
            CloudFrontPrefixListId = cloudFront,
            HealthCheckerPrefixListId = healthCheckers,
            DeletionProtection = settings.IsProd,
            AccessLogsBucket = settings.AccessLogsBucket,
        }, child);

        Input<string>? sourceDbArn = null;
        if (settings.Role == RegionRole.Replica)
        {
            var primary = new StackReference("primary", new StackReferenceArgs
            {
                Name = StackReferenceName(args.Organization, args.Application, settings.PrimaryStack!),
            }, new CustomResourceOptions { Parent = this });
            sourceDbArn = primary.RequireOutput("dbArn").Apply(arn => (string)arn);
        }
        SourceDbArn = sourceDbArn?.ToOutput() ?? Output.Create("");

        Database = new DatabaseComponent("database", new DatabaseComponentArgs
        {
            Context = context,
            Role = settings.Role,
            Settings = settings.Database,
            VpcId = Network.VpcId,
            SubnetIds = Network.IsolatedSubnetIds,
            ClientSecurityGroupId = App.InstanceSecurityGroupId,
            SourceDbArn = sourceDbArn,
            Protect = settings.IsProd,
        }, child);

        Exports = new Dictionary<string, object>
        {
            ["assetsEnabled"] = settings.Assets.Enabled,
            ["stackKind"] = "regional",
            ["region"] = settings.Region,
            ["environment"] = context.Environment,
            ["vpcId"] = Network.VpcId,
            ["vpcCidr"] = Network.VpcCidr,
            ["availabilityZones"] = Network.Zones,
            ["albDnsName"] = App.AlbDnsName,
            ["albZoneId"] = App.AlbZoneId,
            ["albArn"] = App.AlbArn,
            ["albArnSuffix"] = App.AlbArnSuffix,
            ["targetGroupArnSuffix"] = App.TargetGroupArnSuffix,
            ["minSize"] = settings.Compute.MinSize,
            ["dbAllocatedStorageGb"] = settings.Database.AllocatedStorageGb,
            ["albDualstack"] = false,
            ["originDomain"] = App.OriginDomain,
            ["httpsEnabled"] = App.HttpsEnabled,
            ["healthCheckPath"] = settings.HealthCheckPath,
            ["edge"] = ConfigNames.NameOf(ConfigNames.Edges, settings.Edge),
            ["autoScalingGroupName"] = App.AutoScalingGroupName,
            ["targetGroupArn"] = App.TargetGroupArn,
            ["appSecurityGroupId"] = App.InstanceSecurityGroupId,
            ["dbArn"] = Database.Arn,
            ["dbEndpoint"] = Database.Endpoint,
            ["dbIdentifier"] = Database.Identifier,
            ["dbRole"] = ConfigNames.NameOf(ConfigNames.Roles, settings.Role),
            ["dbKmsKeyArn"] = Database.KmsKeyArn,
        };
        if (settings.Assets.Enabled)
        {
            var assets = new Storage.AssetBucket("assets", new Storage.AssetBucketArgs
            {
                Context = context,
                NamePrefix = settings.Assets.NamePrefix,
                AccountId = GetCallerIdentity.Invoke(new GetCallerIdentityInvokeArgs(), invoke).Apply(i => i.AccountId),
                NoncurrentVersionDays = settings.Assets.NoncurrentVersionDays,
                Protect = settings.IsProd,
            }, child);
            var exports = (Dictionary<string, object>)Exports;
            exports["assetBucketName"] = assets.BucketName;
            exports["assetBucketArn"] = assets.BucketArn;
            exports["assetBucketDomain"] = assets.RegionalDomainName;
            exports["assetKmsKeyArn"] = assets.KmsKeyArn;
        }
        RegisterOutputs();
    }

    /// <summary>The full name of a stack of this project: organization/project/stack.</summary>
    public static string StackReferenceName(string organization, string project, string stack) => $"{organization}/{project}/{stack}";
}
