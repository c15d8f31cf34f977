using MultiRegionInfra.Policies;

namespace MultiRegionInfra.Tests.Policies;

/// <summary>Each rule passes on the project's stacks and fails on its failing case, with a message that
/// names the resource and the property.</summary>
public class PolicyRuleTests
{
    public static TheoryData<string> RuleIds => new(PolicySet.All.Select(r => r.Id));

    [Fact]
    public void Every_rule_of_the_set_has_a_failing_case_and_every_case_a_rule()
    {
        Assert.Equal(PolicySet.All.Select(r => r.Id).Order(), PolicyScenarios.Failing.Keys.Order());
        Assert.True(PolicySet.All.Count >= 30);
        Assert.Equal(PolicySet.All.Count, PolicySet.All.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task The_projects_stacks_break_no_rule()
    {
        foreach (var baseline in PolicyScenarios.Baselines)
        {
            var report = PolicyEvaluator.Evaluate(await baseline.RunAsync(), Array.Empty<PolicyWaiver>());
            Assert.True(report.Violations.Count == 0, $"{baseline.Stack}: {string.Join("; ", report.Violations.Select(v => $"{v.RuleId} {v.Message}"))}");
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public async Task A_rule_fails_on_its_failing_case_and_no_other_rule_does(string ruleId)
    {
        var rule = PolicySet.Find(ruleId)!;
        var scenario = PolicyScenarios.Failing[ruleId];
        var stack = await scenario.RunAsync();
        var report = PolicyEvaluator.Evaluate(stack, Array.Empty<PolicyWaiver>());
        var violation = Assert.Single(report.Violations, v => v.RuleId == ruleId);
        Assert.Equal(rule.Severity, violation.Severity);
        Assert.StartsWith($"{violation.Resource.Type} '{violation.Resource.Name}': {violation.Property} ", violation.Message, StringComparison.Ordinal);
        // The case breaks its own rule only (the tag case may not also trip a second tag-based rule).
        Assert.All(report.Violations, v => Assert.Equal(ruleId, v.RuleId));
    }

    [Fact]
    public async Task Failing_cases_name_the_resource_and_property()
    {
        var stack = await PolicyScenarios.Failing["MRI-RDS-01"].RunAsync();
        var violation = Assert.Single(PolicyEvaluator.Evaluate(stack, Array.Empty<PolicyWaiver>()).Violations);
        Assert.Equal("aws:rds/instance:Instance 'database-instance': storageEncrypted is not true: the database is stored unencrypted", violation.Message);

        var open = Assert.Single(PolicyEvaluator.Evaluate(await PolicyScenarios.Failing["MRI-SG-02"].RunAsync(), Array.Empty<PolicyWaiver>()).Violations);
        Assert.Equal("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule 'app-instances-from-alb': cidrIpv4 opens ports 8080-8080 to the internet; only a load balancer's 80 and 443 may be", open.Message);

        var replica = Assert.Single(PolicyEvaluator.Evaluate(await PolicyScenarios.Failing["MRI-RDS-07"].RunAsync(), Array.Empty<PolicyWaiver>()).Violations);
        Assert.Equal("aws:rds/instance:Instance 'database-instance': kmsKeyId is 'arn:aws:kms:us-east-1:123456789012:key/primary-key', not a key of eu-west-1", replica.Message);
    }

    [Fact]
    public async Task A_load_balancer_open_to_the_internet_on_80_and_443_is_allowed()
    {
        var scenario = PolicyScenarios.Primary with { Config = () => { var c = Support.AwsMocks.PrimaryConfig(); c["edge"] = "none"; return c; } };
        var report = PolicyEvaluator.Evaluate(await scenario.RunAsync(), Array.Empty<PolicyWaiver>());
        Assert.Empty(report.Violations);
    }

    [Fact]
    public async Task A_waiver_covers_one_rule_for_one_named_resource_only()
    {
        var stack = await PolicyScenarios.Failing["MRI-LB-02"].RunAsync();
        var waiver = new PolicyWaiver("MRI-LB-02", "app-http", "dev stack without a domain");
        var report = PolicyEvaluator.Evaluate(stack, new[] { waiver });
        Assert.Empty(report.Violations);
        var (violation, used) = Assert.Single(report.Waived);
        Assert.Equal("app-http", violation.Resource.Name);
        Assert.Equal(waiver, used);

        var elsewhere = PolicyEvaluator.Evaluate(stack, new[] { waiver with { Resource = "app-https" } });
        Assert.Equal("MRI-LB-02", Assert.Single(elsewhere.Violations).RuleId);
        Assert.Equal("app-https", Assert.Single(elsewhere.UnusedWaivers).Resource);

        var otherRule = PolicyEvaluator.Evaluate(stack, new[] { waiver with { RuleId = "MRI-LB-01" } });
        Assert.Equal("MRI-LB-02", Assert.Single(otherRule.Violations).RuleId);
    }
}
