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
            : throw new StackFileException("Pulumi.yaml: has no name; allowed: name: <project>, as pulumi new writes it");
    }

    /// <summary>Every stack file at the project root, by stack name. Every file is read before any
    /// problem is reported, so a person sees all the broken files at once.</summary>
    /// <exception cref="StackFileException">A file cannot be read or is not a stack file.</exception>
    public static IReadOnlyList<StackFile> Discover(string root)
    {
        var files = new List<StackFile>();
        var problems = new List<string>();
        foreach (var name in Directory.GetFiles(root, "Pulumi.*.yaml")
                     .Select(path => System.IO.Path.GetFileName(path))
                     .Where(file => file != "Pulumi.yaml")
                     .Select(file => file["Pulumi.".Length..^".yaml".Length])
                     .OrderBy(name => name, StringComparer.Ordinal))
        {
            try
            {
                files.Add(Read(root, name));
            }
            catch (StackFileException exception)
            {
                problems.AddRange(exception.Problems);
            }
        }
        if (problems.Count > 0)
            throw new StackFileException(problems);
        return files;
    }

    /// <exception cref="StackFileException">The file cannot be read or is not a stack file.</exception>
    public static StackFile Read(string root, string stack)
    {
        var path = System.IO.Path.Combine(root, $"Pulumi.{stack}.yaml");
        var file = System.IO.Path.GetFileName(path);
        if (!File.Exists(path))
            throw new StackFileException($"{file}: cannot be read (no such file; a link to a missing file?)");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var yaml = Load(path);
        if (yaml.Children.TryGetValue(new YamlScalarNode("config"), out var config))
        {
            if (config is YamlMappingNode mapping)
            {
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { Length: > 0 } name })
                    {
                        problems.Add($"{file}: line {key.Start.Line}: a config key is not a plain name; allowed: namespace:key, e.g. aws:region");
                        continue;
                    }
                    var cleaned = ConfigSource.CleanKey(name);
                    values[cleaned] = ToConfigString(value);
                    // `pulumi config set --secret` writes the value as {secure: <ciphertext>}.
                    if (value is YamlMappingNode { Children.Count: 1 } secret && secret.Children.ContainsKey(new YamlScalarNode("secure")))
                        secrets.Add(cleaned);
                }
            }
            else if (config is not YamlScalarNode { Value: null or "" })
            {
                problems.Add($"{file}: line {config.Start.Line}: config is not a mapping of keys to values; allowed: config: followed by indented namespace:key: value lines");
            }
        }
        if (problems.Count > 0)
            throw new StackFileException(problems);
        return new StackFile(stack, path, new ConfigSource(values, secrets));
    }

    private static YamlMappingNode Load(string path)
    {
        var file = System.IO.Path.GetFileName(path);
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new StackFileException($"{file}: line {exception.End.Line}: not valid YAML ({exception.Message})");
        }
        catch (FileNotFoundException)
        {
            throw new StackFileException($"{file}: cannot be read (no such file; a link to a missing file?)");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StackFileException($"{file}: cannot be read ({exception.Message})");
        }
        if (stream.Documents.Count == 0)
            return new YamlMappingNode();
        return stream.Documents[0].RootNode switch
        {
            YamlMappingNode root => root,
            YamlScalarNode { Value: null or "" } => new YamlMappingNode(),
            var other => throw new StackFileException($"{file}: line {other.Start.Line}: is not a stack file (its top level is not a mapping); allowed: a config: section, as pulumi config set writes it"),
        };
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

/// <summary>Stack files that cannot be read or are not stack files: each problem names the file (and the line).</summary>
public sealed class StackFileException : Exception
{
    public StackFileException(IReadOnlyList<string> problems)
        : base(string.Join("\n", problems)) => Problems = problems;

    public StackFileException(string problem)
        : this(new[] { problem })
    {
    }

    public IReadOnlyList<string> Problems { get; }
}
