using System.Collections.Immutable;
using System.Text.Json;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Policies;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Storage;

/// <summary>The static asset path: private, encrypted buckets per region, replication from the primary,
/// CloudFront serving them through an origin access control with failover.</summary>
public class AssetTests
{
    private static IReadOnlyDictionary<string, object?> Map(object? value) => Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(value);

    private static IEnumerable<object?> List(object? value) => Assert.IsType<ImmutableArray<object?>>(value);

    private static Task<AwsMocks.RunResult> Global(params (string Key, string Value)[] changes)
    {
        var config = GlobalMocks.Config();
        config["assets.enabled"] = "true";
        foreach (var (key, value) in changes)
            config[key] = value;
        return GlobalMocks.RunAsync(config);
    }

    [Fact]
    public async Task Every_regions_bucket_is_private_versioned_and_encrypted_with_its_own_key()
    {
        foreach (var (stack, config, mocks, region) in new[]
        {
            ("us-east", AwsMocks.PrimaryConfig(), AwsMocks.ForRegion("us-east-1"), "us-east-1"),
            ("eu-west", AwsMocks.ReplicaConfig(), AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(), "eu-west-1"),
        })
        {
            var run = await AwsMocks.RunStackAsync(stack, config, mocks);
            var bucket = run.Single("aws:s3/bucket:Bucket", "assets-bucket");
            Assert.StartsWith($"assets-{stack}-", (string)bucket.Inputs["bucketPrefix"], StringComparison.Ordinal);
            var block = run.Single("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "assets-public-access-block").Inputs;
            Assert.All(new[] { "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets" }, k => Assert.Equal(true, block[k]));
            Assert.Equal("assets-bucket-id", block["bucket"]);
            var encryption = Map(Map(Assert.Single(List(run.Single("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "assets-encryption").Inputs["rules"])))["applyServerSideEncryptionByDefault"]);
            Assert.Equal("aws:kms", encryption["sseAlgorithm"]);
            Assert.Equal($"arn:aws:kms:{region}:{AwsMocks.Account}:key/assets-key-id", encryption["kmsMasterKeyId"]);
            Assert.Equal("Enabled", Map(run.Single("aws:s3/bucketVersioning:BucketVersioning", "assets-versioning").Inputs["versioningConfiguration"])["status"]);
            Assert.Equal("BucketOwnerEnforced", Map(run.Single("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "assets-ownership").Inputs["rule"])["objectOwnership"]);
            var lifecycle = Map(Assert.Single(List(run.Single("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "assets-lifecycle").Inputs["rules"])));
            Assert.Equal(30.0, Map(lifecycle["noncurrentVersionExpiration"])["noncurrentDays"]);
            Assert.Equal(true, run.Single("aws:kms/key:Key", "assets-key").Inputs["enableKeyRotation"]);
            Assert.Equal("assets-bucket-id", run.Single("aws:s3/bucketPolicy:BucketPolicy", "assets-policy").Inputs["bucket"]);
        }
    }

    [Fact]
    public async Task The_primarys_bucket_replicates_to_each_replica_with_kms_and_delete_markers()
    {
        var run = await Global();
        var replication = Assert.Single(run.OfType("aws:s3/bucketReplicationConfig:BucketReplicationConfig")).Inputs;
        Assert.Equal("us-east-1", replication["region"]);
        Assert.Equal("assets-us-east-abc123", replication["bucket"]);
        Assert.Equal($"arn:aws:iam::{AwsMocks.Account}:role/assets-replication-role", replication["role"]);
        var rule = Map(Assert.Single(List(replication["rules"])));
        Assert.Equal("Enabled", rule["status"]);
        Assert.Equal("Enabled", Map(rule["deleteMarkerReplication"])["status"]);
        Assert.Equal("Enabled", Map(Map(rule["sourceSelectionCriteria"])["sseKmsEncryptedObjects"])["status"]);
        var destination = Map(rule["destination"]);
        Assert.Equal("arn:aws:s3:::assets-eu-west-abc123", destination["bucket"]);
        Assert.Equal($"arn:aws:kms:eu-west-1:{AwsMocks.Account}:key/assets-eu-west", Map(destination["encryptionConfiguration"])["replicaKmsKeyId"]);

        var role = run.Single("aws:iam/role:Role", "assets-replication-role").Inputs;
        Assert.Contains("s3.amazonaws.com", (string)role["assumeRolePolicy"]);
        using var policy = JsonDocument.Parse((string)Map(Assert.Single(List(role["inlinePolicies"])))["policy"]!);
        var statements = policy.RootElement.GetProperty("Statement").EnumerateArray().ToList();
        var actions = statements.SelectMany(s => s.GetProperty("Action").EnumerateArray().Select(a => a.GetString())).Order().ToList();
        Assert.Equal(new[] { "kms:Decrypt", "kms:Encrypt", "s3:GetObjectVersionAcl", "s3:GetObjectVersionForReplication", "s3:GetObjectVersionTagging",
            "s3:GetReplicationConfiguration", "s3:ListBucket", "s3:ReplicateDelete", "s3:ReplicateObject", "s3:ReplicateTags" }, actions);
        Assert.DoesNotContain(statements, s => s.GetProperty("Resource").EnumerateArray().Any(r => r.GetString() == "*"));
        Assert.Equal(new[] { "arn:aws:s3:::assets-eu-west-abc123/*" },
            statements.Single(s => s.GetProperty("Action").EnumerateArray().Any(a => a.GetString() == "s3:ReplicateObject")).GetProperty("Resource").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Cloudfront_serves_the_assets_from_an_origin_group_over_two_buckets_through_oac()
    {
        var run = await Global();
        var distribution = Assert.Single(run.OfType("aws:cloudfront/distribution:Distribution")).Inputs;
        var origins = List(distribution["origins"]).Select(Map).ToList();
        var buckets = origins.Where(o => ((string)o["originId"]!).StartsWith("assets-", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { "assets-us-east-abc123.s3.us-east-1.amazonaws.com", "assets-eu-west-abc123.s3.eu-west-1.amazonaws.com" }, buckets.Select(b => b["domainName"]));
        Assert.All(buckets, b =>
        {
            Assert.Equal("cdn-assets-oac-id", b["originAccessControlId"]);
            Assert.False(b.ContainsKey("s3OriginConfig"), "no legacy origin access identity");
            Assert.False(b.ContainsKey("customOriginConfig"));
        });
        var oac = Assert.Single(run.OfType("aws:cloudfront/originAccessControl:OriginAccessControl")).Inputs;
        Assert.Equal(("s3", "always", "sigv4"), ((string)oac["originAccessControlOriginType"], (string)oac["signingBehavior"], (string)oac["signingProtocol"]));
        var group = Map(Assert.Single(List(distribution["originGroups"])));
        Assert.Equal("assets", group["originId"]);
        Assert.Equal(new object[] { "assets-us-east", "assets-eu-west" }, List(group["members"]).Select(m => Map(m)["originId"]));
        Assert.Equal(new object[] { 403.0, 404.0, 500.0, 502.0, 503.0, 504.0 }, List(Map(group["failoverCriteria"])["statusCodes"]));
        var defaults = Map(distribution["defaultCacheBehavior"]);
        Assert.Equal("assets", defaults["targetOriginId"]);
        Assert.Equal("658327ea-f89d-4fab-a63d-7e88639e58f6", defaults["cachePolicyId"]);
        Assert.Equal(true, defaults["compress"]);
        // /api/* first, then the health path's own behaviour (the next test).
        var api = Map(List(distribution["orderedCacheBehaviors"]).First());
        Assert.Equal(("/api/*", "api", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"), ((string)api["pathPattern"]!, (string)api["targetOriginId"]!, (string)api["cachePolicyId"]!));
    }

    /// <summary>With the asset buckets on the default behaviour, https://&lt;domain&gt;/health would ask a bucket, and
    /// without them the default behaviour would answer it from its cache: either way the health path gets a
    /// behaviour of its own to the API's origin, as /api/* does, but uncached and read-only.</summary>
    [Fact]
    public async Task Assets_or_not_cloudfront_sends_the_health_path_uncached_to_the_api_origin()
    {
        var distribution = Assert.Single((await Global()).OfType("aws:cloudfront/distribution:Distribution")).Inputs;
        var behaviours = List(distribution["orderedCacheBehaviors"]).Select(Map).ToList();
        Assert.Equal(new[] { "/api/*", "/health" }, behaviours.Select(b => (string)b["pathPattern"]!));
        var (api, health) = (behaviours[0], behaviours[1]);
        Assert.Equal("api", health["targetOriginId"]);
        Assert.Equal("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", health["cachePolicyId"]); // CachingDisabled
        Assert.Equal(api["originRequestPolicyId"], health["originRequestPolicyId"]);
        Assert.Equal("b689b0a8-53d0-40ab-baf2-68738e2966ac", health["originRequestPolicyId"]); // AllViewerExceptHostHeader
        Assert.Equal("redirect-to-https", health["viewerProtocolPolicy"]);
        Assert.Equal(new object[] { "GET", "HEAD" }, List(health["allowedMethods"]));
        Assert.Equal(new object[] { "GET", "HEAD" }, List(health["cachedMethods"]));
        // The api origin sends every region's origin header, so the load balancer that answers serves it.
        var origin = List(distribution["origins"]).Select(Map).Single(o => Equals(o["originId"], "api"));
        Assert.Equal("api.example.com", origin["domainName"]);
        Assert.Equal(new object[] { "x-origin-verify-us-east", "x-origin-verify-eu-west" }, List(origin["customHeaders"]).Select(h => Map(h)["name"]));

        // Without them the default behaviour caches what the regions answer: the health path keeps its own
        // uncached behaviour, so https://<domain>/health says whether a region serves now.
        var withoutAssets = Assert.Single((await Global(("assets.enabled", "false"))).OfType("aws:cloudfront/distribution:Distribution")).Inputs;
        var plain = List(withoutAssets["orderedCacheBehaviors"]).Select(Map).ToList();
        Assert.Equal(new object[] { "/api/*", "/health" }, plain.Select(b => b["pathPattern"]));
        Assert.Equal(("api", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"), (plain[1]["targetOriginId"], plain[1]["cachePolicyId"]));
        Assert.Equal(new object[] { "GET", "HEAD" }, List(plain[1]["allowedMethods"]));
        Assert.Equal("regions", Map(withoutAssets["defaultCacheBehavior"])["targetOriginId"]);
    }

    [Theory]
    // the regions' health path (one per system, a cross-stack rule), the ordered behaviours' path patterns.
    [InlineData("/health", "/api/*,/health")]
    [InlineData("/ready", "/api/*,/ready")]
    // A path under /api/ reaches the API through /api/* already: no behaviour of its own.
    [InlineData("/api/health", "/api/*")]
    public async Task The_health_path_gets_its_behaviour_unless_api_covers_it(string path, string patterns)
    {
        var config = GlobalMocks.Config();
        config["assets.enabled"] = "true";
        var mocks = GlobalMocks.Mocks(config);
        foreach (var stack in new[] { "us-east", "eu-west" })
        {
            var outputs = GlobalMocks.Outputs(stack);
            outputs["healthCheckPath"] = path;
            mocks.WithStackOutputs($"{AwsMocks.Organization}/{AwsMocks.Project}/{stack}", outputs);
        }
        var distribution = Assert.Single((await GlobalMocks.RunAsync(config, mocks)).OfType("aws:cloudfront/distribution:Distribution")).Inputs;
        var behaviours = List(distribution["orderedCacheBehaviors"]).Select(Map).ToList();
        Assert.Equal(patterns.Split(','), behaviours.Select(b => (string)b["pathPattern"]!));
        Assert.All(behaviours, b => Assert.Equal("api", b["targetOriginId"]));
    }

    [Fact]
    public async Task Each_region_owns_its_buckets_policy_tls_only_and_readable_by_this_accounts_distributions()
    {
        foreach (var (stack, config, mocks, region) in new[]
        {
            ("us-east", AwsMocks.PrimaryConfig(), AwsMocks.ForRegion("us-east-1"), "us-east-1"),
            ("eu-west", AwsMocks.ReplicaConfig(), AwsMocks.ForRegion("eu-west-1").WithPrimaryStack(), "eu-west-1"),
        })
        {
            var run = await AwsMocks.RunStackAsync(stack, config, mocks);
            var policy = run.Single("aws:s3/bucketPolicy:BucketPolicy", "assets-policy").Inputs;
            Assert.Equal("assets-bucket-id", policy["bucket"]);
            using var document = JsonDocument.Parse((string)policy["policy"]);
            var statements = document.RootElement.GetProperty("Statement").EnumerateArray().ToList();
            var allow = statements.Single(s => s.GetProperty("Effect").GetString() == "Allow");
            Assert.Equal("cloudfront.amazonaws.com", allow.GetProperty("Principal").GetProperty("Service").GetString());
            Assert.Equal("s3:GetObject", allow.GetProperty("Action").GetString());
            Assert.Equal("arn:aws:s3:::assets-bucket-bucket/*", allow.GetProperty("Resource").GetString());
            // The distribution does not exist yet when the region deploys: this account's distributions, no other account's.
            Assert.Equal($"arn:aws:cloudfront::{AwsMocks.Account}:distribution/*", allow.GetProperty("Condition").GetProperty("ArnLike").GetProperty("AWS:SourceArn").GetString());
            Assert.Equal(AwsMocks.Account, allow.GetProperty("Condition").GetProperty("StringEquals").GetProperty("AWS:SourceAccount").GetString());
            var deny = statements.Single(s => s.GetProperty("Effect").GetString() == "Deny");
            Assert.Equal("*", deny.GetProperty("Principal").GetString());
            Assert.Equal("false", deny.GetProperty("Condition").GetProperty("Bool").GetProperty("aws:SecureTransport").GetString());
            Assert.Equal(new[] { "arn:aws:s3:::assets-bucket-bucket", "arn:aws:s3:::assets-bucket-bucket/*" }, deny.GetProperty("Resource").EnumerateArray().Select(r => r.GetString()));
            // After the public access block, which S3 applies before it accepts a policy.
            var after = await Pulumi.Utilities.OutputUtilities.GetValueAsync(Pulumi.InputExtensions.ToOutput(run.Graph.Single(r => r.Name == "assets-policy").Options.DependsOn));
            Assert.Contains("assets-public-access-block", after.Select(r => r.GetResourceName()));
        }
    }

    [Fact]
    public async Task The_global_stack_writes_no_bucket_policy()
    {
        var run = await Global();
        Assert.Empty(run.OfType("aws:s3/bucketPolicy:BucketPolicy"));
        Assert.NotEmpty(run.OfType("aws:s3/bucketReplicationConfig:BucketReplicationConfig"));
    }

    [Theory]
    [InlineData("assets.primaryRegion", "ap-south", "multi-region-infra:assets.primaryRegion: 'ap-south' is not among the regions; allowed: one of us-east, eu-west")]
    [InlineData("assets.replicaRegions", "[\"ap-south\"]", "multi-region-infra:assets.replicaRegions: 'ap-south' is not among the regions; allowed: regional stacks of regions (us-east, eu-west)")]
    [InlineData("assets.replicaRegions", "[\"us-east\"]", "multi-region-infra:assets.replicaRegions: 'us-east' is the assets' primary region; allowed: the other regions")]
    [InlineData("assets.replicaRegions", "[]", "multi-region-infra:assets.replicaRegions: '[]' has no replica, so the assets have no failover; allowed: at least one region other than assets.primaryRegion")]
    public void Global_asset_settings_are_validated(string key, string value, string error)
    {
        var config = GlobalMocks.Config();
        config.Remove("aws:region");
        config["assets.enabled"] = "true";
        config[key] = value;
        var reader = new ConfigReader("multi-region-infra", config);
        Assert.Null(GlobalSettings.Read(reader, "global"));
        Assert.Equal(error, Assert.Single(reader.Errors));
    }

    [Fact]
    public void A_bad_name_prefix_is_reported()
    {
        var config = AwsMocks.PrimaryConfig();
        config.Remove("aws:region");
        config["assets.namePrefix"] = "Assets_";
        var reader = new ConfigReader("multi-region-infra", config);
        Assert.Null(RegionalSettings.Read(reader, "us-east", "us-east-1"));
        Assert.Equal("multi-region-infra:assets.namePrefix: 'Assets_' is not valid; allowed: 2 to 20 lower-case letters, digits or '-', starting with a letter or digit", Assert.Single(reader.Errors));
    }

    [Fact]
    public void The_global_stack_cannot_serve_assets_a_region_does_not_have()
    {
        var errors = CrossStackValidation.Validate("multi-region-infra", new Dictionary<string, ConfigSource>
        {
            ["us-east"] = new(new Dictionary<string, string> { ["aws:region"] = "us-east-1", ["multi-region-infra:role"] = "primary", ["multi-region-infra:vpcCidr"] = "10.10.0.0/16" }),
            ["eu-west"] = new(new Dictionary<string, string> { ["aws:region"] = "eu-west-1", ["multi-region-infra:role"] = "replica", ["multi-region-infra:primaryStack"] = "us-east", ["multi-region-infra:vpcCidr"] = "10.20.0.0/16", ["multi-region-infra:assets.enabled"] = "false" }),
            ["global"] = new(new Dictionary<string, string> { ["multi-region-infra:stackKind"] = "global", ["multi-region-infra:regions"] = "[\"us-east\",\"eu-west\"]" }),
        });
        Assert.Equal("global and eu-west: multi-region-infra:assets.enabled is true in global, which serves and replicates the assets of its regions, but false in eu-west", Assert.Single(errors));
    }
}
