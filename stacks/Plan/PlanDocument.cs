using System.Text.Json;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>One stack's plan as its JSON file holds it (<c>plan --format json --out DIR</c>), read back
/// for <c>--diff</c>: the same shape whether it comes from a file of the base branch or from this run.</summary>
public sealed record PlanDocument(
    string Stack,
    string Project,
    IReadOnlyDictionary<string, string> Config,
    IReadOnlyList<PlanDocument.Resource> Resources,
    decimal? MonthlyCost,
    PlanDocument.BudgetSummary? Budget,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>What the cost estimate leaves out (not in the price table).</summary>
    public IReadOnlyList<string> Unpriced { get; init; } = Array.Empty<string>();

    /// <summary>A resource of the document.</summary>
    public sealed record Resource(
        string Urn,
        string Type,
        string Name,
        bool Protect,
        string Where,
        IReadOnlyDictionary<string, object?> Inputs,
        IReadOnlySet<string> ModelledInputs,
        IReadOnlyDictionary<string, object?> Outputs);

    /// <summary>The failover budget's headline numbers.</summary>
    public sealed record BudgetSummary(string Strategy, int RtoSeconds, int WorstSeconds, bool MeetsRto);

    public bool Succeeded => Findings.All(f => f.Severity != Finding.Error);

    /// <summary>This run's plan of a stack, through its JSON, so both sides of a diff are read alike.</summary>
    public static PlanDocument Of(StackPlan plan) => Parse(PlanFiles.ToJson(plan), $"{plan?.Stack}.json");

    /// <summary>Reads a plan file's text; <paramref name="source"/> names it in errors.</summary>
    public static PlanDocument Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("stack", out var stack) || stack.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{source} is not a plan file (no \"stack\" and \"resources\"); write one with plan --format json --out DIR");

        string Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        IReadOnlyDictionary<string, object?> Map(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && PlanValues.FromJson(value) is IReadOnlyDictionary<string, object?> map ? map : new Dictionary<string, object?>();
        IReadOnlySet<string> Paths(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);

        var parsed = resources.EnumerateArray().Select(r => new Resource(
            Text(r, "urn"), Text(r, "type"), Text(r, "name"),
            r.TryGetProperty("protect", out var protect) && protect.ValueKind == JsonValueKind.True,
            Text(r, "where"), Map(r, "inputs"), Paths(r, "modelledInputs"), Map(r, "outputs"))).ToList();
        var config = Map(root, "config").ToDictionary(p => p.Key, p => PlanValues.Show(p.Value), StringComparer.Ordinal);
        decimal? cost = root.TryGetProperty("cost", out var costElement) && costElement.ValueKind == JsonValueKind.Object
            && costElement.TryGetProperty("monthly", out var monthly) && monthly.ValueKind == JsonValueKind.Number ? monthly.GetDecimal() : null;
        BudgetSummary? budget = null;
        if (root.TryGetProperty("budget", out var b) && b.ValueKind == JsonValueKind.Object)
        {
            int Number(string name) => b.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0;
            budget = new BudgetSummary(Text(b, "strategy"), Number("rtoSeconds"), Number("worstSeconds"), b.TryGetProperty("meetsRto", out var meets) && meets.ValueKind == JsonValueKind.True);
        }
        var findings = root.TryGetProperty("findings", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Select(x => new Finding(Text(x, "severity"), Text(x, "rule"), Text(x, "resource"), Text(x, "message"))).ToList()
            : new List<Finding>();
        var unpriced = costElement.ValueKind == JsonValueKind.Object && costElement.TryGetProperty("unpriced", out var missing) && missing.ValueKind == JsonValueKind.Array
            ? missing.EnumerateArray().Select(m => m.ToString()).ToList()
            : new List<string>();
        return new PlanDocument(stack.GetString()!, Text(root, "project"), config, parsed, cost, budget, findings) { Unpriced = unpriced };
    }
}
