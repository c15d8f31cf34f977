using BenchmarkDotNet.Attributes;
using MultiRegionInfra.Stacks.Plan;

namespace MultiRegionInfra.Benchmarks;

/// <summary>Planning the project's own stacks (us-east, eu-west, global).</summary>
[MemoryDiagnoser]
public class ProjectPlanBenchmarks
{
    private string _root = "";

    [GlobalSetup]
    public void Setup() => _root = GeneratedProject.FindRepositoryRoot();

    [Benchmark(Description = "plan all stacks of the project")]
    public async Task<int> PlanProject()
    {
        var result = await PlanCommand.PlanAllAsync(_root, Array.Empty<string>());
        return result.Plans.Count(p => p.Succeeded) == result.Plans.Count ? result.Plans.Sum(p => p.Resources.Count) : throw new InvalidOperationException("a stack failed to plan");
    }
}

/// <summary>Planning generated systems of N regions plus the global stack: the time per region should
/// not grow with N.</summary>
[MemoryDiagnoser]
public class RegionScalingBenchmarks
{
    private GeneratedProject? _project;

    [Params(2, 4, 8)]
    public int Regions { get; set; }

    [GlobalSetup]
    public void Setup() => _project = new GeneratedProject(GeneratedProject.FindRepositoryRoot(), Regions);

    [GlobalCleanup]
    public void Cleanup() => _project?.Dispose();

    [Benchmark(Description = "plan N regions + global")]
    public async Task<int> PlanRegions()
    {
        var result = await PlanCommand.PlanAllAsync(_project!.Root, Array.Empty<string>());
        return result.Plans.All(p => p.Succeeded) && result.Plans.Count == _project.Stacks
            ? result.Plans.Sum(p => p.Resources.Count)
            : throw new InvalidOperationException(string.Join("\n", result.Plans.SelectMany(p => p.Errors).Select(e => e.Message)));
    }
}
