using System.Text.Json;
using MultiRegionInfra.Monitoring;
using MultiRegionInfra.Tests.Support;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace MultiRegionInfra.Tests.Monitoring;

/// <summary>The canaries the global stack runs in every region, as registered: the canary and its script's
/// checks, its bucket, key and role, its alarms.</summary>
public class RegionCanariesTests
{
    private const string CanaryType = "aws:synthetics/canary:Canary";
    private const string Alarm = "aws:cloudwatch/metricAlarm:MetricAlarm";

    private static readonly string StatusCheck = JsonSerializer.Serialize(new[] { "{path: /api/status, json: {status: ok}, latencyMs: 800}" });

    private static Task<AwsMocks.RunResult> Run(params (string Key, string? Value)[] changes)
    {
        var config = GlobalMocks.Config().With(("canary.enabled", "true"), ("canary.checks", StatusCheck)).With(changes);
        return GlobalMocks.RunAsync(config, GlobalMocks.Mocks(config));
    }

    private static IReadOnlyDictionary<string, object?> Map(object? value) => InputValues.Map(value);

    /// <summary>What the canary's zip holds: its script's configuration, read from the file the canary names.</summary>
    private static JsonElement ScriptConfig(MockResourceArgs canary)
    {
        var zip = File.ReadAllBytes(Assert.IsType<string>(canary.Inputs["zipFile"]));
        return JsonDocument.Parse(CanaryScript.ReadConfigJson(zip)).RootElement.Clone();
    }

