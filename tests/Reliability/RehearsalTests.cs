using MultiRegionInfra.Configuration;
using MultiRegionInfra.Costs;
using MultiRegionInfra.Networking;
using MultiRegionInfra.Reliability;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Reliability;

/// <summary>The region outage rehearsals: their keys, the experiment templates the global stack registers
/// per region (targets, actions, stop conditions, logs, role) and their cost.</summary>
public class RehearsalTests
{
    private const string Template = "aws:fis/experimentTemplate:ExperimentTemplate";
    private const string Project = "multi-region-infra";

    private static (RehearsalSettings Settings, IReadOnlyList<string> Errors) Read(DeploymentEnvironment environment, params (string Key, string Value)[] values)
    {
        var config = new ConfigReader(Project, values.ToDictionary(v => v.Key, v => v.Value));
        var settings = RehearsalSettings.Read(config, environment);
        return (settings, config.Errors);
    }

    [Theory]
    [InlineData(DeploymentEnvironment.Staging, null, true)]
    [InlineData(DeploymentEnvironment.Dev, null, false)]
    [InlineData(DeploymentEnvironment.Prod, null, false)]
    [InlineData(DeploymentEnvironment.Prod, "true", true)]
    [InlineData(DeploymentEnvironment.Staging, "false", false)]
    public void Rehearsals_are_on_in_staging_and_elsewhere_only_when_asked_for(DeploymentEnvironment environment, string? enabled, bool expected)
    {
        var (settings, errors) = enabled is null ? Read(environment) : Read(environment, (RehearsalSettings.EnabledKey, enabled));
        Assert.Empty(errors);
        Assert.Equal(expected, settings.Enabled);
        Assert.Equal(15, settings.DurationMinutes);
        Assert.Equal(new[] { SubnetTier.Public, SubnetTier.Private, SubnetTier.Isolated }, settings.SubnetTiers);
        Assert.Equal(60, settings.MinutesPerMonth);
        Assert.Equal(90, settings.LogRetentionDays);
    }

    [Fact]
    public void Every_bad_key_is_reported_at_once_with_its_value_and_what_is_allowed()
    {
        var (_, errors) = Read(DeploymentEnvironment.Staging,
            ("rehearsal.enabled", "yes"),
            ("rehearsal.durationMinutes", "0"),
            ("rehearsal.subnetTiers", "[\"private\",\"moon\",\"private\"]"),
            ("rehearsal.minutesPerMonth", "50000"),
            ("rehearsal.logRetentionDays", "8"));
        Assert.Equal(new[]
        {
            "multi-region-infra:rehearsal.enabled: 'yes' is not a boolean; allowed: true or false",
            "multi-region-infra:rehearsal.durationMinutes: '0' is out of range; allowed: an integer from 1 to 720",
            "multi-region-infra:rehearsal.minutesPerMonth: '50000' is out of range; allowed: an integer from 0 to 44640",
            "multi-region-infra:rehearsal.logRetentionDays: '8' is not allowed; allowed: one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
            "multi-region-infra:rehearsal.subnetTiers: 'moon' is not a subnet tier; allowed: a list of public, private, isolated, each once",
            "multi-region-infra:rehearsal.subnetTiers: 'private' is listed more than once; allowed: a list of public, private, isolated, each once",
        }, errors);
    }

    [Fact]
    public void Keys_of_rehearsals_that_are_off_are_refused_rather_than_ignored()
    {
        var (_, errors) = Read(DeploymentEnvironment.Prod, ("rehearsal.durationMinutes", "30"), ("rehearsal.subnetTiers", "[]"));
        Assert.Equal(new[]
        {
            "multi-region-infra:rehearsal.subnetTiers: '[]' is empty: the network experiment would disrupt nothing; allowed: a list of public, private, isolated, each once",
            "multi-region-infra:rehearsal.durationMinutes: '30' is set but rehearsal.enabled is false, so there are no rehearsals; allowed: set rehearsal.enabled to true (the default in staging), or remove rehearsal.durationMinutes",
            "multi-region-infra:rehearsal.subnetTiers: '[]' is set but rehearsal.enabled is false, so there are no rehearsals; allowed: set rehearsal.enabled to true (the default in staging), or remove rehearsal.subnetTiers",
        }, errors);
    }

