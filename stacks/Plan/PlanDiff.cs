using System.Globalization;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>What a change does to a resource, as `pulumi preview` says it.</summary>
public enum ChangeKind
{
    Create,
    Update,
    Replace,
    Delete,
}

/// <summary>One input that changes. Values are as a reader may see them: secrets stay <c>[secret]</c>,
/// values known only after deployment are <c>output&lt;string&gt;</c>.</summary>
/// <param name="Name">The input (top level), or <c>region</c>/<c>protect</c>.</param>
/// <param name="Before">The base's value (null: not set).</param>
/// <param name="After">This plan's value (null: not set).</param>
/// <param name="Replaces">Whether the provider replaces the resource for this change.</param>
/// <param name="Why">For a replacement, the documentation that says so; for a value that will change
/// because what it comes from is replaced, which resource that is.</param>
public sealed record PropertyChange(string Name, object? Before, object? After, bool Replaces, string Why);

/// <summary>One resource that changes.</summary>
public sealed record ResourceChange(ChangeKind Kind, string Urn, string Type, string Name, IReadOnlyList<PropertyChange> Properties);

/// <summary>A changed stack setting (secrets stay <c>[secret]</c>).</summary>
public sealed record ConfigChange(string Key, string? Before, string? After);

/// <summary>How one stack changes from the base plan to this one.</summary>
/// <param name="Stack">The stack.</param>
/// <param name="Status">created (only in this plan), deleted (only in the base), changed, unchanged, or
/// failed (this plan of it has errors, so there is nothing to compare).</param>
public sealed record StackDiff(
    string Stack,
    string Status,
    IReadOnlyList<ResourceChange> Changes,
    int Unchanged,
    IReadOnlyList<ConfigChange> Config,
    decimal? CostBefore,
    decimal? CostAfter,
    PlanDocument.BudgetSummary? BudgetBefore,
    PlanDocument.BudgetSummary? BudgetAfter,
    IReadOnlyList<Finding> FindingsAdded,
    IReadOnlyList<Finding> FindingsRemoved)
{
    public int Count(ChangeKind kind) => Changes.Count(c => c.Kind == kind);

    public decimal? CostChange => CostBefore is null && CostAfter is null ? null : (CostAfter ?? 0) - (CostBefore ?? 0);

    /// <summary>What this plan's cost estimate leaves out that the base's did not (not in the price table).</summary>
    public IReadOnlyList<string> NewlyUnpriced { get; init; } = Array.Empty<string>();

    /// <summary>Whether the base's or this plan's estimate leaves something out: the amounts are lower
    /// bounds and their difference is not the change in cost.</summary>
    public bool CostIncompleteBefore { get; init; }

    public bool CostIncompleteAfter { get; init; }
}

/// <summary>The comparison of this plan with a base plan.</summary>
/// <param name="Project">The project.</param>
/// <param name="Stacks">Per stack, in this plan's order, then the base's stacks that are gone.</param>
public sealed record Comparison(string Project, IReadOnlyList<StackDiff> Stacks)
{
    public int Count(ChangeKind kind) => Stacks.Sum(s => s.Count(kind));

    public decimal CostChange => Stacks.Sum(s => s.CostChange ?? 0);

    /// <summary>Whether any stack's estimate, before or after, leaves something out.</summary>
    public bool CostIncomplete => Stacks.Any(s => s.CostIncompleteBefore || s.CostIncompleteAfter);

    public bool HasChanges => Stacks.Any(s => s.Status is not "unchanged");
}

