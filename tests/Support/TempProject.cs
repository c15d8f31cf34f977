namespace MultiRegionInfra.Tests.Support;

/// <summary>A throwaway copy of the project's Pulumi.yaml and stack files, for plans of made-up stacks.</summary>
public sealed class TempProject : IDisposable
{
    public TempProject(bool copyStacks = true)
    {
        Root = Path.Combine(Path.GetTempPath(), $"mri-plan-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        File.Copy(Path.Combine(RepositoryRoot, "Pulumi.yaml"), Path.Combine(Root, "Pulumi.yaml"));
        if (copyStacks)
        {
            foreach (var file in Directory.GetFiles(RepositoryRoot, "Pulumi.*.yaml"))
                File.Copy(file, Path.Combine(Root, Path.GetFileName(file)));
        }
    }

    public string Root { get; }

    /// <summary>The repository's root: the folder of Pulumi.yaml above the test binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Pulumi.yaml")) && File.Exists(Path.Combine(directory.FullName, "MultiRegionInfra.sln")))
                    return directory.FullName;
            }
            throw new DirectoryNotFoundException("the repository root (Pulumi.yaml and MultiRegionInfra.sln) is not above the test binaries");
        }
    }

    /// <summary>Writes Pulumi.&lt;stack&gt;.yaml with these config lines (full keys).</summary>
    public void WriteStack(string stack, IReadOnlyDictionary<string, string> config)
    {
        var lines = new List<string> { "config:" };
        lines.AddRange(config.Select(p => $"  {p.Key}: {p.Value}"));
        File.WriteAllLines(Path.Combine(Root, $"Pulumi.{stack}.yaml"), lines);
    }

    /// <summary>Rewrites one key of an existing stack file.</summary>
    public void SetConfig(string stack, string key, string value)
    {
        var path = Path.Combine(Root, $"Pulumi.{stack}.yaml");
        var lines = File.ReadAllLines(path).Where(l => !l.TrimStart().StartsWith($"{key}:", StringComparison.Ordinal)).ToList();
        lines.Add($"  {key}: {value}");
        File.WriteAllLines(path, lines);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
