using MultiRegionInfra.Certificates;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using MultiRegionInfra.Service;
using Pulumi;
using Pulumi.Aws.AutoScaling;
using Pulumi.Aws.AutoScaling.Inputs;
using Pulumi.Aws.CloudWatch;
using Pulumi.Aws.Ec2;
using Pulumi.Aws.Ec2.Inputs;
using Pulumi.Aws.Iam;
using Pulumi.Aws.LB;
using Pulumi.Aws.LB.Inputs;
using Pulumi.Aws.Route53;
using Pulumi.Aws.Route53.Inputs;
using Pulumi.Aws.Vpc;
using SecurityGroupIngressRule = Pulumi.Aws.Vpc.SecurityGroupIngressRule;
using SecurityGroupIngressRuleArgs = Pulumi.Aws.Vpc.SecurityGroupIngressRuleArgs;

namespace MultiRegionInfra.Compute;

/// <summary>The application tier of a region: the team's service (or the built-in sample) on instances
/// in an auto scaling group, in private subnets, behind an application load balancer that terminates TLS
/// with a DNS-validated ACM certificate. Instances take traffic only from the load balancer, have no SSH,
/// are reached through SSM, read their configuration from the stack's parameters at start, and roll out a
/// new launch template by instance refresh, rolled back when the new instances fail their health checks.</summary>
public sealed class AppTier : ComponentResource
{
    /// <summary>The SSL policy of the HTTPS listener: TLS 1.3 and 1.2 only.</summary>
    public const string TlsPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    /// <summary>During an instance refresh the group keeps all its capacity healthy, launching new
    /// instances before terminating old ones.</summary>
    public const int RefreshMinHealthyPercentage = 100;

    /// <summary>How far above its desired capacity the group may go during a refresh.</summary>
    public const int RefreshMaxHealthyPercentage = 200;

    /// <summary>The load balancer's DNS name.</summary>
    [Output]
    public Output<string> AlbDnsName { get; private set; } = null!;

    /// <summary>The load balancer's canonical hosted zone, for alias records.</summary>
    [Output]
    public Output<string> AlbZoneId { get; private set; } = null!;

    /// <summary>The load balancer's ARN.</summary>
    [Output]
    public Output<string> AlbArn { get; private set; } = null!;

    /// <summary>The load balancer's ARN suffix, its CloudWatch dimension.</summary>
    [Output]
    public Output<string> AlbArnSuffix { get; private set; } = null!;

    /// <summary>The target group's ARN suffix, its CloudWatch dimension.</summary>
    [Output]
    public Output<string> TargetGroupArnSuffix { get; private set; } = null!;

    /// <summary>The security group of the load balancer.</summary>
    [Output]
    public Output<string> AlbSecurityGroupId { get; private set; } = null!;

    /// <summary>The security group of the instances.</summary>
    [Output]
    public Output<string> InstanceSecurityGroupId { get; private set; } = null!;

    /// <summary>The auto scaling group's name.</summary>
    [Output]
    public Output<string> AutoScalingGroupName { get; private set; } = null!;

    /// <summary>The target group's ARN.</summary>
    [Output]
    public Output<string> TargetGroupArn { get; private set; } = null!;

    /// <summary>The regional hostname that serves this region over HTTPS (empty without a domain).</summary>
    [Output]
    public Output<string> OriginDomain { get; private set; } = null!;

    /// <summary>Whether the load balancer serves HTTPS.</summary>
    [Output]
    public Output<bool> HttpsEnabled { get; private set; } = null!;

    /// <summary>The instances' IAM role.</summary>
    [Output]
    public Output<string> InstanceRoleName { get; private set; } = null!;

    /// <summary>The CloudWatch Logs group the service logs to.</summary>
    [Output]
    public Output<string> LogGroupName { get; private set; } = null!;

    public AppTier(string name, AppTierArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:compute:AppTier", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var https = args.Domain is not null && args.HostedZoneId is not null;

        var (albGroup, instanceGroup) = SecurityGroups(name, args, https);
        var (role, profile, permissions, logGroup) = InstanceIdentity(name, args);
        var launchTemplate = LaunchTemplate(name, args, instanceGroup, profile, logGroup);
        var (targetGroup, group) = Fleet(name, args, launchTemplate, permissions);
        var loadBalancer = LoadBalancer(name, args, albGroup);
        OriginDomain = Listeners(name, args, loadBalancer, targetGroup, https);

        AlbDnsName = loadBalancer.DnsName;
        AlbZoneId = loadBalancer.ZoneId;
        AlbArn = loadBalancer.Arn;
        AlbArnSuffix = loadBalancer.ArnSuffix;
        TargetGroupArnSuffix = targetGroup.ArnSuffix;
        AlbSecurityGroupId = albGroup.Id;
        InstanceSecurityGroupId = instanceGroup.Id;
        AutoScalingGroupName = group.Name;
        TargetGroupArn = targetGroup.Arn;
        HttpsEnabled = Output.Create(https);
        InstanceRoleName = role.Name;
        LogGroupName = logGroup.Name;
        RegisterOutputs();
    }

