using MultiRegionInfra.Stacks.Plan;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Plan;

/// <summary>Temporary projects for plan tests, with stack files written here (not copied from the
/// project's own): a primary region, a replica region and a global stack, as the README describes them.</summary>
public static class PlanProject
{
    public const string Ns = "multi-region-infra";

    /// <summary>A regional stack's settings.</summary>
    public static Dictionary<string, string> Regional(string region, string cidr, string? primaryStack = null) => new Dictionary<string, string>
    {
        ["aws:region"] = region,
        [$"{Ns}:stackKind"] = "regional",
        [$"{Ns}:environment"] = "prod",
        [$"{Ns}:role"] = primaryStack is null ? "primary" : "replica",
        [$"{Ns}:vpcCidr"] = cidr,
        [$"{Ns}:azCount"] = "3",
        [$"{Ns}:natGateways"] = "perAz",
        [$"{Ns}:domain"] = "example.com",
        [$"{Ns}:edge"] = "cloudfront",
        [$"{Ns}:compute.instanceType"] = "t3.small",
        [$"{Ns}:compute.minSize"] = "2",
        [$"{Ns}:compute.maxSize"] = "6",
        [$"{Ns}:compute.desiredCapacity"] = "2",
        [$"{Ns}:database.instanceClass"] = "db.t4g.medium",
        [$"{Ns}:database.backupRetentionDays"] = "7",
        [$"{Ns}:tags"] = "[CostCenter=platform]",
    }.With(primaryStack is null ? Array.Empty<(string, string?)>() : new (string, string?)[] { ($"{Ns}:primaryStack", primaryStack) });

    /// <summary>The global stack over <paramref name="regions"/> (the first is the primary).</summary>
    public static Dictionary<string, string> Global(params string[] regions) => new()
    {
        ["aws:region"] = "us-east-1",
        ["aws-native:region"] = "us-east-1",
        [$"{Ns}:stackKind"] = "global",
        [$"{Ns}:environment"] = "prod",
        [$"{Ns}:regions"] = $"[{string.Join(", ", regions)}]",
        [$"{Ns}:strategy"] = "active-active",
        [$"{Ns}:primaryRegion"] = regions[0],
        [$"{Ns}:edge"] = "cloudfront",
        [$"{Ns}:dns"] = "route53",
        [$"{Ns}:domain"] = "example.com",
        // PostgreSQL's writes come back after the replica's promotion and the service's re-point: 1530 s here.
        [$"{Ns}:slo.rtoSeconds"] = "1800",
        [$"{Ns}:healthCheck.intervalSeconds"] = "10",
        [$"{Ns}:healthCheck.failureThreshold"] = "3",
        [$"{Ns}:healthCheck.regions"] = "[us-east-1, us-west-2, eu-west-1, ap-southeast-1]",
        [$"{Ns}:cloudfront.priceClass"] = "PriceClass_100",
        [$"{Ns}:originFailover.connectionAttempts"] = "3",
        [$"{Ns}:originFailover.connectionTimeoutSeconds"] = "10",
        [$"{Ns}:sessionStore"] = "true",
        [$"{Ns}:tags"] = "[CostCenter=platform]",
    };

    /// <summary>us-east (primary, us-east-1), eu-west (its replica, eu-west-1) and global.</summary>
    public static TempProject ThreeStacks()
    {
        var project = new TempProject(copyStacks: false);
        project.WriteStack("us-east", Regional("us-east-1", "10.10.0.0/16"));
        project.WriteStack("eu-west", Regional("eu-west-1", "10.20.0.0/16", primaryStack: "us-east"));
        project.WriteStack("global", Global("us-east", "eu-west"));
        return project;
    }

    /// <summary>Sets <paramref name="strategy"/> in every stack file, as a system's stacks must agree on it.</summary>
    public static void SetStrategy(TempProject project, string strategy)
    {
        foreach (var stack in Directory.GetFiles(project.Root, "Pulumi.*.yaml").Select(Path.GetFileName).Where(f => f != "Pulumi.yaml"))
            project.SetConfig(stack!["Pulumi.".Length..^".yaml".Length], $"{Ns}:strategy", strategy);
    }

    /// <summary>How many resources a stack's plan file creates and how many of them are protected.</summary>
    public static (int Create, int Protected) Counts(string outDir, string stack)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, $"{stack}.json")));
        var resources = json.RootElement.GetProperty("resources").EnumerateArray().ToList();
        return (resources.Count, resources.Count(r => r.GetProperty("protect").GetBoolean()));
    }

    /// <summary>What a run of the program's command line did.</summary>
    public sealed record Run(int Code, string Output, string Error)
    {
        public string[] Lines => Output.TrimEnd('\n').Split('\n');
    }

    /// <summary>Runs the program's command line (as <c>dotnet run --project stacks -- ARGS</c>) in <paramref name="root"/>.</summary>
    public static async Task<Run> CliAsync(string root, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await PlanCli.RunAsync(args, output, error, root);
        return new Run(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>plan ARGS --out plan-out</c> in the project; returns the run and the out folder.</summary>
    public static async Task<(Run Run, string OutDir)> PlanAsync(TempProject project, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(project);
        var outDir = Path.Combine(project.Root, "plan-out");
        var run = await CliAsync(project.Root, args.Prepend("plan").Concat(new[] { "--out", outDir }).ToArray());
        return (run, outDir);
    }
}
