using System.Collections.Immutable;
using System.Text.Json;
using MultiRegionInfra.Networking;
using MultiRegionInfra.Tests.Support;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace MultiRegionInfra.Tests.Regional;

/// <summary>The regional stack's resources, asserted on the inputs the program sent.</summary>
public class RegionalStackTests
{
    private static Task<AwsMocks.RunResult> Primary(Dictionary<string, string>? config = null) =>
        AwsMocks.RunStackAsync("us-east", config ?? AwsMocks.PrimaryConfig());

    private static Task<AwsMocks.RunResult> Replica(Dictionary<string, string>? config = null) =>
        AwsMocks.RunStackAsync("eu-west", config ?? AwsMocks.ReplicaConfig(), AwsMocks.ForRegion("eu-west-1").WithPrimaryStack());

    private static IReadOnlyDictionary<string, object?> Map(object? value) => Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(value);

    private static IEnumerable<object?> List(object? value) => Assert.IsType<ImmutableArray<object?>>(value);

    [Fact]
    public async Task Subnets_spread_over_the_zones_without_overlap()
    {
        var run = await Primary();
        var subnets = run.OfType("aws:ec2/subnet:Subnet");
        Assert.Equal(9, subnets.Count);
        foreach (var tier in new[] { "public", "private", "isolated" })
        {
            var zones = subnets.Where(s => s.Name!.StartsWith($"network-{tier}-", StringComparison.Ordinal))
                .Select(s => (string)s.Inputs["availabilityZone"]).ToList();
            Assert.Equal(new[] { "us-east-1a", "us-east-1b", "us-east-1c" }, zones.Order());
        }
        var cidrs = subnets.Select(s => Ipv4Cidr.Parse((string)s.Inputs["cidrBlock"])).ToList();
        Assert.All(cidrs, c => Assert.True(Ipv4Cidr.Parse("10.10.0.0/16").Contains(c)));
        Assert.Equal(cidrs.Count, cidrs.Distinct().Count());
        Assert.DoesNotContain(cidrs.SelectMany((a, i) => cidrs.Skip(i + 1).Select(b => (a, b))), p => p.a.Overlaps(p.b));
        Assert.All(subnets, s => Assert.Equal(false, s.Inputs["mapPublicIpOnLaunch"]));
    }

