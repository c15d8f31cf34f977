using Pulumi;

namespace MultiRegionInfra.Naming;

/// <summary>Who a stack's resources belong to; the one source of their tags and display names.</summary>
/// <param name="Application">The application, the project's name.</param>
/// <param name="Environment">dev, staging or prod.</param>
/// <param name="Region">The AWS region, e.g. us-east-1.</param>
/// <param name="StackName">The Pulumi stack, e.g. us-east.</param>
/// <param name="ExtraTags">The stack's own tags, added after the standard ones.</param>
public sealed record StackContext(string Application, string Environment, string Region, string StackName, IReadOnlyDictionary<string, string> ExtraTags)
{
    /// <summary>The standard tag keys, in the order they are applied; stack tags may not redefine them.</summary>
    public static readonly IReadOnlyList<string> StandardTagKeys = new[] { "Name", "Application", "Environment", "Region", "Stack" };

    /// <summary>The tags of a resource: Name, Application, Environment, Region, Stack, then the stack's own.</summary>
    public IReadOnlyDictionary<string, string> TagValues(string name)
    {
        var tags = new Dictionary<string, string>
        {
            ["Name"] = DisplayName(name),
            ["Application"] = Application,
            ["Environment"] = Environment,
            ["Region"] = Region,
            ["Stack"] = StackName,
        };
        foreach (var (key, value) in ExtraTags.Where(t => !StandardTagKeys.Contains(t.Key)))
            tags[key] = value;
        return tags;
    }

    /// <summary><see cref="TagValues"/> as a provider input.</summary>
    public InputMap<string> Tags(string name)
    {
        var map = new InputMap<string>();
        foreach (var (key, value) in TagValues(name))
            map.Add(key, value);
        return map;
    }

    /// <summary>The human-facing name (the Name tag): application, stack and part. It may change
    /// freely: logical resource names never depend on it.</summary>
    public string DisplayName(string part) => ResourceNames.Join(Application, StackName, part);
}
