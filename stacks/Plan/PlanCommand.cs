using System.Text.Json;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>Options of <c>plan</c>.</summary>
public sealed record PlanOptions(IReadOnlyList<string> Stacks, string Format, string OutDirectory)
{
    public static readonly IReadOnlyList<string> Formats = new[] { "text", "markdown", "json" };

    public static PlanOptions Parse(IReadOnlyList<string> args, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        var stacks = new List<string>();
        var format = "text";
        var outDirectory = "plan";
        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            string? Value()
            {
                if (i + 1 < args.Count)
                    return args[++i];
                problems.Add($"{args[i]} needs a value");
                return null;
            }
            switch (args[i])
            {
                case "--stack" or "-s":
                    if (Value() is { } stack)
                        stacks.Add(stack);
                    break;
                case "--format" or "-f":
                    if (Value() is { } value)
                    {
                        if (Formats.Contains(value))
                            format = value;
                        else
                            problems.Add($"--format '{value}' is not known; allowed: {string.Join(", ", Formats)}");
                    }
                    break;
                case "--out" or "-o":
                    if (Value() is { } directory)
                        outDirectory = directory;
                    break;
                default:
                    problems.Add($"'{args[i]}' is not an option of plan; allowed: --stack NAME (repeatable), --format text|markdown|json, --out DIR");
                    break;
            }
        }
        errors = problems;
        return new PlanOptions(stacks, format, outDirectory);
    }
}

/// <summary><c>dotnet run --project stacks -- plan</c>: plans every stack offline, in dependency order,
/// feeding each stack reference the outputs its stack's plan produced, and prints and writes the result.
/// Exits 0 only when every stack planned; 1 when a stack failed; 2 for bad arguments.</summary>
public static class PlanCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var options = PlanOptions.Parse(args, out var argumentErrors);
        if (argumentErrors.Count > 0)
        {
            foreach (var problem in argumentErrors)
                await error.WriteLineAsync($"plan: {problem}").ConfigureAwait(false);
            return 2;
        }
        var cwd = workingDirectory ?? Directory.GetCurrentDirectory();
        string root;
        try
        {
            root = StackFile.FindProjectRoot(cwd);
        }
        catch (FileNotFoundException exception)
        {
            await error.WriteLineAsync($"plan: {exception.Message}").ConfigureAwait(false);
            return 2;
        }

        var result = await PlanAllAsync(root, options.Stacks).ConfigureAwait(false);
        foreach (var problem in result.Errors)
            await error.WriteLineAsync($"plan: {problem}").ConfigureAwait(false);

        switch (options.Format)
        {
            case "json":
                await output.WriteLineAsync("[" + string.Join(",\n", result.Plans.Select(p => PlanFiles.ToJson(p).TrimEnd())) + "]").ConfigureAwait(false);
                break;
            case "markdown":
                await output.WriteLineAsync($"# Offline plan of {result.Project}\n").ConfigureAwait(false);
                foreach (var plan in result.Plans)
                    await output.WriteLineAsync(PlanRenderer.Markdown(plan)).ConfigureAwait(false);
                await output.WriteLineAsync(Topology.Markdown(result.Plans).Replace("# Topology", "## Topology", StringComparison.Ordinal)).ConfigureAwait(false);
                break;
            default:
                foreach (var plan in result.Plans)
                    await output.WriteLineAsync(PlanRenderer.Text(plan)).ConfigureAwait(false);
                break;
        }

        var outDirectory = Path.GetFullPath(options.OutDirectory, cwd);
        PlanFiles.Write(outDirectory, result.Plans);
        var failed = result.Plans.Where(p => !p.Succeeded).Select(p => p.Stack).ToList();
        if (result.Errors.Count > 0 || failed.Count > 0)
        {
            await error.WriteLineAsync($"plan: FAILED: {(failed.Count > 0 ? string.Join(", ", failed) : "the stack selection")} did not plan; see the errors above").ConfigureAwait(false);
            return 1;
        }
        var format = options.Format == "json" ? error : output;
        await format.WriteLineAsync($"plan: all {result.Plans.Count} stacks planned ({result.Plans.Sum(p => p.Resources.Count)} resources); wrote {Path.GetRelativePath(cwd, outDirectory)}/").ConfigureAwait(false);
        return 0;
    }

    /// <summary>The result of planning a selection of stacks.</summary>
    public sealed record Result(string Project, IReadOnlyList<StackPlan> Plans, IReadOnlyList<string> Errors);

    /// <summary>Plans the wanted stacks (all stack files when none) and the stacks they read, in order.</summary>
    public static async Task<Result> PlanAllAsync(string root, IReadOnlyList<string> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var project = StackFile.ReadProjectName(root);
        var files = StackFile.Discover(root).ToDictionary(f => f.Name, StringComparer.Ordinal);
        var dependencies = files.Values.Select(f => StackDependencies.Of(f, project)).ToList();
        var order = PlanOrder.Resolve(dependencies, wanted.Count > 0 ? wanted : files.Keys.ToList(), out var orderErrors);
        // Cross-stack rules see every stack file, whichever stacks are planned.
        var crossStack = Policies.CrossStackValidation.Validate(project, files.ToDictionary(f => f.Key, f => f.Value.Config));

        var plans = new List<StackPlan>();
        var outputs = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var stack in order)
        {
            var plan = await PlanRunner.PlanAsync(files[stack], project, outputs).ConfigureAwait(false);
            plans.Add(plan);
            outputs[stack] = plan.Outputs;
        }
        var analysed = SystemAnalysis.Apply(project, files, plans);
        return new Result(project, analysed, orderErrors.Concat(crossStack.Select(e => $"cross-stack: {e}")).ToList());
    }
}
