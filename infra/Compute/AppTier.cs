using System.Collections.Immutable;
using MultiRegionInfra.Certificates;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.AutoScaling;
using Pulumi.Aws.AutoScaling.Inputs;
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

/// <summary>The application tier of a region: instances in an auto scaling group, in private subnets,
/// behind an application load balancer that terminates TLS with a DNS-validated ACM certificate.
/// Instances take traffic only from the load balancer, have no SSH, and are reached through SSM.</summary>
public sealed class AppTier : ComponentResource
{
    /// <summary>The SSL policy of the HTTPS listener: TLS 1.3 and 1.2 only.</summary>
    public const string TlsPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

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

    /// <summary>The target group's ARN suffix-bearing ARN.</summary>
    [Output]
    public Output<string> TargetGroupArn { get; private set; } = null!;

    /// <summary>The regional hostname that serves this region over HTTPS (empty without a domain).</summary>
    [Output]
    public Output<string> OriginDomain { get; private set; } = null!;

    /// <summary>Whether the load balancer serves HTTPS.</summary>
    [Output]
    public Output<bool> HttpsEnabled { get; private set; } = null!;

    public AppTier(string name, AppTierArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:compute:AppTier", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };
        var https = args.Domain is not null && args.HostedZoneId is not null;

        var albGroup = new SecurityGroup(ResourceNames.Child(name, "alb-sg"), new SecurityGroupArgs
        {
            VpcId = args.VpcId,
            Description = $"Load balancer of {context.StackName}: {(https ? "HTTPS" : "HTTP")} from {EdgeDescription(args.Edge)}",
            Tags = context.Tags(ResourceNames.Child(name, "alb-sg")),
        }, self);
        var instanceGroup = new SecurityGroup(ResourceNames.Child(name, "instance-sg"), new SecurityGroupArgs
        {
            VpcId = args.VpcId,
            Description = $"Instances of {context.StackName}: port {args.AppPort} from the load balancer only",
            Tags = context.Tags(ResourceNames.Child(name, "instance-sg")),
        }, self);

        AddLoadBalancerIngress(name, args, albGroup, https, self);
        new SecurityGroupEgressRule(ResourceNames.Child(name, "alb-to-instances"), new SecurityGroupEgressRuleArgs
        {
            SecurityGroupId = albGroup.Id,
            Description = $"To the instances on port {args.AppPort}",
            IpProtocol = "tcp",
            FromPort = args.AppPort,
            ToPort = args.AppPort,
            ReferencedSecurityGroupId = instanceGroup.Id,
            Tags = context.Tags(ResourceNames.Child(name, "alb-to-instances")),
        }, self);
        new SecurityGroupIngressRule(ResourceNames.Child(name, "instances-from-alb"), new SecurityGroupIngressRuleArgs
        {
            SecurityGroupId = instanceGroup.Id,
            Description = $"Port {args.AppPort} from the load balancer",
            IpProtocol = "tcp",
            FromPort = args.AppPort,
            ToPort = args.AppPort,
            ReferencedSecurityGroupId = albGroup.Id,
            Tags = context.Tags(ResourceNames.Child(name, "instances-from-alb")),
        }, self);
        // HTTPS out, through NAT, for SSM, package repositories and AWS APIs.
        new SecurityGroupEgressRule(ResourceNames.Child(name, "instances-https-out"), new SecurityGroupEgressRuleArgs
        {
            SecurityGroupId = instanceGroup.Id,
            Description = "HTTPS to AWS APIs (SSM) and package repositories",
            IpProtocol = "tcp",
            FromPort = 443,
            ToPort = 443,
            CidrIpv4 = "0.0.0.0/0",
            Tags = context.Tags(ResourceNames.Child(name, "instances-https-out")),
        }, self);

        var role = new Role(ResourceNames.Child(name, "instance-role"), new RoleArgs
        {
            Description = $"Instances of {context.StackName}: SSM access, no SSH keys",
            AssumeRolePolicy = PolicyDocuments.AssumeRole("ec2.amazonaws.com"),
            Tags = context.Tags(ResourceNames.Child(name, "instance-role")),
        }, self);
        new RolePolicyAttachment(ResourceNames.Child(name, "instance-ssm"), new RolePolicyAttachmentArgs
        {
            Role = role.Name,
            PolicyArn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        }, self);
        var profile = new InstanceProfile(ResourceNames.Child(name, "instance-profile"), new InstanceProfileArgs
        {
            Role = role.Name,
            Tags = context.Tags(ResourceNames.Child(name, "instance-profile")),
        }, self);

        var launchTemplate = new LaunchTemplate(ResourceNames.Child(name, "launch-template"), new LaunchTemplateArgs
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
            UserData = UserData.Base64(context.Region, context.StackName, args.AppPort, args.HealthCheckPath),
            UpdateDefaultVersion = true,
            TagSpecifications =
            {
                new LaunchTemplateTagSpecificationArgs { ResourceType = "instance", Tags = context.Tags(ResourceNames.Child(name, "instance")) },
                new LaunchTemplateTagSpecificationArgs { ResourceType = "volume", Tags = context.Tags(ResourceNames.Child(name, "volume")) },
            },
            Tags = context.Tags(ResourceNames.Child(name, "launch-template")),
        }, self);

