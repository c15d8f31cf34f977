using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MultiRegionInfra.Tests.Ci;

/// <summary>
/// The rules the workflows must keep, each returning the problems it finds (empty: the rule holds). They take the
/// project (stack files and the matrices the script derives from them) and the workflows as values, so tests can
/// run them on another set of stack files and show each rule catching a broken workflow.
/// </summary>
internal static partial class WorkflowRules
{
    public const string PulumiAction = "pulumi/actions";
    public const string AwsCredentialsAction = "aws-actions/configure-aws-credentials";
    public const string SetupDotnetAction = "actions/setup-dotnet";
    public const string CheckoutAction = "actions/checkout";
    public const string UploadArtifactAction = "actions/upload-artifact";
    public const string DownloadArtifactAction = "actions/download-artifact";

    /// <summary>Every rule, on every workflow it applies to: what the tests call "the workflow checks".</summary>
    public static IReadOnlyList<string> All(CiProject project, IReadOnlyList<WorkflowFile> workflows, string dotnetVersion, string solution)
    {
        var problems = new List<string>();
        foreach (var workflow in workflows)
        {
            problems.AddRange(PinnedUses(workflow));
            problems.AddRange(CheckoutCredentials(workflow));
            problems.AddRange(Environments(workflow));
            problems.AddRange(NoPullRequestTarget(workflow));
            problems.AddRange(StackNames(workflow, project.ProjectName, project.Root));
            problems.AddRange(Tokens(workflow));
            problems.AddRange(NoAwsKeys(workflow));
            problems.AddRange(AwsByOidc(workflow));
            problems.AddRange(Dotnet(workflow, dotnetVersion));
            problems.AddRange(DerivedMatrices(workflow, project.Matrices));
        }
        problems.AddRange(PinVersions(workflows));
        problems.AddRange(Credentials(workflows));

        var pullRequest = workflows.Where(w => w.RunsOnPullRequests).ToList();
        var deploy = workflows.Where(w => PulumiJobs(w, "up").Count > 0).ToList();
        if (pullRequest.Count == 0)
            problems.Add("no workflow runs on pull requests");
        if (deploy.Count == 0)
            problems.Add("no workflow deploys (runs pulumi/actions with command up)");
        foreach (var workflow in pullRequest)
        {
            problems.AddRange(TestJob(workflow, solution));
            problems.AddRange(Preview(project, workflow));
            problems.AddRange(OfflinePlanOnPullRequests(workflow));
            var commenters = workflows.Where(w => w.Triggers.ContainsKey("workflow_run")).ToList();
            if (commenters.Count == 0)
                problems.Add($"{workflow.FileName}: no workflow_run workflow comments its plan diff");
            foreach (var commenter in commenters)
                problems.AddRange(CommentWorkflow(workflow, commenter));
        }
        foreach (var workflow in deploy)
        {
            problems.AddRange(TestJob(workflow, solution));
            problems.AddRange(DeployOrder(project, workflow));
            problems.AddRange(CanaryGates(project, workflow));
            problems.AddRange(InstanceRefreshGates(project, workflow));
        }
        return [.. problems.Distinct()];
    }

    /// <summary>Steps running <c>pulumi/actions</c> (with <paramref name="command"/>, when given).</summary>
    public static IReadOnlyList<WorkflowStep> PulumiSteps(WorkflowFile workflow, string? command = null) =>
        [.. workflow.Jobs.SelectMany(job => job.StepsUsing(PulumiAction))
            .Where(step => command is null || step.Input("command") == command)];

    /// <summary>The jobs that run <c>pulumi/actions</c> with <paramref name="command"/>, each once.</summary>
    public static IReadOnlyList<WorkflowJob> PulumiJobs(WorkflowFile workflow, string command) =>
        [.. PulumiSteps(workflow, command).Select(step => step.Job).DistinctBy(job => job.Id)];

    /// <summary>The jobs that run the offline plan (<c>plan --format json</c>).</summary>
    public static IReadOnlyList<WorkflowJob> PlanJobs(WorkflowFile workflow) =>
        [.. workflow.Jobs.Where(job => job.Steps.Any(s => s.Run is { } run && PlanJson().IsMatch(run)))];

    // ---------------------------------------------------------------------------------------------------------
    // Matrices: derived by the script in a job, never listed by hand.

    /// <summary>
    /// Every stack matrix is <c>${{ fromJSON(needs.J.outputs.O) }}</c>, where J is a job this job needs, whose output O
    /// comes from a step running stack_matrix.py into $GITHUB_OUTPUT, and O is one of the script's outputs.
    /// </summary>
    public static IReadOnlyList<string> DerivedMatrices(WorkflowFile workflow, StackMatrices matrices)
    {
        var problems = new List<string>();
        foreach (var job in workflow.Jobs.Where(j => j.Strategy.Map("matrix") is not null))
        {
            var matrix = job.Strategy.Map("matrix")!;
            foreach (var (key, value) in matrix.Entries().Where(e => e.Key != "stack"))
                if (Yaml.Scalars(value).Any(s => s.Contains("stack", StringComparison.OrdinalIgnoreCase) || matrices.Outputs.Values.Any(list => list.Contains(s))))
                    problems.Add($"{job.Where}: strategy.matrix.{key} names stacks; the stacks come only from strategy.matrix.stack, derived by {RepositoryFiles.StackMatrixScript}");
            switch (job.MatrixStack)
            {
                case null:
                    continue;
                case YamlSequenceNode list:
                    problems.Add($"{job.Where}: strategy.matrix.stack lists stacks by hand ({string.Join(", ", Yaml.Scalars(list))}); " +
                                 $"expected ${{{{ fromJSON(needs.<job>.outputs.<name>) }}}} from a job running {RepositoryFiles.StackMatrixScript}");
                    continue;
            }
            if (job.MatrixSource is not var (producerId, output))
            {
                problems.Add($"{job.Where}: strategy.matrix.stack is {(job.MatrixStack as YamlScalarNode)?.Value ?? "not a scalar"}, expected ${{{{ fromJSON(needs.<job>.outputs.<name>) }}}}");
                continue;
            }
            if (!job.Needs.Contains(producerId))
                problems.Add($"{job.Where}: its matrix reads needs.{producerId}, but the job does not need {producerId}");
            if (matrices[output] is null)
                problems.Add($"{job.Where}: its matrix reads output {output}, which {RepositoryFiles.StackMatrixScript} does not print (it prints {string.Join(", ", matrices.Outputs.Keys)})");
            if (workflow.Job(producerId) is not { } producer)
                problems.Add($"{job.Where}: its matrix reads needs.{producerId}, which is no job of {workflow.FileName}");
            else
                problems.AddRange(MatrixProducer(producer, output));
        }
        return problems;
    }

