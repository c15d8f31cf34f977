using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>Prints a <see cref="Comparison"/>: text for a terminal or a log, markdown for a pull-request
/// comment, JSON for tools.</summary>
public static class DiffRenderer
{
    // Long values (policy documents, dashboards) are cut in text and markdown; the JSON has them whole.
    private const int ValueWidth = 60;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(Comparison comparison, string format, OutputStyle style, string baseName)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(style);
        return format switch
        {
            "json" => JsonSerializer.Serialize(ToJson(comparison, baseName), Json) + "\n",
            "markdown" => Markdown(comparison, baseName),
            _ => Text(comparison, style, baseName),
        };
    }

    /// <summary>Pulumi's symbol for a change.</summary>
    public static string Symbol(ChangeKind kind) => kind switch
    {
        ChangeKind.Create => "+",
        ChangeKind.Update => "~",
        ChangeKind.Replace => "+-",
        _ => "-",
    };

    public static string Verb(ChangeKind kind) => kind switch
    {
        ChangeKind.Create => "create",
        ChangeKind.Update => "update",
        ChangeKind.Replace => "replace",
        _ => "delete",
    };

    /// <summary>The counts of a stack or of everything, as `pulumi preview` sums up (<c>+ 85 to create</c>).</summary>
    public static string Counts(Func<ChangeKind, int> count)
    {
        ArgumentNullException.ThrowIfNull(count);
        var parts = Enum.GetValues<ChangeKind>().Where(k => count(k) > 0).Select(k => string.Create(CultureInfo.InvariantCulture, $"{Symbol(k)} {count(k)} to {Verb(k)}")).ToList();
        return parts.Count == 0 ? "no resource changes" : string.Join(", ", parts);
    }

    /// <summary>A monthly cost change: <c>$512.34 → $700.12 (+$187.78 a month)</c>; an estimate that leaves
    /// something out is a lower bound (<c>≥ $700.12</c>) and the change is then not known exactly.</summary>
    public static string Cost(decimal? before, decimal? after, bool incompleteBefore = false, bool incompleteAfter = false)
    {
        static string Usd(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        static string Amount(decimal? value, bool incomplete) => value is null ? "none" : Costs.CostTotal.Cell(value.Value, !incomplete);
        var change = (after ?? 0) - (before ?? 0);
        var sign = change >= 0 ? "+" : "-";
        var delta = incompleteBefore || incompleteAfter ? "change unknown: an estimate is incomplete" : $"{sign}${Usd(Math.Abs(change))} a month";
        return $"{Amount(before, incompleteBefore)} → {Amount(after, incompleteAfter)} ({delta})";
    }

    private static string Cost(StackDiff stack) => Cost(stack.CostBefore, stack.CostAfter, stack.CostIncompleteBefore, stack.CostIncompleteAfter);

    /// <summary>A failover budget change: <c>90 s → 900 s (RTO 300 s: meets → EXCEEDS)</c>.</summary>
    public static string? Budget(PlanDocument.BudgetSummary? before, PlanDocument.BudgetSummary? after)
    {
        if (before == after)
            return null;
        static string Of(PlanDocument.BudgetSummary? b) => b is null ? "none" : $"{b.WorstSeconds} s {b.Strategy} ({(b.MeetsRto ? "meets" : "EXCEEDS")} RTO {b.RtoSeconds} s)";
        return $"{Of(before)} → {Of(after)}";
    }

    /// <summary>A value on one line, cut to a readable width.</summary>
    public static string Value(object? value)
    {
        if (value is null)
            return "(not set)";
        var text = PlanValues.Show(value);
        return text.Length <= ValueWidth ? text : text[..(ValueWidth - 1)] + "…";
    }

    private static string Change(PropertyChange change) =>
        $"{change.Name}: {Value(change.Before)} → {Value(change.After)}{(change.Replaces ? " (forces replacement)" : "")}";

    private static string Text(Comparison comparison, OutputStyle style, string baseName)
    {
        using var buffer = new StringWriter();
        var console = style.Console(buffer);
        console.Write(new Markup($"[bold]Diff of {Markup.Escape(comparison.Project)}[/] against {Markup.Escape(baseName)} (offline plans; {ModelledValues.Placeholder}: known only after deployment)\n"));
        foreach (var stack in comparison.Stacks)
        {
            console.WriteLine();
            console.Write(new Markup($"[bold]Stack {Markup.Escape(stack.Stack)}[/]: {Markup.Escape(Headline(stack))}\n"));
            // A new or removed stack is all creations or deletions: its headline says how many.
            if (stack.Status is "changed" && stack.Changes.Count > 0)
            {
                var grid = new Grid();
                grid.AddColumn(new GridColumn().NoWrap().Padding(4, 0, 2, 0));
                grid.AddColumn(new GridColumn().NoWrap().Padding(0, 0, 2, 0));
                grid.AddColumn(new GridColumn().Padding(0, 0, 2, 0));
                grid.AddColumn(new GridColumn().Padding(0, 0, 0, 0));
                foreach (var change in stack.Changes)
                {
                    var colour = change.Kind switch { ChangeKind.Create => "green", ChangeKind.Update => "yellow", ChangeKind.Replace => "magenta", _ => "red" };
                    var symbol = style.Terminal ? $"[{colour}]{Markup.Escape(Symbol(change.Kind))}[/]" : Markup.Escape(Symbol(change.Kind));
                    grid.AddRow(new Markup(symbol), new Text(TypeTokens.Short(change.Type)), new Text(change.Name),
                        new Text(change.Properties.Count == 0 ? Verb(change.Kind) : string.Join("\n", change.Properties.Select(Change))));
                }
                console.Write(grid);
            }
            foreach (var line in Details(stack))
                console.Write(new Markup($"    {Markup.Escape(line)}\n"));
        }
        console.WriteLine();
        console.Write(new Markup("[bold]Resources:[/]\n"));
        console.Write(new Markup($"    {Markup.Escape(Counts(comparison.Count))}\n"));
        console.Write(new Markup($"    {Markup.Escape(TotalCost(comparison))}\n"));
        return string.Join("\n", buffer.ToString().Split('\n').Select(l => l.TrimEnd(' ')));
    }

    private static string TotalCost(Comparison comparison)
    {
        var change = comparison.CostChange;
        return string.Create(CultureInfo.InvariantCulture, $"monthly cost {(change >= 0 ? "+" : "-")}${Math.Abs(change):0.00} a month") +
            (comparison.CostIncomplete ? " among priced items (an estimate leaves items out: listed per stack)" : "");
    }

    private static string Headline(StackDiff stack) => stack.Status switch
    {
        "created" => $"new stack, {Counts(stack.Count)}",
        "deleted" => $"stack removed, {Counts(stack.Count)}",
        "failed" => "did not plan (see its errors); nothing to compare",
        "unchanged" => $"no changes ({stack.Unchanged} resources unchanged)",
        _ => $"{Counts(stack.Count)} ({stack.Unchanged} unchanged)",
    };

    /// <summary>The lines after a stack's resource changes: settings, cost, budget, findings.</summary>
    private static IEnumerable<string> Details(StackDiff stack)
    {
        foreach (var config in stack.Config)
            yield return $"config {config.Key}: {config.Before ?? "(not set)"} → {config.After ?? "(not set)"}";
        if (stack.CostBefore != stack.CostAfter)
            yield return $"monthly cost: {Cost(stack)}";
        foreach (var missing in stack.NewlyUnpriced)
            yield return $"monthly cost leaves out {missing}: not in the price table";
        if (Budget(stack.BudgetBefore, stack.BudgetAfter) is { } budget)
            yield return $"failover budget: {budget}";
        foreach (var finding in stack.FindingsAdded)
            yield return $"new {finding.Severity}: [{finding.Rule}] {finding.Message}";
        foreach (var finding in stack.FindingsRemoved)
            yield return $"resolved {finding.Severity}: [{finding.Rule}] {finding.Message}";
    }

    private static string Markdown(Comparison comparison, string baseName)
    {
        var text = new StringBuilder();
        string Code(string value) => $"`{value.Replace("`", "'", StringComparison.Ordinal)}`";
        text.AppendLine(CultureInfo.InvariantCulture, $"## Plan diff of {comparison.Project}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"This branch's offline plan against `{baseName}` (the base branch's). `{ModelledValues.Placeholder}` marks values known only after deployment; secrets show as `[secret]`.");
        text.AppendLine();
        text.AppendLine("| Stack | Status | Create | Update | Replace | Delete | Monthly cost |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var stack in comparison.Stacks)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| `{stack.Stack}` | {stack.Status} | {stack.Count(ChangeKind.Create)} | {stack.Count(ChangeKind.Update)} | {stack.Count(ChangeKind.Replace)} | {stack.Count(ChangeKind.Delete)} | {(stack.CostBefore == stack.CostAfter && stack.CostIncompleteBefore == stack.CostIncompleteAfter ? "unchanged" : Cost(stack))} |");
        }
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| **total** | | {comparison.Count(ChangeKind.Create)} | {comparison.Count(ChangeKind.Update)} | {comparison.Count(ChangeKind.Replace)} | {comparison.Count(ChangeKind.Delete)} | {TotalCost(comparison)} |");
        text.AppendLine();
        foreach (var stack in comparison.Stacks.Where(s => s.Status != "unchanged"))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### `{stack.Stack}`: {PlanRenderer.Escape(Headline(stack))}");
            text.AppendLine();
            if (stack.Status is "created" or "deleted")
            {
                var kind = stack.Status == "created" ? ChangeKind.Create : ChangeKind.Delete;
                text.AppendLine("<details><summary>Resources by type</summary>");
                text.AppendLine();
                text.AppendLine("| | Count | Type |");
                text.AppendLine("|---|---:|---|");
                foreach (var group in stack.Changes.GroupBy(c => TypeTokens.Short(c.Type)).OrderBy(g => g.Key, StringComparer.Ordinal))
                    text.AppendLine(CultureInfo.InvariantCulture, $"| {Symbol(kind)} | {group.Count()} | `{group.Key}` |");
                text.AppendLine();
                text.AppendLine("</details>");
                text.AppendLine();
            }
            else if (stack.Changes.Count > 0)
            {
                text.AppendLine("| | Type | Name | Changes |");
                text.AppendLine("|---|---|---|---|");
                foreach (var change in stack.Changes)
                {
                    var properties = change.Properties.Count == 0 ? Verb(change.Kind)
                        : string.Join("<br>", change.Properties.Select(p =>
                            $"{Code(p.Name)}: {Code(Value(p.Before))} → {Code(Value(p.After))}{(p.Replaces ? " **forces replacement**" : "")}"));
                    text.AppendLine(CultureInfo.InvariantCulture,
                        $"| {Symbol(change.Kind)} {Verb(change.Kind)} | `{TypeTokens.Short(change.Type)}` | {PlanRenderer.Escape(change.Name)} | {PlanRenderer.Escape(properties)} |");
                }
                text.AppendLine();
            }
            foreach (var line in Details(stack))
                text.AppendLine(CultureInfo.InvariantCulture, $"- {PlanRenderer.Escape(line)}");
            if (Details(stack).Any())
                text.AppendLine();
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"**{Counts(comparison.Count)}; {TotalCost(comparison)}**");
        return text.ToString();
    }

    private static object ToJson(Comparison comparison, string baseName)
    {
        static Dictionary<string, object?>? Budget(PlanDocument.BudgetSummary? b) => b is null ? null : new Dictionary<string, object?>
        {
            ["strategy"] = b.Strategy,
            ["rtoSeconds"] = b.RtoSeconds,
            ["worstSeconds"] = b.WorstSeconds,
            ["meetsRto"] = b.MeetsRto,
        };
        static Dictionary<string, object?> Finding(Finding f) => new()
        {
            ["severity"] = f.Severity,
            ["rule"] = f.Rule,
            ["resource"] = f.Resource,
            ["message"] = f.Message,
        };
        Dictionary<string, object?> Summary(Func<ChangeKind, int> count) => Enum.GetValues<ChangeKind>().ToDictionary(k => Verb(k), k => (object?)count(k));
        return new Dictionary<string, object?>
        {
            ["project"] = comparison.Project,
            ["base"] = baseName,
            ["summary"] = Summary(comparison.Count),
            ["monthlyCostChange"] = comparison.CostChange,
            ["stacks"] = comparison.Stacks.Select(s => new Dictionary<string, object?>
            {
                ["stack"] = s.Stack,
                ["status"] = s.Status,
                ["summary"] = Summary(s.Count),
                ["unchanged"] = s.Unchanged,
                ["resources"] = s.Changes.Select(c => new Dictionary<string, object?>
                {
                    ["op"] = Verb(c.Kind),
                    ["urn"] = c.Urn,
                    ["type"] = c.Type,
                    ["name"] = c.Name,
                    ["properties"] = c.Properties.Select(p => new Dictionary<string, object?>
                    {
                        ["name"] = p.Name,
                        ["before"] = p.Before,
                        ["after"] = p.After,
                        ["replaces"] = p.Replaces,
                        ["why"] = p.Why,
                    }).ToList(),
                }).ToList(),
                ["config"] = s.Config.Select(c => new Dictionary<string, object?> { ["key"] = c.Key, ["before"] = c.Before, ["after"] = c.After }).ToList(),
                ["cost"] = new Dictionary<string, object?> { ["before"] = s.CostBefore, ["after"] = s.CostAfter, ["change"] = s.CostChange, ["complete"] = !(s.CostIncompleteBefore || s.CostIncompleteAfter), ["newlyUnpriced"] = s.NewlyUnpriced },
                ["budget"] = new Dictionary<string, object?> { ["before"] = Budget(s.BudgetBefore), ["after"] = Budget(s.BudgetAfter) },
                ["findings"] = new Dictionary<string, object?> { ["added"] = s.FindingsAdded.Select(Finding).ToList(), ["removed"] = s.FindingsRemoved.Select(Finding).ToList() },
            }).ToList(),
        };
    }
}
