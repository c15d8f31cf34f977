using System.Text.RegularExpressions;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace MultiRegionInfra.Tests.Docs;

/// <summary>The keys the program reads, the keys Pulumi.yaml declares and the keys the README documents
/// are the same set, so the documentation stays true.</summary>
public class ConfigurationDocsTests
{
    private static IReadOnlySet<string> DeclaredKeys()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(TempProject.RepositoryRoot, "Pulumi.yaml")))
            stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var config = (YamlMappingNode)root.Children[new YamlScalarNode("config")];
        foreach (var (_, declaration) in config.Children)
        {
            var entry = (YamlMappingNode)declaration;
            Assert.Contains(((YamlScalarNode)entry.Children[new YamlScalarNode("type")]).Value, new[] { "string", "integer", "boolean", "array" });
            Assert.False(string.IsNullOrWhiteSpace(((YamlScalarNode)entry.Children[new YamlScalarNode("description")]).Value));
        }
        return config.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
    }

    private static IReadOnlySet<string> ReadKeys()
    {
        var regional = new ConfigReader("multi-region-infra", AwsMocks.PrimaryConfig());
        RegionalSettings.Read(regional, "us-east", "us-east-1");
        var global = new ConfigReader("multi-region-infra", GlobalMocks.Config());
        GlobalSettings.Read(global, "global", "us-east-1");
        return regional.KnownKeys.Concat(global.KnownKeys).Where(k => !k.Contains(':', StringComparison.Ordinal)).ToHashSet();
    }

    [Fact]
    public void Pulumi_yaml_declares_exactly_the_keys_the_program_reads()
    {
        var declared = DeclaredKeys();
        var read = ReadKeys();
        Assert.Empty(read.Except(declared));
        Assert.Empty(declared.Except(read));
        Assert.True(read.Count > 40);
    }

    [Fact]
    public void The_readme_documents_every_declared_key()
    {
        var readme = File.ReadAllText(Path.Combine(TempProject.RepositoryRoot, "README.md"));
        var documented = Regex.Matches(readme, @"^\| `([A-Za-z0-9.]+)` \| (string|integer|boolean|array)", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(DeclaredKeys().Order(), documented.Order());
    }

    [Fact]
    public void The_stack_files_use_only_declared_keys_of_their_kind()
    {
        var declared = DeclaredKeys();
        foreach (var file in Directory.GetFiles(TempProject.RepositoryRoot, "Pulumi.*.yaml"))
        {
            var keys = File.ReadAllLines(file).Select(l => Regex.Match(l, @"^  multi-region-infra:([A-Za-z0-9.]+):")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(keys);
            Assert.All(keys, k => Assert.Contains(k, declared));
        }
    }
}

/// <summary>The README's rule table is the policy set.</summary>
public class PolicyDocsTests
{
    [Fact]
    public void The_readme_lists_every_rule_with_its_severity_and_scanner_ids()
    {
        var readme = File.ReadAllText(Path.Combine(TempProject.RepositoryRoot, "README.md"));
        var rows = Regex.Matches(readme, @"^\| (MRI-[A-Z0-9]+-\d\d) \| (\w+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", RegexOptions.Multiline)
            .Select(m => string.Join(" | ", m.Groups.Values.Skip(1).Select(g => g.Value.Trim())))
            .ToList();
        var expected = MultiRegionInfra.Policies.PolicySet.All
            .Select(r => string.Join(" | ", r.Id, r.Severity.ToString().ToLowerInvariant(), r.Checks, r.Checkov, r.Trivy, r.AwsGuard))
            .ToList();
        Assert.Equal(expected, rows);
    }
}