/// <summary>Compares an earlier plan's JSON with this plan's: per stack the resources to create, update,
/// replace and delete (by URN), the inputs that change, and the change in monthly cost, failover budget
/// and findings. A replacement is a change to an input the provider cannot update in place
/// (<see cref="ReplaceOnChanges"/>), or to a value that comes from a resource being replaced (its new ID
/// or ARN is known only after deployment, as `pulumi preview` shows it).</summary>
public static class PlanDiff
{
    /// <summary>The plan files of a folder written by <c>plan --format json --out DIR</c>.</summary>
    /// <param name="unreadable">Why each JSON file that is not a plan was skipped: its stack is then compared as
    /// new, which the caller says, so that a truncated base file is not mistaken for a new stack.</param>
    public static IReadOnlyList<PlanDocument> ReadDirectory(string directory, out IReadOnlyList<string> unreadable)
    {
        var documents = new List<PlanDocument>();
        var skipped = new List<string>();
        foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                documents.Add(PlanDocument.Parse(File.ReadAllText(path), Path.GetFileName(path)));
            }
            catch (InvalidDataException exception)
            {
                skipped.Add(Path.Combine(directory, FirstLine(exception.Message)));
            }
            catch (Exception exception) when (exception is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
            {
                skipped.Add($"{path} cannot be read as JSON ({FirstLine(exception.Message)})");
            }
        }
        unreadable = skipped;
        return documents;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd();

    /// <param name="complete">Whether this plan covers every stack file: only then is a stack that only
    /// the base has a deletion (a partial plan says nothing about the stacks it did not plan).</param>
    public static Comparison Compare(IReadOnlyList<PlanDocument> bases, IReadOnlyList<PlanDocument> heads, bool complete)
    {
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(heads);
        var baseByStack = bases.GroupBy(b => b.Stack).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var stacks = new List<(PlanDocument? Base, PlanDocument? Head)>();
        stacks.AddRange(heads.Select(h => (baseByStack.GetValueOrDefault(h.Stack), (PlanDocument?)h)));
        if (complete)
            stacks.AddRange(bases.Where(b => heads.All(h => h.Stack != b.Stack)).OrderBy(b => b.Stack, StringComparer.Ordinal).Select(b => ((PlanDocument?)b, (PlanDocument?)null)));

        // Direct changes first, then what follows from replacements, across stacks (a stack reference
        // carries a replaced load balancer's DNS name into the global stack).
        var changes = stacks.Select(s => DirectChanges(s.Base, s.Head)).ToList();
        Cascade(stacks, changes);

        var project = heads.Select(h => h.Project).Concat(bases.Select(b => b.Project)).FirstOrDefault(p => p.Length > 0) ?? "";
        return new Comparison(project, stacks.Select((s, i) => Summarise(s.Base, s.Head, changes[i])).ToList());
    }

    private static Dictionary<string, ResourceChange> DirectChanges(PlanDocument? before, PlanDocument? after)
    {
        var changes = new Dictionary<string, ResourceChange>(StringComparer.Ordinal);
        if (after is not null && !after.Succeeded)
            return changes;
        var old = (before?.Resources ?? Array.Empty<PlanDocument.Resource>()).Where(r => r.Type != "pulumi:pulumi:Stack").ToDictionary(r => r.Urn, StringComparer.Ordinal);
        var current = (after?.Resources ?? Array.Empty<PlanDocument.Resource>()).Where(r => r.Type != "pulumi:pulumi:Stack").ToList();
        foreach (var resource in current)
        {
            if (!old.TryGetValue(resource.Urn, out var previous))
            {
                changes[resource.Urn] = new ResourceChange(ChangeKind.Create, resource.Urn, resource.Type, resource.Name, Array.Empty<PropertyChange>());
                continue;
            }
            var properties = Properties(previous, resource);
            if (properties.Count > 0)
                changes[resource.Urn] = new ResourceChange(properties.Any(p => p.Replaces) ? ChangeKind.Replace : ChangeKind.Update, resource.Urn, resource.Type, resource.Name, properties);
        }
        foreach (var resource in old.Values.Where(r => current.All(c => c.Urn != r.Urn)))
            changes[resource.Urn] = new ResourceChange(ChangeKind.Delete, resource.Urn, resource.Type, resource.Name, Array.Empty<PropertyChange>());
        return changes;
    }

