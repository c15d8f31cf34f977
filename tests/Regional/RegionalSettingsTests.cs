using MultiRegionInfra.Configuration;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Regional;

/// <summary>Every validation case of a regional stack's configuration, with its message.</summary>
public class RegionalSettingsTests
{
    private const string P = "multi-region-infra";

    private static (RegionalSettings? Settings, IReadOnlyList<string> Errors) Read(Dictionary<string, string> config, string stack = "us-east")
    {
        var region = config.Remove("aws:region", out var r) ? r : null;
        var reader = new ConfigReader(P, config);
        var settings = RegionalSettings.Read(reader, stack, region);
        return (settings, reader.Errors);
    }

    [Fact]
    public void A_valid_primary_reads_with_its_defaults()
    {
        var (settings, errors) = Read(AwsMocks.PrimaryConfig());
        Assert.Empty(errors);
        Assert.NotNull(settings);
        Assert.Equal(RegionRole.Primary, settings!.Role);
        Assert.Equal(3, settings.AzCount);
        Assert.Equal(NatGatewayMode.PerAz, settings.NatGateways);
        Assert.True(settings.Database.MultiAz);
        Assert.True(settings.Database.DeletionProtection);
        Assert.Equal(7, settings.Database.BackupRetentionDays);
        Assert.Equal("t3.small", settings.Compute.InstanceType);
        Assert.Equal(EdgeKind.CloudFront, settings.Edge);
    }

    [Fact]
    public void Dev_defaults_are_cheaper()
    {
        var (settings, _) = Read(AwsMocks.PrimaryConfig().With(("environment", "dev")));
        Assert.Equal(NatGatewayMode.Single, settings!.NatGateways);
        Assert.False(settings.Database.MultiAz);
        Assert.False(settings.Database.DeletionProtection);
    }

    [Theory]
    [InlineData("vpcCidr", "10.10.0/16", P + ":vpcCidr: '10.10.0/16' is not an IPv4 CIDR block; allowed: a private IPv4 block from /16 to /23, e.g. 10.10.0.0/16")]
    [InlineData("vpcCidr", "10.10.5.0/16", P + ":vpcCidr: '10.10.5.0/16' has host bits set (the network address is 10.10.0.0/16); allowed: a private IPv4 block from /16 to /23, e.g. 10.10.0.0/16")]
    [InlineData("vpcCidr", "10.10.0.0/26", P + ":vpcCidr: '10.10.0.0/26' is too small for three subnet tiers of up to 8 zones (its subnets would be smaller than /28); allowed: a prefix from /16 to /23")]
    [InlineData("vpcCidr", "10.0.0.0/12", P + ":vpcCidr: '10.0.0.0/12' is larger than AWS allows for a VPC; allowed: a prefix from /16 to /23")]
    [InlineData("vpcCidr", "8.8.0.0/16", P + ":vpcCidr: '8.8.0.0/16' is not a private range; allowed: a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16")]
    [InlineData("azCount", "1", P + ":azCount: '1' is out of range; allowed: an integer from 2 to 6")]
    [InlineData("azCount", "7", P + ":azCount: '7' is out of range; allowed: an integer from 2 to 6")]
    [InlineData("azCount", "three", P + ":azCount: 'three' is not an integer; allowed: an integer from 2 to 6")]
    [InlineData("compute.minSize", "5", P + ":compute.minSize: '5' is greater than compute.maxSize (4); allowed: minSize <= desiredCapacity <= maxSize")]
    [InlineData("compute.desiredCapacity", "9", P + ":compute.desiredCapacity: '9' is outside compute.minSize..compute.maxSize (2..4); allowed: minSize <= desiredCapacity <= maxSize")]
    [InlineData("compute.instanceType", "t3-small", P + ":compute.instanceType: 't3-small' is not valid; allowed: an EC2 instance type such as t3.small or m7g.large")]
    [InlineData("database.instanceClass", "t4g.medium", P + ":database.instanceClass: 't4g.medium' is not valid; allowed: an RDS instance class such as db.t4g.medium or db.r7g.large")]
    [InlineData("role", "leader", P + ":role: 'leader' is not allowed; allowed: primary, replica")]
    [InlineData("environment", "production", P + ":environment: 'production' is not allowed; allowed: dev, staging, prod")]
    [InlineData("natGateways", "none", P + ":natGateways: 'none' is not allowed; allowed: perAz, single")]
    [InlineData("database.backupRetentionDays", "3", P + ":database.backupRetentionDays: '3' is out of range; allowed: an integer from 7 to 35")]
    [InlineData("flowLogRetentionDays", "45", P + ":flowLogRetentionDays: '45' is not allowed; allowed: one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653")]
    [InlineData("domain", "Example_COM", P + ":domain: 'Example_COM' is not valid; allowed: a DNS name such as example.com")]
    [InlineData("healthCheckPath", "health", P + ":healthCheckPath: 'health' is not valid; allowed: an absolute URL path such as /health")]
    [InlineData("healthCheckPath", "/", P + ":healthCheckPath: '/' would take the site's root from CloudFront's default behaviour: behind CloudFront the health path gets a behaviour of its own (uncached, GET and HEAD only, to api.<domain>); allowed: a path other than /, such as /health")]
    [InlineData("primaryStack", "eu-west", P + ":primaryStack: 'eu-west' must not be set when role is 'primary'; remove it, or set role to 'replica'")]
    [InlineData("tags", "[\"Name=mine\"]", P + ":tags: 'Name=mine' redefines the standard tag 'Name'; allowed: keys other than Name, Application, Environment, Region, Stack")]
    [InlineData("vpcCidrs", "10.0.0.0/16", P + ":vpcCidrs: is not a known key; did you mean 'vpcCidr'?")]
    [InlineData("databse.instanceClass", "db.t4g.large", P + ":databse.instanceClass: is not a known key; did you mean 'database.instanceClass'?")]
    [InlineData("colour", "blue", P + ":colour: is not a known key; see the config section of Pulumi.yaml for the keys of this stack")]
    public void A_bad_value_is_reported_with_key_value_and_what_is_allowed(string key, string value, string message)
    {
        var config = AwsMocks.PrimaryConfig().With((key, value));
        if (key.StartsWith("compute.", StringComparison.Ordinal) && key != "compute.instanceType")
            config["compute.maxSize"] = "4";
        var (settings, errors) = Read(config);
        Assert.Null(settings);
        Assert.Equal(message, Assert.Single(errors));
    }

