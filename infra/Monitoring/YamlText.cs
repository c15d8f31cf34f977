using YamlDotNet.Serialization;

namespace MultiRegionInfra.Monitoring;

/// <summary>The YAML documents the program writes for Prometheus (its configuration, rule files, the
/// alert manager's definition), from maps and lists whose keys are Prometheus's own, so YamlDotNet does
/// the quoting of PromQL and templates.</summary>
public static class YamlText
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .DisableAliases()
        .Build();

    public static string Serialize(object document) => Serializer.Serialize(document ?? throw new ArgumentNullException(nameof(document)));
}