    [Fact]
    public async Task A_bad_rehearsal_key_stops_the_global_stack_before_anything_is_registered()
    {
        var config = GlobalMocks.Config().With(("rehearsal.enabled", "true"), ("canary.enabled", "true"), ("rehearsal.durationMinutes", "721"));
        var mocks = GlobalMocks.Mocks(config);
        var thrown = await Assert.ThrowsAsync<Pulumi.RunException>(() => GlobalMocks.RunAsync(config, mocks));
        Assert.Equal("stack 'global' has 1 configuration error:\n  - multi-region-infra:rehearsal.durationMinutes: '721' is out of range; allowed: an integer from 1 to 720", thrown.Message);
        Assert.Empty(mocks.Resources);
    }

    [Theory]
    [InlineData(1, "PT1M")]
    [InlineData(15, "PT15M")]
    [InlineData(60, "PT1H")]
    [InlineData(90, "PT1H30M")]
    [InlineData(720, "PT12H")]
    public void Durations_are_written_as_fis_reads_them(int minutes, string expected) =>
        Assert.Equal(expected, RehearsalSettings.IsoDuration(minutes));

    [Fact]
    public async Task Prod_gets_no_experiments_unless_asked()
    {
        var run = await GlobalMocks.RunAsync();
        Assert.Empty(run.OfType(Template));
        Assert.False(run.Outputs.ContainsKey("rehearsalTemplates"));
    }

    private static async Task<AwsMocks.RunResult> Rehearsed(params (string Key, string? Value)[] changes) =>
        await GlobalMocks.RunAsync(GlobalMocks.Config().With(changes.Prepend(("rehearsal.enabled", null)).Prepend(("canary.enabled", null)).Prepend(("environment", "staging")).ToArray()));

    private static IReadOnlyList<IReadOnlyDictionary<string, object?>> Maps(object? list) => InputValues.List(list).Select(InputValues.Map).ToList();

    private static Dictionary<string, string> Pairs(object? list, string key = "key", string value = "value") =>
        Maps(list).ToDictionary(m => (string)m[key]!, m => (string)m[value]!);

    [Fact]
    public async Task The_stop_experiment_stops_every_running_instance_of_the_stack_in_its_region_and_starts_them_after_the_duration()
    {
        var run = await Rehearsed(("rehearsal.durationMinutes", "20"));
        var template = run.Single(Template, "eu-west-rehearsal-stop-instances");
        Assert.Equal("eu-west-1", template.Inputs["region"]);

        var target = Assert.Single(Maps(template.Inputs["targets"]));
        Assert.Equal("instances", target["name"]);
        Assert.Equal("aws:ec2:instance", target["resourceType"]);
        Assert.Equal("ALL", target["selectionMode"]);
        Assert.Equal(new Dictionary<string, string> { ["Application"] = Project, ["Stack"] = "eu-west" }, Pairs(target["resourceTags"]));
        var filter = Assert.Single(Maps(target["filters"]));
        Assert.Equal("State.Name", filter["path"]);
        Assert.Equal(new[] { "running" }, InputValues.Strings(filter["values"]));

        var action = Assert.Single(Maps(template.Inputs["actions"]));
        Assert.Equal("aws:ec2:stop-instances", action["actionId"]);
        Assert.Equal(new Dictionary<string, string> { ["startInstancesAfterDuration"] = "PT20M", ["completeIfInstancesTerminated"] = "true" }, Pairs(action["parameters"]));
        Assert.Equal(new Dictionary<string, object?> { ["key"] = "Instances", ["value"] = "instances" }, InputValues.Map(action["target"]));
        Assert.Equal("fail", InputValues.Map(template.Inputs["experimentOptions"])["emptyTargetResolutionMode"]);
    }

    [Fact]
    public async Task The_network_experiment_cuts_off_each_configured_tier_of_the_stacks_subnets_for_the_duration()
    {
        var run = await Rehearsed(("rehearsal.subnetTiers", "[\"isolated\",\"private\"]"));
        var template = run.Single(Template, "us-east-rehearsal-network");
        Assert.Equal("us-east-1", template.Inputs["region"]);

        var targets = Maps(template.Inputs["targets"]);
        Assert.Equal(new[] { "private-subnets", "isolated-subnets" }, targets.Select(t => t["name"]));
        foreach (var (target, tier) in targets.Zip(new[] { "private", "isolated" }))
        {
            Assert.Equal("aws:ec2:subnet", target["resourceType"]);
            Assert.Equal("ALL", target["selectionMode"]);
            Assert.Equal(new Dictionary<string, string> { ["Application"] = Project, ["Stack"] = "us-east", ["Tier"] = tier }, Pairs(target["resourceTags"]));
        }
        var actions = Maps(template.Inputs["actions"]);
        Assert.Equal(new[] { "disrupt-private", "disrupt-isolated" }, actions.Select(a => a["name"]));
        foreach (var (action, tier) in actions.Zip(new[] { "private", "isolated" }))
        {
            Assert.Equal("aws:network:disrupt-connectivity", action["actionId"]);
            Assert.Equal(new Dictionary<string, string> { ["duration"] = "PT15M", ["scope"] = "all" }, Pairs(action["parameters"]));
            Assert.Equal(new Dictionary<string, object?> { ["key"] = "Subnets", ["value"] = $"{tier}-subnets" }, InputValues.Map(action["target"]));
        }
    }

