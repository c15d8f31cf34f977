using MultiRegionInfra.Configuration;
using MultiRegionInfra.Reliability;
using MultiRegionInfra.Tests.Support;
using Pulumi.Testing;
using static MultiRegionInfra.Tests.Support.InputValues;

namespace MultiRegionInfra.Tests.Reliability;

/// <summary>The global stack's Region switch plan as it registers it: the workflows' steps per engine and
/// strategy with their execution blocks' configurations, the roles, and the api records it gates; and its
/// configuration's every error.</summary>
public class RegionSwitchPlanTests
{
    private const string P = "multi-region-infra";
    private const string PlanType = "aws-native:arcregionswitch:Plan";
    private const string UsAsg = $"arn:aws:autoscaling:us-east-1:{AwsMocks.Account}:autoScalingGroup:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0:autoScalingGroupName/app-asg-us-east";
    private const string EuAsg = $"arn:aws:autoscaling:eu-west-1:{AwsMocks.Account}:autoScalingGroup:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0:autoScalingGroupName/app-asg-eu-west";

    private static Dictionary<string, string> Config(params (string Key, string? Value)[] changes) => GlobalMocks.Config().With(changes);

    /// <summary>The global stack over two regions on <paramref name="engine"/> (us-east holds the writer).</summary>
    private static Task<AwsMocks.RunResult> RunAsync(Dictionary<string, string> config, string engine = "postgres")
    {
        var mocks = GlobalMocks.Mocks(config);
        if (engine == "aurora-postgresql")
        {
            foreach (var (stack, region) in new[] { ("us-east", "us-east-1"), ("eu-west", "eu-west-1") })
            {
                var outputs = new Dictionary<string, object>(GlobalMocks.Outputs(stack, strategy: config["strategy"], primary: config.GetValueOrDefault("primaryRegion") ?? "us-east"))
                {
                    ["dbEngine"] = engine,
                    ["dbArn"] = $"arn:aws:rds:{region}:{AwsMocks.Account}:cluster:{P}-{stack}-aurora",
                    ["dbIdentifier"] = $"{P}-{stack}-aurora",
                };
                if (stack == "us-east")
                    outputs["dbGlobalClusterId"] = $"{P}-global";
                mocks.WithStackOutputs($"acme/{P}/{stack}", outputs);
            }
        }
        return GlobalMocks.RunAsync(config, mocks);
    }

    private static IReadOnlyList<IReadOnlyDictionary<string, object?>> Steps(IReadOnlyDictionary<string, object?> workflow) => List(workflow["steps"]).Select(Map).ToList();

    private static IReadOnlyDictionary<string, object?> Block(IReadOnlyDictionary<string, object?> step, string configuration) =>
        Map(Map(step["executionBlockConfiguration"])[configuration]);

