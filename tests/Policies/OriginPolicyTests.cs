using MultiRegionInfra.Policies;
using MultiRegionInfra.Tests.Support;
using Pulumi;
using Pulumi.Aws.S3;
using Pulumi.Aws.S3.Inputs;
using static MultiRegionInfra.Tests.Policies.PolicyScenarios;

namespace MultiRegionInfra.Tests.Policies;

/// <summary>The rules about origins and logs, beyond their failing cases: where a log bucket is excepted
/// and why, and what holds only in prod.</summary>
public class OriginPolicyTests
{
    private static async Task<PolicyReport> Evaluate(PolicyScenario scenario) =>
        PolicyEvaluator.Evaluate(await scenario.RunAsync(), Array.Empty<PolicyWaiver>());

    [Fact]
    public async Task The_log_bucket_is_the_one_bucket_excepted_from_access_logging_and_kms()
    {
        var stack = await Primary.RunAsync();
        var buckets = stack.OfType("aws:s3/bucket:Bucket").ToList();
        Assert.Equal(new[] { "assets-bucket", "logs-bucket" }, buckets.Select(b => b.Name).Order());
        // The documented waiver of AWSGuard's s3-bucket-logging-enabled: only the log bucket has no logging of its own, and no rule reports it.
        var logged = stack.OfType("aws:s3/bucketLogging:BucketLogging").Select(l => l.String("bucket")).ToList();
        Assert.Equal(new[] { "logs-bucket" }, buckets.Where(b => !logged.Contains(b.Id)).Select(b => b.Name));
        Assert.Empty(PolicyEvaluator.Evaluate(stack, Array.Empty<PolicyWaiver>()).Violations);
    }

    [Fact]
    public async Task A_log_bucket_still_needs_encryption()
    {
        var report = await Evaluate(Primary with { Changes = new[] { Change<BucketServerSideEncryptionConfigurationArgs>("logs-encryption", a => a.Bucket = "another-bucket") } });
        var violation = Assert.Single(report.Violations);
        Assert.Equal("aws:s3/bucket:Bucket 'logs-bucket': serverSideEncryptionConfiguration has no default encryption (a log bucket: SSE-S3 or KMS)", violation.Message);
    }

    [Fact]
    public async Task A_bucket_that_receives_no_logs_is_not_excepted()
    {
        // Both deliveries sent elsewhere: the log bucket is an ordinary bucket, and SSE-S3 and no logging are errors on it.
        var report = await Evaluate(Primary with
        {
            Changes = new ResourceTransformation[]
            {
                Change<BucketLoggingArgs>("assets-access-logs", a => a.TargetBucket = "central-logs"),
                Change<Pulumi.Aws.LB.LoadBalancerArgs>("app-alb", a => a.AccessLogs = new Pulumi.Aws.LB.Inputs.LoadBalancerAccessLogsArgs { Bucket = "central-logs", Enabled = true }),
            },
        });
        Assert.Equal(new[] { "MRI-S3-01", "MRI-S3-05" }, report.Violations.Select(v => v.RuleId).Order());
        Assert.All(report.Violations, v => Assert.Equal("logs-bucket", v.Resource.Name));
    }

    [Fact]
    public async Task A_bucket_policy_that_allows_plain_http_breaks_the_tls_rule()
    {
        var report = await Evaluate(Primary with { Changes = new[] { Change<BucketPolicyArgs>("logs-policy", a => a.Policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}") } });
        var violation = Assert.Single(report.Violations);
        Assert.Equal("MRI-S3-03", violation.RuleId);
        Assert.Equal("aws:s3/bucketPolicy:BucketPolicy 'logs-policy': policy does not deny requests whose aws:SecureTransport is false", violation.Message);
    }

    [Fact]
    public async Task A_bucket_without_a_policy_names_the_bucket()
    {
        var violation = Assert.Single((await Evaluate(Failing["MRI-S3-03"])).Violations);
        Assert.Equal("aws:s3/bucket:Bucket 'assets-bucket': policy is missing: nothing refuses requests to the bucket without TLS", violation.Message);
    }

    [Fact]
    public async Task Outside_prod_logs_and_the_waf_are_not_required()
    {
        var regional = Primary with { Config = () => AwsMocks.PrimaryConfig().With(("environment", "dev")) };
        Assert.Empty((await Evaluate(regional)).Violations);
        var global = PolicyScenarios.Global with { Config = () => GlobalMocks.Config().With(("environment", "dev")) };
        Assert.Empty((await Evaluate(global)).Violations);
    }

    [Fact]
    public async Task Behind_cloudflare_no_rule_asks_for_an_origin_header()
    {
        var cloudflare = Primary with { Config = () => AwsMocks.PrimaryConfig().With(("edge", "cloudflare")) };
        Assert.Empty((await Evaluate(cloudflare)).Violations);
    }
}