    [Theory]
    [InlineData("us-east", "us-east-1")]
    [InlineData("eu-west", "eu-west-1")]
    public async Task Both_experiments_stop_when_the_regions_canary_finds_the_system_failing_and_log_into_a_log_group_of_the_region(string stack, string region)
    {
        var run = await Rehearsed(("rehearsal.logRetentionDays", "30"));
        var logs = run.Single("aws:cloudwatch/logGroup:LogGroup", $"{stack}-rehearsal-logs");
        Assert.Equal(region, logs.Inputs["region"]);
        Assert.Equal($"/{Project}/fis/{stack}", logs.Inputs["name"]);
        Assert.Equal(30.0, logs.Inputs["retentionInDays"]);
        // The region's own SLO alarms fire by design while it is out: the stop condition is the canary's
        // alarm on the system's endpoints, which fail only when no region serves them.
        var system = run.Single("aws:cloudwatch/metricAlarm:MetricAlarm", $"{stack}-synthetics-system-success");
        Assert.Equal(region, system.Inputs["region"]);
        foreach (var name in new[] { $"{stack}-rehearsal-stop-instances", $"{stack}-rehearsal-network" })
        {
            var template = run.Single(Template, name);
            var condition = Assert.Single(Maps(template.Inputs["stopConditions"]));
            Assert.Equal("aws:cloudwatch:alarm", condition["source"]);
            Assert.Equal($"arn:aws:cloudwatch:{region}:{AwsMocks.Account}:alarm:{Project}-{stack}-system-success", condition["value"]);
            var logConfiguration = InputValues.Map(template.Inputs["logConfiguration"]);
            Assert.Equal(2.0, logConfiguration["logSchemaVersion"]);
            Assert.Equal($"arn:aws:logs:{region}:{AwsMocks.Account}:log-group:{stack}-rehearsal-logs:*",
                InputValues.Map(logConfiguration["cloudwatchLogsConfiguration"])["logGroupArn"]);
            Assert.Equal($"arn:aws:iam::{AwsMocks.Account}:role/{stack}-rehearsal-role", template.Inputs["roleArn"]);
        }
    }

