using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>Prints plans the way `pulumi preview` shows one: the resource tree in registration order with
/// short type tokens and the inputs that matter, the stack outputs (values known only after deployment
/// as <c>output&lt;string&gt;</c>), the analysis, the findings and a closing summary; as text for a
/// terminal or a log, or as markdown.</summary>
public static class PlanRenderer
{
    /// <summary>The few inputs worth a glance, per type.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> KeyInputs = new Dictionary<string, string[]>
    {
        ["aws:ec2/vpc:Vpc"] = new[] { "cidrBlock" },
        ["aws:ec2/subnet:Subnet"] = new[] { "cidrBlock", "availabilityZone" },
        ["aws:ec2/route:Route"] = new[] { "destinationCidrBlock" },
        ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"] = new[] { "fromPort", "cidrIpv4", "cidrIpv6", "prefixListId" },
        ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"] = new[] { "fromPort", "cidrIpv4" },
        ["aws:ec2/launchTemplate:LaunchTemplate"] = new[] { "instanceType", "imageId" },
        ["aws:autoscaling/group:Group"] = new[] { "minSize", "desiredCapacity", "maxSize" },
        ["aws:lb/loadBalancer:LoadBalancer"] = new[] { "loadBalancerType", "enableDeletionProtection" },
        ["aws:lb/listener:Listener"] = new[] { "port", "protocol", "sslPolicy" },
        ["aws:lb/targetGroup:TargetGroup"] = new[] { "port", "protocol" },
        ["aws:acm/certificate:Certificate"] = new[] { "domainName" },
        ["aws:rds/instance:Instance"] = new[] { "instanceClass", "engineVersion", "multiAz", "replicateSourceDb" },
        ["aws:kms/key:Key"] = new[] { "enableKeyRotation" },
        ["aws:cloudwatch/logGroup:LogGroup"] = new[] { "retentionInDays" },
        ["aws:cloudwatch/metricAlarm:MetricAlarm"] = new[] { "metricName", "threshold" },
        ["aws:synthetics/canary:Canary"] = new[] { "name", "schedule", "runtimeVersion" },
        ["aws:route53/healthCheck:HealthCheck"] = new[] { "fqdn", "requestInterval", "failureThreshold" },
        ["aws:route53/record:Record"] = new[] { "name", "type", "setIdentifier" },
        ["aws:cloudfront/distribution:Distribution"] = new[] { "priceClass", "httpVersion" },
        ["aws-native:dynamodb:GlobalTable"] = new[] { "tableName", "billingMode" },
        ["cloudflare:index/loadBalancer:LoadBalancer"] = new[] { "name", "steeringPolicy" },
        ["cloudflare:index/loadBalancerPool:LoadBalancerPool"] = new[] { "name" },
        ["pulumi:pulumi:StackReference"] = new[] { "name" },
    };

    /// <summary>One line of the resource tree.</summary>
    /// <param name="Resource">The resource.</param>
    /// <param name="Branch">The tree's guide before its type (<c>│  ├─ </c>).</param>
    /// <param name="Continuation">The guide on further lines of the same row (under its branch).</param>
    public sealed record TreeRow(PlannedResource Resource, string Branch, string Continuation);

    /// <summary>The resources as a tree, depth first, children in the order the plan holds them.</summary>
    public static IReadOnlyList<TreeRow> Tree(IReadOnlyList<PlannedResource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var children = resources.Where(r => r.Parent is not null).ToLookup(r => r.Parent!);
        var rows = new List<TreeRow>();
        void Visit(PlannedResource resource, string indent, bool last, bool root)
        {
            var kids = children[resource.Urn].ToList();
            var childIndent = root ? "" : indent + (last ? "   " : "│  ");
            var branch = root ? "" : indent + (last ? "└─ " : "├─ ");
            rows.Add(new TreeRow(resource, branch, childIndent + (kids.Count > 0 ? "│" : "")));
            for (var i = 0; i < kids.Count; i++)
                Visit(kids[i], childIndent, i == kids.Count - 1, false);
        }
        foreach (var root in resources.Where(r => r.Parent is null))
            Visit(root, "", true, true);
        return rows;
    }

