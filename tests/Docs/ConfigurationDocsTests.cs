using System.Text.RegularExpressions;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Tests.Support;
using MultiRegionInfra.Stacks.Docs;
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

/// <summary>The README's tables of keys, exports, service variables and rules are the code's, as
/// <c>dotnet run --project stacks -- docs</c> renders them.</summary>
public class ReadmeSectionsTests
{
    [Fact]
    public void The_readmes_generated_sections_are_current()
    {
        var readme = File.ReadAllText(Path.Combine(TempProject.RepositoryRoot, "README.md"));
        var sections = ReadmeSections.Render(TempProject.RepositoryRoot);
        Assert.Equal(new[] { "configuration", "global-exports", "policy-rules", "regional-exports", "service-variables" }, sections.Keys.Order());
        Assert.Empty(ReadmeSections.Stale(readme, sections));
    }

    [Fact]
    public void Every_declared_key_has_a_row_with_its_type_and_default()
    {
        var table = ReadmeSections.Render(TempProject.RepositoryRoot)["configuration"];
        Assert.Contains("| `app.port` | integer | Regional | 8080 | The port the service listens on (the container's port, also given as PORT), 1024 to 65535 |", table);
        Assert.Contains("| `app.environment` | array&lt;string&gt; | Regional | none |", table);
        Assert.Contains("| `regions` | array&lt;string&gt; | Required (global) |  |", table);
        Assert.Equal(ReadmeSections.ReadConfigKeys(Path.Combine(TempProject.RepositoryRoot, "Pulumi.yaml")).Count, table.Split('\n').Count(l => l.StartsWith("| `", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_stale_section_is_named_and_rewritten_in_place()
    {
        var sections = new Dictionary<string, string> { ["rules"] = "| new |\n" };
        const string readme = "intro\n<!-- generated:rules from code -->\n| old |\n<!-- end:rules -->\noutro\n";
        Assert.Equal(new[] { "rules" }, ReadmeSections.Stale(readme, sections));
        Assert.Equal("intro\n<!-- generated:rules from code -->\n| new |\n<!-- end:rules -->\noutro\n", ReadmeSections.Apply(readme, sections));
        var missing = Assert.Throws<InvalidDataException>(() => ReadmeSections.Apply("no markers", sections));
        Assert.Contains("README.md has no generated section 'rules'", missing.Message);
    }

    [Fact]
    public void The_exports_table_lists_every_contract_output_with_its_type()
    {
        var table = ReadmeSections.ExportsTable(MultiRegionInfra.Contracts.RegionalContract.All);
        Assert.Contains("| `dbPort` | number | always | The database port |", table);
        Assert.Contains("| `availabilityZones` | list of strings | always |", table);
        Assert.Contains("| `dbGlobalClusterId` | string | on an Aurora primary |", table);
        Assert.Equal(MultiRegionInfra.Contracts.RegionalContract.All.Count, table.Split('\n').Count(l => l.StartsWith("| `", StringComparison.Ordinal)));
    }
}
