namespace MultiRegionInfra.Stacks.Docs;

/// <summary><c>dotnet run --project stacks -- docs [--check]</c>: rewrites the README's generated
/// sections from the code (or, with --check, says which are stale and exits 1). Parsed by <see cref="Plan.PlanCli"/>.</summary>
public static class DocsCommand
{
    public static async Task<int> RunAsync(bool check, TextWriter output, TextWriter error, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string root;
        try
        {
            root = Plan.StackFile.FindProjectRoot(workingDirectory ?? Directory.GetCurrentDirectory());
        }
        catch (FileNotFoundException exception)
        {
            await error.WriteLineAsync($"docs: {exception.Message}").ConfigureAwait(false);
            return 2;
        }
        var path = Path.Combine(root, "README.md");
        var readme = await File.ReadAllTextAsync(path).ConfigureAwait(false);
        IReadOnlyDictionary<string, string> sections;
        try
        {
            sections = await ReadmeSections.RenderAllAsync(root).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidDataException or Plan.StackFileException)
        {
            foreach (var line in exception.Message.Split('\n'))
                await error.WriteLineAsync($"docs: {line}").ConfigureAwait(false);
            return 1;
        }
        var stale = ReadmeSections.Stale(readme, sections);
        if (check)
        {
            foreach (var name in stale)
                await error.WriteLineAsync($"docs: README.md's section '{name}' is stale; run: dotnet run --project stacks -- docs").ConfigureAwait(false);
            return stale.Count == 0 ? 0 : 1;
        }
        await File.WriteAllTextAsync(path, ReadmeSections.Apply(readme, sections)).ConfigureAwait(false);
        await output.WriteLineAsync($"docs: {(stale.Count == 0 ? "README.md was current" : $"rewrote {string.Join(", ", stale)} in README.md")}").ConfigureAwait(false);
        return 0;
    }
}
