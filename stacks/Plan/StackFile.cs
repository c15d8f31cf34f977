using System.Text.Json;
using MultiRegionInfra.Configuration;
using YamlDotNet.RepresentationModel;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>One <c>Pulumi.&lt;stack&gt;.yaml</c>: its stack name and configuration, read the way the Pulumi
/// CLI hands configuration to the program (every value a string; lists and maps as JSON).</summary>
public sealed record StackFile(string Name, string Path, ConfigSource Config)
{
    /// <summary>The folder of Pulumi.yaml at or above <paramref name="start"/>.</summary>
    public static string FindProjectRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Pulumi.yaml")))
                return directory.FullName;
        }
        throw new FileNotFoundException($"no Pulumi.yaml in {start} or above it; run plan inside the project");
    }

    /// <summary>The project's name from Pulumi.yaml.</summary>
    public static string ReadProjectName(string root)
    {
        var yaml = Load(System.IO.Path.Combine(root, "Pulumi.yaml"));
        return yaml.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode scalar && scalar.Value is { } value
            ? value
            : throw new InvalidDataException("Pulumi.yaml has no name");
    }

    /// <summary>Every stack file at the project root, by stack name.</summary>
    public static IReadOnlyList<StackFile> Discover(string root) =>
        Directory.GetFiles(root, "Pulumi.*.yaml")
            .Select(path => System.IO.Path.GetFileName(path))
            .Where(file => file != "Pulumi.yaml")
            .Select(file => file["Pulumi.".Length..^".yaml".Length])
            .OrderBy(name => name, StringComparer.Ordinal)
            .Select(name => Read(root, name))
            .ToList();

    public static StackFile Read(string root, string stack)
    {
        var path = System.IO.Path.Combine(root, $"Pulumi.{stack}.yaml");
        if (!File.Exists(path))
            throw new FileNotFoundException($"stack '{stack}' has no stack file ({path})");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var yaml = Load(path);
        if (yaml.Children.TryGetValue(new YamlScalarNode("config"), out var config) && config is YamlMappingNode mapping)
        {
            foreach (var (key, value) in mapping.Children)
                values[ConfigSource.CleanKey(((YamlScalarNode)key).Value!)] = ToConfigString(value);
        }
        return new StackFile(stack, path, new ConfigSource(values));
    }

    private static YamlMappingNode Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new InvalidDataException($"{System.IO.Path.GetFileName(path)}: line {exception.Start.Line}: not valid YAML ({exception.Message})", exception);
        }
        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root ? root : new YamlMappingNode();
    }

    private static string ToConfigString(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? "",
        _ => JsonSerializer.Serialize(ToPlain(node)),
    };

    private static object? ToPlain(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode sequence => sequence.Children.Select(ToPlain).ToList(),
        YamlMappingNode mapping => mapping.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ToPlain(p.Value)),
        _ => null,
    };
}
