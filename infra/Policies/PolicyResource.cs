using System.Collections;
using System.Globalization;

namespace MultiRegionInfra.Policies;

/// <summary>A resource as the policies see it: what the program sent the provider (inputs in their wire
/// form: strings, numbers, booleans, lists, maps), plus its ID and its Pulumi options.</summary>
/// <param name="Type">The type token, e.g. aws:rds/instance:Instance.</param>
/// <param name="Name">The logical name.</param>
/// <param name="Id">The ID the provider assigned (in a plan or test, the mocks' ID).</param>
/// <param name="Inputs">The inputs, by their provider names.</param>
/// <param name="Protect">Whether Pulumi's protect option is set.</param>
/// <param name="Taggable">Whether the resource takes tags.</param>
public sealed record PolicyResource(string Type, string Name, string Id, IReadOnlyDictionary<string, object?> Inputs, bool Protect, bool Taggable)
{
    /// <summary>How findings name the resource: its type and logical name.</summary>
    public string Display => $"{Type} '{Name}'";

    /// <summary>The value at a dotted path of inputs, e.g. metadataOptions.httpTokens.</summary>
    public object? Get(string path)
    {
        object? current = Inputs;
        foreach (var part in path.Split('.'))
        {
            current = current switch
            {
                IReadOnlyDictionary<string, object?> map => map.TryGetValue(part, out var next) ? next : null,
                IDictionary dictionary => dictionary.Contains(part) ? dictionary[part] : null,
                _ => null,
            };
        }
        return current;
    }

    public string? String(string path) => Get(path) as string;

    public bool? Bool(string path) => Get(path) as bool?;

    public double? Number(string path) => Get(path) switch
    {
        double d => d,
        int i => i,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public IReadOnlyList<object?> List(string path) => Get(path) is IEnumerable list and not string and not IDictionary
        ? list.Cast<object?>().ToList()
        : Array.Empty<object?>();

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Maps(string path) =>
        List(path).Select(AsMap).Where(m => m is not null).Select(m => m!).ToList();

    public static IReadOnlyDictionary<string, object?>? AsMap(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map,
        IDictionary dictionary => dictionary.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => dictionary[k]),
        _ => null,
    };
}

/// <summary>One stack's resources, with what the policies need to know of the stack.</summary>
public sealed record PolicyStack(string Stack, string Region, bool IsProd, IReadOnlyList<PolicyResource> Resources)
{
    public IEnumerable<PolicyResource> OfType(string type) => Resources.Where(r => r.Type == type);
}

/// <summary>A rule broken by one resource.</summary>
/// <param name="RuleId">The rule, e.g. MRI-RDS-01.</param>
/// <param name="Severity">error or warning.</param>
/// <param name="Resource">The resource.</param>
/// <param name="Property">The input at fault, e.g. storageEncrypted.</param>
/// <param name="Message">What is wrong, naming the resource and the property.</param>
public sealed record Violation(string RuleId, PolicySeverity Severity, PolicyResource Resource, string Property, string Message);

/// <summary>How much a rule matters: an error stops the tests and the plan; a warning is reported.</summary>
public enum PolicySeverity
{
    Warning,
    Error,
}
