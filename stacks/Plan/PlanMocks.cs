using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Pulumi.Testing;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>The mocks the offline plan runs a stack under: realistic, deterministic values in AWS's own
/// formats (IDs, ARNs with the stack's region and account, load balancer DNS names with the real
/// canonical hosted zone of each region, RDS endpoints, CloudFront domains) and the invokes' results.
/// Every value is derived from the stack, the type and the name, so two runs print the same plan.
/// Stack references get the outputs that the referenced stack's plan produced.</summary>
public sealed class PlanMocks : IMocks
{
    public const string DefaultAccount = "123456789012";

    /// <summary>Elastic Load Balancing's canonical hosted zone of application load balancers, per region.</summary>
    public static readonly IReadOnlyDictionary<string, string> LoadBalancerZones = new Dictionary<string, string>
    {
        ["us-east-1"] = "Z35SXDOTRQ7X7K",
        ["us-east-2"] = "Z3AADJGX6KTTL2",
        ["us-west-1"] = "Z368ELLRRE2KJ0",
        ["us-west-2"] = "Z1H1FL5HABSF5",
        ["ca-central-1"] = "ZQSVJUPU6J1EY",
        ["eu-west-1"] = "Z32O12XQLNTSW2",
        ["eu-west-2"] = "ZHURV8PSTC4K8",
        ["eu-west-3"] = "Z3Q77PNBQS71R4",
        ["eu-central-1"] = "Z215JYRZR1TBD5",
        ["eu-north-1"] = "Z23TAZ7KKW3ZU3",
        ["ap-south-1"] = "ZP97RAFLXTNZK",
        ["ap-southeast-1"] = "Z1LMS91P8CMLE5",
        ["ap-southeast-2"] = "Z1GM3OXH4ZPM65",
        ["ap-northeast-1"] = "Z14GRHDCWA56QT",
        ["ap-northeast-2"] = "ZWKZPGTI48KDX",
        ["sa-east-1"] = "Z2P70J7HTTTPLU",
    };

    /// <summary>How many availability zones a region offers (three where not listed).</summary>
    private static readonly IReadOnlyDictionary<string, int> ZoneCounts = new Dictionary<string, int>
    {
        ["us-east-1"] = 6,
        ["us-west-2"] = 4,
        ["ap-northeast-2"] = 4,
    };

    private readonly string _stack;
    private readonly string _region;
    private readonly string _account;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> _upstreamOutputs;
    private readonly List<(MockResourceArgs Args, ImmutableDictionary<string, object> Outputs)> _registrations = new();
    private readonly ModelledValues _modelled;
    // What these mocks made up themselves (hashes, the account): a value holding one is invented.
    private readonly ModelledValues _fragments = new();

    /// <param name="modelled">Collects every value these mocks invent, shared by the stacks of one plan
    /// (a stack reference hands the invented values of one stack to the next).</param>
    public PlanMocks(string stack, string region, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> upstreamOutputs,
        ModelledValues? modelled = null, string account = DefaultAccount)
    {
        _stack = stack;
        _region = region;
        _account = account;
        _upstreamOutputs = upstreamOutputs;
        _modelled = modelled ?? new ModelledValues();
        Made(account);
    }