    /// <summary>The hostname a region answers on, e.g. us-east.api.example.com.</summary>
    public static string OriginHostname(string domain, string stackName) => $"{stackName}.api.{domain}";

    /// <summary>The hostname clients use, e.g. api.example.com.</summary>
    public static string ApiHostname(string domain) => $"api.{domain}";

    /// <summary>The service's log group name.</summary>
    public static string LogGroupOf(string application, string stackName) => $"/{application}/{stackName}/service";

    /// <summary>The load balancer's and the instances' security groups: the instances take the service
    /// port from the load balancer only, and reach HTTPS out (SSM, ECR, AWS APIs) and their database.</summary>
    private (SecurityGroup Alb, SecurityGroup Instances) SecurityGroups(string name, AppTierArgs args, bool https)
    {
        var context = args.Context;
        var port = args.Service.Port;
        var albGroup = new SecurityGroup(ResourceNames.Child(name, "alb-sg"), new SecurityGroupArgs
        {
            VpcId = args.VpcId,
            Description = $"Load balancer of {context.StackName}: {(https ? "HTTPS" : "HTTP")} from {EdgeDescription(args.Edge)}",
            Tags = context.Tags(ResourceNames.Child(name, "alb-sg")),
        }, new CustomResourceOptions { Parent = this });
        var instanceGroup = new SecurityGroup(ResourceNames.Child(name, "instance-sg"), new SecurityGroupArgs
        {
            VpcId = args.VpcId,
            Description = $"Instances of {context.StackName}: port {port} from the load balancer only",
            Tags = context.Tags(ResourceNames.Child(name, "instance-sg")),
        }, new CustomResourceOptions { Parent = this });

        AddLoadBalancerIngress(name, args, albGroup, https);
        Egress(context, ResourceNames.Child(name, "alb-to-instances"), new SecurityGroupEgressRuleArgs
        {
            SecurityGroupId = albGroup.Id,
            Description = $"To the instances on port {port}",
            ReferencedSecurityGroupId = instanceGroup.Id,
        }, port);
        Ingress(context, ResourceNames.Child(name, "instances-from-alb"), new SecurityGroupIngressRuleArgs
        {
            SecurityGroupId = instanceGroup.Id,
            Description = $"Port {port} from the load balancer",
            ReferencedSecurityGroupId = albGroup.Id,
        }, port);
        // HTTPS out, through NAT, for SSM, ECR, package repositories and AWS APIs.
        Egress(context, ResourceNames.Child(name, "instances-https-out"), new SecurityGroupEgressRuleArgs
        {
            SecurityGroupId = instanceGroup.Id,
            Description = "HTTPS to AWS APIs (SSM, ECR) and package repositories",
            CidrIpv4 = "0.0.0.0/0",
        }, 443);
        // The instances' way to their database, on both sides.
        Egress(context, ResourceNames.Child(name, "instances-to-db"), new SecurityGroupEgressRuleArgs
        {
            SecurityGroupId = instanceGroup.Id,
            Description = $"To PostgreSQL ({args.DatabasePort})",
            ReferencedSecurityGroupId = args.DatabaseSecurityGroupId,
        }, args.DatabasePort);
        Ingress(context, ResourceNames.Child(name, "db-from-instances"), new SecurityGroupIngressRuleArgs
        {
            SecurityGroupId = args.DatabaseSecurityGroupId,
            Description = $"PostgreSQL ({args.DatabasePort}) from the application instances",
            ReferencedSecurityGroupId = instanceGroup.Id,
        }, args.DatabasePort);
        return (albGroup, instanceGroup);
    }

    private SecurityGroupIngressRule Ingress(StackContext context, string name, SecurityGroupIngressRuleArgs rule, int port)
    {
        rule.IpProtocol = "tcp";
        rule.FromPort = port;
        rule.ToPort = port;
        rule.Tags = context.Tags(name);
        return new SecurityGroupIngressRule(name, rule, new CustomResourceOptions { Parent = this });
    }

