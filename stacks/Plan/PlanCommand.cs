using System.Text;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>What <c>plan</c> was asked to do.</summary>
/// <param name="Stacks">The stacks named (empty: every stack file).</param>
/// <param name="Format">text, markdown or json.</param>
/// <param name="OutDirectory">Where the plan's files go.</param>
/// <param name="Counts">Whether to list resources by type.</param>
/// <param name="DiffBase">A folder of an earlier plan's JSON to compare with, or null.</param>
public sealed record PlanRequest(IReadOnlyList<string> Stacks, string Format, string OutDirectory, bool Counts = false, string? DiffBase = null)
{
    public static readonly IReadOnlyList<string> Formats = new[] { "text", "markdown", "json" };
}

/// <summary><c>dotnet run --project stacks -- plan</c>: plans every stack offline, in dependency order,
/// feeding each stack reference the outputs its stack's plan produced; prints the plan (or, with
/// <c>--diff</c>, the change from an earlier plan) in the requested format on stdout, status and
/// problems on stderr, and writes the plan's files. Exit codes: see <see cref="PlanCli"/>.</summary>
public static class PlanCommand
{
    /// <summary>Runs <c>plan</c> with command-line arguments (those after the word <c>plan</c>).</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, string? workingDirectory = null, OutputStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        return PlanCli.RunAsync(args.Prepend("plan").ToList(), output, error, workingDirectory, style);
    }

    public static async Task<int> RunAsync(PlanRequest request, TextWriter output, TextWriter error, string workingDirectory, OutputStyle style)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(style);

        // Every check of the arguments comes before anything is planned or written.
        var usage = new List<string>();
        string? root = null;
        try
        {
            root = StackFile.FindProjectRoot(workingDirectory);
        }
        catch (FileNotFoundException exception)
        {
            usage.Add(exception.Message);
        }
        var outDirectory = Path.GetFullPath(request.OutDirectory, workingDirectory);
        string? baseDirectory = null;
        if (request.DiffBase is { } diffBase)
        {
            baseDirectory = Path.GetFullPath(diffBase, workingDirectory);
            if (!Directory.Exists(baseDirectory))
                usage.Add($"--diff {diffBase}: no such folder; write one with plan --format json --out {diffBase} (e.g. on the base branch)");
            else if (Path.TrimEndingDirectorySeparator(baseDirectory) == Path.TrimEndingDirectorySeparator(outDirectory))
                usage.Add($"--diff {diffBase} and --out {request.OutDirectory} are the same folder; the plan would overwrite what it compares with (give --out another folder)");
        }
        if (File.Exists(outDirectory))
            usage.Add($"--out {request.OutDirectory}: is a file; allowed: a folder (created if missing) for the plan's files");
        IReadOnlyList<StackFile> files = Array.Empty<StackFile>();
        if (root is not null)
        {
            try
            {
                StackFile.ReadProjectName(root);
                files = StackFile.Discover(root);
            }
            catch (StackFileException exception)
            {
                foreach (var problem in exception.Problems)
                    await error.WriteLineAsync($"plan: {problem}").ConfigureAwait(false);
                return PlanCli.StackInvalid;
            }
            if (StackSelection.Unknown(request.Stacks, files.Select(f => f.Name).ToList(), root) is { } unknown)
                usage.Add(unknown);
        }
        if (usage.Count > 0 || root is null)
        {
            foreach (var problem in usage)
                await error.WriteLineAsync($"plan: {problem}").ConfigureAwait(false);
            return PlanCli.BadUsage;
        }

        var result = await PlanAllAsync(root, request.Stacks).ConfigureAwait(false);
        var shown = Shown(result.Plans, request.Stacks);
        if (baseDirectory is not null)
        {
            var bases = PlanDiff.ReadDirectory(baseDirectory, out var unreadable);
            foreach (var file in unreadable)
                await error.WriteLineAsync($"plan: --diff: {file}; its stack is compared as if it were new").ConfigureAwait(false);
            var comparison = PlanDiff.Compare(bases, shown.Select(PlanDocument.Of).ToList(), request.Stacks.Count == 0);
            await output.WriteAsync(DiffRenderer.Render(comparison, request.Format, style, Shown(workingDirectory, baseDirectory))).ConfigureAwait(false);
        }
        else
        {
            await output.WriteAsync(Render(result, shown, request, style)).ConfigureAwait(false);
        }

        var written = PlanFiles.Write(outDirectory, result.Project, shown, result.Plans, request.Stacks);
        foreach (var problem in result.Errors)
            await error.WriteLineAsync($"plan: {problem}").ConfigureAwait(false);
        foreach (var plan in shown.Where(p => !p.Succeeded))
        {
            // Cross-stack problems were printed once above, not once per stack they name.
            foreach (var finding in plan.Errors.Where(f => f.Rule != CrossStackRule))
                await error.WriteLineAsync($"plan: {plan.Stack}: error [{finding.Rule}] {finding.Message}").ConfigureAwait(false);
        }
        var where = Shown(workingDirectory, outDirectory);
        var removed = written.Removed.Count > 0 ? $"; removed {string.Join(", ", written.Removed.Select(f => Path.Combine(where, f)))} (no such stack any more)" : "";
        var failed = shown.Where(p => !p.Succeeded).Select(p => p.Stack).ToList();
        if (result.Errors.Count > 0 || failed.Count > 0)
        {
            await error.WriteLineAsync($"plan: FAILED: {(failed.Count > 0 ? $"errors in {string.Join(", ", failed)}" : "the stack selection has errors")}; see them above; wrote {where}/{removed}").ConfigureAwait(false);
            return PlanCli.StackInvalid;
        }
        var scope = request.Stacks.Count == 0 ? $"all {shown.Count} stacks" : $"{string.Join(", ", shown.Select(p => p.Stack))} (partial: {PlanRenderer.Plural(shown.Count, "stack")} of {files.Count})";
        await error.WriteLineAsync($"plan: {scope} planned ({shown.Sum(p => p.Resources.Count)} resources); wrote {where}/{removed}").ConfigureAwait(false);
        return PlanCli.Planned;
    }

    /// <summary>A folder as a reader knows it: relative to where plan ran when it is inside it, else absolute.</summary>
    private static string Shown(string workingDirectory, string directory)
    {
        var relative = Path.GetRelativePath(workingDirectory, directory);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.TrimEndingDirectorySeparator(directory) : relative;
    }

    /// <summary>The plans to print and write: the named stacks (all when none are named), and any stack
    /// planned on their behalf that failed, so its errors are seen.</summary>
    public static IReadOnlyList<StackPlan> Shown(IReadOnlyList<StackPlan> plans, IReadOnlyList<string> wanted)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(wanted);
        return wanted.Count == 0 ? plans : plans.Where(p => wanted.Contains(p.Stack) || !p.Succeeded).ToList();
    }

    private static string Render(Result result, IReadOnlyList<StackPlan> shown, PlanRequest request, OutputStyle style)
    {
        switch (request.Format)
        {
            case "json":
                return "[" + string.Join(",\n", shown.Select(p => PlanFiles.ToJson(p).TrimEnd())) + "]\n";
            case "markdown":
            {
                var text = new StringBuilder();
                text.AppendLine($"# Offline plan of {result.Project}").AppendLine();
                foreach (var plan in shown)
                    text.AppendLine(PlanRenderer.Markdown(plan, request.Counts));
                text.AppendLine("## Summary").AppendLine();
                foreach (var error in result.Errors)
                    text.AppendLine($"- **error** {PlanRenderer.Escape(error)}");
                if (result.Errors.Count > 0)
                    text.AppendLine();
                // Lines of their own, not list items: a list item starting with "+" would nest a list.
                text.AppendLine(string.Join("<br>\n", PlanRenderer.Overall(shown, result.Errors).Select(l => $"**{PlanRenderer.Escape(l)}**")));
                text.AppendLine();
                text.Append(Topology.Markdown(result.Plans, request.Stacks).Replace("# Topology", "## Topology", StringComparison.Ordinal));
                return text.ToString();
            }
            default:
            {
                using var buffer = new StringWriter();
                var console = style.Console(buffer);
                foreach (var plan in shown)
                    PlanRenderer.Text(console, plan, style, request.Counts);
                PlanRenderer.TextOverall(console, result.Project, shown, result.Errors, style);
                // Grid cells are padded to their column; trailing blanks only make logs and diffs noisy.
                return string.Join("\n", buffer.ToString().Split('\n').Select(l => l.TrimEnd(' ')));
            }
        }
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
        var crossStack = Policies.CrossStackValidation.Problems(project, files.ToDictionary(f => f.Key, f => f.Value.Config));

        var plans = new List<StackPlan>();
        var outputs = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        var modelled = new ModelledValues();
        var byStack = dependencies.ToDictionary(d => d.Stack, StringComparer.Ordinal);
        foreach (var stack in order)
        {
            // A stack whose stack references would read a stack that did not plan is not run: its
            // references would fail for want of outputs, hiding the one error that matters.
            var failed = byStack[stack].DependsOn.Where(d => plans.Any(p => p.Stack == d && !p.Succeeded)).ToList();
            // A stack it reads that has no file, or that reads it back (a cycle), is never planned before it.
            var unplanned = byStack[stack].DependsOn.Where(d => !plans.Any(p => p.Stack == d)).ToList();
            if (failed.Count > 0 || unplanned.Count > 0)
            {
                var reasons = new List<string>();
                if (failed.Count > 0)
                    reasons.Add($"depends on {string.Join(", ", failed)}, which failed");
                reasons.AddRange(unplanned.Select(d => files.ContainsKey(d)
                    ? $"reads {d}, which reads it in turn (a cycle)"
                    : $"reads {d}, which has no stack file (Pulumi.{d}.yaml)"));
                plans.Add(Skipped(files[stack], project, byStack[stack].Kind, $"skipped: {string.Join("; ", reasons)}"));
                continue;
            }
            var plan = await PlanRunner.PlanAsync(files[stack], project, outputs, modelled).ConfigureAwait(false);
            plans.Add(plan);
            outputs[stack] = plan.Outputs;
        }
        var analysed = SystemAnalysis.Apply(project, files, plans).Select(plan => WithCrossStackFindings(plan, project, crossStack)).ToList();
        return new Result(project, analysed, orderErrors.Concat(crossStack.Select(e => $"{CrossStackRule}: {e.Message}")).ToList());
    }

    /// <summary>The plan of a stack that was not run, with the reason as its error.</summary>
    private static StackPlan Skipped(StackFile file, string project, Configuration.StackKind kind, string reason) =>
        new(file.Name, project, kind == Configuration.StackKind.Global ? "global" : "regional",
            new SortedDictionary<string, string>(file.Config.Values.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal),
            Array.Empty<PlannedResource>(), new Dictionary<string, object?>(),
            new[] { new Finding(Finding.Error, "dependency", $"urn:pulumi:{file.Name}::{project}::pulumi:pulumi:Stack::{project}-{file.Name}", reason) })
        {
            Region = file.Config.Get("aws:region") ?? "",
        };

    /// <summary>The rule name of findings that come from the cross-stack checks.</summary>
    public const string CrossStackRule = "cross-stack";

    /// <summary>A cross-stack problem is recorded in the plan of every stack it names, so that each
    /// stack's JSON says why it cannot be deployed as it is.</summary>
    private static StackPlan WithCrossStackFindings(StackPlan plan, string project, IReadOnlyList<Policies.CrossStackProblem> problems)
    {
        var named = problems.Where(p => p.Stacks.Contains(plan.Stack)).ToList();
        if (named.Count == 0)
            return plan;
        var urn = $"urn:pulumi:{plan.Stack}::{project}::pulumi:pulumi:Stack::{project}-{plan.Stack}";
        return plan with { Findings = plan.Findings.Concat(named.Select(p => new Finding(Finding.Error, CrossStackRule, urn, p.Message))).ToList() };
    }
}