    [Fact]
    public void A_replica_without_its_primary_stack_is_reported()
    {
        var (_, errors) = Read(AwsMocks.ReplicaConfig().With(("primaryStack", null)), "eu-west");
        Assert.Equal(P + ":primaryStack: is required when role is 'replica'; allowed: the name of the primary region's stack, e.g. us-east", Assert.Single(errors));
    }

    [Fact]
    public void A_replica_naming_itself_as_primary_is_reported()
    {
        var (_, errors) = Read(AwsMocks.ReplicaConfig().With(("primaryStack", "eu-west")), "eu-west");
        Assert.Equal(P + ":primaryStack: 'eu-west' names this stack itself; allowed: the stack of the primary in another region", Assert.Single(errors));
    }

    [Fact]
    public void A_replica_may_keep_fewer_backups_but_not_none()
    {
        Assert.Empty(Read(AwsMocks.ReplicaConfig().With(("database.backupRetentionDays", "1")), "eu-west").Errors);
        Assert.Equal(P + ":database.backupRetentionDays: '0' is out of range; allowed: an integer from 1 to 35",
            Assert.Single(Read(AwsMocks.ReplicaConfig().With(("database.backupRetentionDays", "0")), "eu-west").Errors));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var config = new Dictionary<string, string> { ["vpcCidr"] = "300.1.0.0/16", ["azCount"] = "9", ["role"] = "replica", ["colour"] = "blue" };
        var (settings, errors) = Read(config);
        Assert.Null(settings);
        Assert.Equal(new[]
        {
            "aws:region: is required; allowed: an AWS region such as us-east-1",
            P + ":environment: is required; allowed: dev, staging, prod",
            P + ":primaryStack: is required when role is 'replica'; allowed: the name of the primary region's stack, e.g. us-east",
            P + ":vpcCidr: '300.1.0.0/16' is not an IPv4 CIDR block; allowed: a private IPv4 block from /16 to /23, e.g. 10.10.0.0/16",
            P + ":azCount: '9' is out of range; allowed: an integer from 2 to 6",
            P + ":colour: is not a known key; see the config section of Pulumi.yaml for the keys of this stack",
        }, errors);
    }

    [Fact]
    public void Missing_required_keys_are_reported()
    {
        var (_, errors) = Read(new Dictionary<string, string> { ["aws:region"] = "us-east-1" });
        Assert.Equal(new[]
        {
            P + ":environment: is required; allowed: dev, staging, prod",
            P + ":role: is required; allowed: primary, replica",
            P + ":vpcCidr: is required; allowed: a private IPv4 block from /16 to /23, e.g. 10.10.0.0/16",
        }, errors);
    }

    [Fact]
    public void No_domain_outside_prod_is_a_warning_naming_the_key_and_the_rule()
    {
        var (settings, errors) = Read(AwsMocks.PrimaryConfig().With(("domain", null), ("environment", "staging")));
        Assert.Empty(errors);
        Assert.Contains("us-east: no domain is configured, so the load balancer listens on HTTP only, which policy MRI-LB-02 refuses unless waived (set 'domain' for an ACM certificate and HTTPS)",
            settings!.Warnings());
    }

    [Fact]
    public void No_domain_in_prod_is_an_error_naming_the_key()
    {
        var (settings, errors) = Read(AwsMocks.PrimaryConfig().With(("domain", null)));
        Assert.Null(settings);
        Assert.Equal(new[]
        {
            "multi-region-infra:domain: is required in prod (environment: prod): without it the load balancer has no certificate and serves plain HTTP; " +
            "allowed: a DNS name whose Route 53 zone is in this account, such as example.com",
        }, errors);
    }

    [Theory]
    [InlineData("t4g.small", true)]
    [InlineData("m7g.large", true)]
    [InlineData("c7gn.xlarge", true)]
    [InlineData("t3.small", false)]
    [InlineData("m6i.2xlarge", false)]
    public void Graviton_types_boot_arm64(string type, bool arm) =>
        Assert.Equal(arm, new ComputeSettings(type, 1, 2, 1, null, 50, 20, 120).IsArm);

    [Theory]
    [InlineData("vpcCidrs", "vpcCidr")]
    [InlineData("AZCOUNT", "azCount")]
    [InlineData("computeMinSize", "compute.minSize")]
    [InlineData("somethingElseEntirely", null)]
    public void Suggests_the_nearest_known_key(string typo, string? suggestion) =>
        Assert.Equal(suggestion, ConfigReader.Suggest(typo, new[] { "vpcCidr", "azCount", "compute.minSize", "compute.maxSize" }));
}