    [Fact]
    public async Task Active_passive_postgres_approves_then_scales_and_promotes_at_once_then_routes()
    {
        var run = await RunAsync(Config(("strategy", "active-passive"), ("slo.rtoSeconds", "1200")));
        var plan = run.Single(PlanType, "regionswitch-plan").Inputs;
        Assert.Equal("multi-region-infra-global", plan["name"]);
        Assert.Equal("activePassive", plan["recoveryApproach"]);
        Assert.Equal(new[] { "us-east-1", "eu-west-1" }, Strings(plan["regions"]));
        Assert.Equal("us-east-1", plan["primaryRegion"]);
        Assert.Equal(20.0, plan["recoveryTimeObjectiveMinutes"]);
        Assert.Equal($"arn:aws:iam::{AwsMocks.Account}:role/regionswitch-execution-role", plan["executionRole"]);

        var workflow = Map(Assert.Single(List(plan["workflows"])));
        Assert.Equal("activate", workflow["workflowTargetAction"]);
        Assert.False(workflow.ContainsKey("workflowTargetRegion")); // one workflow activates either region: failover and failback
        var steps = Steps(workflow);
        Assert.Equal(new[] { ("approve", "ManualApproval"), ("scale-up-and-take-over", "Parallel"), ("route-traffic", "Route53HealthCheck") },
            steps.Select(s => ((string)s["name"]!, (string)s["executionBlockType"]!)));

        var approval = Block(steps[0], "executionApprovalConfig");
        Assert.Equal($"arn:aws:iam::{AwsMocks.Account}:role/regionswitch-approval-role", approval["approvalRole"]);
        Assert.Equal(60.0, approval["timeoutMinutes"]);

        var branches = List(Block(steps[1], "parallelConfig")["steps"]).Select(Map).ToList();
        Assert.Equal(new[] { ("scale-up-standby", "EC2AutoScaling"), ("promote-replica", "RdsPromoteReadReplica") },
            branches.Select(s => ((string)s["name"]!, (string)s["executionBlockType"]!)));
        var scale = Block(branches[0], "ec2AsgCapacityIncreaseConfig");
        Assert.Equal(new[] { UsAsg, EuAsg }, List(scale["asgs"]).Select(a => (string)Map(a)["arn"]!));
        Assert.Equal(100.0, scale["targetPercent"]);
        Assert.Equal("sampledMaxInLast24Hours", scale["capacityMonitoringApproach"]);
        var promote = Map(Block(branches[1], "rdsPromoteReadReplicaConfig")["dbInstanceArnMap"]);
        Assert.Equal($"arn:aws:rds:eu-west-1:{AwsMocks.Account}:db:multi-region-infra-eu-west-pg", promote["eu-west-1"]);
        Assert.Equal($"arn:aws:rds:us-east-1:{AwsMocks.Account}:db:multi-region-infra-us-east-pg", promote["us-east-1"]);

        var routing = Block(steps[2], "route53HealthCheckConfig");
        Assert.Equal("Z0EXAMPLEZONE", routing["hostedZoneId"]);
        Assert.Equal("api.example.com", routing["recordName"]);
        Assert.Equal(new[] { ("us-east-primary", "us-east-1"), ("eu-west-secondary", "eu-west-1") },
            List(routing["recordSets"]).Select(Map).Select(r => ((string)r["recordSetIdentifier"]!, (string)r["region"]!)));
    }

    [Fact]
    public async Task Active_passive_aurora_switches_the_global_database_and_fails_it_over_only_ungracefully()
    {
        var run = await RunAsync(Config(("strategy", "active-passive"), ("slo.rtoSeconds", "1200")), "aurora-postgresql");
        var plan = run.Single(PlanType, "regionswitch-plan").Inputs;
        var steps = Steps(Map(Assert.Single(List(plan["workflows"]))));
        var branches = List(Block(steps[1], "parallelConfig")["steps"]).Select(Map).ToList();
        Assert.Equal(new[] { "EC2AutoScaling", "AuroraGlobalDatabase" }, branches.Select(s => (string)s["executionBlockType"]!));
        var aurora = Block(branches[1], "globalAuroraConfig");
        Assert.Equal("switchoverOnly", aurora["behavior"]);
        Assert.Equal("failover", Map(aurora["ungraceful"])["ungraceful"]);
        Assert.Equal("multi-region-infra-global", aurora["globalClusterIdentifier"]);
        Assert.Equal(new[] { $"arn:aws:rds:us-east-1:{AwsMocks.Account}:cluster:{P}-us-east-aurora", $"arn:aws:rds:eu-west-1:{AwsMocks.Account}:cluster:{P}-eu-west-aurora" },
            Strings(aurora["databaseClusterArns"]));

        var policy = Statements(Map(Assert.Single(List(run.Single("aws:iam/role:Role", "regionswitch-execution-role").Inputs["inlinePolicies"])))["policy"]);
        var clusters = new[]
        {
            $"arn:aws:rds::{AwsMocks.Account}:global-cluster:{P}-global",
            $"arn:aws:rds:us-east-1:{AwsMocks.Account}:cluster:{P}-us-east-aurora",
            $"arn:aws:rds:eu-west-1:{AwsMocks.Account}:cluster:{P}-eu-west-aurora",
        };
        Assert.Equal(new[] { "rds:SwitchoverGlobalCluster", "rds:FailoverGlobalCluster" }, policy["SwitchGlobalDatabase"].Actions);
        Assert.Equal(clusters, policy["SwitchGlobalDatabase"].Resources);
        Assert.Equal(clusters, policy["DescribeGlobalDatabase"].Resources);
        Assert.False(policy.ContainsKey("PromoteReplica"));
    }