    private SecurityGroupEgressRule Egress(StackContext context, string name, SecurityGroupEgressRuleArgs rule, int port)
    {
        rule.IpProtocol = "tcp";
        rule.FromPort = port;
        rule.ToPort = port;
        rule.Tags = context.Tags(name);
        return new SecurityGroupEgressRule(name, rule, new CustomResourceOptions { Parent = this });
    }

    /// <summary>The instances' role (SSM access, no SSH keys), its profile, the service's permissions
    /// (<see cref="ServicePermissions"/>) and the log group the service writes.</summary>
    private (Role Role, InstanceProfile Profile, RolePolicy Permissions, LogGroup Logs) InstanceIdentity(string name, AppTierArgs args)
    {
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };
        var role = new Role(ResourceNames.Child(name, "instance-role"), new RoleArgs
        {
            Description = $"Instances of {context.StackName}: SSM access, the service's parameters, database, assets, image and logs; no SSH keys",
            AssumeRolePolicy = PolicyDocuments.AssumeRole("ec2.amazonaws.com"),
            Tags = context.Tags(ResourceNames.Child(name, "instance-role")),
        }, self);
        new RolePolicyAttachment(ResourceNames.Child(name, "instance-ssm"), new RolePolicyAttachmentArgs
        {
            Role = role.Name,
            PolicyArn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        }, self);
        var permissions = new RolePolicy(ResourceNames.Child(name, "service-access"), new RolePolicyArgs
        {
            Role = role.Name,
            Name = "service-access",
            Policy = args.Access.Apply(ServicePermissions.Document),
        }, self);
        var profile = new InstanceProfile(ResourceNames.Child(name, "instance-profile"), new InstanceProfileArgs
        {
            Role = role.Name,
            Tags = context.Tags(ResourceNames.Child(name, "instance-profile")),
        }, self);
        var logs = new LogGroup(ResourceNames.Child(name, "service-logs"), new LogGroupArgs
        {
            Name = LogGroupOf(context.Application, context.StackName),
            RetentionInDays = args.LogRetentionDays,
            Tags = context.Tags(ResourceNames.Child(name, "service-logs")),
        }, self);
        return (role, profile, permissions, logs);
    }

    private LaunchTemplate LaunchTemplate(string name, AppTierArgs args, SecurityGroup instanceGroup, InstanceProfile profile, LogGroup logs)
    {
        var context = args.Context;
        var service = args.Service;
        var boot = new BootScriptSpec(context.Region, context.StackName, args.ConfigPath, service.Port, args.HealthCheckPath, args.Image, args.Registry,
            LogGroupOf(context.Application, context.StackName), service.Environment, service.Secrets, service.Command, args.PublishedParameters);
        return new LaunchTemplate(ResourceNames.Child(name, "launch-template"), new LaunchTemplateArgs
        {
            NamePrefix = ResourceNames.Limit($"{context.DisplayName("app")}-", 100),
            Description = $"Instances of {context.StackName}",
            ImageId = args.ImageId,
            InstanceType = args.Compute.InstanceType,
            VpcSecurityGroupIds = { instanceGroup.Id },
            IamInstanceProfile = new LaunchTemplateIamInstanceProfileArgs { Arn = profile.Arn },
            MetadataOptions = new LaunchTemplateMetadataOptionsArgs
            {
                HttpEndpoint = "enabled",
                HttpTokens = "required",
                HttpPutResponseHopLimit = 1,
            },
            BlockDeviceMappings =
            {
                new LaunchTemplateBlockDeviceMappingArgs
                {
                    DeviceName = "/dev/xvda",
                    Ebs = new LaunchTemplateBlockDeviceMappingEbsArgs
                    {
                        VolumeSize = args.Compute.RootVolumeGb,
                        VolumeType = "gp3",
                        Encrypted = "true",
                        DeleteOnTermination = "true",
                    },
                },
            },
            Monitoring = new LaunchTemplateMonitoringArgs { Enabled = true },
            UserData = BootScript.Base64(boot),
            UpdateDefaultVersion = true,
            TagSpecifications =
            {
                new LaunchTemplateTagSpecificationArgs { ResourceType = "instance", Tags = context.Tags(ResourceNames.Child(name, "instance")) },
                new LaunchTemplateTagSpecificationArgs { ResourceType = "volume", Tags = context.Tags(ResourceNames.Child(name, "volume")) },
            },
            Tags = context.Tags(ResourceNames.Child(name, "launch-template")),
        }, new CustomResourceOptions { Parent = this, DependsOn = { logs } });
    }

    /// <summary>The target group and the auto scaling group with its CPU target tracking. A new launch
    /// template version rolls out by instance refresh: capacity stays at least
    /// <see cref="RefreshMinHealthyPercentage"/>% healthy and the refresh rolls back by itself when the new
    /// instances fail their health checks, so a bad image stops in the first region CI deploys.</summary>
    private (TargetGroup TargetGroup, Group Group) Fleet(string name, AppTierArgs args, LaunchTemplate launchTemplate, RolePolicy permissions)
    {
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };
        var targetGroup = new TargetGroup(ResourceNames.Child(name, "tg"), new TargetGroupArgs
        {
            VpcId = args.VpcId,
            Port = args.Service.Port,
            Protocol = "HTTP",
            TargetType = "instance",
            DeregistrationDelay = 30,
            HealthCheck = new TargetGroupHealthCheckArgs
            {
                Enabled = true,
                Path = args.HealthCheckPath,
                Protocol = "HTTP",
                Matcher = "200",
                Interval = 15,
                Timeout = 5,
                HealthyThreshold = 2,
                UnhealthyThreshold = 3,
            },
            Tags = context.Tags(ResourceNames.Child(name, "tg")),
        }, self);

        // Instances read their parameters and pull their image at start: they launch once both the
        // parameters and the permissions to read them exist.
        var groupOptions = new CustomResourceOptions { Parent = this, DependsOn = { permissions } };
        foreach (var resource in args.StartAfter)
            groupOptions.DependsOn.Add(resource);
        var warmup = args.Compute.HealthCheckGraceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var group = new Group(ResourceNames.Child(name, "asg"), new GroupArgs
        {
            VpcZoneIdentifiers = args.PrivateSubnetIds,
            MinSize = args.Compute.MinSize,
            MaxSize = args.Compute.MaxSize,
            DesiredCapacity = args.Compute.DesiredCapacity,
            HealthCheckType = "ELB",
            HealthCheckGracePeriod = args.Compute.HealthCheckGraceSeconds,
            TargetGroupArns = { targetGroup.Arn },
            // A numbered version, not $Latest: instance refresh can roll back only to a numbered version.
            LaunchTemplate = new GroupLaunchTemplateArgs { Id = launchTemplate.Id, Version = launchTemplate.LatestVersion.Apply(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
            InstanceRefresh = new GroupInstanceRefreshArgs
            {
                Strategy = "Rolling",
                Preferences = new GroupInstanceRefreshPreferencesArgs
                {
                    MinHealthyPercentage = RefreshMinHealthyPercentage,
                    MaxHealthyPercentage = RefreshMaxHealthyPercentage,
                    InstanceWarmup = warmup,
                    AutoRollback = true,
                    SkipMatching = true,
                },
            },
            Tags = context.TagValues(ResourceNames.Child(name, "asg"))
                .Select(t => new GroupTagArgs { Key = t.Key, Value = t.Value, PropagateAtLaunch = false })
                .ToList(),
        }, groupOptions);

        new Policy(ResourceNames.Child(name, "cpu-target"), new PolicyArgs
        {
            AutoscalingGroupName = group.Name,
            PolicyType = "TargetTrackingScaling",
            TargetTrackingConfiguration = new PolicyTargetTrackingConfigurationArgs
            {
                TargetValue = args.Compute.CpuTargetPercent,
                PredefinedMetricSpecification = new PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs
                {
                    PredefinedMetricType = "ASGAverageCPUUtilization",
                },
            },
        }, self);
        return (targetGroup, group);
    }

    private LoadBalancer LoadBalancer(string name, AppTierArgs args, SecurityGroup albGroup) =>
        new(ResourceNames.Child(name, "alb"), new LoadBalancerArgs
        {
            LoadBalancerType = "application",
            Internal = false,
            Subnets = args.PublicSubnetIds,
            SecurityGroups = { albGroup.Id },
            DropInvalidHeaderFields = true,
            DesyncMitigationMode = "defensive",
            EnableDeletionProtection = args.DeletionProtection,
            IdleTimeout = 60,
            AccessLogs = AccessLogs(args.AccessLogsBucket, args.Context.StackName),
            Tags = args.Context.Tags(ResourceNames.Child(name, "alb")),
        }, new CustomResourceOptions { Parent = this });

    /// <summary>HTTPS with a redirect from HTTP when the stack has a domain (and the region's own name),
    /// plain HTTP otherwise. Returns the region's origin hostname, empty without a domain.</summary>
    private Output<string> Listeners(string name, AppTierArgs args, LoadBalancer loadBalancer, TargetGroup targetGroup, bool https)
    {
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };
        if (!https)
        {
            new Listener(ResourceNames.Child(name, "http"), new ListenerArgs
            {
                LoadBalancerArn = loadBalancer.Arn,
                Port = 80,
                Protocol = "HTTP",
                DefaultActions = { new ListenerDefaultActionArgs { Type = "forward", TargetGroupArn = targetGroup.Arn } },
                Tags = context.Tags(ResourceNames.Child(name, "http")),
            }, self);
            return Output.Create("");
        }
        var certificate = new DnsValidatedCertificate(ResourceNames.Child(name, "tls"), new DnsValidatedCertificateArgs
        {
            Context = context,
            DomainNames = new[] { ApiHostname(args.Domain!), OriginHostname(args.Domain!, context.StackName) },
            ZoneId = args.HostedZoneId!,
        }, new ComponentResourceOptions { Parent = this });
        new Listener(ResourceNames.Child(name, "https"), new ListenerArgs
        {
            LoadBalancerArn = loadBalancer.Arn,
            Port = 443,
            Protocol = "HTTPS",
            SslPolicy = TlsPolicy,
            CertificateArn = certificate.CertificateArn,
            DefaultActions = { new ListenerDefaultActionArgs { Type = "forward", TargetGroupArn = targetGroup.Arn } },
            Tags = context.Tags(ResourceNames.Child(name, "https")),
        }, self);
        new Listener(ResourceNames.Child(name, "http-redirect"), new ListenerArgs
        {
            LoadBalancerArn = loadBalancer.Arn,
            Port = 80,
            Protocol = "HTTP",
            DefaultActions =
            {
                new ListenerDefaultActionArgs
                {
                    Type = "redirect",
                    Redirect = new ListenerDefaultActionRedirectArgs { Protocol = "HTTPS", Port = "443", StatusCode = "HTTP_301" },
                },
            },
            Tags = context.Tags(ResourceNames.Child(name, "http-redirect")),
        }, self);
        var origin = OriginHostname(args.Domain!, context.StackName);
        new Record(ResourceNames.Child(name, "origin-record"), new RecordArgs
        {
            ZoneId = args.HostedZoneId!,
            Name = origin,
            Type = "A",
            Aliases = { new RecordAliasArgs { Name = loadBalancer.DnsName, ZoneId = loadBalancer.ZoneId, EvaluateTargetHealth = true } },
        }, self);
        return Output.Create(origin);
    }

    private static Input<LoadBalancerAccessLogsArgs>? AccessLogs(string? bucket, string stackName)
    {
        if (bucket is null)
            return null;
        return new LoadBalancerAccessLogsArgs { Bucket = bucket, Enabled = true, Prefix = $"alb/{stackName}" };
    }

    private static string EdgeDescription(EdgeKind edge) => edge switch
    {
        EdgeKind.CloudFront => "CloudFront and Route 53 health checkers",
        _ => "the internet",
    };

    private void AddLoadBalancerIngress(string name, AppTierArgs args, SecurityGroup albGroup, bool https)
    {
        var context = args.Context;
        var ports = https ? new[] { 80, 443 } : new[] { 80 };
        foreach (var port in ports)
        {
            if (args.Edge == EdgeKind.CloudFront)
            {
                var sources = new (string Suffix, Input<string>? PrefixList, string Description)[]
                {
                    ("cloudfront", args.CloudFrontPrefixListId, "CloudFront origin-facing servers"),
                    ("health-checkers", args.HealthCheckerPrefixListId, "Route 53 health checkers"),
                };
                foreach (var (suffix, prefixList, description) in sources)
                {
                    Ingress(context, ResourceNames.Child(name, $"alb-{port}-{suffix}"), new SecurityGroupIngressRuleArgs
                    {
                        SecurityGroupId = albGroup.Id,
                        Description = $"Port {port} from {description}",
                        PrefixListId = prefixList ?? throw new ArgumentException($"{suffix} prefix list is required when the edge is CloudFront", nameof(args)),
                    }, port);
                }
            }
            else
            {
                foreach (var ipv6 in new[] { false, true })
                {
                    var suffix = ipv6 ? "ipv6" : "ipv4";
                    var rule = new SecurityGroupIngressRuleArgs
                    {
                        SecurityGroupId = albGroup.Id,
                        Description = $"Port {port} from the internet ({suffix})",
                    };
                    if (ipv6)
                        rule.CidrIpv6 = "::/0";
                    else
                        rule.CidrIpv4 = "0.0.0.0/0";
                    Ingress(context, ResourceNames.Child(name, $"alb-{port}-{suffix}"), rule, port);
                }
            }
        }
    }
}
