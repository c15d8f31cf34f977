using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>Prints plans: a resource tree the way `pulumi preview` shows one, counts by type, stack
/// outputs, findings, and a one-line total per stack; as text or as markdown.</summary>
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
        ["aws:route53/healthCheck:HealthCheck"] = new[] { "fqdn", "requestInterval", "failureThreshold" },
        ["aws:route53/record:Record"] = new[] { "name", "type", "setIdentifier" },
        ["aws:cloudfront/distribution:Distribution"] = new[] { "priceClass", "httpVersion" },
        ["aws-native:dynamodb:GlobalTable"] = new[] { "tableName", "billingMode" },
        ["cloudflare:index/loadBalancer:LoadBalancer"] = new[] { "name", "steeringPolicy" },
        ["cloudflare:index/loadBalancerPool:LoadBalancerPool"] = new[] { "name" },
        ["pulumi:pulumi:StackReference"] = new[] { "name" },
    };

    public static string Text(StackPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Stack {plan.Stack} ({plan.Project}, {plan.Kind}) - offline plan");
        if (plan.Resources.Count > 0)
        {
            var rows = Tree(plan).ToList();
            var typeWidth = rows.Max(r => r.Type.Length) + 2;
            var nameWidth = rows.Max(r => r.Name.Length) + 2;
            var whereWidth = Math.Max(rows.Max(r => r.Where.Length) + 2, 8);
            text.AppendLine(CultureInfo.InvariantCulture, $"     {"Type".PadRight(typeWidth)}{"Name".PadRight(nameWidth)}{"Where".PadRight(whereWidth)}Info");
            foreach (var row in rows)
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $" {(row.Protect ? "+🔒" : "+  ")} {row.Type.PadRight(typeWidth)}{row.Name.PadRight(nameWidth)}{row.Where.PadRight(whereWidth)}{row.Info}").TrimEnd());
            text.AppendLine();
            text.AppendLine("Resources by type:");
            foreach (var (type, count) in Counts(plan))
                text.Append("    ").Append(count.ToString(CultureInfo.InvariantCulture).PadLeft(4)).Append("  ").AppendLine(type);
            text.AppendLine();
            text.AppendLine("Outputs:");
            foreach (var (key, value) in plan.Outputs)
                text.AppendLine(CultureInfo.InvariantCulture, $"    {key}: {Show(value)}");
        }
        AnalysisRenderer.AppendText(text, plan);
        if (plan.Slo is { } slo)
        {
            text.AppendLine();
            text.AppendLine("Alarms per region (thresholds from the SLO):");
            foreach (var (alarm, threshold) in AnalysisRenderer.Alarms(slo))
                text.AppendLine(CultureInfo.InvariantCulture, $"    {alarm}: {threshold}");
        }
        text.AppendLine();
        foreach (var finding in plan.Findings)
            text.AppendLine(CultureInfo.InvariantCulture, $"{finding.Severity}: [{finding.Rule}] {finding.Message}");
        text.AppendLine(Total(plan));
        return text.ToString();
    }

    public static string Markdown(StackPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Stack `{plan.Stack}` ({plan.Kind})");
        text.AppendLine();
        if (plan.Resources.Count > 0)
        {
            text.AppendLine("| | Type | Name | Where | Info |");
            text.AppendLine("|---|---|---|---|---|");
            foreach (var row in Tree(plan))
                text.AppendLine(CultureInfo.InvariantCulture, $"| {(row.Protect ? "+ 🔒" : "+")} | `{row.Type.Trim()}` | {Escape(row.Name)} | {row.Where} | {Escape(row.Info)} |");
            text.AppendLine();
            text.AppendLine("| Type | Count |");
            text.AppendLine("|---|---|");
            foreach (var (type, count) in Counts(plan))
                text.AppendLine(CultureInfo.InvariantCulture, $"| `{type}` | {count} |");
            text.AppendLine();
            text.AppendLine("| Output | Value |");
            text.AppendLine("|---|---|");
            foreach (var (key, value) in plan.Outputs)
                text.AppendLine(CultureInfo.InvariantCulture, $"| `{key}` | {Escape(Show(value))} |");
            text.AppendLine();
        }
        var analysis = new StringBuilder();
        AnalysisRenderer.AppendText(analysis, plan);
        if (analysis.Length > 0)
        {
            text.AppendLine("```text");
            text.Append(analysis.ToString().TrimStart('\n', '\r'));
            text.AppendLine("```");
            text.AppendLine();
        }
        foreach (var finding in plan.Findings)
            text.AppendLine(CultureInfo.InvariantCulture, $"- **{finding.Severity}** [{finding.Rule}] {Escape(finding.Message)}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**{Total(plan)}**");
        return text.ToString();
    }

    /// <summary>The one-line total of a stack.</summary>
    public static string Total(StackPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = plan.Errors.Count();
        var warnings = plan.Warnings.Count();
        return plan.Succeeded
            ? $"{plan.Stack}: {plan.Resources.Count} resources to create ({plan.Resources.Select(r => r.Type).Distinct().Count()} types), {warnings} warning{(warnings == 1 ? "" : "s")}"
            : $"{plan.Stack}: FAILED with {errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}";
    }

    public static IEnumerable<(string Type, int Count)> Counts(StackPlan plan) =>
        plan.Resources.GroupBy(r => r.Type).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()));

    private sealed record Row(string Type, string Name, string Where, string Info, bool Protect);

    private static IEnumerable<Row> Tree(StackPlan plan)
    {
        var children = plan.Resources.Where(r => r.Parent is not null).ToLookup(r => r.Parent!);
        IEnumerable<Row> Visit(PlannedResource resource, string indent, bool last, bool root)
        {
            var branch = root ? "" : indent + (last ? "└─ " : "├─ ");
            yield return new Row(branch + resource.Type, resource.Name, resource.Where, Info(resource), resource.Protect);
            var kids = children[resource.Urn].ToList();
            var childIndent = root ? "" : indent + (last ? "   " : "│  ");
            for (var i = 0; i < kids.Count; i++)
            {
                foreach (var row in Visit(kids[i], childIndent, i == kids.Count - 1, false))
                    yield return row;
            }
        }
        return plan.Resources.Where(r => r.Parent is null).SelectMany(r => Visit(r, "", true, true));
    }

    private static string Info(PlannedResource resource) =>
        KeyInputs.TryGetValue(resource.Type, out var keys)
            ? string.Join(" ", keys.Where(resource.Inputs.ContainsKey).Select(k => $"{k}={Show(resource.Inputs[k])}"))
            : "";

    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value),
    };

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