        var targetGroup = new TargetGroup(ResourceNames.Child(name, "tg"), new TargetGroupArgs
        {
            VpcId = args.VpcId,
            Port = args.AppPort,
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

        var group = new Group(ResourceNames.Child(name, "asg"), new GroupArgs
        {
            VpcZoneIdentifiers = args.PrivateSubnetIds,
            MinSize = args.Compute.MinSize,
            MaxSize = args.Compute.MaxSize,
            DesiredCapacity = args.Compute.DesiredCapacity,
            HealthCheckType = "ELB",
            HealthCheckGracePeriod = args.Compute.HealthCheckGraceSeconds,
            TargetGroupArns = { targetGroup.Arn },
            LaunchTemplate = new GroupLaunchTemplateArgs { Id = launchTemplate.Id, Version = launchTemplate.LatestVersion.Apply(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
            InstanceRefresh = new GroupInstanceRefreshArgs
            {
                Strategy = "Rolling",
                Preferences = new GroupInstanceRefreshPreferencesArgs { MinHealthyPercentage = 90, InstanceWarmup = args.Compute.HealthCheckGraceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
            Tags = context.TagValues(ResourceNames.Child(name, "asg"))
                .Select(t => new GroupTagArgs { Key = t.Key, Value = t.Value, PropagateAtLaunch = false })
                .ToList(),
        }, self);

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

        var loadBalancer = new LoadBalancer(ResourceNames.Child(name, "alb"), new LoadBalancerArgs
        {
            LoadBalancerType = "application",
            Internal = false,
            Subnets = args.PublicSubnetIds,
            SecurityGroups = { albGroup.Id },
            DropInvalidHeaderFields = true,
            DesyncMitigationMode = "defensive",
            EnableDeletionProtection = args.DeletionProtection,
            IdleTimeout = 60,
            AccessLogs = AccessLogs(args.AccessLogsBucket, context.StackName),
            Tags = context.Tags(ResourceNames.Child(name, "alb")),
        }, self);

        if (https)
        {
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
            OriginDomain = Output.Create(origin);
        }
        else
        {
            new Listener(ResourceNames.Child(name, "http"), new ListenerArgs
            {
                LoadBalancerArn = loadBalancer.Arn,
                Port = 80,
                Protocol = "HTTP",
                DefaultActions = { new ListenerDefaultActionArgs { Type = "forward", TargetGroupArn = targetGroup.Arn } },
                Tags = context.Tags(ResourceNames.Child(name, "http")),
            }, self);
            OriginDomain = Output.Create("");
        }

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
        RegisterOutputs();
    }

    /// <summary>The hostname a region answers on, e.g. us-east.api.example.com.</summary>
    public static string OriginHostname(string domain, string stackName) => $"{stackName}.api.{domain}";

    /// <summary>The hostname clients use, e.g. api.example.com.</summary>
    public static string ApiHostname(string domain) => $"api.{domain}";

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

    private void AddLoadBalancerIngress(string name, AppTierArgs args, SecurityGroup albGroup, bool https, CustomResourceOptions self)
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
                    new SecurityGroupIngressRule(ResourceNames.Child(name, $"alb-{port}-{suffix}"), new SecurityGroupIngressRuleArgs
                    {
                        SecurityGroupId = albGroup.Id,
                        Description = $"Port {port} from {description}",
                        IpProtocol = "tcp",
                        FromPort = port,
                        ToPort = port,
                        PrefixListId = prefixList ?? throw new ArgumentException($"{suffix} prefix list is required when the edge is CloudFront", nameof(args)),
                        Tags = context.Tags(ResourceNames.Child(name, $"alb-{port}-{suffix}")),
                    }, self);
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
                        IpProtocol = "tcp",
                        FromPort = port,
                        ToPort = port,
                        Tags = context.Tags(ResourceNames.Child(name, $"alb-{port}-{suffix}")),
                    };
                    if (ipv6)
                        rule.CidrIpv6 = "::/0";
                    else
                        rule.CidrIpv4 = "0.0.0.0/0";
                    new SecurityGroupIngressRule(ResourceNames.Child(name, $"alb-{port}-{suffix}"), rule, self);
                }
            }
        }
    }
}