    [Fact]
    public async Task Nat_gateways_follow_the_mode_and_private_routes_use_their_zones_gateway()
    {
        var perAz = await Primary();
        Assert.Equal(3, perAz.OfType("aws:ec2/natGateway:NatGateway").Count);
        var routes = perAz.OfType("aws:ec2/route:Route").Where(r => r.Name!.StartsWith("network-private-", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { "network-nat-a-id", "network-nat-b-id", "network-nat-c-id" }, routes.Select(r => (string)r.Inputs["natGatewayId"]).Order());
        var publicRoute = perAz.Single("aws:ec2/route:Route", "network-public-default");
        Assert.Equal("network-igw-id", publicRoute.Inputs["gatewayId"]);
        Assert.Equal("0.0.0.0/0", publicRoute.Inputs["destinationCidrBlock"]);
        // Isolated subnets share a route table with no routes at all.
        Assert.DoesNotContain(perAz.OfType("aws:ec2/route:Route"), r => Equals(r.Inputs["routeTableId"], "network-isolated-rt-id"));

        var config = AwsMocks.PrimaryConfig();
        config["natGateways"] = "single";
        var single = await Primary(config);
        Assert.Single(single.OfType("aws:ec2/natGateway:NatGateway"));
        Assert.All(single.OfType("aws:ec2/route:Route").Where(r => r.Name!.StartsWith("network-private-", StringComparison.Ordinal)),
            r => Assert.Equal("network-nat-a-id", r.Inputs["natGatewayId"]));
    }

    [Fact]
    public async Task Flow_logs_go_to_a_log_group_with_retention_and_the_default_security_group_has_no_rules()
    {
        var run = await Primary();
        var flowLog = Assert.Single(run.OfType("aws:ec2/flowLog:FlowLog"));
        Assert.Equal("network-vpc-id", flowLog.Inputs["vpcId"]);
        Assert.Equal("ALL", flowLog.Inputs["trafficType"]);
        Assert.Equal("cloud-watch-logs", flowLog.Inputs["logDestinationType"]);
        Assert.Equal($"arn:aws:logs:us-east-1:{AwsMocks.Account}:log-group:network-flow-logs", flowLog.Inputs["logDestination"]);
        Assert.Equal(90.0, run.Single("aws:cloudwatch/logGroup:LogGroup", "network-flow-logs").Inputs["retentionInDays"]);
        var defaultGroup = Assert.Single(run.OfType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"));
        Assert.False(defaultGroup.Inputs.ContainsKey("ingress") && List(defaultGroup.Inputs["ingress"]).Any());
        Assert.False(defaultGroup.Inputs.ContainsKey("egress") && List(defaultGroup.Inputs["egress"]).Any());
    }

    [Fact]
    public async Task No_ssh_and_no_open_ingress_except_load_balancer_web_ports()
    {
        foreach (var edge in new[] { "cloudfront", "none" })
        {
            var config = AwsMocks.PrimaryConfig();
            config["edge"] = edge;
            var run = await Primary(config);
            var ingress = run.OfType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
            Assert.NotEmpty(ingress);
            foreach (var rule in ingress)
            {
                var from = (double)rule.Inputs["fromPort"];
                var to = (double)rule.Inputs["toPort"];
                Assert.False(from <= 22 && 22 <= to, $"{rule.Name} opens SSH");
                Assert.False(from <= 3389 && 3389 <= to, $"{rule.Name} opens RDP");
                Assert.True(rule.Inputs.ContainsKey("description"), $"{rule.Name} has no description");
                var open = Equals(rule.Inputs.GetValueOrDefault("cidrIpv4"), "0.0.0.0/0") || Equals(rule.Inputs.GetValueOrDefault("cidrIpv6"), "::/0");
                if (open)
                {
                    Assert.Equal("none", edge);
                    Assert.StartsWith("app-alb-", rule.Name, StringComparison.Ordinal);
                    Assert.Contains(from, new[] { 80.0, 443.0 });
                    Assert.Equal(from, to);
                }
            }
            Assert.All(run.OfType("aws:ec2/securityGroup:SecurityGroup"), g =>
            {
                Assert.False(g.Inputs.ContainsKey("ingress") && List(g.Inputs["ingress"]).Any(), $"{g.Name} has inline rules");
                Assert.False(string.IsNullOrEmpty((string?)g.Inputs.GetValueOrDefault("description")));
            });
        }
    }

    [Fact]
    public async Task Behind_cloudfront_the_load_balancer_admits_only_cloudfront_and_the_health_checkers()
    {
        var run = await Primary();
        var albRules = run.OfType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .Where(r => Equals(r.Inputs["securityGroupId"], "app-alb-sg-id")).ToList();
        // 443 only: CloudFront reaches its origins over HTTPS, and its prefix list counts as 55 of a group's
        // default 60 rules, so a second reference (port 80) would not fit.
        Assert.Equal(2, albRules.Count);
        Assert.Equal(new[] { "pl-0healthcheckers", "pl-3b927c52" }, albRules.Select(r => (string)r.Inputs["prefixListId"]).Order());
        Assert.Equal(new[] { 443.0, 443.0 }, albRules.Select(r => (double)r.Inputs["fromPort"]).Order());
        var lookups = run.Mocks.Calls.Where(c => c.Token == "aws:ec2/getManagedPrefixList:getManagedPrefixList").Select(c => (string)c.Args["name"]).Order();
        Assert.Equal(new[] { "com.amazonaws.global.cloudfront.origin-facing", "com.amazonaws.us-east-1.route53-healthchecks" }, lookups);
    }

    [Fact]
    public async Task Instances_take_the_app_port_from_the_load_balancer_only()
    {
        var run = await Primary();
        var instanceRules = run.OfType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .Where(r => Equals(r.Inputs["securityGroupId"], "app-instance-sg-id")).ToList();
        var rule = Assert.Single(instanceRules);
        Assert.Equal("app-alb-sg-id", rule.Inputs["referencedSecurityGroupId"]);
        Assert.Equal(8080.0, rule.Inputs["fromPort"]);
        Assert.Equal(8080.0, rule.Inputs["toPort"]);
    }

    [Fact]
    public async Task Launch_template_requires_imdsv2_encrypts_volumes_and_uses_no_ssh_key()
    {
        var run = await Primary();
        var template = Assert.Single(run.OfType("aws:ec2/launchTemplate:LaunchTemplate")).Inputs;
        var metadata = Map(template["metadataOptions"]);
        Assert.Equal("required", metadata["httpTokens"]);
        Assert.Equal(1.0, metadata["httpPutResponseHopLimit"]);
        Assert.Equal("enabled", metadata["httpEndpoint"]);
        var ebs = Map(Map(Assert.Single(List(template["blockDeviceMappings"])))["ebs"]);
        Assert.Equal("true", ebs["encrypted"]);
        Assert.Equal("gp3", ebs["volumeType"]);
        Assert.False(template.ContainsKey("keyName"));
        Assert.Equal("ami-0123456789abcdef0", template["imageId"]);
        Assert.Equal($"arn:aws:iam::{AwsMocks.Account}:instance-profile/app-instance-profile", Map(template["iamInstanceProfile"])["arn"]);
        var script = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)template["userData"]));
        Assert.Contains("REGION=us-east-1\n", script);
        Assert.Contains("HEALTH = \"/health\"", script);
        Assert.DoesNotContain((string)run.Single("aws:rds/instance:Instance", "database-instance").Inputs["passwordWo"], script, StringComparison.Ordinal);
        var ami = Assert.Single(run.Mocks.Calls, c => c.Token == "aws:ssm/getParameter:getParameter");
        Assert.Equal("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", ami.Args["name"]);
        var attachment = Assert.Single(run.OfType("aws:iam/rolePolicyAttachment:RolePolicyAttachment"));
        Assert.Equal("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", attachment.Inputs["policyArn"]);
    }

    [Fact]
    public async Task A_configured_ami_is_used_without_a_lookup()
    {
        var config = AwsMocks.PrimaryConfig();
        config["compute.amiId"] = "ami-0fedcba9876543210";
        var run = await Primary(config);
        Assert.Equal("ami-0fedcba9876543210", Assert.Single(run.OfType("aws:ec2/launchTemplate:LaunchTemplate")).Inputs["imageId"]);
        Assert.DoesNotContain(run.Mocks.Calls, c => c.Token == "aws:ssm/getParameter:getParameter");
    }

    [Fact]
    public async Task Auto_scaling_group_uses_private_subnets_elb_health_checks_refresh_and_cpu_tracking()
    {
        var config = AwsMocks.PrimaryConfig();
        config["compute.minSize"] = "3";
        config["compute.maxSize"] = "9";
        config["compute.desiredCapacity"] = "4";
        var run = await Primary(config);
        var group = Assert.Single(run.OfType("aws:autoscaling/group:Group")).Inputs;
        Assert.Equal(new object[] { "network-private-a-id", "network-private-b-id", "network-private-c-id" }, List(group["vpcZoneIdentifiers"]));
        Assert.Equal("ELB", group["healthCheckType"]);
        Assert.Equal((3.0, 9.0, 4.0), ((double)group["minSize"], (double)group["maxSize"], (double)group["desiredCapacity"]));
        Assert.Equal("Rolling", Map(group["instanceRefresh"])["strategy"]);
        Assert.Equal("app-launch-template-id", Map(group["launchTemplate"])["id"]);
        var policy = Assert.Single(run.OfType("aws:autoscaling/policy:Policy")).Inputs;
        Assert.Equal("TargetTrackingScaling", policy["policyType"]);
        var tracking = Map(policy["targetTrackingConfiguration"]);
        Assert.Equal(50.0, tracking["targetValue"]);
        Assert.Equal("ASGAverageCPUUtilization", Map(tracking["predefinedMetricSpecification"])["predefinedMetricType"]);
    }

    [Fact]
    public async Task Load_balancer_drops_invalid_headers_is_protected_in_prod_and_health_checks_the_path()
    {
        var run = await Primary();
        var alb = Assert.Single(run.OfType("aws:lb/loadBalancer:LoadBalancer")).Inputs;
        Assert.Equal(true, alb["dropInvalidHeaderFields"]);
        Assert.Equal("defensive", alb["desyncMitigationMode"]);
        Assert.Equal(true, alb["enableDeletionProtection"]);
        Assert.Equal(new object[] { "network-public-a-id", "network-public-b-id", "network-public-c-id" }, List(alb["subnets"]));
        var health = Map(Assert.Single(run.OfType("aws:lb/targetGroup:TargetGroup")).Inputs["healthCheck"]);
        Assert.Equal("/health", health["path"]);
        Assert.Equal(true, health["enabled"]);

        var dev = AwsMocks.PrimaryConfig();
        dev["environment"] = "dev";
        Assert.Equal(false, Assert.Single((await Primary(dev)).OfType("aws:lb/loadBalancer:LoadBalancer")).Inputs["enableDeletionProtection"]);
    }

    [Fact]
    public async Task Https_listener_uses_a_dns_validated_certificate_and_http_only_redirects()
    {
        var run = await Primary();
        var https = run.Single("aws:lb/listener:Listener", "app-https").Inputs;
        Assert.Equal(443.0, https["port"]);
        Assert.Equal("HTTPS", https["protocol"]);
        Assert.Equal("ELBSecurityPolicy-TLS13-1-2-2021-06", https["sslPolicy"]);
        Assert.Equal($"arn:aws:acm:us-east-1:{AwsMocks.Account}:certificate/app-tls-certificate", https["certificateArn"]);
        var redirect = Map(Assert.Single(List(run.Single("aws:lb/listener:Listener", "app-http-redirect").Inputs["defaultActions"])));
        Assert.Equal("redirect", redirect["type"]);
        Assert.Equal("HTTPS", Map(redirect["redirect"])["protocol"]);
        Assert.Equal("HTTP_301", Map(redirect["redirect"])["statusCode"]);
        Assert.Equal(2, run.OfType("aws:lb/listener:Listener").Count);

        var certificate = Assert.Single(run.OfType("aws:acm/certificate:Certificate")).Inputs;
        Assert.Equal("api.example.com", certificate["domainName"]);
        Assert.Equal(new object[] { "us-east.api.example.com" }, List(certificate["subjectAlternativeNames"]));
        Assert.Equal("DNS", certificate["validationMethod"]);
        var records = run.OfType("aws:route53/record:Record").Where(r => r.Name!.StartsWith("app-tls-validation-", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { "_validation.api.example.com.", "_validation.us-east.api.example.com." }, records.Select(r => (string)r.Inputs["name"]).Order());
        Assert.All(records, r => Assert.Equal("Z0EXAMPLEZONE", r.Inputs["zoneId"]));
        var validation = Assert.Single(run.OfType("aws:acm/certificateValidation:CertificateValidation")).Inputs;
        Assert.Equal(2, List(validation["validationRecordFqdns"]).Count());
    }

    [Fact]
    public async Task Certificate_validation_records_match_acm_options_by_name_not_by_position()
    {
        // ACM lists the validation options in no promised order: here the SAN comes first.
        var mocks = AwsMocks.ForRegion("us-east-1").WithOutputs("aws:acm/certificate:Certificate", a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:acm:us-east-1:{AwsMocks.Account}:certificate/{a.Name}",
            ["domainValidationOptions"] = new[] { "us-east.api.example.com", "api.example.com" }.Select(domain => new Dictionary<string, object>
            {
                ["domainName"] = domain,
                ["resourceRecordName"] = $"_{domain.Split('.')[0]}.{domain}.",
                ["resourceRecordType"] = "CNAME",
                ["resourceRecordValue"] = $"_token.{domain}.acm-validations.aws.",
            }).ToArray(),
        });
        var run = await AwsMocks.RunStackAsync("us-east", AwsMocks.PrimaryConfig(), mocks);
        Assert.Equal("_api.api.example.com.", run.Single("aws:route53/record:Record", "app-tls-validation-0").Inputs["name"]);
        Assert.Equal("_us-east.us-east.api.example.com.", run.Single("aws:route53/record:Record", "app-tls-validation-1").Inputs["name"]);
        Assert.Equal(new object[] { "_token.us-east.api.example.com.acm-validations.aws." },
            List(run.Single("aws:route53/record:Record", "app-tls-validation-1").Inputs["records"]));
    }

    [Fact]
    public async Task A_validation_option_without_its_record_stops_the_update_with_the_name_it_lacks()
    {
        var mocks = AwsMocks.ForRegion("us-east-1").WithOutputs("aws:acm/certificate:Certificate", a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:acm:us-east-1:{AwsMocks.Account}:certificate/{a.Name}",
            ["domainValidationOptions"] = new[] { new Dictionary<string, object> { ["domainName"] = "api.example.com" } },
        });
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AwsMocks.RunStackAsync("us-east", AwsMocks.PrimaryConfig(), mocks, preview: false));
        Assert.Contains("ACM returned no complete DNS validation record for 'api.example.com'", error.ToString());
        Assert.Contains("ACM returned no complete DNS validation record for 'us-east.api.example.com'", error.ToString());
    }

    [Fact]
    public async Task Without_a_domain_the_listener_is_http_only()
    {
        var config = AwsMocks.PrimaryConfig();
        config.Remove("domain");
        config["environment"] = "staging";
        config["edge"] = "none";
        var run = await Primary(config);
        var listener = Assert.Single(run.OfType("aws:lb/listener:Listener")).Inputs;
        Assert.Equal("HTTP", listener["protocol"]);
        Assert.Equal("forward", Map(Assert.Single(List(listener["defaultActions"])))["type"]);
        Assert.Empty(run.OfType("aws:acm/certificate:Certificate"));
        Assert.False(await OutputUtilities.GetValueAsync(run.OutputOf<bool>("httpsEnabled")));
    }

    [Fact]
    public async Task Primary_database_is_encrypted_private_backed_up_and_protected_in_prod()
    {
        var run = await Primary();
        var db = Assert.Single(run.OfType("aws:rds/instance:Instance"));
        var inputs = db.Inputs;
        Assert.Equal(true, inputs["storageEncrypted"]);
        Assert.Equal($"arn:aws:kms:us-east-1:{AwsMocks.Account}:key/database-key-id", inputs["kmsKeyId"]);
        Assert.Equal(false, inputs["publiclyAccessible"]);
        Assert.Equal(true, inputs["multiAz"]);
        Assert.Equal(true, inputs["deletionProtection"]);
        Assert.True((double)inputs["backupRetentionPeriod"] >= 7);
        Assert.Equal(false, inputs["skipFinalSnapshot"]);
        // Named after what replaces the database, so a replacement's snapshot gets a new name (tests/Regional/FinalSnapshotsTests).
        Assert.Equal(MultiRegionInfra.Database.FinalSnapshots.Identifier("multi-region-infra-us-east-pg", new[] { "postgres", "app", "app_admin" }), inputs["finalSnapshotIdentifier"]);
        Assert.Matches("^multi-region-infra-us-east-pg-final-[0-9a-f]{10}$", (string)inputs["finalSnapshotIdentifier"]);
        Assert.Empty(run.Graph.Single(r => r.Type == "aws:rds/instance:Instance").Options.IgnoreChanges);
        // A random master password, sent write-only (RDS refuses managed passwords on a replica's source).
        Assert.Equal(40, ((string)inputs["passwordWo"]).Length);
        Assert.Equal(1.0, inputs["passwordWoVersion"]);
        Assert.False(inputs.ContainsKey("password"));
        Assert.False(inputs.ContainsKey("manageMasterUserPassword"));
        Assert.Equal(true, inputs["iamDatabaseAuthenticationEnabled"]);
        Assert.Equal(true, inputs["performanceInsightsEnabled"]);
        Assert.Equal(new object[] { "postgresql", "upgrade" }, List(inputs["enabledCloudwatchLogsExports"]));
        Assert.Equal("postgres", inputs["engine"]);
        var recorded = run.Graph.Single(r => r.Type == "aws:rds/instance:Instance");
        Assert.True(recorded.Options.Protect);
        Assert.True(run.Graph.Single(r => r.Type == "aws:kms/key:Key" && r.Name == "database-key").Options.Protect);
        var key = run.Single("aws:kms/key:Key", "database-key").Inputs;
        Assert.Equal(true, key["enableKeyRotation"]);
        var parameters = List(Assert.Single(run.OfType("aws:rds/parameterGroup:ParameterGroup")).Inputs["parameters"]).Select(Map);
        Assert.Contains(parameters, p => Equals(p["name"], "rds.force_ssl") && Equals(p["value"], "1"));
        var dbRule = run.Single("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-db-from-instances").Inputs;
        Assert.Equal("app-instance-sg-id", dbRule["referencedSecurityGroupId"]);
        Assert.Equal(5432.0, dbRule["fromPort"]);
        Assert.Equal(new object[] { "network-isolated-a-id", "network-isolated-b-id", "network-isolated-c-id" },
            List(Assert.Single(run.OfType("aws:rds/subnetGroup:SubnetGroup")).Inputs["subnetIds"]));
    }

    [Fact]
    public async Task Dev_database_is_neither_multi_az_nor_protected()
    {
        var config = AwsMocks.PrimaryConfig();
        config["environment"] = "dev";
        var run = await Primary(config);
        var inputs = Assert.Single(run.OfType("aws:rds/instance:Instance")).Inputs;
        Assert.Equal(false, inputs["multiAz"]);
        Assert.Equal(false, inputs["deletionProtection"]);
        Assert.NotEqual(true, run.Graph.Single(r => r.Type == "aws:rds/instance:Instance").Options.Protect);
    }

    [Fact]
    public async Task Replica_reads_the_primary_arn_from_the_primary_stack_and_uses_its_own_regions_key()
    {
        var run = await Replica();
        var reference = Assert.Single(run.OfType("pulumi:pulumi:StackReference"));
        Assert.Equal("acme/multi-region-infra/us-east", reference.Inputs["name"]);
        var inputs = Assert.Single(run.OfType("aws:rds/instance:Instance")).Inputs;
        Assert.Equal($"arn:aws:rds:us-east-1:{AwsMocks.Account}:db:multi-region-infra-us-east-pg", inputs["replicateSourceDb"]);
        Assert.Equal($"arn:aws:kms:eu-west-1:{AwsMocks.Account}:key/database-key-id", inputs["kmsKeyId"]);
        Assert.Equal(true, inputs["storageEncrypted"]);
        Assert.True((double)inputs["backupRetentionPeriod"] > 0);
        Assert.False(inputs.ContainsKey("username"));
        Assert.False(inputs.ContainsKey("password"));
        Assert.False(inputs.ContainsKey("manageMasterUserPassword"));
        Assert.False(inputs.ContainsKey("engine"));
        Assert.Equal("replica", run.Outputs["dbRole"]);
    }

    [Fact]
    public async Task Every_taggable_resource_has_the_standard_tags()
    {
        foreach (var run in new[] { await Primary(), await Replica() })
        {
            var region = (string)run.Outputs["region"]!;
            var taggable = run.Graph.Where(r => r.Args.GetType().GetProperty("Tags") is not null).ToList();
            Assert.True(taggable.Count > 30, $"only {taggable.Count} taggable resources were recorded");
            foreach (var resource in taggable)
            {
                var inputs = run.Single(resource.Type, resource.Name).Inputs;
                Assert.True(inputs.ContainsKey("tags"), $"{resource.Type} {resource.Name} has no tags");
                var tags = resource.Type == "aws:autoscaling/group:Group"
                    ? List(inputs["tags"]).Select(Map).ToDictionary(t => (string)t["key"]!, t => t["value"])
                    : Map(inputs["tags"]).ToDictionary(t => t.Key, t => t.Value);
                Assert.Equal("multi-region-infra", tags["Application"]);
                Assert.Equal("prod", tags["Environment"]);
                Assert.Equal(region, tags["Region"]);
                Assert.Equal(region == "us-east-1" ? "us-east" : "eu-west", tags["Stack"]);
                Assert.StartsWith("multi-region-infra-", (string)tags["Name"]!, StringComparison.Ordinal);
                Assert.Equal("platform", tags.GetValueOrDefault("CostCenter") ?? "platform");
            }
        }
    }

    [Fact]
    public async Task Every_child_is_parented_to_its_component()
    {
        var run = await Primary();
        // The longest matching name prefix says which component a resource belongs to.
        var components = new Dictionary<string, string>
        {
            ["network-"] = "multiregion:network:Network",
            ["app-tls-"] = "multiregion:certificates:DnsValidatedCertificate",
            ["app-"] = "multiregion:compute:AppTier",
            ["database-"] = "multiregion:database:Database",
            ["assets-"] = "multiregion:storage:AssetBucket",
            ["image-"] = "multiregion:service:ImageRepository",
            ["service-config-"] = "multiregion:service:ServiceConfiguration",
            ["logs-"] = "multiregion:storage:LogBucket",
            ["origin-secret-"] = "multiregion:security:OriginSecret",
            ["metrics-"] = "multiregion:monitoring:MetricsWorkspace",
            ["writer-restart-"] = "multiregion:service:ServiceRestart",
            ["writer-restart"] = "multiregion:stacks:RegionalStack",
            ["metrics"] = "multiregion:stacks:RegionalStack",
            ["logs"] = "multiregion:stacks:RegionalStack",
            ["origin-secret"] = "multiregion:stacks:RegionalStack",
            ["assets"] = "multiregion:stacks:RegionalStack",
            ["image"] = "multiregion:stacks:RegionalStack",
            ["service-config"] = "multiregion:stacks:RegionalStack",
            ["network"] = "multiregion:stacks:RegionalStack",
            ["app"] = "multiregion:stacks:RegionalStack",
            ["database"] = "multiregion:stacks:RegionalStack",
        };
        foreach (var resource in run.Graph.Where(r => r.Type != "multiregion:stacks:RegionalStack"))
        {
            var owner = components.Where(c => resource.Name == c.Key || resource.Name.StartsWith(c.Key, StringComparison.Ordinal) && c.Key.EndsWith('-'))
                .OrderByDescending(c => c.Key.Length).First().Value;
            Assert.True(resource.Parent is not null, $"{resource.Type} {resource.Name} has no parent");
            Assert.Equal(owner, resource.Parent!.GetResourceType());
        }
        Assert.Equal(new[] { "multiregion:certificates:DnsValidatedCertificate", "multiregion:compute:AppTier", "multiregion:database:Database", "multiregion:monitoring:MetricsWorkspace",
                "multiregion:network:Network", "multiregion:security:OriginSecret", "multiregion:service:ImageRepository", "multiregion:service:ServiceConfiguration", "multiregion:service:ServiceRestart",
                "multiregion:stacks:RegionalStack", "multiregion:storage:AssetBucket", "multiregion:storage:LogBucket" },
            run.Graph.Select(r => r.Type).Where(t => t.StartsWith("multiregion:", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task Logical_names_are_unique_per_type_and_do_not_depend_on_tags()
    {
        var run = await Primary();
        Assert.Equal(run.Graph.Count, run.Graph.Select(r => (r.Type, r.Name)).Distinct().Count());
        var config = AwsMocks.PrimaryConfig();
        config["tags"] = JsonSerializer.Serialize(new[] { "CostCenter=finance" });
        config["environment"] = "staging";
        config["natGateways"] = "perAz";
        config["logs.enabled"] = "true";
        var renamed = await Primary(config);
        Assert.Equal(run.Graph.Select(r => (r.Type, r.Name)).Order(), renamed.Graph.Select(r => (r.Type, r.Name)).Order());
    }

    [Fact]
    public async Task The_stack_exports_what_the_global_stack_and_other_regions_read()
    {
        var run = await Primary();
        foreach (var key in new[] { "region", "vpcId", "vpcCidr", "albDnsName", "albZoneId", "albArn", "healthCheckPath", "dbArn", "dbEndpoint", "dbRole", "appSecurityGroupId", "originDomain" })
            Assert.True(run.Outputs.ContainsKey(key), $"missing output {key}");
        Assert.Equal("us-east-1", run.Outputs["region"]);
        Assert.Equal("/health", run.Outputs["healthCheckPath"]);
        Assert.Equal("primary", run.Outputs["dbRole"]);
        Assert.Equal($"arn:aws:rds:us-east-1:{AwsMocks.Account}:db:multi-region-infra-us-east-pg", await OutputUtilities.GetValueAsync(run.OutputOf<string>("dbArn")));
        Assert.Equal("app-alb-123456.us-east-1.elb.amazonaws.com", await OutputUtilities.GetValueAsync(run.OutputOf<string>("albDnsName")));
        Assert.Equal("Z35SXDOTRQ7X7K", await OutputUtilities.GetValueAsync(run.OutputOf<string>("albZoneId")));
        Assert.Equal("us-east.api.example.com", await OutputUtilities.GetValueAsync(run.OutputOf<string>("originDomain")));
    }

    [Fact]
    public async Task An_invalid_configuration_stops_the_program_before_any_resource_is_registered()
    {
        var config = AwsMocks.PrimaryConfig();
        config["vpcCidr"] = "10.10.0.0/28";
        config["azCount"] = "8";
        var mocks = AwsMocks.ForRegion("us-east-1");
        var error = await Assert.ThrowsAsync<RunException>(() => AwsMocks.RunStackAsync("us-east", config, mocks));
        Assert.Equal("stack 'us-east' has 2 configuration errors:\n" +
            "  - multi-region-infra:vpcCidr: '10.10.0.0/28' is too small for three subnet tiers of up to 8 zones (its subnets would be smaller than /28); allowed: a prefix from /16 to /23\n" +
            "  - multi-region-infra:azCount: '8' is out of range; allowed: an integer from 2 to 6", error.Message);
        Assert.Empty(mocks.Resources);
    }

    [Fact]
    public async Task The_program_reads_its_configuration_where_the_cli_puts_it()
    {
        var mocks = AwsMocks.ForRegion("us-east-1");
        var config = AwsMocks.PrimaryConfig().ToDictionary(p => p.Key.Contains(':', StringComparison.Ordinal) ? p.Key : $"multi-region-infra:{p.Key}", p => p.Value);
        var (_, outputs) = await mocks.RunAsync(MultiRegionInfra.Stacks.MultiRegionProgram.RunAsync, config, stack: "us-east", project: "multi-region-infra");
        Assert.Equal("us-east-1", outputs["region"]);
        Assert.Single(mocks.OfType("aws:rds/instance:Instance"));
    }
}
