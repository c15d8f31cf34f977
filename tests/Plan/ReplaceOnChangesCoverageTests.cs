using System.Text.Json;
using MultiRegionInfra.Stacks.Plan;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Plan;

/// <summary>The replace-on-change table that <c>plan --diff</c> reads covers every resource type the
/// program registers (README: "Comparing with an earlier plan"): the project's own stack files, planned
/// on both engines, both edges (with Cloudflare's authenticated origin pulls), both strategies and with the
/// alarm e-mail, register no provider type the table lacks.</summary>
public class ReplaceOnChangesCoverageTests
{
    private const string Ns = PlanProject.Ns;

    [Theory]
    [InlineData("cloudfront", "postgres", "active-active")]
    [InlineData("cloudfront", "aurora-postgresql", "active-active")]
    [InlineData("cloudflare", "postgres", "active-active")]
    [InlineData("cloudfront", "postgres", "active-passive")]
    [InlineData("cloudflare", "aurora-postgresql", "active-passive")]
    public async Task Every_resource_type_the_project_registers_has_an_entry_in_the_replace_on_change_table(string edge, string engine, string strategy)
    {
        using var project = new TempProject();
        // The project's stacks by kind (stackKind), whatever their names.
        var files = ProjectStacks.In(project.Root);
        var global = files.Global.Select(f => f.Name).ToList();
        var regional = files.Regional.Select(f => f.Name).ToList();
        var stacks = regional.Concat(global).ToList();
        Assert.NotEmpty(global);
        Assert.NotEmpty(regional);

        PlanProject.SetStrategy(project, strategy);
        foreach (var stack in stacks)
            project.SetConfig(stack, $"{Ns}:edge", edge);
        foreach (var stack in global)
        {
            project.SetConfig(stack, $"{Ns}:slo.notificationEmail", "oncall@example.com");
            if (edge == "cloudflare")
            {
                project.SetConfig(stack, $"{Ns}:dns", "cloudflare");
                project.SetConfig(stack, $"{Ns}:cloudflare.zoneId", "0123456789abcdef0123456789abcdef");
                project.SetConfig(stack, $"{Ns}:cloudflare.accountId", "fedcba9876543210fedcba9876543210");
                project.SetConfig(stack, $"{Ns}:cloudflare.authenticatedOriginPulls", "true");
            }
        }
        foreach (var stack in regional)
        {
            project.SetConfig(stack, $"{Ns}:database.engine", engine);
            if (engine == "aurora-postgresql")
                project.SetConfig(stack, $"{Ns}:database.instanceClass", "db.r7g.large");
        }

        var (run, outDir) = await PlanProject.PlanAsync(project, "--format", "json");
        Assert.True(run.Code == 0, run.Error);
        var types = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var stack in stacks)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, $"{stack}.json")));
            foreach (var resource in json.RootElement.GetProperty("resources").EnumerateArray())
                types.Add(resource.GetProperty("type").GetString()!);
        }
        var providerTypes = types.Where(t => !t.StartsWith("pulumi:pulumi:", StringComparison.Ordinal) && !t.StartsWith("multiregion:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(providerTypes);
        var missing = providerTypes.Where(t => ReplaceOnChanges.Of(t) is null).ToList();
        Assert.True(missing.Count == 0, $"no entry in stacks/Plan/ReplaceOnChanges.cs for: {string.Join(", ", missing)}");
    }
}
