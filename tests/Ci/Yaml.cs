using YamlDotNet.RepresentationModel;

namespace MultiRegionInfra.Tests.Ci;

/// <summary>Reading YAML the way GitHub and Pulumi do: keys and values as the text they are.</summary>
internal static class Yaml
{
    /// <summary>The root mapping of a one-document YAML text.</summary>
    public static YamlMappingNode Parse(string text, string what)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(text))
            stream.Load(reader);
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new InvalidDataException($"{what}: expected one YAML document whose root is a mapping");
        return root;
    }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public static YamlNode? Get(this YamlMappingNode? mapping, string key)
    {
        if (mapping is null)
            return null;
        foreach (var (k, v) in mapping.Children)
            if (k is YamlScalarNode scalar && scalar.Value == key)
                return v;
        return null;
    }

    public static YamlMappingNode? Map(this YamlMappingNode? mapping, string key) => mapping.Get(key) as YamlMappingNode;

    /// <summary>A scalar's text, or null (also for a YAML null such as <c>key:</c> with no value).</summary>
    public static string? Text(this YamlMappingNode? mapping, string key) => (mapping.Get(key) as YamlScalarNode)?.Value;

    /// <summary>A scalar or a sequence of scalars as a list (a missing key is an empty list).</summary>
    public static IReadOnlyList<string> Texts(this YamlMappingNode? mapping, string key) => mapping.Get(key) switch
    {
        YamlScalarNode scalar when !string.IsNullOrEmpty(scalar.Value) => [scalar.Value],
        YamlSequenceNode sequence => [.. sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")],
        _ => [],
    };

    /// <summary>The mapping's entries with scalar keys, in file order.</summary>
    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlMappingNode? mapping) =>
        mapping is null
            ? []
            : mapping.Children.Where(c => c.Key is YamlScalarNode).Select(c => (((YamlScalarNode)c.Key).Value ?? "", c.Value));

    /// <summary>Every scalar under <paramref name="node"/>, keys included, depth first.</summary>
    public static IEnumerable<string> Scalars(YamlNode? node) => node switch
    {
        YamlScalarNode scalar => scalar.Value is { } value ? [value] : [],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        YamlMappingNode mapping => mapping.Children.SelectMany(c => Scalars(c.Key).Concat(Scalars(c.Value))),
        _ => [],
    };
}
