using System.Text.Json;

namespace MultiRegionInfra.Tests.Plan;

/// <summary>The plan's files: replaced whole, stale stacks removed by a full plan, a partial plan marked.</summary>
public class PlanFilesTests
{
    [Fact]
    public async Task A_full_plan_removes_the_json_of_stacks_that_no_longer_exist_and_nothing_else()
    {
        using var project = PlanProject.ThreeStacks();
        project.WriteStack("ap-south", PlanProject.Regional("ap-south-1", "10.40.0.0/16", primaryStack: "us-east"));
        var (first, outDir) = await PlanProject.PlanAsync(project);
        Assert.Equal(0, first.Code);
        Assert.True(File.Exists(Path.Combine(outDir, "ap-south.json")));
        File.WriteAllText(Path.Combine(outDir, "notes.json"), "{\"stack\": \"notes\", \"project\": \"another-project\"}");
        File.WriteAllText(Path.Combine(outDir, "other.json"), "not a plan");

        File.Delete(Path.Combine(project.Root, "Pulumi.ap-south.yaml"));
        var (second, _) = await PlanProject.PlanAsync(project);
        Assert.Equal(0, second.Code);
        Assert.Equal(new[] { "eu-west.json", "global.json", "notes.json", "other.json", "topology.md", "us-east.json" },
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order());
        Assert.EndsWith("wrote plan-out/; removed plan-out/ap-south.json (no such stack any more)\n", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_plan_writes_only_its_stacks_and_a_topology_that_says_it_is_partial()
    {
        using var project = PlanProject.ThreeStacks();
        var (full, outDir) = await PlanProject.PlanAsync(project);
        Assert.Equal(0, full.Code);
        var global = File.ReadAllText(Path.Combine(outDir, "global.json"));
        var usEast = File.GetLastWriteTimeUtc(Path.Combine(outDir, "us-east.json"));
        Thread.Sleep(20);

        var (partial, _) = await PlanProject.PlanAsync(project, "--stack", "eu-west");
        Assert.Equal(0, partial.Code);
        Assert.Equal($"plan: eu-west (partial: 1 stack of 3) planned ({PlanProject.Counts(outDir, "eu-west").Create} resources); wrote plan-out/\n", partial.Error);
        Assert.Equal(global, File.ReadAllText(Path.Combine(outDir, "global.json")));
        Assert.Equal(usEast, File.GetLastWriteTimeUtc(Path.Combine(outDir, "us-east.json")));
        var topology = File.ReadAllText(Path.Combine(outDir, "topology.md"));
        Assert.Contains("**Partial**: drawn from `plan --stack eu-west` (us-east, eu-west), not from every stack file.", topology);
        Assert.DoesNotContain("route53", topology);
        // us-east is planned only to feed eu-west's stack reference: not printed.
        Assert.DoesNotContain("Stack us-east", partial.Output);
        Assert.Contains("Stack eu-west", partial.Output);
    }

    [Fact]
    public async Task Files_are_replaced_whole_with_nothing_left_beside_them()
    {
        using var project = PlanProject.ThreeStacks();
        var (_, outDir) = await PlanProject.PlanAsync(project);
        var (_, _) = await PlanProject.PlanAsync(project, "--stack", "us-east");
        Assert.Equal(new[] { "eu-west.json", "global.json", "topology.md", "us-east.json" }, Directory.GetFiles(outDir).Select(Path.GetFileName).Order());
        Assert.All(Directory.GetFiles(outDir, "*.json"), f => JsonDocument.Parse(File.ReadAllText(f)).Dispose());
    }

    [Fact]
    public async Task A_failed_plan_still_writes_every_stack_with_its_findings_and_removes_stale_ones()
    {
        using var project = PlanProject.ThreeStacks();
        var (_, outDir) = await PlanProject.PlanAsync(project);
        File.WriteAllText(Path.Combine(outDir, "gone.json"), "{\"stack\": \"gone\", \"project\": \"multi-region-infra\", \"resources\": []}");
        project.SetConfig("us-east", "multi-region-infra:database.multiAz", "false");
        var (run, _) = await PlanProject.PlanAsync(project);
        Assert.Equal(1, run.Code);
        Assert.False(File.Exists(Path.Combine(outDir, "gone.json")));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "us-east.json")));
        Assert.Equal("MRI-RDS-04", Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray()).GetProperty("rule").GetString());
    }
}