    [Theory]
    // engine, the deactivate workflow's blocks
    [InlineData("postgres", "ManualApproval,Route53HealthCheck")]
    [InlineData("aurora-postgresql", "ManualApproval,AuroraGlobalDatabase,Route53HealthCheck")]
    public async Task Active_active_shifts_away_and_returns(string engine, string deactivate)
    {
        var run = await RunAsync(Config(), engine);
        var plan = run.Single(PlanType, "regionswitch-plan").Inputs;
        Assert.Equal("activeActive", plan["recoveryApproach"]);
        Assert.False(plan.ContainsKey("primaryRegion"));
        // slo.rtoSeconds unset: its default, 1800 s
        Assert.Equal(30.0, plan["recoveryTimeObjectiveMinutes"]);
        var workflows = List(plan["workflows"]).Select(Map).ToList();
        Assert.Equal(new[] { "deactivate", "activate" }, workflows.Select(w => (string)w["workflowTargetAction"]!));
        Assert.Equal(deactivate.Split(','), Steps(workflows[0]).Select(s => (string)s["executionBlockType"]!));
        Assert.Equal(new[] { "Route53HealthCheck" }, Steps(workflows[1]).Select(s => (string)s["executionBlockType"]!));
        Assert.Equal(new[] { ("us-east", "us-east-1"), ("eu-west", "eu-west-1") },
            List(Block(Steps(workflows[1])[0], "route53HealthCheckConfig")["recordSets"]).Select(Map).Select(r => ((string)r["recordSetIdentifier"]!, (string)r["region"]!)));
        // No scaling in active-active: every region already runs its serving capacity.
        Assert.DoesNotContain("ScaleGroups", Statements(Map(Assert.Single(List(run.Single("aws:iam/role:Role", "regionswitch-execution-role").Inputs["inlinePolicies"])))["policy"]).Keys);
    }