    /// <summary>The inputs worth a glance (modelled values masked), and where the resource lives when
    /// that is not the stack's region.</summary>
    public static IReadOnlyList<string> Info(PlannedResource resource, string stackRegion)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var modelled = resource.ModelledInputs.ToHashSet(StringComparer.Ordinal);
        var items = new List<string>();
        if (resource.Where.Length > 0 && resource.Where != stackRegion && resource.Where is not ("global" or "cloudflare"))
            items.Add($"region={resource.Where}");
        if (KeyInputs.TryGetValue(resource.Type, out var keys))
            items.AddRange(keys.Where(resource.Inputs.ContainsKey).Select(k => $"{k}={PlanValues.Shown(resource.Inputs[k], k, modelled)}"));
        return items;
    }

    /// <summary>Writes one stack's plan to a terminal or a log.</summary>
    public static void Text(IAnsiConsole console, StackPlan plan, OutputStyle style, bool counts)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(style);
        console.Write(new Markup($"[bold]Stack {Markup.Escape(plan.Stack)}[/] ({Markup.Escape(Describe(plan))}), offline plan of {Markup.Escape(plan.Project)}\n"));
        if (plan.Resources.Count > 0)
        {
            console.WriteLine();
            console.Write(ResourceGrid(plan, style));
            WriteOutputs(console, plan);
        }
        foreach (var section in AnalysisRenderer.Sections(plan))
            WriteSection(console, section);
        WriteFindings(console, plan.Findings, style);
        console.WriteLine();
        console.Write(new Markup("[bold]Resources:[/]\n"));
        foreach (var line in Summary(plan))
            console.Write(new Markup($"    {Styled(Markup.Escape(line), style)}\n"));
        if (counts && plan.Resources.Count > 0)
            WriteSection(console, Counts(plan));
        console.WriteLine();
    }

    private static string Describe(StackPlan plan) => plan.Region.Length > 0 ? $"{plan.Kind}, {plan.Region}" : plan.Kind;

    private static Grid ResourceGrid(StackPlan plan, OutputStyle style)
    {
        var rows = Tree(plan.Resources);
        var typeWidth = rows.Max(r => r.Branch.Length + TypeTokens.Short(r.Resource.Type).Length);
        var nameWidth = rows.Max(r => r.Resource.Name.Length);
        const int opWidth = 3;
        const int gap = 2;
        // What is left for the inputs; a row whose inputs do not fit there shows one input a line.
        var infoWidth = Math.Max(style.Width - (1 + opWidth + 1 + typeWidth + gap + nameWidth + gap), 12);

        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap().Padding(1, 0, 1, 0).Width(opWidth));
        grid.AddColumn(new GridColumn().NoWrap().Padding(0, 0, gap, 0));
        grid.AddColumn(new GridColumn().NoWrap().Padding(0, 0, gap, 0));
        grid.AddColumn(new GridColumn().NoWrap().Padding(0, 0, 0, 0));
        grid.AddRow(new Text(""), new Markup("[bold]Type[/]"), new Markup("[bold]Name[/]"), new Markup("[bold]Info[/]"));
        foreach (var row in rows)
        {
            var resource = row.Resource;
            var info = Info(resource, plan.Region).ToList();
            if (resource.Protect && !style.Terminal)
                info.Insert(0, "protect");
            var oneLine = string.Join("  ", info);
            var type = new StringBuilder(row.Branch + TypeTokens.Short(resource.Type));
            // Inputs that do not fit beside the resource go on their own lines beneath it, indented.
            if (oneLine.Length > infoWidth)
            {
                foreach (var line in InfoLines(info, Math.Max(typeWidth - row.Continuation.Length - 3, 16)))
                    type.Append('\n').Append(row.Continuation.PadRight(row.Continuation.Length + 3)).Append(line);
                oneLine = "";
            }
            var op = style.Terminal ? (resource.Protect ? "[green]+[/]🔒" : "[green]+[/]") : "+";
            grid.AddRow(
                new Markup(op),
                new Markup(Styled(Markup.Escape(type.ToString()), style)),
                new Text(resource.Name),
                new Markup(Styled(Markup.Escape(oneLine), style)));
        }
        return grid;
    }

    /// <summary>A resource's inputs packed into lines of at most <paramref name="width"/> characters, two
    /// spaces apart; an input longer than a line continues on the next.</summary>
    public static IReadOnlyList<string> InfoLines(IReadOnlyList<string> items, int width)
    {
        ArgumentNullException.ThrowIfNull(items);
        var lines = new List<string>();
        var current = "";
        foreach (var item in items)
        {
            if (current.Length > 0 && current.Length + 2 + item.Length <= width)
            {
                current += "  " + item;
                continue;
            }
            if (current.Length > 0)
                lines.Add(current);
            current = item;
            while (current.Length > width)
            {
                lines.Add(current[..width]);
                current = current[width..];
            }
        }
        if (current.Length > 0)
            lines.Add(current);
        return lines;
    }

    private static void WriteOutputs(IAnsiConsole console, StackPlan plan)
    {
        if (plan.Outputs.Count == 0)
            return;
        var modelled = plan.ModelledOutputs.ToHashSet(StringComparer.Ordinal);
        WriteSection(console, new Section("Outputs", plan.Outputs.Select(p => new[] { p.Key, PlanValues.Shown(p.Value, p.Key, modelled) }).ToList(), NumberColumns: Array.Empty<int>()));
    }

    /// <summary>Writes a titled table, indented, its last column wrapping to the width.</summary>
    public static void WriteSection(IAnsiConsole console, Section section)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(section);
        console.WriteLine();
        console.Write(new Markup($"[bold]{Markup.Escape(section.Title)}:[/]\n"));
        var columns = section.Rows.Concat(section.Header is null ? Array.Empty<string[]>() : new[] { section.Header }).Max(r => r.Length);
        var grid = new Grid();
        for (var i = 0; i < columns; i++)
        {
            var column = new GridColumn().Padding(i == 0 ? 4 : 0, 0, i == columns - 1 ? 0 : 2, 0);
            if (i < columns - 1)
                column.NoWrap();
            if (section.RightAligned.Contains(i))
                column.RightAligned();
            grid.AddColumn(column);
        }
        if (section.Header is { } header)
            grid.AddRow(header.Select(h => (IRenderable)new Markup($"[bold]{Markup.Escape(h)}[/]")).ToArray());
        foreach (var row in section.Rows)
            grid.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        console.Write(grid);
    }

    private static void WriteFindings(IAnsiConsole console, IReadOnlyList<Finding> findings, OutputStyle style)
    {
        if (findings.Count == 0)
            return;
        console.WriteLine();
        console.Write(new Markup("[bold]Findings:[/]\n"));
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap().Padding(4, 0, 2, 0));
        grid.AddColumn(new GridColumn().Padding(0, 0, 0, 0));
        foreach (var finding in findings)
        {
            var colour = finding.Severity switch { Finding.Error => "red", Finding.Warning => "yellow", _ => "grey" };
            var label = style.Terminal ? $"[{colour}]{finding.Severity}[/]" : finding.Severity;
            grid.AddRow(new Markup(label), new Text($"[{finding.Rule}] {finding.Message}"));
        }
        console.Write(grid);
    }

    private static string Styled(string escapedLine, OutputStyle style)
    {
        if (!style.Terminal)
            return escapedLine;
        var line = escapedLine.Replace(ModelledValues.Placeholder, $"[dim]{ModelledValues.Placeholder}[/]", StringComparison.Ordinal);
        return line.StartsWith("+ ", StringComparison.Ordinal) ? $"[green]+[/]{line[1..]}" : line;
    }

    /// <summary>The closing lines of a stack, as `pulumi preview` ends: what it would do.</summary>
    public static IReadOnlyList<string> Summary(StackPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var lines = new List<string>();
        var errors = plan.Errors.Count();
        var warnings = plan.Warnings.Count();
        if (plan.Succeeded)
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"+ {plan.Resources.Count} to create"));
        else
            lines.Add($"FAILED: {Plural(errors, "error")}; fix them before anything is created");
        var protectedCount = plan.Resources.Count(r => r.Protect);
        if (plan.Succeeded && protectedCount > 0)
            lines.Add($"{protectedCount} protected (Pulumi refuses to delete them)");
        if (warnings > 0)
            lines.Add(Plural(warnings, "warning"));
        return lines;
    }

    /// <summary>The one-line total of a stack (the status line and the markdown use it).</summary>
    public static string Total(StackPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = plan.Errors.Count();
        var warnings = plan.Warnings.Count();
        return plan.Succeeded
            ? $"{plan.Stack}: + {plan.Resources.Count} to create, {Plural(warnings, "warning")}"
            : $"{plan.Stack}: FAILED with {Plural(errors, "error")}, {Plural(warnings, "warning")}";
    }

    public static string Plural(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    /// <summary>The resources by (short) type, for <c>--counts</c>.</summary>
    public static Section Counts(StackPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var rows = plan.Resources.GroupBy(r => TypeTokens.Short(r.Type)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new[] { g.Count().ToString(CultureInfo.InvariantCulture), g.Key }).ToList();
        return new Section("Resources by type", rows);
    }

    /// <summary>The closing summary of the whole plan.</summary>
    public static IReadOnlyList<string> Overall(IReadOnlyList<StackPlan> plans, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(errors);
        var planned = plans.Where(p => p.Succeeded).ToList();
        var failed = plans.Where(p => !p.Succeeded).ToList();
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"+ {planned.Sum(p => p.Resources.Count)} to create in {Plural(planned.Count, "stack")}") +
                (planned.Count > 1 ? $" ({string.Join(", ", planned.Select(p => $"{p.Stack} {p.Resources.Count}"))})" : ""),
        };
        if (failed.Count > 0)
            lines.Add($"FAILED: {string.Join(", ", failed.Select(p => $"{p.Stack} ({Plural(p.Errors.Count(), "error")})"))}");
        if (errors.Count > 0)
            lines.Add($"FAILED: {Plural(errors.Count, "cross-stack error")}");
        var warnings = plans.Sum(p => p.Warnings.Count());
        if (warnings > 0)
            lines.Add(Plural(warnings, "warning"));
        return lines;
    }

    /// <summary>Writes the whole plan's closing summary.</summary>
    public static void TextOverall(IAnsiConsole console, string project, IReadOnlyList<StackPlan> plans, IReadOnlyList<string> errors, OutputStyle style)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(style);
        console.Write(new Markup($"[bold]Plan of {Markup.Escape(project)}:[/]\n"));
        foreach (var error in errors)
            console.Write(new Markup($"    {(style.Terminal ? "[red]error[/]" : "error")}: {Markup.Escape(error)}\n"));
        foreach (var line in Overall(plans, errors))
            console.Write(new Markup($"    {Styled(Markup.Escape(line), style)}\n"));
    }

    /// <summary>One stack's plan as markdown (a pull-request comment, a file).</summary>
    public static string Markdown(StackPlan plan, bool counts)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Stack `{plan.Stack}` ({Describe(plan)})");
        text.AppendLine();
        if (plan.Resources.Count > 0)
        {
            text.AppendLine("| | Type | Name | Info |");
            text.AppendLine("|---|---|---|---|");
            foreach (var row in Tree(plan.Resources))
            {
                var resource = row.Resource;
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {(resource.Protect ? "+ 🔒" : "+")} | `{row.Branch}{TypeTokens.Short(resource.Type)}` | {Escape(resource.Name)} | {Escape(string.Join(" ", Info(resource, plan.Region)))} |");
            }
            text.AppendLine();
            if (plan.Outputs.Count > 0)
            {
                var modelled = plan.ModelledOutputs.ToHashSet(StringComparer.Ordinal);
                text.AppendLine("| Output | Value |");
                text.AppendLine("|---|---|");
                foreach (var (key, value) in plan.Outputs)
                    text.AppendLine(CultureInfo.InvariantCulture, $"| `{key}` | {Escape(PlanValues.Shown(value, key, modelled))} |");
                text.AppendLine();
            }
        }
        foreach (var section in AnalysisRenderer.Sections(plan))
            AppendSection(text, section);
        if (counts && plan.Resources.Count > 0)
            AppendSection(text, Counts(plan));
        foreach (var finding in plan.Findings)
            text.AppendLine(CultureInfo.InvariantCulture, $"- **{finding.Severity}** [{finding.Rule}] {Escape(finding.Message)}");
        if (plan.Findings.Count > 0)
            text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**{string.Join("; ", Summary(plan))}**");
        return text.ToString();
    }

    /// <summary>A section as a markdown table under a bold title.</summary>
    public static void AppendSection(StringBuilder text, Section section)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(section);
        var columns = section.Rows.Concat(section.Header is null ? Array.Empty<string[]>() : new[] { section.Header }).Max(r => r.Length);
        text.AppendLine(CultureInfo.InvariantCulture, $"**{Escape(section.Title)}**");
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", Enumerable.Range(0, columns).Select(i => section.Header is { } h && i < h.Length ? Escape(h[i]) : "")) + " |");
        text.AppendLine("|" + string.Concat(Enumerable.Range(0, columns).Select(i => section.RightAligned.Contains(i) ? "---:|" : "---|")));
        foreach (var row in section.Rows)
            text.AppendLine("| " + string.Join(" | ", row.Select(Escape)) + " |");
        text.AppendLine();
    }

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("|", "\\|", StringComparison.Ordinal);
    }
}
