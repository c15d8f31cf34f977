using System.Text.Json;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Storage;
using MultiRegionInfra.Tests.Support;
using static MultiRegionInfra.Tests.Support.InputValues;

namespace MultiRegionInfra.Tests.Storage;

/// <summary>Each region's log bucket, and the load balancer's and the asset bucket's access logs in it.</summary>
public class LogBucketTests
{
    private const string Bucket = "aws:s3/bucket:Bucket";
    private const string LoadBalancer = "aws:lb/loadBalancer:LoadBalancer";
    private const string Logging = "aws:s3/bucketLogging:BucketLogging";

    private static Task<AwsMocks.RunResult> Primary(params (string Key, string? Value)[] changes) =>
        AwsMocks.RunStackAsync("us-east", AwsMocks.PrimaryConfig().With(changes));

    private static async Task<IReadOnlyList<string>> DependenciesOf(AwsMocks.RunResult run, string name) =>
        (await Pulumi.Utilities.OutputUtilities.GetValueAsync(Pulumi.InputExtensions.ToOutput(run.Graph.Single(r => r.Name == name).Options.DependsOn)))
            .Select(r => r.GetResourceName()).ToList();

    private static List<JsonElement> PolicyStatements(AwsMocks.RunResult run)
    {
        using var document = JsonDocument.Parse((string)run.Single("aws:s3/bucketPolicy:BucketPolicy", "logs-policy").Inputs["policy"]);
        return document.RootElement.GetProperty("Statement").EnumerateArray().Select(s => s.Clone()).ToList();
    }

