using System.Text.RegularExpressions;

namespace MultiRegionInfra.Naming;

/// <summary>The one naming helper. Logical (Pulumi) names are the component's name and the part, so they
/// stay stable when tags, the application name or the environment change; AWS names that must be unique
/// per account and region are derived the same way with a length limit.</summary>
public static partial class ResourceNames
{
    /// <summary>The logical name of a component's child, e.g. <c>network</c> + <c>public-1</c>.</summary>
    public static string Child(string component, string part) => Join(component, part);

    /// <summary>Joins parts with hyphens, lower-cased, without empty or repeated separators.</summary>
    public static string Join(params string[] parts) =>
        string.Join("-", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Separators().Replace(p.Trim().ToLowerInvariant(), "-").Trim('-')));

    /// <summary>A name cut to an AWS length limit, keeping a short stable hash of the full name when cut.</summary>
    public static string Limit(string name, int maxLength)
    {
        if (name.Length <= maxLength)
            return name;
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..6].ToLowerInvariant();
        return $"{name[..(maxLength - 7)].TrimEnd('-')}-{hash}";
    }

    /// <summary>The zone letter of a zone index for names: 0 → a.</summary>
    public static string ZoneLetter(int zoneIndex) => ((char)('a' + zoneIndex)).ToString();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Separators();
}