    /// <summary>Job <paramref name="producer"/> publishes <paramref name="output"/> from a step that runs the script.</summary>
    private static IEnumerable<string> MatrixProducer(WorkflowJob producer, string output)
    {
        if (!producer.Outputs.TryGetValue(output, out var expression))
        {
            yield return $"{producer.Where}: has no output {output}";
            yield break;
        }
        var match = StepOutput().Match(expression);
        if (!match.Success || match.Groups["output"].Value != output)
        {
            yield return $"{producer.Where}: output {output} is {expression}, expected ${{{{ steps.<id>.outputs.{output} }}}}";
            yield break;
        }
        var stepId = match.Groups["step"].Value;
        if (producer.Steps.FirstOrDefault(s => s.Id == stepId) is not { } step)
            yield return $"{producer.Where}: output {output} reads step {stepId}, which is no step of the job";
        else if (step.Run is null || !ScriptToOutputs().IsMatch(step.Run))
            yield return $"{step.Where}: does not run python3 {RepositoryFiles.StackMatrixScript} --format github >> \"$GITHUB_OUTPUT\"";
    }

    /// <summary>The stacks a job's derived matrix holds for these stack files, or null when it is not derived.</summary>
    public static IReadOnlyList<string>? Resolve(WorkflowJob job, StackMatrices matrices) =>
        job.MatrixSource is var (_, output) ? matrices[output] : null;