    /// <summary>The inputs that differ between two versions of a resource, in name order.</summary>
    public static IReadOnlyList<PropertyChange> Properties(PlanDocument.Resource before, PlanDocument.Resource after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<PropertyChange>();
        foreach (var key in before.Inputs.Keys.Union(after.Inputs.Keys).Order(StringComparer.Ordinal))
        {
            var old = before.Inputs.GetValueOrDefault(key);
            var current = after.Inputs.GetValueOrDefault(key);
            if (PlanValues.Same(old, current))
                continue;
            var replaces = ReplaceOnChanges.Replaces(after.Type, key, out var source);
            changes.Add(new PropertyChange(key, PlanValues.Masked(old, key, before.ModelledInputs), PlanValues.Masked(current, key, after.ModelledInputs), replaces, source));
        }
        // Where a resource lives: a default provider's region (the stack's aws:region) moves it too.
        if (before.Where != after.Where && !before.Inputs.ContainsKey("region") && !after.Inputs.ContainsKey("region"))
        {
            var replaces = after.Type.StartsWith("aws", StringComparison.Ordinal);
            changes.Add(new PropertyChange("region", before.Where, after.Where, replaces, replaces ? ReplaceOnChanges.RegionSource : ""));
        }
        if (before.Protect != after.Protect)
            changes.Add(new PropertyChange("protect", before.Protect, after.Protect, false, ""));
        return changes;
    }

    private static void Cascade(List<(PlanDocument? Base, PlanDocument? Head)> stacks, List<Dictionary<string, ResourceChange>> changes)
    {
        // The outputs of a replaced resource (its ID, ARN, DNS name) are new values, known only after
        // deployment; an input holding one changes too.
        var replacedValues = new Dictionary<string, string>(StringComparer.Ordinal);
        void Collect()
        {
            for (var i = 0; i < stacks.Count; i++)
            {
                foreach (var change in changes[i].Values.Where(c => c.Kind == ChangeKind.Replace))
                {
                    var resource = stacks[i].Base?.Resources.FirstOrDefault(r => r.Urn == change.Urn);
                    foreach (var value in ModelledValues.Leaves(resource?.Outputs).Where(v => v.Length >= 7))
                        replacedValues.TryAdd(value, change.Name);
                }
            }
        }
        Collect();
        for (var changed = true; changed && replacedValues.Count > 0;)
        {
            changed = false;
            for (var i = 0; i < stacks.Count; i++)
            {
                if (stacks[i].Head is not { } head || stacks[i].Base is not { } old || !head.Succeeded)
                    continue;
                foreach (var resource in head.Resources)
                {
                    var existing = changes[i].GetValueOrDefault(resource.Urn);
                    if (existing is { Kind: ChangeKind.Create or ChangeKind.Replace or ChangeKind.Delete })
                        continue;
                    var previous = old.Resources.FirstOrDefault(r => r.Urn == resource.Urn);
                    if (previous is null)
                        continue;
                    var properties = existing?.Properties.ToList() ?? new List<PropertyChange>();
                    foreach (var path in resource.ModelledInputs.Order(StringComparer.Ordinal))
                    {
                        var key = TopLevel(path);
                        if (properties.Any(p => p.Name == key) || ValueAt(resource.Inputs, path) is not string leaf)
                            continue;
                        var source = replacedValues.FirstOrDefault(v => leaf.Contains(v.Key, StringComparison.Ordinal));
                        if (source.Key is null)
                            continue;
                        var replaces = ReplaceOnChanges.Replaces(resource.Type, key, out var documentation);
                        properties.Add(new PropertyChange(key, PlanValues.Masked(previous.Inputs.GetValueOrDefault(key), key, previous.ModelledInputs), ModelledValues.Placeholder, replaces,
                            replaces ? $"comes from {source.Value}, which is replaced; {documentation}" : $"comes from {source.Value}, which is replaced"));
                    }
                    if (properties.Count == (existing?.Properties.Count ?? 0))
                        continue;
                    var kind = properties.Any(p => p.Replaces) ? ChangeKind.Replace : ChangeKind.Update;
                    changes[i][resource.Urn] = new ResourceChange(kind, resource.Urn, resource.Type, resource.Name, properties.OrderBy(p => p.Name, StringComparer.Ordinal).ToList());
                    if (kind == ChangeKind.Replace)
                        changed = true;
                }
            }
            if (changed)
                Collect();
        }
    }

