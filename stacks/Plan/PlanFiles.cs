using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>Writes a plan's files: &lt;stack&gt;.json per stack and topology.md for the whole system.</summary>
public static class PlanFiles
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The JSON document of one stack's plan.</summary>
    public static string ToJson(StackPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var document = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["stack"] = plan.Stack,
            ["project"] = plan.Project,
            ["kind"] = plan.Kind,
            ["config"] = plan.Config.ToDictionary(p => p.Key, p => IsSecretConfig(p.Value) ? PlanRunner.Secret : p.Value),
            ["resources"] = plan.Resources.Select(r => new Dictionary<string, object?>
            {
                ["urn"] = r.Urn,
                ["type"] = r.Type,
                ["name"] = r.Name,
                ["parent"] = r.Parent,
                ["provider"] = r.Provider,
                ["protect"] = r.Protect,
                ["dependsOn"] = r.DependsOn,
                ["inputs"] = r.Inputs,
                ["outputs"] = r.Outputs,
                ["where"] = r.Where,
            }).ToList(),
            ["outputs"] = plan.Outputs,
            ["cost"] = AnalysisRenderer.CostJson(plan.Cost),
            ["budget"] = AnalysisRenderer.BudgetJson(plan.Budget, plan.Comparison, plan.Slo, plan.Engines),
            ["findings"] = plan.Findings.Select(f => new Dictionary<string, object?>
            {
                ["severity"] = f.Severity,
                ["rule"] = f.Rule,
                ["resource"] = f.Resource,
                ["message"] = f.Message,
            }).ToList(),
        };
        return JsonSerializer.Serialize(document, Json) + "\n";
    }

    // An encrypted value in a stack file is a map with one key, "secure".
    private static bool IsSecretConfig(string value) => value.StartsWith("{\"secure\":", StringComparison.Ordinal);

    public static void Write(string directory, IReadOnlyList<StackPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        Directory.CreateDirectory(directory);
        foreach (var plan in plans)
            File.WriteAllText(Path.Combine(directory, $"{plan.Stack}.json"), ToJson(plan), new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(directory, "topology.md"), Topology.Markdown(plans), new UTF8Encoding(false));
    }
}