    [Fact]
    public async Task Active_active_postgres_adds_a_writer_plan_that_promotes_the_replica_approved_by_the_same_role()
    {
        var run = await RunAsync(Config());
        var plan = run.Single(PlanType, "regionswitch-writer-plan").Inputs;
        Assert.Equal("multi-region-infra-global-writer", plan["name"]);
        Assert.Equal("activePassive", plan["recoveryApproach"]);
        Assert.Equal("us-east-1", plan["primaryRegion"]); // the region of the writable database
        Assert.Equal(new[] { "us-east-1", "eu-west-1" }, Strings(plan["regions"]));
        Assert.Equal($"arn:aws:iam::{AwsMocks.Account}:role/regionswitch-writer-execution-role", plan["executionRole"]);
        var workflow = Map(Assert.Single(List(plan["workflows"])));
        Assert.Equal("activate", workflow["workflowTargetAction"]);
        var steps = Steps(workflow);
        Assert.Equal(new[] { ("approve", "ManualApproval"), ("promote-replica", "RdsPromoteReadReplica") },
            steps.Select(s => ((string)s["name"]!, (string)s["executionBlockType"]!)));
        // One approval role for both plans: the person on call assumes one role.
        Assert.Equal($"arn:aws:iam::{AwsMocks.Account}:role/regionswitch-approval-role", Block(steps[0], "executionApprovalConfig")["approvalRole"]);
        Assert.DoesNotContain(run.OfType("aws:iam/role:Role"), r => r.Name == "regionswitch-writer-approval-role");
        var promote = Map(Block(steps[1], "rdsPromoteReadReplicaConfig")["dbInstanceArnMap"]);
        Assert.Equal($"arn:aws:rds:eu-west-1:{AwsMocks.Account}:db:{P}-eu-west-pg", promote["eu-west-1"]);
        Assert.Equal($"arn:aws:rds:us-east-1:{AwsMocks.Account}:db:{P}-us-east-pg", promote["us-east-1"]);

        // Its execution role may promote the two instances, nothing else (no routing: the system plan moves traffic).
        var statements = PolicyStatements(Map(Assert.Single(List(run.Single("aws:iam/role:Role", "regionswitch-writer-execution-role").Inputs["inlinePolicies"])))["policy"]);
        var statement = Assert.Single(statements);
        Assert.Equal("PromoteReplica", statement.Sid);
        Assert.Equal(new[] { $"arn:aws:rds:us-east-1:{AwsMocks.Account}:db:{P}-us-east-pg", $"arn:aws:rds:eu-west-1:{AwsMocks.Account}:db:{P}-eu-west-pg" }, statement.Resources);
        var approval = run.Single("aws:iam/rolePolicy:RolePolicy", "regionswitch-writer-approval-policy").Inputs;
        Assert.Equal("regionswitch-approval-role", approval["role"]);
        Assert.Equal(new[] { $"arn:aws:arc-region-switch::{AwsMocks.Account}:plan/multi-region-infra-global-writer:abc123" }, Assert.Single(PolicyStatements(approval["policy"])).Resources);
        Assert.Equal($"arn:aws:arc-region-switch::{AwsMocks.Account}:plan/multi-region-infra-global-writer:abc123",
            await Pulumi.Utilities.OutputUtilities.GetValueAsync(run.OutputOf<string>("regionSwitchWriterPlanArn")));
        // The system plan's health checks, not the writer plan's (it keeps none), gate the api records.
        Assert.Equal(new[] { "routing-us-east-health-id", GlobalMocks.PlanHealthCheckId("us-east-1") },
            Strings(run.Single("aws:route53/healthCheck:HealthCheck", "routing-us-east-switch-gate").Inputs["childHealthchecks"]));
    }

    [Theory]
    [InlineData("active-active", "aurora-postgresql")]
    [InlineData("active-passive", "postgres")]
    [InlineData("active-passive", "aurora-postgresql")]
    public async Task Other_strategies_and_engines_take_over_the_database_in_their_one_plan(string strategy, string engine)
    {
        var run = await RunAsync(Config(("strategy", strategy), ("slo.rtoSeconds", "1200")), engine);
        Assert.Equal(new[] { "regionswitch-plan" }, run.OfType(PlanType).Select(p => p.Name));
        Assert.False(run.Outputs.ContainsKey("regionSwitchWriterPlanArn"));
    }

