using System.Collections.Immutable;
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

    /// <summary>Behind CloudFront: the listener rule that serves requests carrying the origin header.</summary>
    public const int OriginHeaderRulePriority = 10;

    /// <summary>Behind CloudFront: the listener rule that serves the health path to Route 53's health
    /// checks, which cannot send a header.</summary>
    public const int HealthCheckRulePriority = 20;

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

    /// <summary>The auto scaling group's ARN (the Region switch plan scales the group by it).</summary>
    [Output]
    public Output<string> AutoScalingGroupArn { get; private set; } = null!;

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

        var (albGroups, instanceGroup) = SecurityGroups(name, args, https);
        var albGroup = albGroups[0];
        var (role, profile, permissions, logGroup) = InstanceIdentity(name, args);
        var launchTemplate = LaunchTemplate(name, args, instanceGroup, profile, logGroup);
        var (targetGroup, group) = Fleet(name, args, launchTemplate, permissions);
        var loadBalancer = LoadBalancer(name, args, albGroups);
        OriginDomain = Listeners(name, args, loadBalancer, targetGroup, https);

        AlbDnsName = loadBalancer.DnsName;
        AlbZoneId = loadBalancer.ZoneId;
        AlbArn = loadBalancer.Arn;
        AlbArnSuffix = loadBalancer.ArnSuffix;
        TargetGroupArnSuffix = targetGroup.ArnSuffix;
        AlbSecurityGroupId = albGroup.Id;
        InstanceSecurityGroupId = instanceGroup.Id;
        AutoScalingGroupName = group.Name;
        AutoScalingGroupArn = group.Arn;
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
    /// port from the load balancer only, and reach HTTPS out (SSM, ECR, AWS APIs) and their database.
    /// Behind Cloudflare the load balancer has a second group, for Cloudflare's ranges.</summary>
    private (IReadOnlyList<SecurityGroup> Alb, SecurityGroup Instances) SecurityGroups(string name, AppTierArgs args, bool https)
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
        var albGroups = new List<SecurityGroup> { albGroup };
        if (args.Edge == EdgeKind.Cloudflare)
            albGroups.Add(CloudflareGroup(name, args, https));
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
        return (albGroups, instanceGroup);
    }

    /// <summary>The port the edge reaches the load balancer on: 443 with a certificate, 80 without.</summary>
    public static int EdgePort(bool https) => https ? 443 : 80;

    /// <summary>A security group of Cloudflare's published ranges on the edge's port. The ranges come from
    /// the Cloudflare provider when the program runs, so their number is not known while the resources are
    /// declared: they are the group's inline rules (a group of their own, which has no other rules, since
    /// inline and separate rules must not share a group).</summary>
    private SecurityGroup CloudflareGroup(string name, AppTierArgs args, bool https)
    {
        var context = args.Context;
        var ranges = args.Cloudflare ?? throw new ArgumentException("Cloudflare's address ranges are required when the edge is Cloudflare", nameof(args));
        var port = EdgePort(https);
        var groupName = ResourceNames.Child(name, "alb-cloudflare-sg");
        return new SecurityGroup(groupName, new SecurityGroupArgs
        {
            VpcId = args.VpcId,
            Description = $"Load balancer of {context.StackName}: {(https ? "HTTPS" : "HTTP")} from Cloudflare's published ranges",
            Ingress =
            {
                new SecurityGroupIngressArgs
                {
                    Description = $"Port {port} from Cloudflare (IPv4)",
                    Protocol = "tcp",
                    FromPort = port,
                    ToPort = port,
                    CidrBlocks = ranges.Ipv4.Apply(r => NonEmpty(r, "IPv4")),
                },
                new SecurityGroupIngressArgs
                {
                    Description = $"Port {port} from Cloudflare (IPv6)",
                    Protocol = "tcp",
                    FromPort = port,
                    ToPort = port,
                    Ipv6CidrBlocks = ranges.Ipv6.Apply(r => NonEmpty(r, "IPv6")),
                },
            },
            Tags = context.Tags(groupName),
        }, new CustomResourceOptions { Parent = this });
    }

    /// <summary>Refuses an empty list of ranges: a load balancer that admits nobody is an outage, not a default.</summary>
    private static ImmutableArray<string> NonEmpty(ImmutableArray<string> ranges, string family) =>
        ranges.IsDefaultOrEmpty
            ? throw new InvalidOperationException($"the Cloudflare provider returned no {family} address ranges (GetIpRanges): the load balancer would admit nobody; check the provider's access to api.cloudflare.com/client/v4/ips")
            : ranges;

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
            UserData = UserData(boot, args),
            UpdateDefaultVersion = true,
            TagSpecifications =
            {
                new LaunchTemplateTagSpecificationArgs { ResourceType = "instance", Tags = context.Tags(ResourceNames.Child(name, "instance")) },
                new LaunchTemplateTagSpecificationArgs { ResourceType = "volume", Tags = context.Tags(ResourceNames.Child(name, "volume")) },
            },
            Tags = context.Tags(ResourceNames.Child(name, "launch-template")),
        }, new CustomResourceOptions { Parent = this, DependsOn = { logs } });
    }

    /// <summary>The boot script; with metrics, once the workspace's endpoint is known (its remote write URL is
    /// in the collector's configuration).</summary>
    private static Input<string> UserData(BootScriptSpec boot, AppTierArgs args) => args.Metrics is not { } metrics
        ? BootScript.Base64(boot)
        : Output.Tuple(metrics.Endpoint, metrics.Region).Apply(t => BootScript.Base64(boot with
        {
            Metrics = new MetricsCollection(CollectorConfig.RemoteWriteUrl(t.Item1), t.Item2, metrics.Settings.ScrapeIntervalSeconds,
                args.Service.MetricsPath, metrics.Settings.CollectorImage, metrics.Settings.NodeExporterImage),
        }));

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

    private LoadBalancer LoadBalancer(string name, AppTierArgs args, IReadOnlyList<SecurityGroup> albGroups)
    {
        // A load balancer checks that it may write to its log bucket when access logs are turned on.
        var options = new CustomResourceOptions { Parent = this };
        if (args.AccessLogs?.After is { } after)
            options.DependsOn.Add(after);
        return new(ResourceNames.Child(name, "alb"), new LoadBalancerArgs
        {
            LoadBalancerType = "application",
            Internal = false,
            Subnets = args.PublicSubnetIds,
            SecurityGroups = albGroups.Select(g => g.Id).ToList(),
            DropInvalidHeaderFields = true,
            DesyncMitigationMode = "defensive",
            EnableDeletionProtection = args.DeletionProtection,
            IdleTimeout = 60,
            AccessLogs = AccessLogs(args.AccessLogs),
            Tags = args.Context.Tags(ResourceNames.Child(name, "alb")),
        }, options);
    }

    /// <summary>HTTPS with a redirect from HTTP when the stack has a domain (and the region's own name),
    /// plain HTTP otherwise. Returns the region's origin hostname, empty without a domain.</summary>
    private Output<string> Listeners(string name, AppTierArgs args, LoadBalancer loadBalancer, TargetGroup targetGroup, bool https)
    {
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };
        if (!https)
        {
            var http = new Listener(ResourceNames.Child(name, "http"), new ListenerArgs
            {
                LoadBalancerArn = loadBalancer.Arn,
                Port = 80,
                Protocol = "HTTP",
                DefaultActions = { DefaultAction(args, targetGroup) },
                Tags = context.Tags(ResourceNames.Child(name, "http")),
            }, self);
            OriginRules(name, args, http, targetGroup);
            return Output.Create("");
        }
        var certificate = new DnsValidatedCertificate(ResourceNames.Child(name, "tls"), new DnsValidatedCertificateArgs
        {
            Context = context,
            DomainNames = new[] { ApiHostname(args.Domain!), OriginHostname(args.Domain!, context.StackName) },
            ZoneId = args.HostedZoneId!,
        }, new ComponentResourceOptions { Parent = this });
        var httpsListener = new Listener(ResourceNames.Child(name, "https"), new ListenerArgs
        {
            LoadBalancerArn = loadBalancer.Arn,
            Port = 443,
            Protocol = "HTTPS",
            SslPolicy = TlsPolicy,
            CertificateArn = certificate.CertificateArn,
            DefaultActions = { DefaultAction(args, targetGroup) },
            Tags = context.Tags(ResourceNames.Child(name, "https")),
        }, self);
        OriginRules(name, args, httpsListener, targetGroup);
        // Plain HTTP only redirects, with or without the header: it serves nothing, and behind an edge
        // no rule admits port 80 at all (the edge reaches the load balancer on 443).
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

    private static Input<LoadBalancerAccessLogsArgs>? AccessLogs(LoadBalancerLogTarget? target)
    {
        if (target is null)
            return null;
        return new LoadBalancerAccessLogsArgs { Bucket = target.Bucket, Enabled = true, Prefix = target.Prefix };
    }

    /// <summary>The fixed answer behind CloudFront to a request without the origin header.</summary>
    public const string ForbiddenBody = "Forbidden";

    /// <summary>What the serving listener does with a request no rule takes: behind CloudFront, answer 403
    /// (it did not come from this project's distribution), unless the header is not required yet (an
    /// upgrade, before the global stack sends it); otherwise serve it.</summary>
    private static ListenerDefaultActionArgs DefaultAction(AppTierArgs args, TargetGroup targetGroup) => args.Edge == EdgeKind.CloudFront && args.OriginHeader?.Required != false
        ? new ListenerDefaultActionArgs
        {
            Type = "fixed-response",
            FixedResponse = new ListenerDefaultActionFixedResponseArgs { ContentType = "text/plain", MessageBody = ForbiddenBody, StatusCode = "403" },
        }
        : new ListenerDefaultActionArgs { Type = "forward", TargetGroupArn = targetGroup.Arn };

    /// <summary>Behind CloudFront, the serving listener's rules: forward a request whose origin header
    /// holds an accepted value; forward GET and HEAD of the health path, which Route 53's health checks
    /// probe without a header (they cannot send one). Everything else gets the default 403.</summary>
    private void OriginRules(string name, AppTierArgs args, Listener listener, TargetGroup targetGroup)
    {
        if (args.Edge != EdgeKind.CloudFront)
            return;
        var context = args.Context;
        var header = args.OriginHeader ?? throw new ArgumentException("the origin header is required when the edge is CloudFront", nameof(args));
        var self = new CustomResourceOptions { Parent = this };
        var forward = new ListenerRuleActionArgs { Type = "forward", TargetGroupArn = targetGroup.Arn };
        // The whole condition list is built from the secret values, so it is a secret as a whole: a plan
        // or a preview shows [secret] rather than the header's value.
        var headerConditions = header.AcceptedValues.Apply(values => ImmutableArray.Create(new ListenerRuleConditionArgs
        {
            HttpHeader = new ListenerRuleConditionHttpHeaderArgs { HttpHeaderName = header.HeaderName, Values = values.ToList() },
        }));
        new ListenerRule(ResourceNames.Child(name, "origin-header"), new ListenerRuleArgs
        {
            ListenerArn = listener.Arn,
            Priority = OriginHeaderRulePriority,
            Conditions = Output.CreateSecret(headerConditions),
            Actions = { forward },
            Tags = context.Tags(ResourceNames.Child(name, "origin-header")),
        }, self);
        new ListenerRule(ResourceNames.Child(name, "health-check"), new ListenerRuleArgs
        {
            ListenerArn = listener.Arn,
            Priority = HealthCheckRulePriority,
            Conditions =
            {
                new ListenerRuleConditionArgs { PathPattern = new ListenerRuleConditionPathPatternArgs { Values = { args.HealthCheckPath } } },
                new ListenerRuleConditionArgs { HttpRequestMethod = new ListenerRuleConditionHttpRequestMethodArgs { Values = { "GET", "HEAD" } } },
            },
            Actions = { forward },
            Tags = context.Tags(ResourceNames.Child(name, "health-check")),
        }, self);
    }

    private static string EdgeDescription(EdgeKind edge) => edge switch
    {
        EdgeKind.CloudFront => "CloudFront and Route 53 health checkers",
        EdgeKind.Cloudflare => "Route 53 health checkers",
        _ => "the internet",
    };

    /// <summary>The load balancer's way in. Behind CloudFront: CloudFront's origin-facing prefix list and
    /// the Route 53 health checkers, on the edge's port only (the CloudFront list counts as 55 rules of a
    /// group's default quota of 60, so it is referenced once). Behind Cloudflare: the health checkers here,
    /// Cloudflare's ranges in their own group. Without an edge: 80 and 443 from anywhere.</summary>
    private void AddLoadBalancerIngress(string name, AppTierArgs args, SecurityGroup albGroup, bool https)
    {
        var context = args.Context;
        if (args.Edge != EdgeKind.None)
        {
            var port = EdgePort(https);
            var sources = new List<(string Suffix, Input<string>? PrefixList, string Description)>();
            if (args.Edge == EdgeKind.CloudFront)
                sources.Add(("cloudfront", args.CloudFrontPrefixListId, "CloudFront origin-facing servers"));
            sources.Add(("health-checkers", args.HealthCheckerPrefixListId, "Route 53 health checkers"));
            foreach (var (suffix, prefixList, description) in sources)
            {
                Ingress(context, ResourceNames.Child(name, $"alb-{port}-{suffix}"), new SecurityGroupIngressRuleArgs
                {
                    SecurityGroupId = albGroup.Id,
                    Description = $"Port {port} from {description}",
                    PrefixListId = prefixList ?? throw new ArgumentException($"the {suffix} prefix list is required when the edge is {args.Edge}", nameof(args)),
                }, port);
            }
            return;
        }
        foreach (var port in https ? new[] { 80, 443 } : new[] { 80 })
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