    private static StackDiff Summarise(PlanDocument? before, PlanDocument? after, Dictionary<string, ResourceChange> changes)
    {
        var stack = after?.Stack ?? before!.Stack;
        var order = (after?.Resources ?? Array.Empty<PlanDocument.Resource>()).Select(r => r.Urn)
            .Concat((before?.Resources ?? Array.Empty<PlanDocument.Resource>()).Select(r => r.Urn)).Distinct().ToList();
        var ordered = order.Where(changes.ContainsKey).Select(u => changes[u]).ToList();
        var status = after is null ? "deleted"
            : !after.Succeeded ? "failed"
            : before is null ? "created"
            : ordered.Count > 0 ? "changed" : "unchanged";
        var unchanged = after is null || !after.Succeeded ? 0 : after.Resources.Count(r => r.Type != "pulumi:pulumi:Stack" && !changes.ContainsKey(r.Urn));

        var config = new List<ConfigChange>();
        var oldConfig = before?.Config ?? new Dictionary<string, string>();
        var newConfig = after?.Config ?? new Dictionary<string, string>();
        if (before is not null && after is not null)
        {
            foreach (var key in oldConfig.Keys.Union(newConfig.Keys).Order(StringComparer.Ordinal))
            {
                var (old, current) = (oldConfig.GetValueOrDefault(key), newConfig.GetValueOrDefault(key));
                if (old != current)
                    config.Add(new ConfigChange(key, old, current));
            }
            if (config.Count > 0 && status == "unchanged")
                status = "changed";
        }

        static string Key(Finding f) => $"{f.Severity}|{f.Rule}|{f.Resource}|{f.Message}";
        var oldFindings = (before?.Findings ?? Array.Empty<Finding>()).ToList();
        var newFindings = (after?.Findings ?? Array.Empty<Finding>()).ToList();
        var added = newFindings.Where(f => oldFindings.All(o => Key(o) != Key(f))).ToList();
        var removed = oldFindings.Where(f => newFindings.All(n => Key(n) != Key(f))).ToList();
        if ((added.Count > 0 || removed.Count > 0 || before?.MonthlyCost != after?.MonthlyCost) && status == "unchanged")
            status = "changed";
        // A stack that did not plan has no cost or budget to compare.
        var planned = after is null || after.Succeeded;
        return new StackDiff(stack, status, ordered, unchanged, config,
            planned ? before?.MonthlyCost : null, planned ? after?.MonthlyCost : null,
            planned ? before?.Budget : null, planned ? after?.Budget : null, added, removed)
        {
            NewlyUnpriced = planned && after is not null ? after.Unpriced.Except(before?.Unpriced ?? Array.Empty<string>()).ToList() : Array.Empty<string>(),
            CostIncompleteBefore = before is { Unpriced.Count: > 0 },
            CostIncompleteAfter = planned && after is { Unpriced.Count: > 0 },
        };
    }

    /// <summary>The top-level input of a path (<c>aliases[0].name</c> → <c>aliases</c>).</summary>
    public static string TopLevel(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var end = path.IndexOfAny(new[] { '.', '[' });
        return end < 0 ? path : path[..end];
    }

    /// <summary>The value at a path (<c>key</c>, <c>key.child</c>, <c>key[0]</c>), or null.</summary>
    public static object? ValueAt(IReadOnlyDictionary<string, object?> values, string path)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(path);
        object? current = values;
        var i = 0;
        while (i < path.Length && current is not null)
        {
            if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                var index = int.Parse(path[(i + 1)..close], CultureInfo.InvariantCulture);
                current = current is IReadOnlyList<object?> list && index < list.Count ? list[index] : null;
                i = close + 1;
                continue;
            }
            if (path[i] == '.')
                i++;
            var end = path.IndexOfAny(new[] { '.', '[' }, i);
            var key = end < 0 ? path[i..] : path[i..end];
            current = current is IReadOnlyDictionary<string, object?> map ? map.GetValueOrDefault(key) : null;
            i = end < 0 ? path.Length : end;
        }
        return current;
    }
}