    [Fact]
    public async Task The_execution_role_may_do_exactly_what_the_steps_do_to_the_two_regions()
    {
        var run = await RunAsync(Config(("strategy", "active-passive"), ("slo.rtoSeconds", "1200")));
        var role = run.Single("aws:iam/role:Role", "regionswitch-execution-role").Inputs;
        var trust = Assert.Single(PolicyStatements(role["assumeRolePolicy"]));
        Assert.Equal(new[] { RegionSwitchPlan.ServicePrincipal }, trust.ServicePrincipals);
        Assert.Equal(new[] { "sts:AssumeRole" }, trust.Actions);
        var inline = Map(Assert.Single(List(role["inlinePolicies"])));
        Assert.Equal("run-region-switch-plan", inline["name"]);
        var statements = PolicyStatements(inline["policy"]);
        Assert.Equal(new[] { "DescribeGroups", "ScaleGroups", "ReadGroupMetrics", "PromoteReplica", "ReadApiRecords" }, statements.Select(s => s.Sid));
        var bySid = statements.ToDictionary(s => s.Sid!);
        Assert.Equal(new[] { UsAsg, EuAsg }, bySid["ScaleGroups"].Resources);
        Assert.Equal(new[] { "autoscaling:UpdateAutoScalingGroup" }, bySid["ScaleGroups"].Actions);
        Assert.Equal(new[] { "AWS/AutoScaling" }, bySid["ReadGroupMetrics"].Condition("StringEquals", "cloudwatch:namespace"));
        Assert.Equal(new[] { "rds:DescribeDBInstances", "rds:PromoteReadReplica", "rds:ModifyDBInstance" }, bySid["PromoteReplica"].Actions);
        Assert.Equal(new[] { $"arn:aws:rds:us-east-1:{AwsMocks.Account}:db:{P}-us-east-pg", $"arn:aws:rds:eu-west-1:{AwsMocks.Account}:db:{P}-eu-west-pg" }, bySid["PromoteReplica"].Resources);
        Assert.Equal(new[] { "arn:aws:route53:::hostedzone/Z0EXAMPLEZONE" }, bySid["ReadApiRecords"].Resources);
        // "*" only for the reads that take no resource-level permission.
        Assert.All(statements.Where(s => s.Resources.Contains("*")), s => Assert.All(s.Actions, a => Assert.Matches("^[a-z0-9-]+:(Describe|Get|List)", a)));
    }

