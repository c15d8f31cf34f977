using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MultiRegionInfra.Tests.Ci;

/// <summary>
/// The rules the workflows must keep, each returning the problems it finds (empty: the rule holds). They take
/// the stack files and workflows as values so that tests can also show a rule catching a broken input.
/// </summary>
internal static partial class WorkflowRules
{
    public const string PulumiAction = "pulumi/actions";
    public const string AwsCredentialsAction = "aws-actions/configure-aws-credentials";
    public const string SetupDotnetAction = "actions/setup-dotnet";
    public const string CheckoutAction = "actions/checkout";

    /// <summary>Steps running <c>pulumi/actions</c> (with <paramref name="command"/>, when given).</summary>
    public static IReadOnlyList<WorkflowStep> PulumiSteps(WorkflowFile workflow, string? command = null) =>
        [.. workflow.Jobs.SelectMany(job => job.StepsUsing(PulumiAction))
            .Where(step => command is null || step.Input("command") == command)];

    /// <summary>The jobs that run <c>pulumi/actions</c> with <paramref name="command"/>, each once.</summary>
    public static IReadOnlyList<WorkflowJob> PulumiJobs(WorkflowFile workflow, string command) =>
        [.. PulumiSteps(workflow, command).Select(step => step.Job).DistinctBy(job => job.Id)];

    /// <summary>Every stack file has exactly one entry in the matrices of <paramref name="jobs"/>, and every entry a stack file.</summary>
    public static IReadOnlyList<string> Coverage(IReadOnlyList<StackFile> stacks, IReadOnlyList<WorkflowJob> jobs, string what)
    {
        var problems = new List<string>();
        var entries = jobs.SelectMany(job => job.MatrixStacks.Select(stack => (Stack: stack, Job: job))).ToList();
        foreach (var stack in stacks)
        {
            var found = entries.Where(e => e.Stack == stack.Name).ToList();
            if (found.Count == 0)
                problems.Add($"Pulumi.{stack.Name}.yaml: stack {stack.Name} is in no {what} (strategy.matrix.stack of {string.Join(", ", jobs.Select(j => j.Where))})");
            else if (found.Count > 1)
                problems.Add($"stack {stack.Name} is in the {what} {found.Count} times ({string.Join(", ", found.Select(f => f.Job.Where))}); once is enough");
        }
        foreach (var (stack, job) in entries.Where(e => stacks.All(s => s.Name != e.Stack)).Distinct())
            problems.Add($"{job.Where}: matrix stack {stack} has no Pulumi.{stack}.yaml at the repository root");
        if (jobs.Count == 0)
            problems.Add($"no job makes the {what}");
        return problems;
    }

    /// <summary>The preview matrix is the stack files, and each preview step diffs and comments on the pull request.</summary>
    public static IReadOnlyList<string> Preview(IReadOnlyList<StackFile> stacks, WorkflowFile workflow)
    {
        var problems = new List<string>(Coverage(stacks, PulumiJobs(workflow, "preview"), $"preview matrix of {workflow.FileName}"));
        foreach (var step in PulumiSteps(workflow, "preview"))
        {
            if (step.Input("comment-on-pr") != "true")
                problems.Add($"{step.Where}: comment-on-pr is {step.Input("comment-on-pr") ?? "unset"}, expected true");
            if (step.Input("diff") != "true")
                problems.Add($"{step.Where}: diff is {step.Input("diff") ?? "unset"}, expected true");
            if (Permission(step.Job, "pull-requests") != "write")
                problems.Add($"{step.Where}: comments on the pull request, but the job's pull-requests permission is {Permission(step.Job, "pull-requests") ?? "unset"}, expected write");
        }
        return problems;
    }

    /// <summary>
    /// The deploy jobs' matrices are the stack files, and <c>needs</c> orders them as the stack files require:
    /// every primary before every replica (a replica reads its primary's dbArn), every regional stack before a global one.
    /// </summary>
    public static IReadOnlyList<string> DeployOrder(IReadOnlyList<StackFile> stacks, WorkflowFile workflow)
    {
        var deployJobs = PulumiJobs(workflow, "up");
        var problems = new List<string>(StackRoles(stacks));
        problems.AddRange(Coverage(stacks, deployJobs, $"deploy matrix of {workflow.FileName}"));

        var jobIds = workflow.Jobs.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var job in workflow.Jobs)
            foreach (var need in job.Needs.Where(n => !jobIds.Contains(n)))
                problems.Add($"{job.Where}: needs {need}, which is no job of {workflow.FileName}");

