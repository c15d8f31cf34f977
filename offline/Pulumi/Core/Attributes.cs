namespace Pulumi;

/// <summary>Names the property under which an args member is sent to the engine.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class InputAttribute : Attribute
{
    internal string Name { get; }
    internal bool IsRequired { get; }
    internal bool Json { get; }

    public InputAttribute(string name, bool required = false, bool json = false)
    {
        Name = name;
        IsRequired = required;
        Json = json;
    }
}

/// <summary>Names the engine property that fills a resource's output property.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class OutputAttribute : Attribute
{
    public string? Name { get; }

    public OutputAttribute(string? name = null) => Name = name;
}

/// <summary>Marks a class that the engine builds from a property bag through its output constructor.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OutputTypeAttribute : Attribute
{
}

/// <summary>Marks the constructor of an output type; its parameters are matched to properties by name.</summary>
[AttributeUsage(AttributeTargets.Constructor)]
public sealed class OutputConstructorAttribute : Attribute
{
}

/// <summary>Marks a string- or number-backed struct that stands for a provider enum.</summary>
[AttributeUsage(AttributeTargets.Struct)]
public sealed class EnumTypeAttribute : Attribute
{
}

/// <summary>The type token and package version of a resource class.</summary>
[AttributeUsage(AttributeTargets.Class)]
public class ResourceTypeAttribute : Attribute
{
    public string Type { get; }
    public string? Version { get; }

    public ResourceTypeAttribute(string type, string? version)
    {
        Type = type;
        Version = version;
    }
}
