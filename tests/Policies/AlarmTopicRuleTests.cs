using MultiRegionInfra.Policies;
using MultiRegionInfra.Tests.Support;
using Pulumi.Aws.CloudWatch;
using Pulumi.Aws.Kms;
using Pulumi.Aws.Sns;

namespace MultiRegionInfra.Tests.Policies;

/// <summary>MRI-SNS-01 beyond its failing case: alarms are followed to their topic by the topic's name and
/// to its key by the key's ID, and fail when CloudWatch could not publish through them.</summary>
public class AlarmTopicRuleTests
{
    private const string Rule = "MRI-SNS-01";
    private const string AccountOnly = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Account\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";

    private static async Task<PolicyReport> Evaluate(params Pulumi.ResourceTransformation[] changes) =>
        PolicyEvaluator.Evaluate(await (PolicyScenarios.Global with { Changes = changes }).RunAsync(), Array.Empty<PolicyWaiver>());

    [Fact]
    public async Task The_global_stack_passes_with_its_alarm_topics()
    {
        var report = await Evaluate();
        Assert.DoesNotContain(report.Violations, v => v.RuleId == Rule);
    }

    [Fact]
    public async Task An_alarm_whose_topic_key_does_not_admit_cloudwatch_fails_once_per_alarm()
    {
        var report = await Evaluate(PolicyScenarios.Change<KeyArgs>("route53-alarms-key", a => a.Policy = AccountOnly));
        Assert.All(report.Violations, v => Assert.Equal(Rule, v.RuleId));
        Assert.Equal(new[]
        {
            "aws:cloudwatch/metricAlarm:MetricAlarm 'eu-west-health-alarm': alarmActions names topic 'multi-region-infra-global-route53-alarms', whose key 'route53-alarms-key' does not let cloudwatch.amazonaws.com call kms:GenerateDataKey and kms:Decrypt: the alarm can never notify",
            "aws:cloudwatch/metricAlarm:MetricAlarm 'us-east-health-alarm': alarmActions names topic 'multi-region-infra-global-route53-alarms', whose key 'route53-alarms-key' does not let cloudwatch.amazonaws.com call kms:GenerateDataKey and kms:Decrypt: the alarm can never notify",
        }, report.Violations.Select(v => v.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_alarm_whose_topic_policy_does_not_let_cloudwatch_publish_fails()
    {
        const string OwnerOnly = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sns:Publish\",\"Resource\":\"*\"}]}";
        var report = await Evaluate(PolicyScenarios.Change<TopicArgs>("us-east-monitoring-alarms", a => a.Policy = OwnerOnly));
        // The region's Prometheus alert manager loses the topic too (MRI-APS-03, tested with its rule).
        var alertManager = Assert.Single(report.Violations, v => v.RuleId == "MRI-APS-03");
        Assert.Equal("us-east-metrics-alerting-alert-manager", alertManager.Resource.Name);
        var alarms = report.Violations.Where(v => v.RuleId != "MRI-APS-03").ToList();
        Assert.Equal(6, alarms.Count);
        Assert.All(alarms, v =>
        {
            Assert.Equal(Rule, v.RuleId);
            Assert.StartsWith("us-east-monitoring-", v.Resource.Name, StringComparison.Ordinal);
            Assert.EndsWith("alarmActions names topic 'multi-region-infra-us-east-alarms', whose policy does not let cloudwatch.amazonaws.com publish: the alarm can never notify", v.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task An_unencrypted_topic_fails_and_its_alarms_are_not_reported_twice()
    {
        var report = await Evaluate(PolicyScenarios.Change<TopicArgs>("eu-west-monitoring-alarms", a => a.KmsMasterKeyId = null!));
        var violation = Assert.Single(report.Violations);
        Assert.Equal("aws:sns/topic:Topic 'eu-west-monitoring-alarms': kmsMasterKeyId is unset: the topic is not encrypted", violation.Message);
    }

    [Fact]
    public async Task An_aws_managed_key_fails_on_the_topic()
    {
        var violation = Assert.Single(PolicyEvaluator.Evaluate(await PolicyScenarios.Failing[Rule].RunAsync(), Array.Empty<PolicyWaiver>()).Violations);
        Assert.Equal("aws:sns/topic:Topic 'route53-alarms': kmsMasterKeyId is 'alias/aws/sns', an AWS managed key: its policy cannot admit cloudwatch.amazonaws.com or other publishing services", violation.Message);
    }

    [Fact]
    public async Task An_alarm_naming_a_topic_the_stack_does_not_create_fails_because_its_key_cannot_be_checked()
    {
        var report = await Evaluate(PolicyScenarios.Change<MetricAlarmArgs>("us-east-health-alarm", a => a.OkActions = new Pulumi.InputList<string> { "arn:aws:sns:us-east-1:123456789012:elsewhere" }));
        var violation = Assert.Single(report.Violations);
        Assert.Equal("aws:cloudwatch/metricAlarm:MetricAlarm 'us-east-health-alarm': okActions names topic 'elsewhere', which this stack does not create under that name, so its key cannot be checked: the alarm can never notify", violation.Message);
    }

    [Fact]
    public async Task A_topic_on_its_keys_alias_passes_the_alias_is_followed_to_the_key()
    {
        var report = await Evaluate(PolicyScenarios.Change<TopicArgs>("route53-alarms", a => a.KmsMasterKeyId = "alias/multi-region-infra-global-route53-alarms"));
        Assert.Empty(report.Violations);

        var broken = await Evaluate(
            PolicyScenarios.Change<TopicArgs>("route53-alarms", a => a.KmsMasterKeyId = "arn:aws:kms:us-east-1:123456789012:alias/multi-region-infra-global-route53-alarms"),
            PolicyScenarios.Change<KeyArgs>("route53-alarms-key", a => a.Policy = AccountOnly));
        Assert.Equal(2, broken.Violations.Count);
        Assert.All(broken.Violations, v => Assert.Contains("whose key 'route53-alarms-key' does not let", v.Message, StringComparison.Ordinal));
    }
}
