using MultiRegionInfra.Policies;

namespace MultiRegionInfra.Tests.Policies;

/// <summary>The Region switch rules' findings, word for word, and the cases their failing scenarios do not show.</summary>
public class RegionSwitchRuleTests
{
    private static PolicyResource Plan(params object[] steps) => new("aws-native:arcregionswitch:Plan", "regionswitch-plan", "plan-id",
        new Dictionary<string, object?> { ["workflows"] = new object[] { new Dictionary<string, object?> { ["workflowTargetAction"] = "activate", ["steps"] = steps } } },
        false, true);

    private static Dictionary<string, object?> Step(string name, string type, Dictionary<string, object?>? configuration = null) => new()
    {
        ["name"] = name,
        ["executionBlockType"] = type,
        ["executionBlockConfiguration"] = configuration ?? new Dictionary<string, object?>(),
    };

    private static Dictionary<string, object?> Parallel(params object[] branches) =>
        Step("at-once", "Parallel", new Dictionary<string, object?> { ["parallelConfig"] = new Dictionary<string, object?> { ["steps"] = branches } });

    private static IReadOnlyList<string> Findings(PolicyRule rule, params PolicyResource[] resources) =>
        rule.Check(new PolicyStack("global", "us-east-1", true, resources)).Select(v => v.Message).ToList();

    /// <summary>"a:ManualApproval [b:EC2AutoScaling c:RdsPromoteReadReplica]" as the steps a plan registers.</summary>
    private static object[] Workflow(string text)
    {
        var steps = new List<object>();
        List<object>? branch = null;
        foreach (var token in text.Split(' '))
        {
            if (token.StartsWith('['))
                branch = new List<object>();
            var parts = token.Trim('[', ']').Split(':');
            (branch ?? steps).Add(Step(parts[0], parts[1]));
            if (token.EndsWith(']'))
            {
                steps.Add(Parallel(branch!.ToArray()));
                branch = null;
            }
        }
        return steps.ToArray();
    }

    [Fact]
    public async Task The_failing_cases_say_what_is_wrong()
    {
        var unapproved = Assert.Single(PolicyEvaluator.Evaluate(await PolicyScenarios.Failing["MRI-ARC-01"].RunAsync(), Array.Empty<PolicyWaiver>()).Violations);
        Assert.Equal("aws-native:arcregionswitch:Plan 'regionswitch-plan': workflows[0].steps run 'promote-replica' before any ManualApproval step: an ungraceful execution would move the database's writer with no person deciding",
            unapproved.Message);
        var unscoped = Assert.Single(PolicyEvaluator.Evaluate(await PolicyScenarios.Failing["MRI-ARC-02"].RunAsync(), Array.Empty<PolicyWaiver>()).Violations);
        Assert.Equal("aws:iam/role:Role 'regionswitch-execution-role': inlinePolicies allow rds:PromoteReadReplica on every resource ('*'): a change must name the resources it changes",
            unscoped.Message);
    }

    [Theory]
    // steps of the workflow (name:type, [a b] for a parallel step), the step the rule names (empty: none)
    [InlineData("approve:ManualApproval [scale:EC2AutoScaling promote:RdsPromoteReadReplica] route:Route53HealthCheck", "")]
    [InlineData("[approve:ManualApproval promote:RdsPromoteReadReplica] route:Route53HealthCheck", "promote")]
    [InlineData("route:Route53HealthCheck switch:AuroraGlobalDatabase approve:ManualApproval", "switch")]
    [InlineData("lambda:CustomActionLambda approve:ManualApproval", "lambda")]
    [InlineData("scale:EC2AutoScaling route:Route53HealthCheck", "")]
    public void An_approval_must_come_before_any_database_step_and_not_beside_it(string workflow, string named)
    {
        var findings = Findings(PolicySet.SwitchApprovalFirst, Plan(Workflow(workflow)));
        if (named.Length == 0)
            Assert.Empty(findings);
        else
            Assert.Contains($"run '{named}' before any ManualApproval step", Assert.Single(findings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"Effect\":\"Allow\",\"Action\":\"autoscaling:DescribeAutoScalingGroups\",\"Resource\":\"*\"}]", "")]
    [InlineData("[{\"Effect\":\"Allow\",\"Action\":[\"rds:*\"],\"Resource\":[\"arn:aws:rds:eu-west-1:1:db:x\"]}]", "allow 'rds:*': a wildcard action grants whatever the service adds")]
    [InlineData("[{\"Effect\":\"Allow\",\"Action\":[\"autoscaling:UpdateAutoScalingGroup\"],\"Resource\":\"*\"}]", "allow autoscaling:UpdateAutoScalingGroup on every resource ('*'): a change must name the resources it changes")]
    [InlineData("[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]", "")]
    public void An_execution_role_changes_only_what_it_names(string statements, string finding)
    {
        var trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"arc-region-switch.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        var policy = $"{{\"Version\":\"2012-10-17\",\"Statement\":{statements}}}";
        PolicyResource Role(string assume) => new("aws:iam/role:Role", "runner", "runner-id", new Dictionary<string, object?>
        {
            ["assumeRolePolicy"] = assume,
            ["inlinePolicies"] = new object[] { new Dictionary<string, object?> { ["name"] = "p", ["policy"] = policy } },
        }, false, true);
        var findings = Findings(PolicySet.SwitchExecutionRoleScoped, Role(trust));
        Assert.Equal(finding.Length == 0 ? Array.Empty<string>() : new[] { $"aws:iam/role:Role 'runner': inlinePolicies {finding}" }, findings);
        // Another service's role is not the rule's to judge.
        Assert.Empty(Findings(PolicySet.SwitchExecutionRoleScoped, Role(trust.Replace("arc-region-switch", "ec2", StringComparison.Ordinal))));
    }
}
