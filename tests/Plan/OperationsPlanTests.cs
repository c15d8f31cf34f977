using System.Text.Json;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Plan;

/// <summary>The project's own stack files (this test's subject), in both strategies and on both engines:
/// every plan holds the canaries, the Prometheus workspaces with their rules, the Region switch plan and
/// the rehearsals, and checks clean. The stacks are found by kind (stackKind), not by name, and the canaries,
/// rehearsals and metrics are switched on in every file, so that it holds for any valid set of stack files.</summary>
public class OperationsPlanTests
{
    private const string Ns = PlanProject.Ns;

    [Theory]
    [InlineData("active-active", "postgres")]
    [InlineData("active-passive", "postgres")]
    [InlineData("active-active", "aurora-postgresql")]
    [InlineData("active-passive", "aurora-postgresql")]
    public async Task Every_strategy_and_engine_plans_the_canaries_metrics_region_switch_and_rehearsals(string strategy, string engine)
    {
        using var project = new TempProject();
        var stacks = ProjectStacks.In(project.Root);
        Assert.NotEmpty(stacks.Regional);
        Assert.NotEmpty(stacks.Global);
        PlanProject.SetStrategy(project, strategy);
        foreach (var global in stacks.Global)
        {
            project.SetConfig(global.Name, $"{Ns}:canary.enabled", "true");
            project.SetConfig(global.Name, $"{Ns}:rehearsal.enabled", "true");
            project.SetConfig(global.Name, $"{Ns}:slo.rtoSeconds", "1800");
        }
        foreach (var stack in stacks.Regional)
        {
            project.SetConfig(stack.Name, $"{Ns}:metrics.enabled", "true");
            project.SetConfig(stack.Name, $"{Ns}:metrics.workspace", "regional");
            project.SetConfig(stack.Name, $"{Ns}:database.engine", engine);
            if (engine == "aurora-postgresql")
                project.SetConfig(stack.Name, $"{Ns}:database.instanceClass", "db.r7g.large");
        }

        var (run, outDir) = await PlanProject.PlanAsync(project, "--format", "json");
        Assert.True(run.Code == 0, run.Error);
        foreach (var stack in stacks.Global)
        {
            var settings = ProjectStacks.In(project.Root).SettingsOf(stack);
            var regions = settings.Regions.Count;
            using var global = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, $"{stack.Name}.json")));
            var types = global.RootElement.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("type").GetString()).ToList();
            Assert.Equal(regions, types.Count(t => t == "aws:synthetics/canary:Canary"));
            Assert.Equal(regions, types.Count(t => t == "aws:amp/ruleGroupNamespace:RuleGroupNamespace"));
            Assert.Equal(regions, types.Count(t => t == "aws:amp/alertManagerDefinition:AlertManagerDefinition"));
            Assert.Equal(2 * regions, types.Count(t => t == "aws:fis/experimentTemplate:ExperimentTemplate"));
            // The Region switch plan is on by default in prod with Route 53 (and refused without it).
            if (!settings.RegionSwitch.Enabled)
                continue;
            // Active-active PostgreSQL adds the writer plan (active/passive), which promotes the replica.
            var plans = global.RootElement.GetProperty("resources").EnumerateArray().Where(r => r.GetProperty("type").GetString() == "aws-native:arcregionswitch:Plan")
                .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("inputs"));
            var writerPlan = strategy == "active-active" && engine == "postgres";
            Assert.Equal(writerPlan ? new[] { "regionswitch-plan", "regionswitch-writer-plan" } : new[] { "regionswitch-plan" }, plans.Keys.Order());
            Assert.Equal(strategy == "active-active" ? "activeActive" : "activePassive", plans["regionswitch-plan"].GetProperty("recoveryApproach").GetString());
            Assert.Contains("Route53HealthCheck", plans["regionswitch-plan"].GetRawText());
            var database = plans[writerPlan ? "regionswitch-writer-plan" : "regionswitch-plan"];
            Assert.Contains(engine == "aurora-postgresql" ? "AuroraGlobalDatabase" : "RdsPromoteReadReplica", database.GetRawText());
            if (writerPlan)
                Assert.Equal("activePassive", database.GetProperty("recoveryApproach").GetString());
        }
        foreach (var stack in stacks.Regional)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, $"{stack.Name}.json")));
            Assert.Contains(json.RootElement.GetProperty("resources").EnumerateArray(), r => r.GetProperty("type").GetString() == "aws:amp/workspace:Workspace");
        }
    }

    [Fact]
    public async Task The_project_plan_in_text_fits_120_columns()
    {
        using var project = new TempProject();
        var (run, _) = await PlanProject.PlanAsync(project);
        Assert.True(run.Code == 0, run.Error);
        var stacks = ProjectStacks.In(project.Root);
        if (stacks.Global.Any(g => stacks.SettingsOf(g).Canaries.Enabled))
            Assert.Contains(run.Lines, l => l.Contains("aws:synthetics:Canary", StringComparison.Ordinal));
        Assert.All(run.Lines, line => Assert.True(line.Length <= 120, $"{line.Length} columns: {line}"));
    }
}