    [Fact]
    public async Task In_prod_the_region_has_a_private_sse_s3_log_bucket_that_expires_its_logs()
    {
        var run = await Primary();
        Assert.StartsWith("logs-us-east-", (string)run.Single(Bucket, "logs-bucket").Inputs["bucketPrefix"], StringComparison.Ordinal);
        Assert.True(run.Graph.Single(r => r.Name == "logs-bucket").Options.Protect, "protected in prod, like the assets");
        // Load balancer access logs can be delivered only into SSE-S3 buckets.
        var rule = Map(Assert.Single(List(run.Single("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "logs-encryption").Inputs["rules"])));
        Assert.Equal("AES256", Map(rule["applyServerSideEncryptionByDefault"])["sseAlgorithm"]);
        Assert.Equal("Enabled", Map(run.Single("aws:s3/bucketVersioning:BucketVersioning", "logs-versioning").Inputs["versioningConfiguration"])["status"]);
        var block = run.Single("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "logs-public-access-block").Inputs;
        Assert.All(new[] { "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets" }, k => Assert.Equal(true, block[k]));
        Assert.Equal("BucketOwnerEnforced", Map(run.Single("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "logs-ownership").Inputs["rule"])["objectOwnership"]);
        var lifecycle = Map(Assert.Single(List(run.Single("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "logs-lifecycle").Inputs["rules"])));
        Assert.Equal("Enabled", lifecycle["status"]);
        Assert.Equal(90.0, Map(lifecycle["expiration"])["days"]);
        Assert.Equal(7.0, Map(lifecycle["noncurrentVersionExpiration"])["noncurrentDays"]);
        Assert.Equal("logs-bucket-id", await Pulumi.Utilities.OutputUtilities.GetValueAsync(run.OutputOf<string>("logBucketName")));
        Assert.Contains("logs-public-access-block", await DependenciesOf(run, "logs-policy"));
    }

    [Fact]
    public async Task The_retention_period_is_configurable()
    {
        var run = await Primary(("logs.retentionDays", "400"));
        Assert.Equal(400.0, Map(Map(Assert.Single(List(run.Single("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "logs-lifecycle").Inputs["rules"])))["expiration"])["days"]);
    }

    [Fact]
    public async Task The_bucket_policy_admits_only_tls_and_the_two_log_deliveries_under_their_prefixes()
    {
        var run = await Primary();
        var statements = PolicyStatements(run);
        Assert.Equal(new[] { "DenyWithoutTls", "LoadBalancerAccessLogs", "ServerAccessLogs" }, statements.Select(s => s.GetProperty("Sid").GetString()));
        var deny = statements[0];
        Assert.Equal("Deny", deny.GetProperty("Effect").GetString());
        Assert.Equal("false", deny.GetProperty("Condition").GetProperty("Bool").GetProperty("aws:SecureTransport").GetString());
        Assert.Equal(new[] { "arn:aws:s3:::logs-bucket-bucket", "arn:aws:s3:::logs-bucket-bucket/*" }, deny.GetProperty("Resource").EnumerateArray().Select(r => r.GetString()));

        // us-east-1 predates August 2022: its Elastic Load Balancing account writes the logs.
        var alb = statements[1];
        Assert.Equal("arn:aws:iam::127311923021:root", alb.GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal("s3:PutObject", alb.GetProperty("Action").GetString());
        Assert.Equal($"arn:aws:s3:::logs-bucket-bucket/alb/us-east/AWSLogs/{AwsMocks.Account}/*", alb.GetProperty("Resource").GetString());

        var s3 = statements[2];
        Assert.Equal("logging.s3.amazonaws.com", s3.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("arn:aws:s3:::logs-bucket-bucket/s3/*", s3.GetProperty("Resource").GetString());
        // The asset bucket, and the artifact bucket the global stack's canary of this region keeps.
        Assert.Equal(new[] { "arn:aws:s3:::assets-us-east-*", "arn:aws:s3:::canary-us-east-*" },
            s3.GetProperty("Condition").GetProperty("ArnLike").GetProperty("aws:SourceArn").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(AwsMocks.Account, s3.GetProperty("Condition").GetProperty("StringEquals").GetProperty("aws:SourceAccount").GetString());
    }

    [Fact]
    public async Task The_load_balancer_logs_into_it_once_its_policy_admits_the_delivery()
    {
        var run = await Primary();
        var logs = Map(Assert.Single(run.OfType(LoadBalancer)).Inputs["accessLogs"]);
        Assert.Equal(true, logs["enabled"]);
        Assert.Equal("logs-bucket-id", logs["bucket"]);
        Assert.Equal("alb/us-east", logs["prefix"]);
        Assert.Contains("logs-policy", await DependenciesOf(run, "app-alb"));
    }

    [Fact]
    public async Task The_asset_bucket_logs_its_access_into_it()
    {
        var run = await Primary();
        var logging = Assert.Single(run.OfType(Logging));
        Assert.Equal("assets-access-logs", logging.Name);
        Assert.Equal("assets-bucket-id", logging.Inputs["bucket"]);
        Assert.Equal("logs-bucket-id", logging.Inputs["targetBucket"]);
        Assert.Equal("s3/assets-us-east/", logging.Inputs["targetPrefix"]);
        Assert.Contains("logs-policy", await DependenciesOf(run, "assets-access-logs"));
        // The log bucket does not log into itself.
        Assert.DoesNotContain(run.OfType(Logging), l => Equals(l.Inputs["bucket"], "logs-bucket-id"));
    }

    [Fact]
    public async Task Outside_prod_logs_are_off_unless_asked_for()
    {
        var dev = await Primary(("environment", "dev"));
        Assert.DoesNotContain(dev.OfType(Bucket), b => b.Name == "logs-bucket");
        Assert.Empty(dev.OfType(Logging));
        Assert.False(Assert.Single(dev.OfType(LoadBalancer)).Inputs.ContainsKey("accessLogs"));
        Assert.False(dev.Outputs.ContainsKey("logBucketName"));

        var asked = await Primary(("environment", "dev"), ("logs.enabled", "true"));
        Assert.Equal("logs-bucket-id", Map(Assert.Single(asked.OfType(LoadBalancer)).Inputs["accessLogs"])["bucket"]);
        Assert.Single(asked.OfType(Logging));

        var off = await Primary(("logs.enabled", "false"));
        Assert.DoesNotContain(off.OfType(Bucket), b => b.Name == "logs-bucket");
    }

    [Fact]
    public async Task A_bucket_of_your_own_takes_the_load_balancers_logs_and_the_log_bucket_keeps_the_assets()
    {
        var run = await Primary(("albAccessLogsBucket", "acme-central-alb-logs"));
        var logs = Map(Assert.Single(run.OfType(LoadBalancer)).Inputs["accessLogs"]);
        Assert.Equal(("acme-central-alb-logs", "alb/us-east"), ((string)logs["bucket"]!, (string)logs["prefix"]!));
        Assert.Equal("logs-bucket-id", Assert.Single(run.OfType(Logging)).Inputs["targetBucket"]);

        // Nothing would log into a log bucket without assets: none is made.
        var noAssets = await Primary(("albAccessLogsBucket", "acme-central-alb-logs"), ("assets.enabled", "false"));
        Assert.DoesNotContain(noAssets.OfType(Bucket), b => b.Name == "logs-bucket");
        Assert.Equal("acme-central-alb-logs", Map(Assert.Single(noAssets.OfType(LoadBalancer)).Inputs["accessLogs"])["bucket"]);
    }

    [Fact]
    public async Task Without_assets_the_log_bucket_admits_only_the_canary_artifacts_server_access_logs()
    {
        var run = await Primary(("assets.enabled", "false"));
        var statements = PolicyStatements(run);
        Assert.Equal(new[] { "DenyWithoutTls", "LoadBalancerAccessLogs", "ServerAccessLogs" }, statements.Select(s => s.GetProperty("Sid").GetString()));
        Assert.Equal(new[] { "arn:aws:s3:::canary-us-east-*" },
            statements[2].GetProperty("Condition").GetProperty("ArnLike").GetProperty("aws:SourceArn").EnumerateArray().Select(a => a.GetString()));
        // Nothing of the regional stack logs into it but the load balancer.
        Assert.Empty(run.OfType(Logging));
    }

    [Theory]
    [InlineData("us-east-1", "AWS", "arn:aws:iam::127311923021:root")]
    [InlineData("eu-west-1", "AWS", "arn:aws:iam::156460612806:root")]
    [InlineData("ap-southeast-3", "AWS", "arn:aws:iam::589379963580:root")]
    [InlineData("us-gov-west-1", "AWS", "arn:aws-us-gov:iam::048591011584:root")]
    [InlineData("cn-north-1", "AWS", "arn:aws-cn:iam::638102146993:root")]
    [InlineData("ap-south-2", "Service", "logdelivery.elasticloadbalancing.amazonaws.com")]
    [InlineData("eu-central-2", "Service", "logdelivery.elasticloadbalancing.amazonaws.com")]
    [InlineData("il-central-1", "Service", "logdelivery.elasticloadbalancing.amazonaws.com")]
    [InlineData("mx-central-1", "Service", "logdelivery.elasticloadbalancing.amazonaws.com")]
    public void Regions_before_august_2022_name_their_load_balancer_account_newer_ones_the_service(string region, string kind, string principal)
    {
        Assert.Equal((kind, principal), LogDelivery.LoadBalancerPrincipal(region));
        using var document = JsonDocument.Parse(BucketPolicies.Logs("arn:aws:s3:::logs", region, AwsMocks.Account, "alb/x", Array.Empty<string>()));
        var statement = document.RootElement.GetProperty("Statement").EnumerateArray().Single(s => s.GetProperty("Sid").GetString() == "LoadBalancerAccessLogs");
        Assert.Equal(principal, statement.GetProperty("Principal").GetProperty(kind).GetString());
    }

    [Fact]
    public void Every_region_in_the_account_table_is_a_known_region()
    {
        Assert.All(LogDelivery.LoadBalancerAccounts, p =>
        {
            Assert.True(AwsRegions.IsKnown(p.Key), p.Key);
            Assert.Matches("^[0-9]{12}$", p.Value);
        });
        Assert.Equal(26, LogDelivery.LoadBalancerAccounts.Count);
    }

    [Theory]
    [InlineData("logs.retentionDays", "0", null, "multi-region-infra:logs.retentionDays: '0' is out of range; allowed: an integer from 1 to 3650")]
    [InlineData("logs.retentionDays", "30", "false", "multi-region-infra:logs.retentionDays: '30' is set but logs.enabled is false, so there are no logs to keep; allowed: set logs.enabled to true, or remove logs.retentionDays")]
    [InlineData("logs.enabled", "yes", null, "multi-region-infra:logs.enabled: 'yes' is not a boolean; allowed: true or false")]
    public void Log_settings_are_validated(string key, string value, string? enabled, string error)
    {
        var config = AwsMocks.PrimaryConfig().With(("aws:region", null), (key, value));
        if (enabled is not null)
            config["logs.enabled"] = enabled;
        var reader = new ConfigReader("multi-region-infra", config);
        Assert.Null(RegionalSettings.Read(reader, "us-east", "us-east-1"));
        Assert.Equal(error, Assert.Single(reader.Errors));
    }
}
