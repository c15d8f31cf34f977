using System.Text.RegularExpressions;

namespace MultiRegionInfra.Tests.Ci;

/// <summary>The README's CI section says what the workflows need and pin: its tables are read off the workflows.</summary>
public partial class CiReadmeTests
{
    /// <summary>From "### GitHub workflows" to the next top-level section.</summary>
    private static string WorkflowSection()
    {
        var readme = RepositoryFiles.Read("README.md");
        var start = readme.IndexOf("\n### GitHub workflows\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no ### GitHub workflows section");
        var end = readme.IndexOf("\n## ", start, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    [Fact]
    public void The_readme_lists_every_secret_and_variable_the_workflows_use_and_where_it_lives()
    {
        // A name used by jobs outside an environment must live in the repository; one used only in an environment lives there.
        var uses = RepositoryFiles.Workflows()
            .SelectMany(w => w.Jobs)
            .SelectMany(job => job.Scalars.SelectMany(s => Reference().Matches(s)).Select(m => (Kind: m.Groups["kind"].Value, Name: m.Groups["name"].Value, job.Environment)))
            .Where(u => u.Name != "GITHUB_TOKEN")
            .GroupBy(u => (u.Kind, u.Name))
            .Select(g => (g.Key.Name,
                Kind: g.Key.Kind == "secrets" ? "secret" : "variable",
                Where: g.Any(u => u.Environment is null) ? "repository" : $"`{g.Select(u => u.Environment).Distinct().Single()}` environment"))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        var documented = Row().Matches(WorkflowSection())
            .Select(m => (Name: m.Groups["name"].Value, Kind: m.Groups["kind"].Value, Where: m.Groups["where"].Value))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(7, uses.Count);
        Assert.Equal(uses, documented);
    }

    [Fact]
    public void The_readme_pin_table_is_the_workflows_pins()
    {
        var pinned = RepositoryFiles.Workflows().SelectMany(WorkflowRules.Pins)
            .Select(p => (p.Action, p.Version, p.Sha)).Distinct().OrderBy(p => p.Action, StringComparer.Ordinal).ToList();
        var documented = PinRow().Matches(WorkflowSection())
            .Select(m => (Action: m.Groups["action"].Value, Version: m.Groups["version"].Value, Sha: m.Groups["sha"].Value))
            .OrderBy(p => p.Action, StringComparer.Ordinal).ToList();
        Assert.Equal(6, pinned.Count);
        Assert.Equal(pinned, documented);
    }

    [GeneratedRegex(@"\$\{\{[^}]*?\b(?<kind>secrets|vars)\.(?<name>\w+)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^\| `(?<name>[A-Z_]+)` \| (?<kind>secret|variable) \| (?<where>repository|`\w+` environment) \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"^\| `(?<action>[\w.-]+/[\w./-]+)` \| (?<version>v\d+(\.\d+){0,2}) \| `(?<sha>[0-9a-f]{40})` \|", RegexOptions.Multiline)]
    private static partial Regex PinRow();
}
