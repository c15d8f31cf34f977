namespace MultiRegionInfra.Stacks.Plan;

/// <summary>The stacks named on the command line, in the forms people type them.</summary>
public static class StackSelection
{
    /// <summary>Stack names from <c>--stack</c> values: <c>us-east</c>, <c>us-east,eu-west</c>, or a stack
    /// file's name or path (<c>Pulumi.us-east.yaml</c>, <c>./Pulumi.us-east.yml</c>). Order kept, repeats dropped.</summary>
    public static IReadOnlyList<string> Names(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(Name)
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One stack's name from a name or a stack file's name or path.</summary>
    public static string Name(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var file = Path.GetFileName(value.Trim());
        foreach (var extension in new[] { ".yaml", ".yml" })
        {
            if (file.StartsWith("Pulumi.", StringComparison.Ordinal) && file.EndsWith(extension, StringComparison.Ordinal) && file.Length > "Pulumi.".Length + extension.Length)
                return file["Pulumi.".Length..^extension.Length];
        }
        return value.Trim();
    }

    /// <summary>The problem with the named stacks, listing the known ones; null when every one exists.</summary>
    public static string? Unknown(IReadOnlyList<string> names, IReadOnlyCollection<string> known, string root)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(known);
        var missing = names.Where(n => !known.Contains(n)).ToList();
        if (missing.Count == 0)
            return null;
        var list = known.Count == 0 ? "none (no Pulumi.<stack>.yaml)" : string.Join(", ", known.Order(StringComparer.Ordinal));
        return $"no stack {string.Join(", ", missing.Select(m => $"'{m}'"))} in {root}; known stacks: {list}";
    }
}
