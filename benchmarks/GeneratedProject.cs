namespace MultiRegionInfra.Benchmarks;

/// <summary>A temporary project with N regional stacks (one primary, the rest its replicas) and a global
/// stack over all of them, written from the repository's Pulumi.yaml.</summary>
public sealed class GeneratedProject : IDisposable
{
    private static readonly string[] AwsRegions =
        { "us-east-1", "eu-west-1", "us-west-2", "ap-southeast-1", "eu-central-1", "ap-northeast-1", "sa-east-1", "ca-central-1" };

    public GeneratedProject(string repositoryRoot, int regions)
    {
        if (regions < 2 || regions > AwsRegions.Length)
            throw new ArgumentOutOfRangeException(nameof(regions), $"2 to {AwsRegions.Length} regions");
        Root = Path.Combine(Path.GetTempPath(), $"mri-bench-{regions}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        File.Copy(Path.Combine(repositoryRoot, "Pulumi.yaml"), Path.Combine(Root, "Pulumi.yaml"));
        var names = Enumerable.Range(0, regions).Select(i => $"region{i}").ToList();
        for (var i = 0; i < regions; i++)
        {
            var lines = new List<string>
            {
                "config:",
                $"  aws:region: {AwsRegions[i]}",
                "  multi-region-infra:stackKind: regional",
                "  multi-region-infra:environment: prod",
                $"  multi-region-infra:role: {(i == 0 ? "primary" : "replica")}",
                $"  multi-region-infra:vpcCidr: 10.{10 + i}.0.0/16",
                "  multi-region-infra:domain: example.com",
            };
            if (i > 0)
                lines.Add($"  multi-region-infra:primaryStack: {names[0]}");
            File.WriteAllLines(Path.Combine(Root, $"Pulumi.{names[i]}.yaml"), lines);
        }
        File.WriteAllLines(Path.Combine(Root, "Pulumi.global.yaml"), new[]
        {
            "config:",
            "  aws:region: us-east-1",
            "  multi-region-infra:stackKind: global",
            "  multi-region-infra:environment: prod",
            "  multi-region-infra:domain: example.com",
            "  multi-region-infra:sessionStore: true",
            "  multi-region-infra:regions:",
        }.Concat(names.Select(n => $"    - {n}")));
        Stacks = regions + 1;
    }

    public string Root { get; }

    /// <summary>How many stacks the project has (the regions and the global stack).</summary>
    public int Stacks { get; }

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

    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MultiRegionInfra.sln")))
                return directory.FullName;
        }
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MultiRegionInfra.sln")))
                return directory.FullName;
        }
        throw new DirectoryNotFoundException("run the benchmarks inside the repository");
    }
}