    private static IReadOnlyList<(string Name, string Url)> Steps(MockResourceArgs canary) =>
        [.. ScriptConfig(canary).GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("name").GetString()!, s.GetProperty("url").GetString()!))];

    [Fact]
    public async Task Every_region_gets_a_canary_there_on_the_schedule_with_encrypted_expiring_artifacts()
    {
        var run = await Run(("canary.schedule", "rate(10 minutes)"), ("canary.artifactRetentionDays", "14"));
        var canaries = run.OfType(CanaryType);
        Assert.Equal(new[] { "eu-west-synthetics-canary", "us-east-synthetics-canary" }, canaries.Select(c => c.Name!).Order());
        foreach (var (stack, region) in new[] { ("us-east", "us-east-1"), ("eu-west", "eu-west-1") })
        {
            var canary = run.Single(CanaryType, $"{stack}-synthetics-canary");
            Assert.Equal($"api-{stack}", canary.Inputs["name"]);
            Assert.Equal(region, canary.Inputs["region"]);
            Assert.Equal("syn-nodejs-puppeteer-13.0", canary.Inputs["runtimeVersion"]);
            Assert.Equal("api-checks.handler", canary.Inputs["handler"]);
            Assert.Equal("rate(10 minutes)", Map(canary.Inputs["schedule"])["expression"]);
            Assert.Equal(600.0, Map(canary.Inputs["runConfig"])["timeoutInSeconds"]);
            Assert.Equal(false, Map(canary.Inputs["runConfig"])["activeTracing"]);
            Assert.Equal(14.0, canary.Inputs["successRetentionPeriod"]);
            Assert.Equal(14.0, canary.Inputs["failureRetentionPeriod"]);
            Assert.Equal(true, canary.Inputs["startCanary"]);
            Assert.Equal(true, canary.Inputs["deleteLambda"]);
            Assert.Equal($"arn:aws:iam::{AwsMocks.Account}:role/{stack}-synthetics-role", canary.Inputs["executionRoleArn"]);

            // Its artifacts: in its own folder of its region's bucket, encrypted with its region's key.
            Assert.Equal($"s3://{stack}-synthetics-bucket-id/canary/api-{stack}/", canary.Inputs["artifactS3Location"]);
            var encryption = Map(Map(canary.Inputs["artifactConfig"])["s3Encryption"]);
            Assert.Equal("SSE_KMS", encryption["encryptionMode"]);
            Assert.Equal($"arn:aws:kms:{region}:{AwsMocks.Account}:key/{stack}-synthetics-key-id", encryption["kmsKeyArn"]);
            var key = run.Single("aws:kms/key:Key", $"{stack}-synthetics-key");
            Assert.Equal(region, key.Inputs["region"]);
            Assert.Equal(true, key.Inputs["enableKeyRotation"]);
            var admin = Assert.Single(InputValues.PolicyStatements(key.Inputs["policy"]));
            Assert.Equal(new[] { $"arn:aws:iam::{AwsMocks.Account}:root" }, admin.AwsPrincipals);

            var bucket = run.Single("aws:s3/bucket:Bucket", $"{stack}-synthetics-bucket");
            Assert.Equal(region, bucket.Inputs["region"]);
            Assert.Equal($"canary-{stack}-", bucket.Inputs["bucketPrefix"]);
            var rule = Map(Assert.Single(InputValues.List(run.Single("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", $"{stack}-synthetics-lifecycle").Inputs["rules"])));
            Assert.Equal("Enabled", rule["status"]);
            Assert.Equal(14.0, Map(rule["expiration"])["days"]);
            var sse = Map(Map(Assert.Single(InputValues.List(run.Single("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", $"{stack}-synthetics-encryption").Inputs["rules"])))["applyServerSideEncryptionByDefault"]);
            Assert.Equal("aws:kms", sse["sseAlgorithm"]);
            Assert.Equal(encryption["kmsKeyArn"], sse["kmsMasterKeyId"]);
            var block = run.Single("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", $"{stack}-synthetics-public-access-block");
            Assert.All(new[] { "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets" }, k => Assert.Equal(true, block.Inputs[k]));
            var deny = Assert.Single(InputValues.PolicyStatements(run.Single("aws:s3/bucketPolicy:BucketPolicy", $"{stack}-synthetics-policy").Inputs["policy"]));
            Assert.Equal("Deny", deny.Effect);
            Assert.Equal(new[] { "false" }, deny.Condition("Bool", "aws:SecureTransport"));
            var logging = run.Single("aws:s3/bucketLogging:BucketLogging", $"{stack}-synthetics-access-logs");
            Assert.Equal<(object?, object?, object?)>((GlobalMocks.LogBucket(stack), $"s3/canary-{stack}/", region), (logging.Inputs["targetBucket"], logging.Inputs["targetPrefix"], logging.Inputs["region"]));
        }
        Assert.Equal(new[] { "api-us-east", "api-eu-west" }, await OutputUtilities.GetValueAsync(run.OutputOf<System.Collections.Immutable.ImmutableArray<string>>("canaries")));
    }

    [Fact]
    public async Task Behind_cloudfront_the_script_calls_its_region_and_the_system_through_cloudfront()
    {
        var run = await Run();
        var canary = run.Single(CanaryType, "us-east-synthetics-canary");
        var config = ScriptConfig(canary);
        Assert.Equal("api-us-east", config.GetProperty("canary").GetString());
        // The load balancers admit only CloudFront and the health checkers: the region through its probe
        // behaviour, the system at the edge; CloudFront adds the origin headers, so the script needs no secret.
        // The asset buckets are off in these tests: every check reaches the regions through it.
        Assert.Equal(new[]
        {
            ("region-health", "https://example.com/_regions/us-east/health"),
            ("region-get-api-status", "https://example.com/_regions/us-east/api/status"),
            ("edge-health", "https://example.com/health"),
            ("edge-get-api-status", "https://example.com/api/status"),
        }, Steps(canary));
        Assert.Equal(new[] { "canary", "steps" }, config.EnumerateObject().Select(p => p.Name));
        Assert.All(config.GetProperty("steps").EnumerateArray(), s => Assert.Empty(s.GetProperty("headers").EnumerateObject()));

        var status = config.GetProperty("steps")[3];
        Assert.Equal(("GET", 200, 800, 1600), (status.GetProperty("method").GetString(), status.GetProperty("status").GetInt32(), status.GetProperty("latencyMs").GetInt32(), status.GetProperty("timeoutMs").GetInt32()));
        var json = Assert.Single(status.GetProperty("json").EnumerateArray());
        Assert.Equal(("status", "ok"), (json.GetProperty("path").GetString(), json.GetProperty("expected").GetString()));
        Assert.Equal(500, config.GetProperty("steps")[0].GetProperty("latencyMs").GetInt32());
    }

    [Fact]
    public async Task With_the_asset_buckets_behind_cloudfront_the_health_path_and_the_api_paths_are_checked_through_it()
    {
        var run = await Run(("assets.enabled", "true"));
        Assert.Equal(new[] { "region-health", "region-get-api-status", "edge-health", "edge-get-api-status" }, Steps(run.Single(CanaryType, "eu-west-synthetics-canary")).Select(s => s.Name));
        // A check of another path would ask the asset buckets on the edge: only the region's probe gets it.
        var page = await Run(("assets.enabled", "true"), ("canary.checks", JsonSerializer.Serialize(new[] { "{path: /index.html, text: html}" })));
        Assert.Equal(new[] { ("region-health", "https://example.com/_regions/eu-west/health"), ("region-get-index-html", "https://example.com/_regions/eu-west/index.html"), ("edge-health", "https://example.com/health") },
            Steps(page.Single(CanaryType, "eu-west-synthetics-canary")));
    }

    /// <summary>The issue's case: the asset buckets on and no check of an /api/ path. The health path has its
    /// own behaviour to the API on CloudFront, so the canary still calls the edge, with it.</summary>
    [Fact]
    public async Task With_the_asset_buckets_and_only_the_health_path_the_canary_still_calls_cloudfront()
    {
        var config = GlobalMocks.Config().With(("canary.enabled", "true"), ("assets.enabled", "true"));
        var run = await GlobalMocks.RunAsync(config, GlobalMocks.Mocks(config));
        foreach (var stack in new[] { "us-east", "eu-west" })
        {
            var steps = Steps(run.Single(CanaryType, $"{stack}-synthetics-canary"));
            Assert.Equal(new[] { ("region-health", $"https://example.com/_regions/{stack}/health"), ("edge-health", "https://example.com/health") }, steps);
            var queries = InputValues.List(run.Single(Alarm, $"{stack}-synthetics-system-success").Inputs["metricQueries"]).Select(Map).ToList();
            Assert.Equal(new[] { "edge-health" }, queries.Where(q => q.ContainsKey("metric")).Select(q => (string)Map(Map(q["metric"])["dimensions"])["StepName"]!));
            Assert.StartsWith("A check of the system's own endpoint (example.com) fails from", (string)run.Single(Alarm, $"{stack}-synthetics-system-success").Inputs["alarmDescription"]!, StringComparison.Ordinal);
        }
        var targets = await OutputUtilities.GetValueAsync(run.OutputOf<System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableArray<string>>>("canaryTargets"));
        Assert.Equal(new[] { "https://example.com/_regions/us-east", "https://example.com" }, targets["us-east"]);
    }

    [Fact]
    public async Task Without_an_edge_the_region_and_api_are_called_and_behind_cloudflare_the_regions_probe_and_cloudflare()
    {
        var open = await Run(("edge", "none"));
        var canary = open.Single(CanaryType, "us-east-synthetics-canary");
        Assert.Equal(new[]
        {
            ("region-health", "https://us-east.api.example.com/health"),
            ("region-get-api-status", "https://us-east.api.example.com/api/status"),
            ("api-health", "https://api.example.com/health"),
            ("api-get-api-status", "https://api.example.com/api/status"),
        }, Steps(canary));

        var cloudflare = await Run(("edge", "cloudflare"), ("dns", "cloudflare"), ("cloudflare.zoneId", new string('a', 32)), ("cloudflare.accountId", new string('b', 32)));
        Assert.Equal(new[]
            {
                ("region-health", "https://probe-eu-west.example.com/health"),
                ("region-get-api-status", "https://probe-eu-west.example.com/api/status"),
                ("edge-health", "https://example.com/health"),
                ("edge-get-api-status", "https://example.com/api/status"),
            },
            Steps(cloudflare.Single(CanaryType, "eu-west-synthetics-canary")));
    }

    [Fact]
    public async Task The_script_holds_no_secret_and_the_same_checks_make_the_same_zip()
    {
        var run = await Run();
        foreach (var canary in run.OfType(CanaryType))
        {
            var zip = File.ReadAllBytes((string)canary.Inputs["zipFile"]);
            var text = System.Text.Encoding.UTF8.GetString(zip);
            Assert.All(new[] { "us-east", "eu-west" }, stack => Assert.DoesNotContain(GlobalMocks.OriginSecret(stack), text, StringComparison.Ordinal));
            Assert.DoesNotContain("origin-secret", text, StringComparison.Ordinal);
            // The same checks make the same zip, under a name that holds its hash: an unchanged script is an unchanged input.
            Assert.Matches(@"/multi-region-infra-canaries/api-(us-east|eu-west)-[0-9a-f]{16}\.zip$", (string)canary.Inputs["zipFile"]);
        }
        var again = await Run();
        Assert.Equal(run.OfType(CanaryType).Select(c => c.Inputs["zipFile"]).Order(), again.OfType(CanaryType).Select(c => c.Inputs["zipFile"]).Order());
        var changed = await Run(("canary.checks", JsonSerializer.Serialize(new[] { "{path: /api/status, latencyMs: 900}" })));
        Assert.Empty(run.OfType(CanaryType).Select(c => c.Inputs["zipFile"]).Intersect(changed.OfType(CanaryType).Select(c => c.Inputs["zipFile"])));
    }

    [Fact]
    public async Task The_role_may_write_its_artifacts_logs_and_metrics_and_nothing_else()
    {
        var run = await Run();
        var role = run.Single("aws:iam/role:Role", "eu-west-synthetics-role");
        var trust = Assert.Single(InputValues.PolicyStatements(role.Inputs["assumeRolePolicy"]));
        Assert.Equal(new[] { "lambda.amazonaws.com" }, trust.ServicePrincipals);
        Assert.DoesNotContain(run.OfType("aws:iam/rolePolicyAttachment:RolePolicyAttachment"), a => Equals(a.Inputs["role"], "eu-west-synthetics-role"));
        var permissions = run.Single("aws:iam/rolePolicy:RolePolicy", "eu-west-synthetics-permissions");
        Assert.Equal("eu-west-synthetics-role", permissions.Inputs["role"]);
        var statements = InputValues.PolicyStatements(permissions.Inputs["policy"]).ToDictionary(s => s.Sid!);
        var account = AwsMocks.Account;
        Assert.Equal(new[] { "WriteArtifacts", "LocateArtifactBucket", "ListBuckets", "EncryptArtifacts", "WriteLogs", "PublishMetrics" }, statements.Keys);
        Assert.Equal(new[] { "s3:PutObject", "s3:GetObject" }, statements["WriteArtifacts"].Actions);
        Assert.Equal(new[] { "arn:aws:s3:::eu-west-synthetics-bucket-id/canary/api-eu-west/*" }, statements["WriteArtifacts"].Resources);
        Assert.Equal(new[] { "arn:aws:s3:::eu-west-synthetics-bucket-id" }, statements["LocateArtifactBucket"].Resources);
        Assert.Equal(new[] { $"arn:aws:kms:eu-west-1:{account}:key/eu-west-synthetics-key-id" }, statements["EncryptArtifacts"].Resources);
        Assert.Equal(new[] { "s3.eu-west-1.amazonaws.com" }, statements["EncryptArtifacts"].Condition("StringEquals", "kms:ViaService"));
        Assert.Equal(new[] { $"arn:aws:logs:eu-west-1:{account}:log-group:/aws/lambda/cwsyn-api-eu-west-*" }, statements["WriteLogs"].Resources);
        Assert.Equal(new[] { "cloudwatch:PutMetricData" }, statements["PublishMetrics"].Actions);
        Assert.Equal(new[] { "*" }, statements["PublishMetrics"].Resources);
        Assert.Equal(new[] { "CloudWatchSynthetics" }, statements["PublishMetrics"].Condition("StringEquals", "cloudwatch:namespace"));
        Assert.Equal(new[] { "s3:ListAllMyBuckets" }, statements["ListBuckets"].Actions);
        Assert.DoesNotContain(statements.Values.SelectMany(s => s.Actions), a => a.StartsWith("ssm:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_alarms_fire_below_the_availability_objective_and_above_the_latency_limits_into_the_regions_topic()
    {
        var run = await Run(("slo.availabilityPercent", "99.5"), ("canary.schedule", "rate(1 minute)"));
        foreach (var (stack, region) in new[] { ("us-east", "us-east-1"), ("eu-west", "eu-west-1") })
        {
            var topic = $"arn:aws:sns:{region}:{AwsMocks.Account}:multi-region-infra-{stack}-alarms";
            var success = run.Single(Alarm, $"{stack}-synthetics-canary-success");
            var duration = run.Single(Alarm, $"{stack}-synthetics-canary-duration");
            foreach (var alarm in new[] { success, duration })
            {
                Assert.Equal(region, alarm.Inputs["region"]);
                Assert.Equal("CloudWatchSynthetics", alarm.Inputs["namespace"]);
                Assert.Equal($"api-{stack}", Map(alarm.Inputs["dimensions"])["CanaryName"]);
                Assert.Equal(60.0, alarm.Inputs["period"]);
                Assert.Equal<(object?, object?)>((3.0, 2.0), (alarm.Inputs["evaluationPeriods"], alarm.Inputs["datapointsToAlarm"]));
                Assert.Equal(new[] { topic }, InputValues.Strings(alarm.Inputs["alarmActions"]));
                Assert.Equal(new[] { topic }, InputValues.Strings(alarm.Inputs["okActions"]));
            }
            Assert.Equal($"multi-region-infra-{stack}-canary-success", success.Inputs["name"]);
            Assert.Equal<(object?, object?, object?, object?, object?)>(("SuccessPercent", "Average", "LessThanThreshold", 99.5, "breaching"),
                (success.Inputs["metricName"], success.Inputs["statistic"], success.Inputs["comparisonOperator"], success.Inputs["threshold"], success.Inputs["treatMissingData"]));
            // Four requests in sequence, the region's probe and the edge: each the health check of 500 ms and the status check of 800 ms, plus 2 s of setup.
            Assert.Equal<(object?, object?, object?, object?, object?)>(("Duration", "Average", "GreaterThanThreshold", 500.0 + 800 + 500 + 800 + 2000, "notBreaching"),
                (duration.Inputs["metricName"], duration.Inputs["statistic"], duration.Inputs["comparisonOperator"], duration.Inputs["threshold"], duration.Inputs["treatMissingData"]));
            Assert.Contains("(4600 ms)", (string)duration.Inputs["alarmDescription"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_system_alarm_watches_only_the_steps_that_any_region_may_answer()
    {
        // Without an edge the canary also calls its region's own name, which the system alarm leaves out.
        var run = await Run(("canary.schedule", "rate(1 minute)"), ("edge", "none"));
        foreach (var (stack, region) in new[] { ("us-east", "us-east-1"), ("eu-west", "eu-west-1") })
        {
            var canary = run.Single("aws:synthetics/canary:Canary", $"{stack}-synthetics-canary");
            var systemSteps = Steps(canary).Select(s => s.Name).Where(n => !n.StartsWith("region-", StringComparison.Ordinal)).ToList();
            Assert.Equal(new[] { "api-health", "api-get-api-status" }, systemSteps);
            var alarm = run.Single(Alarm, $"{stack}-synthetics-system-success");
            Assert.Equal(region, alarm.Inputs["region"]);
            Assert.Equal($"multi-region-infra-{stack}-system-success", alarm.Inputs["name"]);
            // Active-active without an edge: the budget's API path is 10 s × 3 detection + 60 s DNS = 90 s; at one
            // run a minute, 3 failing runs (one more than 90 s spans) out of 4 before it fires.
            Assert.Equal($"A check of the system's own endpoint (api.example.com) fails from {stack} in 3 of 4 runs of the canary api-{stack}, longer than failover is budgeted to take (90 s): no region answers it. Rehearsals of {stack}'s outage stop on it",
                alarm.Inputs["alarmDescription"]);
            Assert.Equal<(object?, object?)>((4.0, 3.0), (alarm.Inputs["evaluationPeriods"], alarm.Inputs["datapointsToAlarm"]));
            Assert.Equal<(object?, object?, object?)>(("LessThanThreshold", 100.0, "notBreaching"),
                (alarm.Inputs["comparisonOperator"], alarm.Inputs["threshold"], alarm.Inputs["treatMissingData"]));
            Assert.False(alarm.Inputs.ContainsKey("metricName"));
            var queries = InputValues.List(alarm.Inputs["metricQueries"]).Select(Map).ToList();
            var metrics = queries.Where(q => q.ContainsKey("metric")).Select(q => Map(q["metric"])).ToList();
            Assert.Equal(systemSteps, metrics.Select(m => (string)Map(m["dimensions"])["StepName"]!));
            Assert.All(metrics, m => Assert.Equal(("CloudWatchSynthetics", "SuccessPercent", $"api-{stack}", 60.0), ((string)m["namespace"]!, (string)m["metricName"]!, (string)Map(m["dimensions"])["CanaryName"]!, m["period"])));
            var expression = Assert.Single(queries, q => q.ContainsKey("expression"));
            Assert.Equal(("MIN(METRICS())", true), ((string)expression["expression"]!, expression["returnData"]));
            Assert.All(queries.Where(q => q.ContainsKey("metric")), q => Assert.Equal(false, q["returnData"]));
        }
    }

    [Fact]
    public async Task In_active_passive_the_system_alarm_waits_out_the_plans_failover()
    {
        // 10 s × 3 detection + 300 s approval + the promotion's 600 s (the scale-up's 210 s runs beside it) +
        // 60 s routing = 990 s; at a run every 5 minutes, 5 failing runs out of 6.
        var run = await Run(("strategy", "active-passive"), ("primaryRegion", "us-east"), ("slo.rtoSeconds", "1800"));
        var alarm = run.Single(Alarm, "eu-west-synthetics-system-success");
        Assert.Equal<(object?, object?)>((6.0, 5.0), (alarm.Inputs["evaluationPeriods"], alarm.Inputs["datapointsToAlarm"]));
        Assert.Contains("in 5 of 6 runs of the canary api-eu-west, longer than failover is budgeted to take (990 s)", (string)alarm.Inputs["alarmDescription"]!, StringComparison.Ordinal);
    }

    /// <summary>The cost model prices the system alarm per metric of its expression (CloudWatch's billing of
    /// metric math alarms) with <see cref="RegionCanaries.SystemAlarmMetrics"/>: the count it gives is the one
    /// the registered alarm has, for every edge.</summary>
    [Theory]
    // edge, assets served, the system alarm's metrics per region (health path /health, check /api/status)
    [InlineData("cloudfront", "true", 2)]   // edge-health (its own behaviour to the API), edge-get-api-status
    [InlineData("cloudfront", "false", 2)]  // edge-health, edge-get-api-status
    [InlineData("cloudflare", "false", 2)]  // edge-health, edge-get-api-status
    [InlineData("none", "false", 2)]        // api-health, api-get-api-status
    public async Task The_system_alarms_metrics_are_the_ones_the_cost_model_counts(string edge, string assets, int expected)
    {
        var changes = new List<(string, string?)> { ("edge", edge), ("assets.enabled", assets) };
        if (edge == "cloudflare")
            changes.AddRange(new (string, string?)[] { ("dns", "cloudflare"), ("cloudflare.zoneId", new string('a', 32)), ("cloudflare.accountId", new string('b', 32)) });
        var run = await Run([.. changes]);
        var config = GlobalMocks.Config().With(("canary.enabled", "true"), ("canary.checks", StatusCheck)).With([.. changes]);
        config.Remove("aws:region");
        var settings = Configuration.GlobalSettings.Read(new Configuration.ConfigReader("multi-region-infra", config), "global")!;
        var counted = RegionCanaries.SystemAlarmMetrics(settings.Canaries, settings.Edge, settings.Domain, Configuration.RegionalSettings.DefaultHealthCheckPath);
        Assert.Equal(expected, counted);
        foreach (var stack in new[] { "us-east", "eu-west" })
        {
            var queries = InputValues.List(run.Single(Alarm, $"{stack}-synthetics-system-success").Inputs["metricQueries"]).Select(Map).ToList();
            Assert.Equal(expected, queries.Count(q => q.ContainsKey("metric")));
        }
    }

    [Fact]
    public async Task A_region_without_a_log_bucket_gets_an_unlogged_artifact_bucket()
    {
        var config = GlobalMocks.Config().With(("canary.enabled", "true"));
        var mocks = GlobalMocks.Mocks(config);
        var outputs = GlobalMocks.Outputs("eu-west");
        outputs.Remove("logBucketName");
        mocks.WithStackOutputs($"{AwsMocks.Organization}/{AwsMocks.Project}/eu-west", outputs);
        var run = await GlobalMocks.RunAsync(config, mocks);
        Assert.Equal(new[] { "us-east-synthetics-access-logs" }, run.OfType("aws:s3/bucketLogging:BucketLogging").Select(l => l.Name!));
    }

    [Fact]
    public async Task Turned_off_there_is_no_canary_nor_anything_of_it()
    {
        var run = await Run(("canary.enabled", "false"));
        Assert.DoesNotContain(run.Graph, r => r.Type == "multiregion:monitoring:RegionCanaries" || r.Type == CanaryType || r.Name.Contains("synthetics", StringComparison.Ordinal));
        Assert.False(run.Outputs.ContainsKey("canaries"));
    }
}
