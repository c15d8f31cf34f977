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

    /// <summary>What <see cref="Write"/> did.</summary>
    /// <param name="Written">The files written, by name.</param>
    /// <param name="Removed">The plan files of stacks that no longer exist, removed by a full plan.</param>
    public sealed record Outcome(IReadOnlyList<string> Written, IReadOnlyList<string> Removed);

    /// <summary>The JSON document of one stack's plan.</summary>
    public static string ToJson(StackPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var document = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["stack"] = plan.Stack,
            ["project"] = plan.Project,
            ["kind"] = plan.Kind,
            ["config"] = plan.Config.ToDictionary(p => p.Key, p => IsSecretConfig(p.Key, p.Value) ? PlanRunner.Secret : p.Value),
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
                ["modelledInputs"] = r.ModelledInputs,
                ["outputs"] = r.Outputs,
                ["where"] = r.Where,
            }).ToList(),
            ["outputs"] = plan.Outputs,
            ["modelledOutputs"] = plan.ModelledOutputs,
            ["cost"] = AnalysisRenderer.CostJson(plan.Cost),
            ["budget"] = AnalysisRenderer.BudgetJson(plan.Budget, plan.Comparison, plan.Slo, plan.Engines, plan.Canaries),
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

    // An encrypted value in a stack file is a map with one key, "secure"; a credential given in plain
    // text is refused, and never written either.
    private static bool IsSecretConfig(string key, string value) =>
        value.StartsWith("{\"secure\":", StringComparison.Ordinal) || Configuration.ProviderConfiguration.MustBeSecret.Contains(key);

    /// <summary>Writes <paramref name="plans"/> to <paramref name="directory"/>, each file replaced in one
    /// step (written beside it, then renamed over it), so a reader never sees half a file. A full plan
    /// (no <paramref name="selection"/>) also removes the plan files of this project's stacks that no
    /// longer exist; a partial one leaves the other stacks' files and draws a topology that says so.</summary>
    /// <param name="topologyPlans">Every stack planned (the selection and the stacks it reads), for the diagram.</param>
    public static Outcome Write(string directory, string project, IReadOnlyList<StackPlan> plans, IReadOnlyList<StackPlan> topologyPlans, IReadOnlyList<string> selection)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(selection);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var plan in plans)
        {
            var name = $"{plan.Stack}.json";
            WriteAtomically(Path.Combine(directory, name), ToJson(plan));
            written.Add(name);
        }
        WriteAtomically(Path.Combine(directory, "topology.md"), Topology.Markdown(topologyPlans, selection));
        written.Add("topology.md");

        var removed = new List<string>();
        if (selection.Count == 0)
        {
            foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (!written.Contains(name) && IsPlanOf(path, project))
                {
                    File.Delete(path);
                    removed.Add(name);
                }
            }
        }
        return new Outcome(written, removed);
    }

    /// <summary>Whether <paramref name="path"/> is a plan file of <paramref name="project"/> (its stack named
    /// as the file is): only those are removed, never other JSON that shares the folder.</summary>
    private static bool IsPlanOf(string path, string project)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("project", out var owner) && owner.ValueKind == JsonValueKind.String && owner.GetString() == project
                && root.TryGetProperty("stack", out var stack) && stack.ValueKind == JsonValueKind.String && $"{stack.GetString()}.json" == Path.GetFileName(path);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void WriteAtomically(string path, string content)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, content, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }
}