    /// <summary>Every stack file has exactly one entry in the matrices of <paramref name="jobs"/>, and every entry a stack file.</summary>
    public static IReadOnlyList<string> Coverage(CiProject project, IReadOnlyList<WorkflowJob> jobs, string what)
    {
        var problems = new List<string>();
        var entries = jobs.SelectMany(job => (Resolve(job, project.Matrices) ?? []).Select(stack => (Stack: stack, Job: job))).ToList();
        foreach (var stack in project.Stacks)
        {
            var found = entries.Where(e => e.Stack == stack.Name).ToList();
            if (found.Count == 0)
                problems.Add($"Pulumi.{stack.Name}.yaml: stack {stack.Name} is in no {what} ({string.Join(", ", jobs.Select(j => j.Where))})");
            else if (found.Count > 1)
                problems.Add($"stack {stack.Name} is in the {what} {found.Count} times ({string.Join(", ", found.Select(f => f.Job.Where))}); once is enough");
        }
        foreach (var (stack, job) in entries.Where(e => project.Stacks.All(s => s.Name != e.Stack)).Distinct())
            problems.Add($"{job.Where}: matrix stack {stack} has no Pulumi.{stack}.yaml in {project.Root}");
        if (jobs.Count == 0)
            problems.Add($"no job makes the {what}");
        return problems;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Pull requests: the offline plan for everyone, previews for trusted branches, the comment from outside.

    /// <summary>Previews cover the stack files, diff and comment, and run only for this repository's branches, outside any environment.</summary>
    public static IReadOnlyList<string> Preview(CiProject project, WorkflowFile workflow)
    {
        var jobs = PulumiJobs(workflow, "preview");
        var problems = new List<string>(Coverage(project, jobs, $"preview matrix of {workflow.FileName}"));
        foreach (var step in PulumiSteps(workflow, "preview"))
        {
            if (step.Input("comment-on-pr") != "true")
                problems.Add($"{step.Where}: comment-on-pr is {step.Input("comment-on-pr") ?? "unset"}, expected true");
            if (step.Input("diff") != "true")
                problems.Add($"{step.Where}: diff is {step.Input("diff") ?? "unset"}, expected true");
            if (Permission(step.Job, "pull-requests") != "write")
                problems.Add($"{step.Where}: comments on the pull request, but the job's pull-requests permission is {Permission(step.Job, "pull-requests") ?? "unset"}, expected write");
            if (step.Input("refresh") is { } refresh && refresh != "false")
                problems.Add($"{step.Where}: refresh is {refresh}; a refresh reads the stacks' SSM SecureString parameters with kms:Decrypt, which the read-only preview role " +
                             "may not do, so the preview would fail; it compares with the last deployed state (refresh: false or unset)");
        }
        foreach (var job in jobs)
            if (job.If is not { } condition || !SameRepository().IsMatch(condition))
                problems.Add($"{job.Where}: previews with credentials but runs for forks too; expected if: github.event.pull_request.head.repo.full_name == github.repository");
        return problems;
    }

    /// <summary>
    /// Every pull request, forks included, gets the offline plan of the base branch and of the pull request and their
    /// diff, in a job with no secrets and only read permissions, which uploads the diff for the comment workflow.
    /// </summary>
    public static IReadOnlyList<string> OfflinePlanOnPullRequests(WorkflowFile workflow)
    {
        var problems = new List<string>();
        if (!workflow.Triggers.TryGetValue("pull_request", out var settings))
            problems.Add($"{workflow.FileName}: not triggered by pull_request");
        foreach (var filter in new[] { "branches", "branches-ignore", "paths", "paths-ignore" }.Where(f => settings.Get(f) is not null))
            problems.Add($"{workflow.FileName}: on.pull_request.{filter} leaves some pull requests without the offline plan");

        var diffJobs = workflow.Jobs.Where(job => job.Steps.Any(s => s.Run is { } run && PlanDiff().IsMatch(run))).ToList();
        if (diffJobs.Count == 0)
            problems.Add($"{workflow.FileName}: no job runs dotnet run --project stacks -p:PulumiSdk=offline -- plan --diff <base plan> --format markdown");
        foreach (var job in diffJobs)
        {
            if (!job.Steps.Any(s => s.Run is { } run && PlanJson().IsMatch(run)))
                problems.Add($"{job.Where}: diffs without planning (no plan --format json --out)");
            if (!job.StepsUsing(CheckoutAction).Any(s => s.Input("ref") is { } reference && reference.Contains("pull_request.base", StringComparison.Ordinal)))
                problems.Add($"{job.Where}: plans no base branch (no checkout with ref: ${{{{ github.event.pull_request.base.sha }}}})");
            if (job.If is { } condition && condition.Contains("github.repository", StringComparison.Ordinal))
                problems.Add($"{job.Where}: if: {condition} skips forks; the offline plan needs no credentials and runs for every pull request");
            problems.AddRange(NoSecrets(job, "the offline plan runs a fork's code"));
            problems.AddRange(ReadOnly(job));
            if (!job.StepsUsing(UploadArtifactAction).Any(s => !string.IsNullOrEmpty(s.Input("name"))))
                problems.Add($"{job.Where}: uploads no artifact for the comment workflow");
        }
        return problems;
    }

    /// <summary>
    /// The workflow that comments a pull request's plan diff: started by <c>workflow_run</c> of the pull-request
    /// workflow, it only downloads that run's artifact and posts it: no checkout, no secrets, nothing run but
    /// shell and gh, no expression in a script, no write permission but pull-requests.
    /// </summary>
    public static IReadOnlyList<string> CommentWorkflow(WorkflowFile pullRequest, WorkflowFile comment)
    {
        var problems = new List<string>();
        var triggers = comment.Triggers;
        if (triggers.Keys.Any(t => t != "workflow_run"))
            problems.Add($"{comment.FileName}: triggered by {string.Join(", ", triggers.Keys)}; the comment workflow runs only on workflow_run");
        var run = triggers.GetValueOrDefault("workflow_run");
        if (!run.Texts("workflows").Contains(pullRequest.Name ?? pullRequest.FileName))
            problems.Add($"{comment.FileName}: on.workflow_run.workflows is [{string.Join(", ", run.Texts("workflows"))}], expected it to name {pullRequest.Name}");
        if (!run.Texts("types").Contains("completed"))
            problems.Add($"{comment.FileName}: on.workflow_run.types is [{string.Join(", ", run.Texts("types"))}], expected completed");
        if (comment.Permissions is not YamlMappingNode workflowPermissions)
            problems.Add($"{comment.FileName}: workflow permissions are {(comment.Permissions as YamlScalarNode)?.Value ?? "unset (the repository default)"}, expected permissions: {{}}");
        else
            foreach (var (scope, level) in workflowPermissions.Entries().Where(e => (e.Value as YamlScalarNode)?.Value == "write"))
                problems.Add($"{comment.FileName}: workflow permission {scope}: {(level as YamlScalarNode)?.Value}; only the comment job gets pull-requests: write");
        if (Yaml.Scalars(comment.Root).FirstOrDefault(s => SecretReference().IsMatch(s)) is { } secret)
            problems.Add($"{comment.FileName}: uses a secret ({secret.Trim()}); the comment workflow needs only github.token");

        var artifacts = pullRequest.Jobs.SelectMany(j => j.StepsUsing(UploadArtifactAction)).Select(s => s.Input("name")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var job in comment.Jobs)
        {
            if (job.If is not { } condition || !WorkflowRunOfPullRequest().IsMatch(condition))
                problems.Add($"{job.Where}: if is {job.If ?? "unset"}, expected it to require github.event.workflow_run.event == 'pull_request'");
            if (job.EffectivePermissions is not YamlMappingNode permissions)
                problems.Add($"{job.Where}: permissions are not set scope by scope");
            else
                foreach (var (scope, level) in permissions.Entries())
                    if ((level as YamlScalarNode)?.Value is "write" && scope != "pull-requests")
                        problems.Add($"{job.Where}: permission {scope}: write; the comment job writes only to pull requests");
            if (Permission(job, "pull-requests") != "write")
                problems.Add($"{job.Where}: pull-requests permission is {Permission(job, "pull-requests") ?? "unset"}, expected write (to comment)");
            foreach (var step in job.Steps)
            {
                if (step.Action is { } action && action != DownloadArtifactAction)
                    problems.Add($"{step.Where}: uses {action}; the comment job only downloads the artifact (no checkout, no other action)");
                if (step.Action == DownloadArtifactAction)
                {
                    if (step.Input("name") is not { } name || !artifacts.Contains(name))
                        problems.Add($"{step.Where}: downloads artifact {step.Input("name") ?? "(no name)"}, which {pullRequest.FileName} does not upload ({string.Join(", ", artifacts)})");
                    if (step.Input("run-id") is not { } runId || !WorkflowRunId().IsMatch(runId))
                        problems.Add($"{step.Where}: run-id is {step.Input("run-id") ?? "unset"}, expected ${{{{ github.event.workflow_run.id }}}}");
                }
                if (step.Run is not { } script)
                    continue;
                if (script.Contains("${{", StringComparison.Ordinal))
                    problems.Add($"{step.Where}: its script contains an expression; values reach it only through env, so a pull request's text cannot become a command");
                if (RunsCode().Match(script) is { Success: true } code)
                    problems.Add($"{step.Where}: runs {code.Value.Trim()}; the comment job posts text and runs nothing of the pull request");
            }
        }
        if (!comment.Jobs.Any(j => j.Steps.Any(s => s.Run?.Contains("comments", StringComparison.Ordinal) ?? false)))
            problems.Add($"{comment.FileName}: no step posts a comment (gh api .../comments)");
        return problems;
    }

    /// <summary>No workflow runs on pull_request_target: it runs with write access and secrets next to a fork's code.</summary>
    public static IReadOnlyList<string> NoPullRequestTarget(WorkflowFile workflow) =>
        workflow.Triggers.ContainsKey("pull_request_target")
            ? [$"{workflow.FileName}: triggered by pull_request_target, which gives a fork's pull request the base repository's token and secrets; use pull_request, and workflow_run to comment"]
            : [];

    private static IEnumerable<string> NoSecrets(WorkflowJob job, string why) =>
        job.Scalars.Where(s => SecretReference().IsMatch(s)).Distinct().Select(s => $"{job.Where}: uses {s.Trim()}; {why}, so it has no secrets");

    private static IEnumerable<string> ReadOnly(WorkflowJob job)
    {
        if (job.EffectivePermissions is not YamlMappingNode permissions)
        {
            yield return $"{job.Where}: permissions are not set scope by scope (expected contents: read)";
            yield break;
        }
        foreach (var (scope, level) in permissions.Entries().Where(e => (e.Value as YamlScalarNode)?.Value is not ("read" or "none")))
            yield return $"{job.Where}: permission {scope}: {(level as YamlScalarNode)?.Value}; a job running a pull request's code reads only";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Deploys: in order, one region at a time, in an environment, after the tests and the offline plan.

    /// <summary>
    /// The deploy jobs' derived matrices hold every stack file once, and they deploy one region at a time in the order
    /// the stack files require (a replica after its primary, the global stack after every regional stack), after the
    /// tests and the offline plan, never after a failed region, and never with an empty matrix.
    /// </summary>
    public static IReadOnlyList<string> DeployOrder(CiProject project, WorkflowFile workflow)
    {
        var deployJobs = PulumiJobs(workflow, "up");
        var problems = new List<string>(Coverage(project, deployJobs, $"deploy matrix of {workflow.FileName}"));

        var jobIds = workflow.Jobs.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var job in workflow.Jobs)
            foreach (var need in job.Needs.Where(n => !jobIds.Contains(n)))
                problems.Add($"{job.Where}: needs {need}, which is no job of {workflow.FileName}");

        var place = new Dictionary<string, (WorkflowJob Job, int Index)>(StringComparer.Ordinal);
        foreach (var job in deployJobs)
            foreach (var (stack, index) in (Resolve(job, project.Matrices) ?? []).Select((s, i) => (s, i)))
                place.TryAdd(stack, (job, index));
        foreach (var stack in project.Stacks)
        {
            if (!place.TryGetValue(stack.Name, out var at))
                continue; // reported by Coverage
            var before = Ancestors(workflow, at.Job.Id);
            foreach (var earlier in MustDeployBefore(stack, project.Stacks))
            {
                if (!place.TryGetValue(earlier.Name, out var earlierAt))
                    continue;
                if (earlierAt.Job.Id == at.Job.Id)
                {
                    if (earlierAt.Index > at.Index || MaxParallel(at.Job) != "1")
                        problems.Add($"{at.Job.Where} deploys {stack} and {earlier} in one matrix, where {earlier.Name} does not finish first " +
                                     $"(it is entry {earlierAt.Index + 1}, {stack.Name} entry {at.Index + 1}, max-parallel {MaxParallel(at.Job) ?? "unset"})");
                }
                else if (!before.Contains(earlierAt.Job.Id))
                {
                    problems.Add(
                        $"{at.Job.Where} deploys {stack} and {earlierAt.Job.Where} deploys {earlier}, but job {at.Job.Id} does not need job {earlierAt.Job.Id} " +
                        $"(directly or through other jobs), so {stack.Name} can run before {earlier.Name} has finished");
                }
            }
        }

        problems.AddRange(RegionByRegion(workflow, deployJobs));
        problems.AddRange(SkipSafety(deployJobs));
        var gates = new[]
        {
            ("the tests (dotnet test)", workflow.Jobs.Where(j => j.Steps.Any(s => s.Run is { } run && DotnetTest().IsMatch(run))).Select(j => j.Id).ToList()),
            ("the offline plan (plan --format json)", PlanJobs(workflow).Select(j => j.Id).ToList()),
        };
        foreach (var job in deployJobs)
        {
            var before = Ancestors(workflow, job.Id);
            foreach (var (what, gateJobs) in gates.Where(g => !g.Item2.Any(before.Contains)))
                problems.Add($"{job.Where}: deploys without waiting for {what}{(gateJobs.Count == 0 ? $"; no job of {workflow.FileName} runs it" : $": it does not need {string.Join(" or ", gateJobs)}")}");
            if (job.MatrixSource is var (producer, output) && project.Matrices[output] is { Count: 0 }
                && !(job.If ?? "").Contains($"needs.{producer}.outputs.{output} != '[]'", StringComparison.Ordinal))
                problems.Add($"{job.Where}: its matrix is empty for these stack files (output {output} is []), and GitHub fails a job whose matrix is empty; " +
                             $"expected if: needs.{producer}.outputs.{output} != '[]'");
        }
        return problems;
    }

    /// <summary>How long the canary wait script waits for a run at most, as wait_for_canaries.py computes it.</summary>
    public static int CanaryWaitSeconds(MultiRegionInfra.Monitoring.CanarySchedule schedule) => 2 * schedule.IntervalSeconds + schedule.RunTimeoutSeconds + 60;

    /// <summary>
    /// Every job that deploys a regional stack waits, after its <c>pulumi up</c>, for that region's canaries:
    /// a step runs the wait script with <c>--stack</c> the job's matrix stack (directly or through an env
    /// variable), bounded by <c>timeout-minutes</c> no shorter than the script's own wait for the global stack's
    /// <c>canary.schedule</c>, and its failure fails the job (no continue-on-error), so the next region does not
    /// start after a release broke this one.
    /// </summary>

    public static IReadOnlyList<string> CanaryGates(CiProject project, WorkflowFile workflow)
    {
        var problems = new List<string>();
        foreach (var job in PulumiJobs(workflow, "up"))
        {
            if (!(Resolve(job, project.Matrices) ?? []).Any(stack => project.Stacks.Any(s => s.Name == stack && s.IsRegional)))
                continue;
            var up = job.Steps.First(s => s.Action == PulumiAction && s.Input("command") == "up");
            var waits = job.Steps.Where(s => s.Run is { } run && run.Contains(RepositoryFiles.CanaryWaitScript, StringComparison.Ordinal)).ToList();
            if (waits.Count == 0)
            {
                problems.Add($"{job.Where}: deploys regions without waiting for their canaries; expected a step after pulumi up running python3 {RepositoryFiles.CanaryWaitScript} --stack <the matrix stack>");
                continue;
            }
            foreach (var wait in waits)
            {
                if (wait.Index < up.Index)
                    problems.Add($"{wait.Where}: waits for the canaries before pulumi up ({up.Where}); the wait checks the release, so it comes after");
                if (!WaitsForMatrixStack(wait))
                    problems.Add($"{wait.Where}: does not pass --stack the job's matrix stack (--stack \"${{{{ matrix.stack }}}}\", or an env variable set to it)");
                if (!int.TryParse(wait.Node.Text("timeout-minutes"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes) || minutes is < 1 or > 150)
                    problems.Add($"{wait.Where}: timeout-minutes is {wait.Node.Text("timeout-minutes") ?? "unset"}; a wait for a canary is bounded (1 to 150 minutes)");
                else
                {
                    // The script waits up to two intervals and the longest run; a shorter step timeout kills it
                    // before it can say which canary did not run.
                    foreach (var global in project.Stacks.Where(s => s.IsGlobal))
                    {
                        var schedule = MultiRegionInfra.Monitoring.CanarySchedule.Parse(global.CanarySchedule ?? MultiRegionInfra.Monitoring.CanarySchedule.DefaultExpression);
                        var needed = schedule is null ? 0 : (int)Math.Ceiling(CanaryWaitSeconds(schedule) / 60.0);
                        if (minutes < needed)
                            problems.Add($"{wait.Where}: timeout-minutes is {minutes}, shorter than the wait for {global.Name}'s canary.schedule {schedule!.Expression} ({needed} minutes: two intervals, the longest run and a minute); raise it");
                    }
                }
                if (wait.Node.Text("continue-on-error") is { } continues && continues != "false")
                    problems.Add($"{wait.Where}: continue-on-error is {continues}; a failed canary run must stop the deploy");
                if (wait.Node.Text("if") is { } condition)
                    problems.Add($"{wait.Where}: runs only if {condition}; the wait runs after every region's deploy");
            }
        }
        return problems;
    }

    /// <summary>
    /// Every job that deploys a regional stack waits, after its <c>pulumi up</c>, for the auto scaling group's
    /// instance refresh to end (<c>pulumi up</c> returns once it has started, while the old instances still answer):
    /// a step runs the refresh wait script with <c>--stack</c> the job's matrix stack and <c>--since</c> the output of
    /// a step before <c>pulumi up</c> that notes the time into $GITHUB_OUTPUT (directly or through an env variable),
    /// with the Pulumi token the deploy has (it reads the stack's outputs), bounded by <c>timeout-minutes</c>, with no
    /// continue-on-error and no if, and before the canaries' wait, whose run must call the new instances.
    /// </summary>
    public static IReadOnlyList<string> InstanceRefreshGates(CiProject project, WorkflowFile workflow)
    {
        var problems = new List<string>();
        foreach (var job in PulumiJobs(workflow, "up"))
        {
            if (!(Resolve(job, project.Matrices) ?? []).Any(stack => project.Stacks.Any(s => s.Name == stack && s.IsRegional)))
                continue;
            var up = job.Steps.First(s => s.Action == PulumiAction && s.Input("command") == "up");
            var waits = job.Steps.Where(s => s.Run is { } run && run.Contains(RepositoryFiles.InstanceRefreshWaitScript, StringComparison.Ordinal)).ToList();
            if (waits.Count == 0)
            {
                problems.Add($"{job.Where}: deploys regions without waiting for their instance refresh; expected a step after pulumi up running " +
                             $"python3 {RepositoryFiles.InstanceRefreshWaitScript} --stack <the matrix stack> --since <a time noted before pulumi up>");
                continue;
            }
            var canaryWaits = job.Steps.Where(s => s.Run is { } run && run.Contains(RepositoryFiles.CanaryWaitScript, StringComparison.Ordinal)).ToList();
            foreach (var wait in waits)
            {
                if (wait.Index < up.Index)
                    problems.Add($"{wait.Where}: waits for the instance refresh before pulumi up ({up.Where}); the refresh starts in pulumi up, so the wait comes after");
                foreach (var canary in canaryWaits.Where(c => c.Index < wait.Index))
                    problems.Add($"{wait.Where}: comes after the canaries' wait ({canary.Where}); a canary run during the refresh can be answered by the old instances, so the refresh ends first");
                if (!PassesMatrixStack(wait, RepositoryFiles.InstanceRefreshWaitScript))
                    problems.Add($"{wait.Where}: does not pass --stack the job's matrix stack (--stack \"${{{{ matrix.stack }}}}\", or an env variable set to it)");
                problems.AddRange(SinceBeforeUp(wait, up));
                var token = up.EnvValue("PULUMI_ACCESS_TOKEN");
                if (wait.EnvValue("PULUMI_ACCESS_TOKEN") != token)
                    problems.Add($"{wait.Where}: env PULUMI_ACCESS_TOKEN is {wait.EnvValue("PULUMI_ACCESS_TOKEN") ?? "unset"}, expected {token ?? "the pulumi up step's"} (it reads the stack's outputs)");
                if (!int.TryParse(wait.Node.Text("timeout-minutes"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes) || minutes is < 1 or > 120)
                    problems.Add($"{wait.Where}: timeout-minutes is {wait.Node.Text("timeout-minutes") ?? "unset"}; a wait for an instance refresh is bounded (1 to 120 minutes)");
                if (wait.Node.Text("continue-on-error") is { } continues && continues != "false")
                    problems.Add($"{wait.Where}: continue-on-error is {continues}; a failed or rolled back instance refresh must stop the deploy");
                if (wait.Node.Text("if") is { } condition)
                    problems.Add($"{wait.Where}: runs only if {condition}; the wait runs after every region's deploy");
            }
        }
        return problems;
    }

    /// <summary>The step passes --since the output of a step before <paramref name="up"/> that writes it into $GITHUB_OUTPUT:
    /// <c>--since "${{ steps.ID.outputs.NAME }}"</c>, or <c>--since "$VAR"</c> with that expression in its env.</summary>
    private static IEnumerable<string> SinceBeforeUp(WorkflowStep wait, WorkflowStep up)
    {
        var argument = ScriptArgument(wait.Run ?? "", RepositoryFiles.InstanceRefreshWaitScript, "since");
        var value = argument is null ? null
            : VariableReference().Match(argument) is { Success: true } variable ? wait.EnvValue(variable.Groups["name"].Value)
            : argument;
        if (value is null || StepOutput().Match(value) is not { Success: true } output)
        {
            yield return $"{wait.Where}: does not pass --since the time a step before pulumi up noted (--since \"${{{{ steps.<id>.outputs.<name> }}}}\", or an env variable set to it); " +
                         "without it a refresh an earlier deploy started would count as this one's";
            yield break;
        }
        var id = output.Groups["step"].Value;
        var step = wait.Job.Steps.FirstOrDefault(s => s.Id == id);
        if (step is null)
            yield return $"{wait.Where}: --since reads step {id}, which is no step of the job";
        else if (step.Index > up.Index)
            yield return $"{wait.Where}: --since reads step {id} ({step.Where}), which runs after pulumi up; the time is noted before the deploy starts";
        else if (step.Run is not { } run || !run.Contains("GITHUB_OUTPUT", StringComparison.Ordinal) || !run.Contains($"{output.Groups["output"].Value}=", StringComparison.Ordinal))
            yield return $"{wait.Where}: --since reads {value}, which {step.Where} does not write into $GITHUB_OUTPUT";
    }

    /// <summary>The step passes --stack the matrix stack: <c>--stack "${{ matrix.stack }}"</c>, or <c>--stack "$NAME"</c>
    /// with <c>NAME: ${{ matrix.stack }}</c> in its env.</summary>
    private static bool WaitsForMatrixStack(WorkflowStep step) => PassesMatrixStack(step, RepositoryFiles.CanaryWaitScript);

    private static bool PassesMatrixStack(WorkflowStep step, string script)
    {
        if (ScriptArgument(step.Run ?? "", script, "stack") is not { } value)
            return false;
        if (MatrixStackExpression().IsMatch(value))
            return true;
        return VariableReference().Match(value) is { Success: true } variable
               && step.EnvValue(variable.Groups["name"].Value) is { } env && MatrixStackExpression().IsMatch(env);
    }

    /// <summary>The value of <c>--<paramref name="option"/></c> on the line that runs <paramref name="script"/>, unquoted, or null.</summary>
    private static string? ScriptArgument(string run, string script, string option)
    {
        var name = Regex.Escape(Path.GetFileName(script));
        var match = Regex.Match(run, name + @"\b[^\n]*--" + Regex.Escape(option) + @"[ =](?:""(?<value>[^""]*)""|(?<value>[^\s""]+))");
        return match.Success ? match.Groups["value"].Value : null;
    }

    [GeneratedRegex(@"^\$\{\{\s*matrix\.stack\s*\}\}$")]
    private static partial Regex MatrixStackExpression();

    [GeneratedRegex(@"^\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?$")]
    private static partial Regex VariableReference();

    /// <summary>One region at a time: max-parallel 1, fail-fast, and every two deploy jobs ordered by needs.</summary>
    public static IReadOnlyList<string> RegionByRegion(WorkflowFile workflow, IReadOnlyList<WorkflowJob> deployJobs)
    {
        var problems = new List<string>();
        foreach (var job in deployJobs)
        {
            if (MaxParallel(job) != "1")
                problems.Add($"{job.Where}: strategy.max-parallel is {MaxParallel(job) ?? "unset"}, expected 1 (one region at a time)");
            if (job.Strategy.Text("fail-fast") == "false")
                problems.Add($"{job.Where}: strategy.fail-fast is false; a failed region must stop the regions after it");
        }
        for (var i = 0; i < deployJobs.Count; i++)
            for (var j = i + 1; j < deployJobs.Count; j++)
                if (!Ancestors(workflow, deployJobs[i].Id).Contains(deployJobs[j].Id) && !Ancestors(workflow, deployJobs[j].Id).Contains(deployJobs[i].Id))
                    problems.Add($"{deployJobs[i].Where} and job {deployJobs[j].Id} can deploy at the same time; one region at a time needs one to need the other");
        return problems;
    }

    /// <summary>
    /// A deploy job runs only when the deploy jobs it needs succeeded: no always(); when a needed deploy job can be
    /// skipped (it has an if), the job says !cancelled() and tests that job's result, or the skip would skip it too.
    /// </summary>
    public static IReadOnlyList<string> SkipSafety(IReadOnlyList<WorkflowJob> deployJobs)
    {
        var problems = new List<string>();
        var ids = deployJobs.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var job in deployJobs)
        {
            var condition = job.If ?? "";
            if (condition.Contains("always()", StringComparison.Ordinal))
                problems.Add($"{job.Where}: if uses always(), so it deploys after a failed or cancelled region");
            var notCancelled = condition.Contains("!cancelled()", StringComparison.Ordinal);
            foreach (var need in job.Needs.Where(ids.Contains))
            {
                var needed = deployJobs.First(j => j.Id == need);
                var testsResult = condition.Contains($"needs.{need}.result", StringComparison.Ordinal);
                if (needed.If is not null && !(notCancelled && testsResult))
                    problems.Add($"{job.Where}: needs {need}, which its if can skip; without !cancelled() and a test of needs.{need}.result, skipping {need} skips this job too");
                else if (needed.If is null && notCancelled && !condition.Contains($"needs.{need}.result == 'success'", StringComparison.Ordinal))
                    problems.Add($"{job.Where}: its if has !cancelled() but not needs.{need}.result == 'success', so it deploys after {need} failed");
            }
        }
        return problems;
    }

    /// <summary>The stacks that must be up before <paramref name="stack"/>, from the stack files' configuration.</summary>
    public static IEnumerable<StackFile> MustDeployBefore(StackFile stack, IReadOnlyList<StackFile> stacks) =>
        stack.IsGlobal ? stacks.Where(s => s.IsRegional)
        : stack.IsReplica ? stacks.Where(s => s.Name == stack.PrimaryStack)
        : [];

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

    private static string? MaxParallel(WorkflowJob job) => job.Strategy.Text("max-parallel");

    /// <summary>
    /// Jobs that deploy run in a GitHub environment (its protection rules and its OIDC subject
    /// <c>repo:&lt;owner&gt;/&lt;repo&gt;:environment:&lt;name&gt;</c>, the only one the deploy role trusts);
    /// no job of a pull-request workflow runs in one.
    /// </summary>
    public static IReadOnlyList<string> Environments(WorkflowFile workflow)
    {
        var problems = new List<string>();
        foreach (var job in PulumiJobs(workflow, "up").Where(j => string.IsNullOrWhiteSpace(j.Environment)))
            problems.Add($"{job.Where}: deploys outside a GitHub environment; expected environment: production (approval, branch protection, the deploy role's OIDC subject)");
        if (workflow.RunsOnPullRequests)
            foreach (var job in workflow.Jobs.Where(j => j.Environment is not null))
                problems.Add($"{job.Where}: runs in environment {job.Environment} on a pull request; the environment's secrets and OIDC subject are the deploy's");
        return problems;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Credentials: OIDC only, the preview role and tokens for pull requests, the deploy role and tokens for deploys.

    /// <summary>
    /// The credentials (secrets, and variables naming a role, token or key) that pull-request workflows use are
    /// preview ones (named *PREVIEW*) and none of those the deploy jobs use; the deploy jobs use no preview one.
    /// </summary>
    public static IReadOnlyList<string> Credentials(IReadOnlyList<WorkflowFile> workflows)
    {
        var problems = new List<string>();
        var deployJobs = workflows.SelectMany(w => PulumiJobs(w, "up")).ToList();
        var deploy = deployJobs.SelectMany(job => CredentialReferences(job.Scalars).Select(c => (c, job.Where))).ToList();
        var deployNames = deploy.Select(d => d.c).ToHashSet(StringComparer.Ordinal);
        foreach (var workflow in workflows.Where(w => w.RunsOnPullRequests))
            foreach (var job in workflow.Jobs)
                foreach (var credential in CredentialReferences(job.Scalars))
                {
                    if (deployNames.Contains(credential))
                        problems.Add($"{job.Where}: uses {credential}, which the deploy jobs use; pull requests get the read-only preview credentials only");
                    if (!credential.Contains("PREVIEW", StringComparison.Ordinal))
                        problems.Add($"{job.Where}: uses {credential}; a credential a pull request can reach is a read-only one named *PREVIEW*");
                }
        foreach (var (credential, where) in deploy.Distinct().Where(d => d.c.Contains("PREVIEW", StringComparison.Ordinal)))
            problems.Add($"{where}: deploys with {credential}, a read-only preview credential");
        var previewRoles = workflows.Where(w => w.RunsOnPullRequests).SelectMany(w => w.Jobs).SelectMany(j => j.StepsUsing(AwsCredentialsAction)).Select(s => s.Input("role-to-assume")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var deployRoles = deployJobs.SelectMany(j => j.StepsUsing(AwsCredentialsAction)).Select(s => s.Input("role-to-assume")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var role in previewRoles.Intersect(deployRoles))
            problems.Add($"role-to-assume {role} is used by pull requests and by deploys; the preview role is a separate, read-only role");
        return problems;
    }

    /// <summary><c>secrets.X</c> and credential-like <c>vars.X</c> (ROLE, TOKEN, KEY, SECRET in the name) in expressions; not the workflow's own GITHUB_TOKEN.</summary>
    public static IEnumerable<string> CredentialReferences(IEnumerable<string> scalars) =>
        scalars.SelectMany(s => Reference().Matches(s))
            .Select(m => $"{m.Groups["kind"].Value}.{m.Groups["name"].Value}")
            .Where(c => c.StartsWith("secrets.", StringComparison.Ordinal) ? c != "secrets.GITHUB_TOKEN" : CredentialName().IsMatch(c))
            .Distinct();

    /// <summary>Every pulumi/actions step names a stack as &lt;org from a variable&gt;/&lt;project&gt;/&lt;matrix stack&gt; in the project's folder; pull requests only preview.</summary>
    public static IReadOnlyList<string> StackNames(WorkflowFile workflow, string project, string root)
    {
        var problems = new List<string>();
        var expected = new Regex(@"^\$\{\{\s*vars\.\w+\s*\}\}/" + Regex.Escape(project) + @"/\$\{\{\s*matrix\.stack\s*\}\}$");
        foreach (var step in PulumiSteps(workflow))
        {
            var command = step.Input("command");
            if (command is not ("preview" or "up"))
                problems.Add($"{step.Where}: command is {command ?? "unset"}, expected preview or up");
            else if (command == "up" && workflow.RunsOnPullRequests)
                problems.Add($"{step.Where}: command is up in a pull-request workflow; pull requests only preview");
            var name = step.Input("stack-name");
            if (name is null || !expected.IsMatch(name))
                problems.Add($"{step.Where}: stack-name is {name ?? "unset"}, expected ${{{{ vars.<ORG> }}}}/{project}/${{{{ matrix.stack }}}}");
            var workDir = step.Input("work-dir") ?? "./";
            if (!File.Exists(Path.Combine(root, workDir, "Pulumi.yaml")))
                problems.Add($"{step.Where}: work-dir {workDir} has no Pulumi.yaml");
        }
        return problems;
    }

    /// <summary>Every pulumi/actions step gets the Pulumi and Cloudflare tokens from secrets (which ones: see <see cref="Credentials"/>).</summary>
    public static IReadOnlyList<string> Tokens(WorkflowFile workflow)
    {
        var problems = new List<string>();
        foreach (var step in PulumiSteps(workflow))
            foreach (var variable in new[] { "PULUMI_ACCESS_TOKEN", "CLOUDFLARE_API_TOKEN" })
            {
                var value = step.EnvValue(variable);
                if (value is null || !SecretExpression().IsMatch(value))
                    problems.Add($"{step.Where}: env {variable} is {value ?? "unset"}, expected ${{{{ secrets.<NAME> }}}}");
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

    // ---------------------------------------------------------------------------------------------------------
    // Actions: pinned by commit, credentials not kept.

    /// <summary>
    /// Every <c>uses:</c> (steps and reusable-workflow jobs) is pinned to a full commit SHA with its version in a comment
    /// on the same line (<c>owner/repo@&lt;40 hex&gt; # v1.2.3</c>); the repository's own actions (<c>./</c>) are exempt.
    /// </summary>
    public static IReadOnlyList<string> PinnedUses(WorkflowFile workflow)
    {
        var problems = new List<string>();
        foreach (var (where, value, line) in UsesOf(workflow))
        {
            if (value.StartsWith("./", StringComparison.Ordinal))
                continue;
            var pin = PinnedToCommit().Match(value);
            if (!pin.Success)
            {
                problems.Add($"{where}: uses {value}, expected owner/repo@<40-hex commit SHA> # v<version>; a tag can be moved, a commit cannot");
                continue;
            }
            if (!VersionComment().IsMatch(workflow.Line(line)))
                problems.Add($"{where}: uses {value} without the version it is in a comment on the same line (# v1.2.3)");
        }
        return problems;
    }

    /// <summary>One action is pinned to one commit per version, and one version per commit, across the workflows.</summary>
    public static IReadOnlyList<string> PinVersions(IReadOnlyList<WorkflowFile> workflows)
    {
        var pins = workflows.SelectMany(Pins).ToList();
        var problems = new List<string>();
        foreach (var group in pins.GroupBy(p => (p.Action, p.Sha)).Where(g => g.Select(p => p.Version).Distinct().Count() > 1))
            problems.Add($"{group.Key.Action}@{group.Key.Sha} is labelled {string.Join(" and ", group.Select(p => p.Version).Distinct())} ({string.Join("; ", group.Select(p => p.Where))})");
        foreach (var group in pins.GroupBy(p => (p.Action, p.Version)).Where(g => g.Select(p => p.Sha).Distinct().Count() > 1))
            problems.Add($"{group.Key.Action} {group.Key.Version} is pinned to {string.Join(" and ", group.Select(p => p.Sha).Distinct())} ({string.Join("; ", group.Select(p => p.Where))})");
        return problems;
    }

    /// <summary>Every <c>uses:</c> pinned to a commit with a version comment: the action, its commit and the version.</summary>
    public static IEnumerable<(string Where, string Action, string Sha, string Version)> Pins(WorkflowFile workflow) =>
        UsesOf(workflow)
            .Select(u => (u.Where, Pin: PinnedToCommit().Match(u.Value), Comment: VersionComment().Match(workflow.Line(u.Line))))
            .Where(p => p.Pin.Success && p.Comment.Success)
            .Select(p => (p.Where, p.Pin.Groups["action"].Value, p.Pin.Groups["sha"].Value, p.Comment.Groups["version"].Value));

    private static IEnumerable<(string Where, string Value, int Line)> UsesOf(WorkflowFile workflow)
    {
        foreach (var job in workflow.Jobs)
        {
            if (job.Node.Get("uses") is YamlScalarNode { Value: { } reusable } node)
                yield return (job.Where, reusable, (int)node.Start.Line);
            foreach (var step in job.Steps.Where(s => s.Uses is not null))
                yield return (step.Where, step.Uses!, step.UsesLine);
        }
    }

    /// <summary>Every checkout leaves no token behind (persist-credentials: false) for the steps after it to use or leak.</summary>
    public static IReadOnlyList<string> CheckoutCredentials(WorkflowFile workflow) =>
        [.. workflow.Jobs.SelectMany(j => j.StepsUsing(CheckoutAction))
            .Where(step => step.Input("persist-credentials") != "false")
            .Select(step => $"{step.Where}: persist-credentials is {step.Input("persist-credentials") ?? "unset (true)"}, expected false")];

    // ---------------------------------------------------------------------------------------------------------
    // .NET: the targeted version, set up before use, the real packages except for the offline plan.

    /// <summary>
    /// Every setup-dotnet installs the version the projects target; every Pulumi or dotnet step has the checkout and
    /// .NET before it; PulumiSdk appears only in the offline plan command (tests, previews and deploys build with the
    /// real packages).
    /// </summary>
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
            foreach (var step in job.Steps.Where(s => s.Run is not null))
                foreach (var line in step.Run!.Split('\n').Where(l => l.Contains("PulumiSdk", StringComparison.OrdinalIgnoreCase) || l.Contains("PulumiStandIns", StringComparison.OrdinalIgnoreCase)))
                    if (!OfflinePlanCommand().IsMatch(line))
                        problems.Add($"{step.Where}: {line.Trim()} builds with the stand-ins; only the offline plan (dotnet run --project stacks -p:PulumiSdk=offline -- plan) may");
            foreach (var env in new[] { workflow.Env, job.Env }.Concat(job.Steps.Select(s => s.Node.Map("env"))))
                foreach (var variable in env.Entries().Select(e => e.Key).Where(k => k is "PULUMI_SDK" or "PULUMI_STAND_INS"))
                    problems.Add($"{job.Where}: sets {variable}; tests, previews and deploys build with the real Pulumi packages");
        }
        return [.. problems.Distinct()];
    }

    /// <summary>Some job runs <c>dotnet test &lt;solution&gt;</c>.</summary>
    public static IReadOnlyList<string> TestJob(WorkflowFile workflow, string solution) =>
        workflow.Jobs.Any(job => job.Steps.Any(s => s.Run is { } run && Regex.IsMatch(run, @"(^|\n)\s*dotnet test " + Regex.Escape(solution) + @"\s*($|\n)")))
            ? []
            : [$"{workflow.FileName}: no job runs dotnet test {solution}"];

    [GeneratedRegex(@"^(?<action>[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+)@(?<sha>[0-9a-f]{40})$")]
    private static partial Regex PinnedToCommit();

    [GeneratedRegex(@"@[0-9a-f]{40}\s+#\s*(?<version>v\d+(\.\d+){0,2})\b")]
    private static partial Regex VersionComment();

    [GeneratedRegex(@"^\$\{\{\s*steps\.(?<step>[\w-]+)\.outputs\.(?<output>[\w-]+)\s*\}\}$")]
    private static partial Regex StepOutput();

    [GeneratedRegex(@"python3\s+(\S*/)?\.github/scripts/stack_matrix\.py\b[^\n]*--format\s+github[^\n]*>>\s*""?\$GITHUB_OUTPUT""?")]
    private static partial Regex ScriptToOutputs();

    [GeneratedRegex(@"dotnet run --project stacks -p:PulumiSdk=offline -- plan\b[^\n]*--format json[^\n]*--out ")]
    private static partial Regex PlanJson();

    [GeneratedRegex(@"dotnet run --project stacks -p:PulumiSdk=offline -- plan --diff \S+ --format markdown")]
    private static partial Regex PlanDiff();

    [GeneratedRegex(@"^\s*dotnet run --project stacks -p:PulumiSdk=offline -- plan\b")]
    private static partial Regex OfflinePlanCommand();

    [GeneratedRegex(@"(^|\n)\s*dotnet test ")]
    private static partial Regex DotnetTest();

    [GeneratedRegex(@"github\.event\.pull_request\.head\.repo\.full_name\s*==\s*github\.repository")]
    private static partial Regex SameRepository();

    [GeneratedRegex(@"github\.event\.workflow_run\.event\s*==\s*'pull_request'")]
    private static partial Regex WorkflowRunOfPullRequest();

    [GeneratedRegex(@"^\$\{\{\s*github\.event\.workflow_run\.id\s*\}\}$")]
    private static partial Regex WorkflowRunId();

    [GeneratedRegex(@"\$\{\{[^}]*\bsecrets\.")]
    private static partial Regex SecretReference();

    [GeneratedRegex(@"^\$\{\{\s*secrets\.\w+\s*\}\}$")]
    private static partial Regex SecretExpression();

    [GeneratedRegex(@"\$\{\{[^}]*?\b(?<kind>secrets|vars)\.(?<name>\w+)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"ROLE|TOKEN|KEY|SECRET|PASSWORD", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialName();

    [GeneratedRegex(@"(^|[\s;&|(])(dotnet|npm|npx|node|python3?|pip3?|make|bash|sh|source|eval|\.)\s|(^|[\s;&|(])\./")]
    private static partial Regex RunsCode();
}