        var jobOf = deployJobs
            .SelectMany(job => job.MatrixStacks.Select(stack => (stack, job)))
            .GroupBy(e => e.stack, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().job, StringComparer.Ordinal);
        foreach (var stack in stacks)
        {
            if (!jobOf.TryGetValue(stack.Name, out var job))
                continue; // reported by Coverage
            var before = Ancestors(workflow, job.Id);
            foreach (var earlier in MustDeployBefore(stack, stacks))
            {
                if (!jobOf.TryGetValue(earlier.Name, out var earlierJob))
                    continue;
                if (!before.Contains(earlierJob.Id))
                    problems.Add(
                        $"{job.Where} deploys {stack} and {earlierJob.Where} deploys {earlier}, but job {job.Id} does not need job {earlierJob.Id} " +
                        $"(directly or through other jobs), so {stack.Name} can run before {earlier.Name} has finished");
            }
        }
        return problems;
    }

    /// <summary>The stacks that must be up before <paramref name="stack"/>, from the stack files' configuration.</summary>
    public static IEnumerable<StackFile> MustDeployBefore(StackFile stack, IReadOnlyList<StackFile> stacks) =>
        stack.IsGlobal ? stacks.Where(s => s.IsRegional)
        : stack.IsReplica ? stacks.Where(s => s.IsPrimary)
        : [];

    /// <summary>The stack files say enough to order them: a kind, a role, a replica's primary and a global stack's regions exist.</summary>
    public static IReadOnlyList<string> StackRoles(IReadOnlyList<StackFile> stacks)
    {
        var problems = new List<string>();
        foreach (var stack in stacks)
        {
            var file = $"Pulumi.{stack.Name}.yaml";
            if (!stack.IsRegional && !stack.IsGlobal)
                problems.Add($"{file}: stackKind is {stack.Kind}, expected regional or global");
            else if (stack.IsRegional && !stack.IsPrimary && !stack.IsReplica)
                problems.Add($"{file}: role is {stack.Role ?? "unset"}, expected primary or replica");
            if (stack.IsReplica && stacks.FirstOrDefault(s => s.Name == stack.PrimaryStack) is not { IsPrimary: true })
                problems.Add($"{file}: primaryStack is {stack.PrimaryStack ?? "unset"}, which is no primary stack file");
            if (stack.IsGlobal)
                foreach (var region in stack.Regions.Where(r => stacks.FirstOrDefault(s => s.Name == r) is not { IsRegional: true }))
                    problems.Add($"{file}: regions names {region}, which is no regional stack file");
        }
        return problems;
    }

    /// <summary>Every job that <paramref name="jobId"/> needs, directly or through other jobs.</summary>
    public static IReadOnlySet<string> Ancestors(WorkflowFile workflow, string jobId)
    {
        var needs = workflow.Jobs.ToDictionary(j => j.Id, j => j.Needs, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(needs.GetValueOrDefault(jobId) ?? []);
        while (pending.TryPop(out var id))
            if (seen.Add(id))
                foreach (var next in needs.GetValueOrDefault(id) ?? [])
                    pending.Push(next);
        return seen;
    }

    /// <summary>Every pulumi/actions step names a stack as &lt;org from a variable&gt;/&lt;project&gt;/&lt;matrix stack&gt; in the project's folder.</summary>
    public static IReadOnlyList<string> StackNames(WorkflowFile workflow, string project, string root)
    {
        var problems = new List<string>();
        var expected = new Regex(@"^\$\{\{\s*vars\.\w+\s*\}\}/" + Regex.Escape(project) + @"/\$\{\{\s*matrix\.stack\s*\}\}$");
        foreach (var step in PulumiSteps(workflow))
        {
            var command = step.Input("command");
            if (command is not ("preview" or "up"))
                problems.Add($"{step.Where}: command is {command ?? "unset"}, expected preview or up");
            var name = step.Input("stack-name");
            if (name is null || !expected.IsMatch(name))
                problems.Add($"{step.Where}: stack-name is {name ?? "unset"}, expected ${{{{ vars.<ORG> }}}}/{project}/${{{{ matrix.stack }}}}");
            var workDir = step.Input("work-dir") ?? "./";
            if (!File.Exists(Path.Combine(root, workDir, "Pulumi.yaml")))
                problems.Add($"{step.Where}: work-dir {workDir} has no Pulumi.yaml");
        }
        return problems;
    }

    /// <summary>Every job running pulumi/actions gets the Pulumi and Cloudflare tokens from repository secrets.</summary>
    public static IReadOnlyList<string> Tokens(WorkflowFile workflow)
    {
        var problems = new List<string>();
        foreach (var step in PulumiSteps(workflow))
            foreach (var variable in new[] { "PULUMI_ACCESS_TOKEN", "CLOUDFLARE_API_TOKEN" })
            {
                var value = step.EnvValue(variable);
                if (value is null || !Regex.IsMatch(value, @"^\$\{\{\s*secrets\." + variable + @"\s*\}\}$"))
                    problems.Add($"{step.Where}: env {variable} is {value ?? "unset"}, expected ${{{{ secrets.{variable} }}}}");
            }
        return problems;
    }

    /// <summary>No long-lived AWS access keys, in any spelling, anywhere in the file.</summary>
    public static IReadOnlyList<string> NoAwsKeys(WorkflowFile workflow) =>
        [.. new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "aws-access-key-id", "aws-secret-access-key" }
            .Where(word => workflow.Text.Contains(word, StringComparison.OrdinalIgnoreCase))
            .Select(word => $"{workflow.FileName}: mentions {word}; AWS credentials come only from OIDC role assumption")];

    /// <summary>AWS credentials only by OIDC: role-to-assume from a variable or secret, id-token: write, before any Pulumi step.</summary>
    public static IReadOnlyList<string> AwsByOidc(WorkflowFile workflow)
    {
        var problems = new List<string>();
        var fromRepository = new Regex(@"^\$\{\{\s*(vars|secrets)\.\w+\s*\}\}$");
        foreach (var job in workflow.Jobs)
        {
            var aws = job.StepsUsing(AwsCredentialsAction).ToList();
            foreach (var step in aws)
            {
                var role = step.Input("role-to-assume");
                if (role is null || !fromRepository.IsMatch(role))
                    problems.Add($"{step.Where}: role-to-assume is {role ?? "unset"}, expected ${{{{ vars.<NAME> }}}} or ${{{{ secrets.<NAME> }}}}");
                if (string.IsNullOrWhiteSpace(step.Input("aws-region")))
                    problems.Add($"{step.Where}: aws-region is unset (the action requires it)");
            }
            if (aws.Count > 0)
            {
                if (Permission(job, "id-token") != "write")
                    problems.Add($"{job.Where}: configures AWS, but its id-token permission is {Permission(job, "id-token") ?? "unset"}, expected write");
                if (Permission(job, "contents") != "read")
                    problems.Add($"{job.Where}: its contents permission is {Permission(job, "contents") ?? "unset"}, expected read");
            }
            var firstPulumi = job.StepsUsing(PulumiAction).Select(s => s.Index).DefaultIfEmpty(-1).Min();
            if (firstPulumi >= 0 && !aws.Any(s => s.Index < firstPulumi))
                problems.Add($"{job.Where}: runs {PulumiAction} without configuring AWS credentials by OIDC first");
        }
        return problems;
    }

    /// <summary>A job's permission for <paramref name="scope"/> (its own permissions, else the workflow's), or null.</summary>
    public static string? Permission(WorkflowJob job, string scope) => job.EffectivePermissions switch
    {
        YamlMappingNode map => map.Text(scope),
        _ => null, // unset (the repository default) or read-all/write-all: neither is explicit
    };

    /// <summary>Every <c>uses:</c> (steps and reusable-workflow jobs) is pinned to a version tag such as v4 or v4.1.2.</summary>
    public static IReadOnlyList<string> PinnedUses(WorkflowFile workflow)
    {
        var problems = new List<string>();
        foreach (var job in workflow.Jobs)
        {
            var uses = job.Steps.Where(s => s.Uses is not null).Select(s => (s.Where, Uses: s.Uses!)).ToList();
            if (job.Node.Text("uses") is { } reusable)
                uses.Add((job.Where, reusable));
            foreach (var (where, value) in uses.Where(u => !PinnedToTag().IsMatch(u.Uses)))
                problems.Add($"{where}: uses {value}, expected owner/repo@v<major>[.<minor>[.<patch>]]");
        }
        return problems;
    }

    /// <summary>Every setup-dotnet installs the version the projects target, and every Pulumi step has the checkout and .NET before it.</summary>
    public static IReadOnlyList<string> Dotnet(WorkflowFile workflow, string dotnetVersion)
    {
        var problems = new List<string>();
        foreach (var job in workflow.Jobs)
        {
            foreach (var step in job.StepsUsing(SetupDotnetAction).Where(s => s.Input("dotnet-version") != dotnetVersion))
                problems.Add($"{step.Where}: dotnet-version is {step.Input("dotnet-version") ?? "unset"}, expected {dotnetVersion} (Directory.Build.props)");
            foreach (var step in job.Steps.Where(s => s.Action == PulumiAction || (s.Run?.Contains("dotnet ", StringComparison.Ordinal) ?? false)))
                foreach (var needed in new[] { CheckoutAction, SetupDotnetAction }.Where(a => !job.StepsUsing(a).Any(s => s.Index < step.Index)))
                    problems.Add($"{step.Where}: no {needed} step before it");
        }
        if (workflow.Text.Contains("PulumiSdk", StringComparison.OrdinalIgnoreCase) || workflow.Text.Contains("PULUMI_SDK", StringComparison.OrdinalIgnoreCase))
            problems.Add($"{workflow.FileName}: the workflows build with the real Pulumi packages; PulumiSdk/PULUMI_SDK must not be set");
        return [.. problems.Distinct()];
    }

    /// <summary>The job <paramref name="jobId"/> runs <c>dotnet test &lt;solution&gt;</c>.</summary>
    public static IReadOnlyList<string> TestJob(WorkflowFile workflow, string jobId, string solution)
    {
        if (workflow.Job(jobId) is not { } job)
            return [$"{workflow.FileName}: has no job {jobId}"];
        return job.Steps.Any(s => s.Run is { } run && Regex.IsMatch(run, @"(^|\n)\s*dotnet test " + Regex.Escape(solution) + @"\s*($|\n)"))
            ? []
            : [$"{job.Where}: no step runs dotnet test {solution}"];
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@v\d+(\.\d+){0,2}$")]
    private static partial Regex PinnedToTag();
}