    /// <summary>What the program registered, with the outputs the mocks gave back.</summary>
    public IReadOnlyList<(MockResourceArgs Args, ImmutableDictionary<string, object> Outputs)> Registrations
    {
        get
        {
            lock (_registrations)
                return _registrations.ToList();
        }
    }

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var type = args.Type ?? "";
        var name = args.Name ?? "";
        var region = args.Inputs.TryGetValue("region", out var r) && r is string explicitRegion ? explicitRegion : _region;
        var (id, extra) = type == "pulumi:pulumi:StackReference" ? StackReference(args) : Describe(type, name, region, args.Inputs);
        // A stack reference passes on values another stack's mocks invented (and recorded) already.
        if (type != "pulumi:pulumi:StackReference")
            RecordInvented(extra.Values.Prepend(id));
        var state = args.Inputs.ToImmutableDictionary().SetItems(extra);
        lock (_registrations)
            _registrations.Add((args, extra));
        return Task.FromResult<(string? id, object state)>((id, state));
    }

    public Task<object> CallAsync(MockCallArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var token = args.Token ?? "";
        var region = args.Args.TryGetValue("region", out var r) && r is string explicitRegion ? explicitRegion : _region;
        object result = token switch
        {
            "aws:index/getAvailabilityZones:getAvailabilityZones" => Zones(region),
            "aws:ssm/getParameter:getParameter" => new Dictionary<string, object>
            {
                ["id"] = args.Args["name"],
                ["name"] = args.Args["name"],
                ["type"] = "String",
                ["value"] = $"ami-{Made(Hex($"ami|{region}|{args.Args["name"]}", 17))}",
                ["version"] = 1,
            },
            "aws:route53/getZone:getZone" => new Dictionary<string, object>
            {
                ["id"] = Made(ZoneIdOf((string)args.Args["name"])),
                ["zoneId"] = Made(ZoneIdOf((string)args.Args["name"])),
                ["name"] = args.Args["name"],
                ["arn"] = $"arn:aws:route53:::hostedzone/{Made(ZoneIdOf((string)args.Args["name"]))}",
            },
            "aws:ec2/getManagedPrefixList:getManagedPrefixList" => new Dictionary<string, object>
            {
                ["id"] = $"pl-{Made(Hex($"prefix|{region}|{args.Args["name"]}", 8))}",
                ["name"] = args.Args["name"],
                ["addressFamily"] = "IPv4",
            },
            // Cloudflare's published ranges (www.cloudflare.com/ips), as the provider's GetIpRanges returns them.
            "cloudflare:index/getIpRanges:getIpRanges" => new Dictionary<string, object>
            {
                ["id"] = "cloudflare-ip-ranges",
                ["etag"] = Hex("cloudflare|ips", 32),
                ["ipv4Cidrs"] = new[]
                {
                    "173.245.48.0/20", "103.21.244.0/22", "103.22.200.0/22", "103.31.4.0/22", "141.101.64.0/18", "108.162.192.0/18", "190.93.240.0/20",
                    "188.114.96.0/20", "197.234.240.0/22", "198.41.128.0/17", "162.158.0.0/15", "104.16.0.0/13", "104.24.0.0/14", "172.64.0.0/13", "131.0.72.0/22",
                },
                ["ipv6Cidrs"] = new[] { "2400:cb00::/32", "2606:4700::/32", "2803:f800::/32", "2405:b500::/32", "2405:8100::/32", "2a06:98c0::/29", "2c0f:f248::/32" },
                ["jdcloudCidrs"] = Array.Empty<string>(),
            },
            "aws:index/getCallerIdentity:getCallerIdentity" => new Dictionary<string, object>
            {
                ["accountId"] = _account,
                ["arn"] = $"arn:aws:iam::{_account}:role/deployer",
                ["id"] = _account,
                ["userId"] = Made("AROAEXAMPLEDEPLOYER"),
            },
            _ => new Dictionary<string, object>(),
        };
        RecordInvented(new[] { result });
        return Task.FromResult(result);
    }

    /// <summary>The hosted zone ID the plan uses for a domain.</summary>
    public static string ZoneIdOf(string domain) => $"Z{Hex($"zone|{domain}", 20).ToUpperInvariant()}";

    private (string? Id, ImmutableDictionary<string, object> Outputs) StackReference(MockResourceArgs args)
    {
        var name = (string)args.Inputs["name"];
        var stack = name.Split('/')[^1];
        var outputs = _upstreamOutputs.TryGetValue(stack, out var found) ? found : new Dictionary<string, object?>();
        return (name, ImmutableDictionary<string, object>.Empty
            .Add("name", name)
            .Add("outputs", outputs.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!)));
    }

    private Dictionary<string, object> Zones(string region)
    {
        var count = ZoneCounts.GetValueOrDefault(region, 3);
        var code = string.Concat(region.Split('-').Select((part, i) => i == 1 ? part[..1] : part));
        return new Dictionary<string, object>
        {
            ["id"] = region,
            ["names"] = Enumerable.Range(0, count).Select(i => $"{region}{(char)('a' + i)}").ToArray(),
            ["zoneIds"] = Enumerable.Range(1, count).Select(i => $"{code}-az{i}").ToArray(),
            ["state"] = "available",
        };
    }

    private (string Id, ImmutableDictionary<string, object> Outputs) Describe(string type, string name, string region, ImmutableDictionary<string, object> inputs)
    {
        string Hash(int length) => Made(Hex($"{_stack}|{type}|{name}", length));
        string Arn(string service, string resource, bool regional = true) =>
            $"arn:aws:{service}:{(regional ? region : "")}:{_account}:{resource}";
        var physical = $"{name}-{Hash(7)}";
        var outputs = ImmutableDictionary.CreateBuilder<string, object>();

        string id;
        switch (type)
        {
            case "aws:ec2/vpc:Vpc":
                id = $"vpc-{Hash(17)}";
                outputs["arn"] = Arn("ec2", $"vpc/{id}");
                outputs["defaultSecurityGroupId"] = $"sg-{Made(Hex($"{id}|default", 17))}";
                outputs["mainRouteTableId"] = $"rtb-{Made(Hex($"{id}|main", 17))}";
                break;
            case "aws:ec2/subnet:Subnet": id = $"subnet-{Hash(17)}"; outputs["arn"] = Arn("ec2", $"subnet/{id}"); break;
            case "aws:ec2/internetGateway:InternetGateway": id = $"igw-{Hash(17)}"; outputs["arn"] = Arn("ec2", $"internet-gateway/{id}"); break;
            case "aws:ec2/eip:Eip":
                id = $"eipalloc-{Hash(17)}";
                outputs["publicIp"] = Made($"3.{Convert.ToInt32(Hash(2), 16)}.{Convert.ToInt32(Hex(name + "b", 2), 16)}.{Convert.ToInt32(Hex(name + "c", 2), 16)}");
                break;
            case "aws:ec2/natGateway:NatGateway": id = $"nat-{Hash(17)}"; break;
            case "aws:ec2/routeTable:RouteTable": id = $"rtb-{Hash(17)}"; outputs["arn"] = Arn("ec2", $"route-table/{id}"); break;
            case "aws:ec2/routeTableAssociation:RouteTableAssociation": id = $"rtbassoc-{Hash(17)}"; break;
            case "aws:ec2/route:Route": id = $"r-{inputs.GetValueOrDefault("routeTableId")}{Convert.ToUInt32(Hash(8), 16)}"; break;
            case "aws:ec2/securityGroup:SecurityGroup" or "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":
                id = $"sg-{Hash(17)}"; outputs["arn"] = Arn("ec2", $"security-group/{id}"); break;
            case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" or "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":
                id = $"sgr-{Hash(17)}"; outputs["arn"] = Arn("ec2", $"security-group-rule/{id}"); outputs["securityGroupRuleId"] = id; break;
            case "aws:ec2/launchTemplate:LaunchTemplate":
                id = $"lt-{Hash(17)}"; outputs["arn"] = Arn("ec2", $"launch-template/{id}"); outputs["latestVersion"] = 1; outputs["defaultVersion"] = 1; break;
            case "aws:ec2/flowLog:FlowLog": id = $"fl-{Hash(17)}"; outputs["arn"] = Arn("ec2", $"vpc-flow-log/{id}"); break;
            case "aws:cloudwatch/logGroup:LogGroup": id = physical; outputs["name"] = physical; outputs["arn"] = Arn("logs", $"log-group:{physical}"); break;
            case "aws:iam/role:Role": id = physical; outputs["name"] = physical; outputs["arn"] = $"arn:aws:iam::{_account}:role/{physical}"; outputs["uniqueId"] = $"AROA{Hash(17).ToUpperInvariant()}"; break;
            case "aws:iam/instanceProfile:InstanceProfile": id = physical; outputs["name"] = physical; outputs["arn"] = $"arn:aws:iam::{_account}:instance-profile/{physical}"; break;
            case "aws:iam/rolePolicyAttachment:RolePolicyAttachment": id = $"{inputs.GetValueOrDefault("role")}-{Hash(20)}"; break;
            case "aws:kms/key:Key":
                id = Uuid(Hash(32)); outputs["keyId"] = id; outputs["arn"] = Arn("kms", $"key/{id}"); break;
            case "aws:kms/alias:Alias": id = (string?)inputs.GetValueOrDefault("name") ?? physical; outputs["arn"] = Arn("kms", id); break;
            case "aws:lb/loadBalancer:LoadBalancer":
            {
                var lbName = Made(physical.Length > 32 ? physical[..32].TrimEnd('-') : physical);
                id = Arn("elasticloadbalancing", $"loadbalancer/app/{lbName}/{Hash(16)}");
                outputs["arn"] = id;
                outputs["arnSuffix"] = $"app/{lbName}/{Hash(16)}";
                outputs["name"] = lbName;
                outputs["dnsName"] = $"{lbName}-{Convert.ToUInt32(Hash(8), 16) % 2000000000}.{region}.elb.amazonaws.com";
                outputs["zoneId"] = LoadBalancerZones.GetValueOrDefault(region, "Z35SXDOTRQ7X7K");
                break;
            }
            case "aws:lb/targetGroup:TargetGroup":
            {
                var tgName = Made(physical.Length > 32 ? physical[..32].TrimEnd('-') : physical);
                id = Arn("elasticloadbalancing", $"targetgroup/{tgName}/{Hash(16)}");
                outputs["arn"] = id;
                outputs["arnSuffix"] = $"targetgroup/{tgName}/{Hash(16)}";
                outputs["name"] = tgName;
                break;
            }
            case "aws:lb/listener:Listener": id = Arn("elasticloadbalancing", $"listener/app/{name}/{Hash(16)}/{Made(Hex(name + "l", 16))}"); outputs["arn"] = id; break;
            case "aws:lb/listenerRule:ListenerRule": id = Arn("elasticloadbalancing", $"listener-rule/app/{name}/{Hash(16)}/{Made(Hex(name + "l", 16))}/{Made(Hex(name + "r", 16))}"); outputs["arn"] = id; break;
            case "aws:wafv2/webAcl:WebAcl":
                id = Uuid(Hash(32));
                outputs["arn"] = Arn("wafv2", $"global/webacl/{(string?)inputs.GetValueOrDefault("name") ?? physical}/{id}");
                break;
            case "aws:autoscaling/group:Group": id = physical; outputs["name"] = physical; outputs["arn"] = Arn("autoscaling", $"autoScalingGroup:{Uuid(Hash(32))}:autoScalingGroupName/{physical}"); break;
            case "aws:autoscaling/policy:Policy": id = physical; outputs["name"] = physical; outputs["arn"] = Arn("autoscaling", $"scalingPolicy:{Uuid(Hash(32))}:policyName/{physical}"); break;
            case "aws:acm/certificate:Certificate":
                id = Arn("acm", $"certificate/{Uuid(Hash(32))}");
                outputs["arn"] = id;
                outputs["status"] = "PENDING_VALIDATION";
                outputs["domainValidationOptions"] = CertificateNames(inputs).Select(domain => new Dictionary<string, object>
                {
                    ["domainName"] = domain,
                    ["resourceRecordName"] = $"_{Made(Hex($"dvo|{domain}", 32))}.{domain}.",
                    ["resourceRecordType"] = "CNAME",
                    ["resourceRecordValue"] = $"_{Made(Hex($"dvo-value|{domain}", 32))}.jkddzztszm.acm-validations.aws.",
                }).ToArray();
                break;
            case "aws:acm/certificateValidation:CertificateValidation":
                id = (string?)inputs.GetValueOrDefault("certificateArn") ?? Hash(20); outputs["certificateArn"] = id; break;
            case "aws:route53/record:Record":
                id = $"{inputs.GetValueOrDefault("zoneId")}_{inputs.GetValueOrDefault("name")}_{inputs.GetValueOrDefault("type")}{(inputs.TryGetValue("setIdentifier", out var set) ? $"_{set}" : "")}";
                outputs["fqdn"] = ((string?)inputs.GetValueOrDefault("name") ?? name).TrimEnd('.');
                break;
            case "aws:s3/bucket:Bucket":
            {
                // S3 appends 26 characters to a bucket prefix, within the 63 a name may have.
                var prefix = (string?)inputs.GetValueOrDefault("bucketPrefix") ?? $"{name}-";
                var bucket = prefix + Hash(Math.Min(26, 63 - prefix.Length));
                id = bucket;
                outputs["bucket"] = bucket;
                outputs["arn"] = $"arn:aws:s3:::{bucket}";
                outputs["bucketRegionalDomainName"] = $"{bucket}.s3.{region}.amazonaws.com";
                outputs["bucketDomainName"] = $"{bucket}.s3.amazonaws.com";
                break;
            }
            case "aws:cloudfront/originAccessControl:OriginAccessControl": id = $"E{Hash(13).ToUpperInvariant()}"; break;
            case "aws:cloudfront/function:Function":
                id = (string?)inputs.GetValueOrDefault("name") ?? physical;
                outputs["arn"] = $"arn:aws:cloudfront::{_account}:function/{id}";
                outputs["etag"] = $"E{Hash(13).ToUpperInvariant()}";
                outputs["liveStageEtag"] = outputs["etag"];
                outputs["status"] = "DEPLOYED";
                break;
            case "aws:sns/topic:Topic":
                id = Arn("sns", (string?)inputs.GetValueOrDefault("name") ?? physical); outputs["arn"] = id; outputs["name"] = id[(id.LastIndexOf(':') + 1)..]; break;
            case "aws:cloudwatch/metricAlarm:MetricAlarm": id = (string?)inputs.GetValueOrDefault("name") ?? physical; outputs["arn"] = Arn("cloudwatch", $"alarm:{id}"); break;
            case "aws:fis/experimentTemplate:ExperimentTemplate": id = $"EXT{Made(Base36(Hash(16), 15))}"; break;
            case "aws:route53/healthCheck:HealthCheck": id = Uuid(Hash(32)); outputs["arn"] = $"arn:aws:route53:::healthcheck/{id}"; break;
            case "aws:rds/subnetGroup:SubnetGroup" or "aws:rds/parameterGroup:ParameterGroup" or "aws:rds/clusterParameterGroup:ClusterParameterGroup":
                id = physical; outputs["name"] = physical;
                outputs["arn"] = Arn("rds", $"{(type.Contains("subnet", StringComparison.Ordinal) ? "subgrp" : type.Contains("cluster", StringComparison.Ordinal) ? "cluster-pg" : "pg")}:{physical}");
                break;
            case "aws:rds/instance:Instance":
            {
                var identifier = (string?)inputs.GetValueOrDefault("identifier") ?? physical;
                var port = inputs.TryGetValue("port", out var p) ? Convert.ToInt32(p, System.Globalization.CultureInfo.InvariantCulture) : 5432;
                var host = $"{identifier}.{Made(Hex($"rds|{_account}|{region}", 12))}.{region}.rds.amazonaws.com";
                id = identifier;
                outputs["arn"] = Arn("rds", $"db:{identifier}");
                outputs["identifier"] = identifier;
                outputs["resourceId"] = $"db-{Hash(26).ToUpperInvariant()}";
                outputs["address"] = host;
                outputs["endpoint"] = $"{host}:{port}";
                outputs["port"] = port;
                outputs["hostedZoneId"] = "Z2R2ITUGPM61AM";
                break;
            }
            case "aws:rds/cluster:Cluster":
            {
                var identifier = (string?)inputs.GetValueOrDefault("clusterIdentifier") ?? physical;
                var port = inputs.TryGetValue("port", out var p) ? Convert.ToInt32(p, System.Globalization.CultureInfo.InvariantCulture) : 5432;
                var suffix = Hex($"rds|{_account}|{region}", 12);
                id = identifier;
                outputs["arn"] = Arn("rds", $"cluster:{identifier}");
                outputs["clusterIdentifier"] = identifier;
                outputs["clusterResourceId"] = $"cluster-{Hash(26).ToUpperInvariant()}";
                outputs["endpoint"] = $"{identifier}.cluster-{suffix}.{region}.rds.amazonaws.com";
                outputs["readerEndpoint"] = $"{identifier}.cluster-ro-{suffix}.{region}.rds.amazonaws.com";
                outputs["port"] = port;
                outputs["hostedZoneId"] = "Z2R2ITUGPM61AM";
                break;
            }
            case "aws:rds/clusterInstance:ClusterInstance":
            {
                var identifier = (string?)inputs.GetValueOrDefault("identifier") ?? physical;
                id = identifier;
                outputs["arn"] = Arn("rds", $"db:{identifier}");
                outputs["dbiResourceId"] = $"db-{Hash(26).ToUpperInvariant()}";
                outputs["endpoint"] = $"{identifier}.{Hex($"rds|{_account}|{region}", 12)}.{region}.rds.amazonaws.com";
                break;
            }
            case "aws:rds/globalCluster:GlobalCluster":
            {
                var identifier = (string?)inputs.GetValueOrDefault("globalClusterIdentifier") ?? physical;
                id = identifier;
                outputs["arn"] = $"arn:aws:rds::{_account}:global-cluster:{identifier}";
                outputs["globalClusterResourceId"] = $"cluster-{Hash(26).ToUpperInvariant()}";
                outputs["endpoint"] = $"{identifier}.global-{Hash(10)}.global.rds.amazonaws.com";
                break;
            }
            case "aws:ecr/repository:Repository":
            {
                var repository = (string?)inputs.GetValueOrDefault("name") ?? physical;
                id = repository;
                outputs["arn"] = Arn("ecr", $"repository/{repository}");
                outputs["registryId"] = _account;
                outputs["repositoryUrl"] = $"{_account}.dkr.ecr.{region}.amazonaws.com/{repository}";
                break;
            }
            case "aws:ecr/replicationConfiguration:ReplicationConfiguration": id = _account; outputs["registryId"] = _account; break;
            case "aws:ssm/parameter:Parameter":
                id = (string?)inputs.GetValueOrDefault("name") ?? physical;
                outputs["arn"] = Arn("ssm", $"parameter{id}");
                outputs["version"] = 1;
                break;
            case "aws:amp/workspace:Workspace":
                id = $"ws-{Uuid(Hash(32))}";
                outputs["arn"] = Arn("aps", $"workspace/{id}");
                outputs["prometheusEndpoint"] = $"https://aps-workspaces.{region}.amazonaws.com/workspaces/{id}/";
                break;
            case "aws:amp/ruleGroupNamespace:RuleGroupNamespace":
                id = Arn("aps", $"rulegroupsnamespace/{inputs.GetValueOrDefault("workspaceId")}/{inputs.GetValueOrDefault("name") ?? physical}");
                outputs["arn"] = id;
                break;
            // An alert manager definition is known by its workspace.
            case "aws:amp/alertManagerDefinition:AlertManagerDefinition": id = (string?)inputs.GetValueOrDefault("workspaceId") ?? physical; break;
            case "aws:ssm/association:Association": id = Uuid(Hash(32)); outputs["associationId"] = id; outputs["arn"] = Arn("ssm", $"association/{id}"); break;
            case "aws:iam/rolePolicy:RolePolicy": id = $"{inputs.GetValueOrDefault("role")}:{inputs.GetValueOrDefault("name") ?? physical}"; break;
            case "aws:ec2/vpcPeeringConnection:VpcPeeringConnection" or "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter":
                // The accepter adopts the requester's connection: both sides have one ID.
                id = $"pcx-{Hex($"{_stack}|peering", 17)}";
                outputs["acceptStatus"] = type.EndsWith("Accepter", StringComparison.Ordinal) ? "active" : "pending-acceptance";
                break;
            case "aws:cloudfront/distribution:Distribution":
                id = $"E{Hash(13).ToUpperInvariant()}";
                outputs["arn"] = $"arn:aws:cloudfront::{_account}:distribution/{id}";
                outputs["domainName"] = $"d{Made(Base36(Hash(16), 13))}.cloudfront.net";
                outputs["hostedZoneId"] = "Z2FDTNDATAQYW2";
                outputs["status"] = "Deployed";
                break;
            case "aws-native:dynamodb:GlobalTable":
            {
                var table = (string?)inputs.GetValueOrDefault("tableName") ?? physical;
                id = table;
                outputs["tableName"] = table;
                outputs["arn"] = Arn("dynamodb", $"table/{table}");
                outputs["streamArn"] = Arn("dynamodb", $"table/{table}/stream/2026-01-01T00:00:00.000");
                outputs["tableId"] = Uuid(Hash(32));
                break;
            }
            case "aws-native:arcregionswitch:Plan":
            {
                // A plan's ARN is global (no region) and ends with a 6-character suffix; Region switch keeps
                // a Route 53 health check per region of the plan for its Route 53 health check steps.
                var planName = (string?)inputs.GetValueOrDefault("name") ?? physical;
                id = $"arn:aws:arc-region-switch::{_account}:plan/{planName}:{Hash(6)}";
                outputs["arn"] = id;
                outputs["owner"] = _account;
                outputs["version"] = "1";
                var planRegions = inputs.GetValueOrDefault("regions") is ImmutableArray<object> listed ? listed.OfType<string>().ToList() : new List<string>();
                var states = planRegions.Select(r => new Dictionary<string, object> { ["healthCheckId"] = Uuid(Made(Hex($"{_stack}|{name}|{r}", 32))), ["region"] = r }).ToArray();
                outputs["healthChecksForPlan"] = new Dictionary<string, object> { [planName] = states };
                outputs["planHealthChecks"] = states.Select(s => s["healthCheckId"]).ToArray();
                break;
            }
            case var cloudflare when cloudflare.StartsWith("cloudflare:", StringComparison.Ordinal):
                id = Hash(32);
                break;
            case var component when component.StartsWith("multiregion:", StringComparison.Ordinal):
                return ("", ImmutableDictionary<string, object>.Empty);
            default:
                id = physical;
                break;
        }
        return (id, outputs.ToImmutable());
    }

    private static IEnumerable<string> CertificateNames(ImmutableDictionary<string, object> inputs)
    {
        if (inputs.TryGetValue("domainName", out var domain) && domain is string first)
            yield return first;
        if (inputs.TryGetValue("subjectAlternativeNames", out var alternatives) && alternatives is ImmutableArray<object?> names)
        {
            foreach (var alternative in names.OfType<string>())
                yield return alternative;
        }
    }

    /// <summary>Lower-case hex of SHA-256, cut to <paramref name="length"/> characters.</summary>
    public static string Hex(string seed, int length)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed))).ToLowerInvariant();
        while (hash.Length < length)
            hash += Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(hash))).ToLowerInvariant();
        return hash[..length];
    }

    private string Uuid(string hex) => Made($"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}");

    /// <summary>Marks <paramref name="value"/> as made up here (an ID, a hash, the account), so that the
    /// values built from it count as modelled.</summary>
    private string Made(string value)
    {
        // Values under seven characters (an IP address's two-character octets) are not kept: they would
        // match text by chance; the whole address is marked instead.
        _fragments.Add(value);
        _modelled.Add(value);
        return value;
    }

    /// <summary>Records every string the mocks answered with that holds something they made up: an
    /// answer that only echoes the program's inputs (a table name, a record's name) is no invention.</summary>
    private void RecordInvented(IEnumerable<object?> answers)
    {
        foreach (var leaf in answers.SelectMany(ModelledValues.Leaves))
        {
            if (_fragments.Contains(leaf))
                _modelled.Add(leaf);
        }
    }

    private static string Base36(string hex, int length)
    {
        const string alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        var value = new System.Numerics.BigInteger(Convert.FromHexString(hex), isUnsigned: true);
        var builder = new StringBuilder();
        while (builder.Length < length)
        {
            builder.Append(alphabet[(int)(value % 36)]);
            value /= 36;
        }
        return builder.ToString();
    }
}