    [Fact]
    public async Task The_role_is_fis_alone_and_reaches_only_the_stacks_resources_of_its_region()
    {
        var run = await Rehearsed();
        var role = run.Single("aws:iam/role:Role", "eu-west-rehearsal-role");
        var trust = Assert.Single(InputValues.PolicyStatements(role.Inputs["assumeRolePolicy"]));
        Assert.Equal(new[] { "fis.amazonaws.com" }, trust.ServicePrincipals);
        Assert.Empty(trust.AwsPrincipals);
        Assert.Equal(new[] { AwsMocks.Account }, trust.Condition("StringEquals", "aws:SourceAccount"));
        Assert.Equal(new[] { $"arn:aws:fis:eu-west-1:{AwsMocks.Account}:experiment/*" }, trust.Condition("ArnLike", "aws:SourceArn"));

        var policy = InputValues.Map(Assert.Single(InputValues.List(role.Inputs["inlinePolicies"])))["policy"];
        var statements = InputValues.PolicyStatements(policy).ToDictionary(s => s.Sid!);
        var ec2 = $"arn:aws:ec2:eu-west-1:{AwsMocks.Account}";
        var vpc = $"{ec2}:vpc/vpc-0euwest";

        var stop = statements["StopAndStartTheStacksInstances"];
        Assert.Equal(new[] { "ec2:StopInstances", "ec2:StartInstances" }, stop.Actions);
        Assert.Equal(new[] { $"{ec2}:instance/*" }, stop.Resources);
        Assert.Equal(new[] { "eu-west" }, stop.Condition("StringEquals", "aws:ResourceTag/Stack"));
        Assert.Equal(new[] { Project }, stop.Condition("StringEquals", "aws:ResourceTag/Application"));

        Assert.Equal(new[] { vpc }, statements["CreateTheFisNetworkAclInTheStacksVpc"].Resources);
        Assert.Equal(new[] { "true" }, statements["CreateOnlyAFisTaggedNetworkAcl"].Condition("StringEquals", "aws:RequestTag/managedByFIS"));
        Assert.Equal(new[] { "true" }, statements["FillAndDeleteOnlyTheFisNetworkAcl"].Condition("StringEquals", "ec2:ResourceTag/managedByFIS"));
        var subnets = statements["SwapTheAclOfTheStacksSubnets"];
        Assert.Equal(new[] { "ec2:ReplaceNetworkAclAssociation" }, subnets.Actions);
        Assert.Equal(new[] { $"{ec2}:subnet/*" }, subnets.Resources);
        Assert.Equal(new[] { "eu-west" }, subnets.Condition("StringEquals", "aws:ResourceTag/Stack"));
        Assert.Equal(new[] { vpc }, statements["ToAndFromTheAclsOfTheStacksVpc"].Condition("ArnEquals", "ec2:Vpc"));
        foreach (var sid in new[] { "ResolveTargetsInTheRegion", "DeliverExperimentLogsInTheRegion" })
        {
            Assert.Equal(new[] { "*" }, statements[sid].Resources);
            Assert.Equal(new[] { "eu-west-1" }, statements[sid].Condition("StringEquals", "aws:RequestedRegion"));
        }
        // Nothing outside the region, no action of a whole service.
        Assert.All(statements.Values.SelectMany(s => s.Resources).Where(r => r != "*"), r => Assert.StartsWith($"{ec2}:", r, StringComparison.Ordinal));
        Assert.DoesNotContain(statements.Values.SelectMany(s => s.Actions), a => a.EndsWith('*'));
    }

    [Fact]
    public async Task The_templates_are_exported_by_region_and_experiment()
    {
        var run = await Rehearsed();
        var ids = await Pulumi.Utilities.OutputUtilities.GetValueAsync(run.OutputOf<System.Collections.Immutable.ImmutableDictionary<string, string>>("rehearsalTemplates"));
        Assert.Equal(new[] { "eu-west/network", "eu-west/stop-instances", "us-east/network", "us-east/stop-instances" }, ids.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(run.Mocks.IdOf(run.Single(Template, "eu-west-rehearsal-network")), ids["eu-west/network"]);
    }

    [Theory]
    [InlineData(60, 3, 18.00)]
    [InlineData(120, 1, 12.00)]
    [InlineData(0, 3, 0.00)]
    public void Game_day_minutes_are_priced_per_action_minute(int minutes, int tiers, double expected)
    {
        var settings = RehearsalSettings.Off with { Enabled = true, MinutesPerMonth = minutes, SubnetTiers = RehearsalSettings.AllTiers.Take(tiers).ToList() };
        var line = Assert.Single(CostModel.Global(GlobalSettingsWith(settings), CostSettings.Defaults, RoutingStrategy.ActiveActive).Lines, l => l.Item.StartsWith("FIS rehearsals", StringComparison.Ordinal));
        Assert.Equal(minutes * tiers, line.Quantity);
        Assert.Equal(0.10m, line.Price.Usd);
        Assert.Equal("action-minute", line.Price.Unit);
        Assert.Equal("https://aws.amazon.com/fis/pricing/", line.Price.Source);
        Assert.Equal((decimal)expected, line.MonthlyUsd);
    }

    [Fact]
    public void Rehearsals_that_are_off_cost_nothing()
    {
        var lines = CostModel.Global(GlobalSettingsWith(RehearsalSettings.Off), CostSettings.Defaults, RoutingStrategy.ActiveActive).Lines;
        Assert.DoesNotContain(lines, l => l.Item.Contains("FIS", StringComparison.Ordinal));
    }

    private static GlobalSettings GlobalSettingsWith(RehearsalSettings rehearsal)
    {
        var values = GlobalMocks.Config().Where(p => !p.Key.Contains(':', StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);
        var settings = GlobalSettings.Read(new ConfigReader(Project, values), "global")!;
        return settings with { Rehearsal = rehearsal };
    }
}
