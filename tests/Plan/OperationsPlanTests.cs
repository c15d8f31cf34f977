using System.Text.Json;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Plan;

/// <summary>The project's own stack files (this test's subject), in both strategies and on both engines:
/// every plan holds the canaries, the Prometheus workspaces with their rules, the Region switch plan and
/// the rehearsals, and checks clean.</summary>
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
        var regional = Directory.GetFiles(project.Root, "Pulumi.*.yaml").Select(Path.GetFileName)
            .Select(f => f!["Pulumi.".Length..^".yaml".Length])
            .Where(s => s != "yaml" && !File.ReadAllText(Path.Combine(project.Root, $"Pulumi.{s}.yaml")).Contains($"{Ns}:stackKind: global", StringComparison.Ordinal))
            .ToList();
        PlanProject.SetStrategy(project, strategy);
        if (strategy == "active-passive")
            project.SetConfig("global", $"{Ns}:slo.rtoSeconds", "1200");
        foreach (var stack in regional)
        {
            project.SetConfig(stack, $"{Ns}:database.engine", engine);
            if (engine == "aurora-postgresql")
                project.SetConfig(stack, $"{Ns}:database.instanceClass", "db.r7g.large");
        }

        var (run, outDir) = await PlanProject.PlanAsync(project, "--format", "json");
        Assert.True(run.Code == 0, run.Error);
        using var global = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "global.json")));
        var types = global.RootElement.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("type").GetString()).ToList();
        Assert.Equal(regional.Count, types.Count(t => t == "aws:synthetics/canary:Canary"));
        Assert.Equal(regional.Count, types.Count(t => t == "aws:amp/ruleGroupNamespace:RuleGroupNamespace"));
        Assert.Equal(regional.Count, types.Count(t => t == "aws:amp/alertManagerDefinition:AlertManagerDefinition"));
        Assert.Equal(2 * regional.Count, types.Count(t => t == "aws:fis/experimentTemplate:ExperimentTemplate"));
        var plan = global.RootElement.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "aws-native:arcregionswitch:Plan");
        Assert.Equal(strategy == "active-active" ? "activeActive" : "activePassive", plan.GetProperty("inputs").GetProperty("recoveryApproach").GetString());
        var blocks = plan.GetProperty("inputs").GetRawText();
        Assert.Contains(engine == "aurora-postgresql" ? "AuroraGlobalDatabase" : strategy == "active-passive" ? "RdsPromoteReadReplica" : "Route53HealthCheck", blocks);
        foreach (var stack in regional)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, $"{stack}.json")));
            Assert.Contains(json.RootElement.GetProperty("resources").EnumerateArray(), r => r.GetProperty("type").GetString() == "aws:amp/workspace:Workspace");
        }
    }

    [Fact]
    public async Task The_project_plan_in_text_fits_120_columns()
    {
        using var project = new TempProject();
        var (run, _) = await PlanProject.PlanAsync(project);
        Assert.True(run.Code == 0, run.Error);
        Assert.Contains(run.Lines, l => l.Contains("aws:synthetics:Canary", StringComparison.Ordinal));
        Assert.All(run.Lines, line => Assert.True(line.Length <= 120, $"{line.Length} columns: {line}"));
    }
}
