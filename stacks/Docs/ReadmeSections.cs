using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MultiRegionInfra.Contracts;
using MultiRegionInfra.Policies;
using MultiRegionInfra.Service;
using YamlDotNet.RepresentationModel;

namespace MultiRegionInfra.Stacks.Docs;

/// <summary>The README's tables that the code declares: rendered from the declarations (Pulumi.yaml's
/// config section, <see cref="RegionalContract"/>, <see cref="ServiceParameters"/>, <see cref="PolicySet"/>)
/// and kept between <c>&lt;!-- generated:NAME --&gt;</c> markers, so the README never drifts from the
/// code: <c>dotnet run --project stacks -- docs</c> rewrites them, a test fails when they are stale.</summary>
public static partial class ReadmeSections
{
    /// <summary>One documented configuration key.</summary>
    public sealed record ConfigKey(string Name, string Type, string Stacks, string Default, string Meaning);

    /// <summary>The sections, by marker name.</summary>
    public static IReadOnlyDictionary<string, string> Render(string projectRoot)
    {
        ArgumentNullException.ThrowIfNull(projectRoot);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["configuration"] = ConfigurationTable(ReadConfigKeys(Path.Combine(projectRoot, "Pulumi.yaml"))),
            ["regional-exports"] = ExportsTable(RegionalContract.All),
            ["global-exports"] = ExportsTable(GlobalContract.All),
            ["service-variables"] = ServiceVariablesTable(),
            ["policy-rules"] = PolicyTable(),
        };
    }

    /// <summary>Every section: the code's tables and the architecture diagram, which is the one
    /// <c>plan</c> draws from the project's stack files (so it plans them, offline).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> RenderAllAsync(string projectRoot)
    {
        var sections = new Dictionary<string, string>(Render(projectRoot), StringComparer.Ordinal);
        var result = await Plan.PlanCommand.PlanAllAsync(projectRoot, Array.Empty<string>()).ConfigureAwait(false);
        var failed = result.Plans.Where(p => !p.Succeeded).Select(p => p.Stack).ToList();
        if (failed.Count > 0)
            throw new InvalidDataException($"the stack files do not plan ({string.Join(", ", failed)}); run plan to see why, then docs again");
        sections["topology"] = TopologySection(result.Plans);
        return sections;
    }

    /// <summary>The diagram as the README shows it.</summary>
    public static string TopologySection(IReadOnlyList<Plan.StackPlan> plans) => $"```mermaid\n{Plan.Topology.Mermaid(plans)}```\n";

    /// <summary>The README with every generated section replaced by its rendering.</summary>
    public static string Apply(string readme, IReadOnlyDictionary<string, string> sections)
    {
        ArgumentNullException.ThrowIfNull(readme);
        ArgumentNullException.ThrowIfNull(sections);
        foreach (var (name, body) in sections)
        {
            var pattern = new Regex($"(<!-- generated:{Regex.Escape(name)} [^\\n]*-->\\n).*?(<!-- end:{Regex.Escape(name)} -->)", RegexOptions.Singleline, TimeSpan.FromSeconds(5));
            if (!pattern.IsMatch(readme))
                throw new InvalidDataException($"README.md has no generated section '{name}' (<!-- generated:{name} ... --> ... <!-- end:{name} -->)");
            readme = pattern.Replace(readme, m => m.Groups[1].Value + body + m.Groups[2].Value, 1);
        }
        return readme;
    }

    /// <summary>The sections whose README text differs from the rendering.</summary>
    public static IReadOnlyList<string> Stale(string readme, IReadOnlyDictionary<string, string> sections) =>
        sections.Keys.Where(name => Apply(readme, new Dictionary<string, string> { [name] = sections[name] }) != readme).ToList();

    /// <summary>Pulumi.yaml's config keys. Each description is "Stacks. Meaning. Default: value." so the
    /// table's columns come from one text, the one <c>pulumi config</c> shows.</summary>
    public static IReadOnlyList<ConfigKey> ReadConfigKeys(string pulumiYaml)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(pulumiYaml))
            stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var config = (YamlMappingNode)root.Children[new YamlScalarNode("config")];
        return config.Children.Select(p =>
        {
            var name = ((YamlScalarNode)p.Key).Value!;
            var entry = (YamlMappingNode)p.Value;
            var type = ((YamlScalarNode)entry.Children[new YamlScalarNode("type")]).Value!;
            if (type == "array" && entry.Children.TryGetValue(new YamlScalarNode("items"), out var items) && items is YamlMappingNode itemType)
                type = $"array<{((YamlScalarNode)itemType.Children[new YamlScalarNode("type")]).Value}>";
            var description = ((YamlScalarNode)entry.Children[new YamlScalarNode("description")]).Value!;
            var match = Description().Match(description);
            if (!match.Success || !StacksVocabulary().IsMatch(match.Groups["stacks"].Value))
                throw new InvalidDataException($"Pulumi.yaml: the description of {name} is not \"Stacks. Meaning. Default: value.\": {description}");
            return new ConfigKey(name, type, match.Groups["stacks"].Value, match.Groups["default"].Value, match.Groups["meaning"].Value.Trim().TrimEnd('.'));
        }).ToList();
    }

    public static string ConfigurationTable(IReadOnlyList<ConfigKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var text = new StringBuilder("| key | type | stacks | default | meaning |\n|---|---|---|---|---|\n");
        foreach (var key in keys)
            text.Append(CultureInfo.InvariantCulture, $"| `{key.Name}` | {Cell(key.Type)} | {Cell(key.Stacks)} | {Cell(key.Default)} | {Cell(key.Meaning)} |\n");
        return text.ToString();
    }

    public static string ExportsTable(IReadOnlyList<IStackOutput> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var text = new StringBuilder("| output | type | when | what |\n|---|---|---|---|\n");
        foreach (var output in outputs)
            text.Append(CultureInfo.InvariantCulture, $"| `{output.Name}` | {output.TypeName} | {Cell(output.When)} | {Cell(output.Description)} |\n");
        return text.ToString();
    }

    public static string ServiceVariablesTable()
    {
        var text = new StringBuilder("| variable | from | published by | example | what |\n|---|---|---|---|---|\n");
        foreach (var parameter in ServiceParameters.All)
        {
            var publisher = parameter.Publisher == ParameterPublisher.RegionalStack ? "regional stack" : "global stack";
            text.Append(CultureInfo.InvariantCulture,
                $"| `{parameter.EnvironmentVariable}` | parameter `{parameter.Name}` | {publisher} | `{parameter.Example}` | {Cell(parameter.Description)} |\n");
        }
        foreach (var variable in ServiceParameters.InstanceVariables)
            text.Append(CultureInfo.InvariantCulture, $"| `{variable.Name}` | launch template | regional stack | `{variable.Example}` | {Cell(variable.Description)} |\n");
        return text.ToString();
    }

    public static string PolicyTable()
    {
        var text = new StringBuilder("| rule | severity | checks | Checkov | Trivy | AWSGuard |\n|---|---|---|---|---|---|\n");
        foreach (var rule in PolicySet.All)
            text.Append(CultureInfo.InvariantCulture, $"| {rule.Id} | {rule.Severity.ToString().ToLowerInvariant()} | {rule.Checks} | {rule.Checkov} | {rule.Trivy} | {rule.AwsGuard} |\n");
        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    // The first sentence says which stacks read the key: every stack, regional, global, or required ones.
    [GeneratedRegex(@"^(Every stack|Regional|Global|Required)\b")]
    private static partial Regex StacksVocabulary();

    [GeneratedRegex(@"^(?<stacks>[^.]+?)\. (?<meaning>.*?)(?:\s+Default: (?<default>.*?))?\.?$", RegexOptions.Singleline)]
    private static partial Regex Description();
}