    [Theory]
    [InlineData(null, "arn:aws:iam::123456789012:root")]
    [InlineData("[\"arn:aws:iam::123456789012:role/oncall\",\"arn:aws:iam::210987654321:user/lead\"]", "arn:aws:iam::123456789012:role/oncall,arn:aws:iam::210987654321:user/lead")]
    public async Task The_approval_role_is_for_the_approvers_and_may_only_approve_this_plan(string? approvers, string principals)
    {
        var run = await RunAsync(Config((RegionSwitchSettings.ApproversKey, approvers)));
        var trust = Assert.Single(PolicyStatements(run.Single("aws:iam/role:Role", "regionswitch-approval-role").Inputs["assumeRolePolicy"]));
        Assert.Equal(principals.Split(','), trust.AwsPrincipals);
        var policy = run.Single("aws:iam/rolePolicy:RolePolicy", "regionswitch-approval-policy").Inputs;
        Assert.Equal("regionswitch-approval-role", policy["role"]);
        var statement = Assert.Single(PolicyStatements(policy["policy"]));
        Assert.Equal(new[] { $"arn:aws:arc-region-switch::{AwsMocks.Account}:plan/multi-region-infra-global:abc123" }, statement.Resources);
        Assert.Contains("arc-region-switch:ApprovePlanExecutionStep", statement.Actions);
        Assert.All(statement.Actions, a => Assert.StartsWith("arc-region-switch:", a, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("active-active", "latency")]
    [InlineData("active-passive", "failover")]
    public async Task The_api_records_follow_the_plan_and_their_endpoint(string strategy, string routing)
    {
        var run = await RunAsync(Config(("strategy", strategy), ("slo.rtoSeconds", "1200")));
        foreach (var (stack, region) in new[] { ("us-east", "us-east-1"), ("eu-west", "eu-west-1") })
        {
            var gate = run.Single("aws:route53/healthCheck:HealthCheck", $"routing-{stack}-switch-gate").Inputs;
            Assert.Equal("CALCULATED", gate["type"]);
            Assert.Equal(new[] { $"routing-{stack}-health-id", GlobalMocks.PlanHealthCheckId(region) }, Strings(gate["childHealthchecks"]));
            Assert.Equal(2.0, gate["childHealthThreshold"]);
        }
        var records = run.OfType("aws:route53/record:Record").Where(r => r.Name!.StartsWith("routing-", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Matches("^routing-(us-east|eu-west)-switch-gate-id$", (string)r.Inputs["healthCheckId"]));
        Assert.Equal(routing, await Pulumi.Utilities.OutputUtilities.GetValueAsync(run.OutputOf<string>("routingMode")));
        Assert.Equal($"arn:aws:arc-region-switch::{AwsMocks.Account}:plan/multi-region-infra-global:abc123", await Pulumi.Utilities.OutputUtilities.GetValueAsync(run.OutputOf<string>("regionSwitchPlanArn")));
    }

    [Fact]
    public async Task A_region_the_plan_returned_no_health_check_for_keeps_its_endpoint_check_alone()
    {
        var config = Config();
        var mocks = GlobalMocks.Mocks(config).WithOutputs(PlanType, a => new Dictionary<string, object>
        {
            ["arn"] = $"arn:aws:arc-region-switch::{AwsMocks.Account}:plan/x:abc123",
            ["healthChecksForPlan"] = new Dictionary<string, object> { ["x"] = new[] { new Dictionary<string, object> { ["healthCheckId"] = "plan-us", ["region"] = "us-east-1" } } },
        });
        var run = await GlobalMocks.RunAsync(config, mocks);
        Assert.Equal(new[] { "routing-us-east-health-id", "plan-us" }, Strings(run.Single("aws:route53/healthCheck:HealthCheck", "routing-us-east-switch-gate").Inputs["childHealthchecks"]));
        var eu = run.Single("aws:route53/healthCheck:HealthCheck", "routing-eu-west-switch-gate").Inputs;
        Assert.Equal(new[] { "routing-eu-west-health-id" }, Strings(eu["childHealthchecks"]));
        Assert.Equal(1.0, eu["childHealthThreshold"]);
    }

    [Theory]
    [InlineData("staging", null)]
    [InlineData("prod", "false")]
    public async Task Without_the_plan_nothing_of_it_is_created_and_records_follow_their_endpoints(string environment, string? enabled)
    {
        var run = await RunAsync(Config(("environment", environment), (RegionSwitchSettings.EnabledKey, enabled)));
        Assert.Empty(run.OfType(PlanType));
        Assert.DoesNotContain(run.OfType("aws:iam/role:Role"), r => r.Name!.StartsWith("regionswitch-", StringComparison.Ordinal));
        Assert.DoesNotContain(run.OfType("aws:route53/healthCheck:HealthCheck"), c => Equals(c.Inputs["type"], "CALCULATED"));
        Assert.False(run.Outputs.ContainsKey("regionSwitchPlanArn"));
    }

    [Fact]
    public async Task Over_three_regions_the_plan_covers_the_writer_and_the_next_in_failover_order()
    {
        var config = Config(("strategy", "active-passive"), ("slo.rtoSeconds", "1200"), ("regions", "[\"us-east\",\"eu-west\",\"ap-south\"]"));
        var run = await GlobalMocks.RunAsync(config, GlobalMocks.Mocks(config, "us-east", "eu-west", "ap-south"));
        var plan = run.Single(PlanType, "regionswitch-plan").Inputs;
        Assert.Equal(new[] { "us-east-1", "eu-west-1" }, Strings(plan["regions"]));
        var routing = Block(Steps(Map(Assert.Single(List(plan["workflows"]))))[2], "route53HealthCheckConfig");
        Assert.Equal(new[] { "us-east-primary", "failover-1-secondary" }, List(routing["recordSets"]).Select(r => (string)Map(r)["recordSetIdentifier"]!));
        Assert.DoesNotContain(run.OfType("aws:route53/healthCheck:HealthCheck"), c => c.Name == "routing-ap-south-switch-gate");
        Assert.Equal(new[] { "us-east", "eu-west" }, Assert.IsType<System.Collections.Immutable.ImmutableArray<string>>(run.Outputs["regionSwitchRegions"]));
    }

    private static (GlobalSettings? Settings, IReadOnlyList<string> Errors) Read(params (string Key, string? Value)[] changes)
    {
        var config = Config(changes);
        config.Remove("aws:region");
        var reader = new ConfigReader(P, config);
        return (GlobalSettings.Read(reader, "global"), reader.Errors);
    }

    [Theory]
    [InlineData("prod", "route53", true)]
    [InlineData("staging", "route53", false)]
    [InlineData("dev", "route53", false)]
    public void The_plan_is_on_by_default_in_prod(string environment, string dns, bool enabled)
    {
        var (settings, errors) = Read(("environment", environment), ("dns", dns));
        Assert.Empty(errors);
        Assert.Equal(enabled, settings!.RegionSwitch.Enabled);
        Assert.Equal(60, settings.RegionSwitch.ApprovalTimeoutMinutes);
        Assert.Equal(300, settings.Slo.ApprovalSeconds);
    }

    [Fact]
    public void Every_problem_with_the_plans_keys_is_reported_at_once()
    {
        var (settings, errors) = Read(
            ("edge", "cloudflare"), ("dns", "cloudflare"), ("cloudflare.zoneId", new string('a', 32)), ("cloudflare.accountId", new string('b', 32)), ("aws:region", null),
            (RegionSwitchSettings.EnabledKey, "true"),
            (RegionSwitchSettings.ApproversKey, "[\"arn:aws:iam::123456789012:role/oncall\",\"oncall\",\"arn:aws:iam::123456789012:role/oncall\"]"),
            (RegionSwitchSettings.ApprovalTimeoutKey, "2000"),
            ("failover.approvalSeconds", "-1"));
        Assert.Null(settings);
        Assert.Equal(new[]
        {
            $"{P}:failover.approvalSeconds: '-1' is out of range; allowed: an integer from 0 to 86400",
            $"{P}:regionSwitch.enabled: 'true' needs dns route53: the plan's routing step is a Route 53 health check execution block; allowed: false, or dns route53",
            $"{P}:regionSwitch.approvalTimeoutMinutes: '2000' is out of range; allowed: an integer from 1 to 1440",
            $"{P}:regionSwitch.approvers: 'oncall' is not an IAM principal ARN; allowed: arn:aws:iam::<account>:role/<name>, arn:aws:iam::<account>:user/<name> or arn:aws:iam::<account>:root",
            $"{P}:regionSwitch.approvers: 'arn:aws:iam::123456789012:role/oncall' is listed more than once; allowed: each principal once",
        }, errors);
    }

    [Fact]
    public void The_approval_must_fit_in_the_time_the_plan_waits_for_it()
    {
        var (_, errors) = Read((RegionSwitchSettings.ApprovalTimeoutKey, "5"), ("failover.approvalSeconds", "600"));
        Assert.Equal(new[]
        {
            $"{P}:failover.approvalSeconds: '600' is longer than the plan waits for the approval (regionSwitch.approvalTimeoutMinutes 5 min = 300 s), so the plan would time out first; allowed: at most 300, or raise regionSwitch.approvalTimeoutMinutes",
        }, errors);
        Assert.Empty(Read((RegionSwitchSettings.ApprovalTimeoutKey, "10"), ("failover.approvalSeconds", "600")).Errors);
    }

    [Theory]
    [InlineData(RegionSwitchSettings.ApprovalTimeoutKey, "30")]
    [InlineData(RegionSwitchSettings.ApproversKey, "[\"arn:aws:iam::123456789012:role/oncall\"]")]
    public void The_plans_settings_without_the_plan_are_errors(string key, string value)
    {
        var (_, errors) = Read((RegionSwitchSettings.EnabledKey, "false"), (key, value));
        Assert.Equal(new[] { $"{P}:{key}: '{value}' is set but the program creates no Region switch plan (regionSwitch.enabled is false); allowed: set regionSwitch.enabled to true, or remove {key}" }, errors);
    }
}
