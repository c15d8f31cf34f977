using YamlDotNet.RepresentationModel;

namespace MultiRegionInfra.Tests.Ci;

/// <summary>
/// The GitHub workflows under .github/workflows, read as YAML and held against the repository's own files:
/// the stack files decide which stacks are previewed and deployed and in which order.
/// </summary>
public class WorkflowTests
{
    private const string PullRequest = "pull-request.yml";
    private const string Main = "main.yml";

    private static readonly IReadOnlyList<StackFile> Stacks = RepositoryFiles.Stacks();

    public static TheoryData<string> WorkflowFiles()
    {
        var data = new TheoryData<string>();
        foreach (var workflow in RepositoryFiles.Workflows())
            data.Add(workflow.FileName);
        return data;
    }

    private static void AssertNoProblems(IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
            Assert.Fail($"{problems.Count} problem(s):\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void The_repository_has_both_workflows_and_stack_files_of_every_kind()
    {
        var names = RepositoryFiles.Workflows().Select(w => w.FileName).ToList();
        Assert.Contains(PullRequest, names);
        Assert.Contains(Main, names);
        Assert.Contains(Stacks, s => s.IsPrimary);
        Assert.Contains(Stacks, s => s.IsReplica);
        Assert.Contains(Stacks, s => s.IsGlobal);
        AssertNoProblems(WorkflowRules.StackRoles(Stacks));
    }

    [Fact]
    public void Pull_requests_run_the_tests_with_the_real_packages()
    {
        var workflow = RepositoryFiles.Workflow(PullRequest);
        Assert.Contains("pull_request", Triggers(workflow));
        AssertNoProblems(WorkflowRules.TestJob(workflow, "test", RepositoryFiles.Solution));
    }

    [Fact]
    public void Every_stack_file_is_previewed_on_pull_requests_and_every_preview_is_a_stack_file()
    {
        var workflow = RepositoryFiles.Workflow(PullRequest);
        AssertNoProblems(WorkflowRules.Preview(Stacks, workflow));
        var previewed = WorkflowRules.PulumiJobs(workflow, "preview").SelectMany(j => j.MatrixStacks).Order(StringComparer.Ordinal);
        Assert.Equal(Stacks.Select(s => s.Name), previewed);
    }

    [Fact]
    public void The_preview_step_diffs_and_comments_on_the_pull_request()
    {
        var steps = WorkflowRules.PulumiSteps(RepositoryFiles.Workflow(PullRequest), "preview");
        Assert.NotEmpty(steps);
        Assert.All(steps, step =>
        {
            Assert.Equal("true", step.Input("comment-on-pr"));
            Assert.Equal("true", step.Input("diff"));
            Assert.Equal("write", WorkflowRules.Permission(step.Job, "pull-requests"));
        });
    }

    [Fact]
    public void Pushes_to_main_deploy_every_stack_primaries_then_replicas_then_global()
    {
        var workflow = RepositoryFiles.Workflow(Main);
        Assert.Equal(["main"], Triggers(workflow)["push"]);
        AssertNoProblems(WorkflowRules.DeployOrder(Stacks, workflow));
        AssertNoProblems(WorkflowRules.TestJob(workflow, "test", RepositoryFiles.Solution));

        // The same order, spelled out: a stack's deploy job waits for the jobs of every stack it reads.
        var jobOf = WorkflowRules.PulumiJobs(workflow, "up")
            .SelectMany(job => job.MatrixStacks.Select(stack => (stack, job.Id)))
            .ToDictionary(e => e.stack, e => e.Id, StringComparer.Ordinal);
        Assert.Equal(Stacks.Select(s => s.Name), jobOf.Keys.Order(StringComparer.Ordinal));
        foreach (var replica in Stacks.Where(s => s.IsReplica))
            Assert.Contains(jobOf[replica.PrimaryStack!], WorkflowRules.Ancestors(workflow, jobOf[replica.Name]));
        foreach (var global in Stacks.Where(s => s.IsGlobal))
            foreach (var regional in Stacks.Where(s => s.IsRegional))
                Assert.Contains(jobOf[regional.Name], WorkflowRules.Ancestors(workflow, jobOf[global.Name]));
    }

    [Fact]
    public void Two_deploys_never_overlap()
    {
        var concurrency = RepositoryFiles.Workflow(Main).Root.Get("concurrency");
        var group = concurrency is YamlMappingNode map ? map.Text("group") : (concurrency as YamlScalarNode)?.Value;
        Assert.False(string.IsNullOrWhiteSpace(group), "main.yml needs a workflow-level concurrency group");
        // A group that differs per run would let runs overlap.
        Assert.DoesNotMatch(@"github\.(run_id|run_number|run_attempt|sha)|github\.event\.", group);
        Assert.NotEqual("true", (concurrency as YamlMappingNode).Text("cancel-in-progress"));
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Pulumi_steps_name_the_stack_in_the_organization_and_project(string file) =>
        AssertNoProblems(WorkflowRules.StackNames(RepositoryFiles.Workflow(file), RepositoryFiles.ProjectName, RepositoryFiles.Root));

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Every_job_using_pulumi_actions_gets_the_tokens_from_secrets(string file) =>
        AssertNoProblems(WorkflowRules.Tokens(RepositoryFiles.Workflow(file)));

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void No_workflow_mentions_long_lived_aws_keys(string file) =>
        AssertNoProblems(WorkflowRules.NoAwsKeys(RepositoryFiles.Workflow(file)));

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Aws_credentials_come_from_oidc_role_assumption(string file)
    {
        var workflow = RepositoryFiles.Workflow(file);
        AssertNoProblems(WorkflowRules.AwsByOidc(workflow));
        var awsJobs = workflow.Jobs.Where(j => j.StepsUsing(WorkflowRules.AwsCredentialsAction).Any()).ToList();
        Assert.All(awsJobs, job => Assert.Equal("write", WorkflowRules.Permission(job, "id-token")));
        Assert.All(WorkflowRules.PulumiSteps(workflow), step => Assert.Contains(step.Job, awsJobs));
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Every_uses_is_pinned_to_a_version_tag(string file) =>
        AssertNoProblems(WorkflowRules.PinnedUses(RepositoryFiles.Workflow(file)));

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Dotnet_is_the_targeted_version_and_set_up_before_it_is_used(string file) =>
        AssertNoProblems(WorkflowRules.Dotnet(RepositoryFiles.Workflow(file), RepositoryFiles.DotnetVersion));

    // The checks themselves: each catches the mistake it is there for, starting from the real files. They look
    // only at the problems a change introduces, and at stacks the workflows name, so that they keep passing
    // (and only the tests above fail) when the real files are out of step.

    private static List<string> Introduced(IReadOnlyList<string> before, IReadOnlyList<string> after) =>
        [.. after.Except(before, StringComparer.Ordinal)];

    /// <summary>A stack of the files that the deploy matrices of main.yml also name.</summary>
    private static StackFile Deployed(Func<StackFile, bool> predicate)
    {
        var deployed = WorkflowRules.PulumiJobs(RepositoryFiles.Workflow(Main), "up").SelectMany(j => j.MatrixStacks).ToHashSet(StringComparer.Ordinal);
        return Stacks.First(s => predicate(s) && deployed.Contains(s.Name));
    }

    [Fact]
    public void A_new_stack_file_missing_from_the_workflows_is_reported()
    {
        var added = Stacks.Append(new StackFile("added-region", "regional", "replica", Deployed(s => s.IsPrimary).Name, [])).ToList();
        var pullRequest = RepositoryFiles.Workflow(PullRequest);
        var main = RepositoryFiles.Workflow(Main);
        var preview = Introduced(WorkflowRules.Preview(Stacks, pullRequest), WorkflowRules.Preview(added, pullRequest));
        var deploy = Introduced(WorkflowRules.DeployOrder(Stacks, main), WorkflowRules.DeployOrder(added, main));
        Assert.Equal("Pulumi.added-region.yaml: stack added-region is in no preview matrix", Assert.Single(preview).Split(" of ")[0]);
        Assert.Equal("Pulumi.added-region.yaml: stack added-region is in no deploy matrix", Assert.Single(deploy).Split(" of ")[0]);
    }

    [Fact]
    public void A_matrix_entry_without_a_stack_file_is_reported()
    {
        var replica = Deployed(s => s.IsReplica);
        var fewer = Stacks.Where(s => s != replica).ToList();
        var pullRequest = RepositoryFiles.Workflow(PullRequest);
        var problems = Introduced(WorkflowRules.Preview(Stacks, pullRequest), WorkflowRules.Preview(fewer, pullRequest));
        Assert.EndsWith($"matrix stack {replica.Name} has no Pulumi.{replica.Name}.yaml at the repository root", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_replica_job_that_does_not_wait_for_the_primaries_is_reported()
    {
        var workflow = RepositoryFiles.Workflow(Main);
        var replica = Deployed(s => s.IsReplica);
        var replicaJob = WorkflowRules.PulumiJobs(workflow, "up").First(j => j.MatrixStacks.Contains(replica.Name));
        var need = Assert.Single(replicaJob.Needs);
        var broken = workflow.With($"    needs: {need}\n", "    needs: test\n");
        var problems = Introduced(WorkflowRules.DeployOrder(Stacks, workflow), WorkflowRules.DeployOrder(Stacks, broken));
        Assert.Contains(problems, p => p.Contains($"job {replicaJob.Id} does not need job {need}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stack_moved_to_an_earlier_job_is_reported()
    {
        var workflow = RepositoryFiles.Workflow(Main);
        var global = Deployed(s => s.IsGlobal).Name;
        var primary = Deployed(s => s.IsPrimary).Name;
        // Swap the global stack and a primary between their jobs: the same stacks, in the wrong order.
        var broken = workflow
            .With($"          - {global}\n", "          - swapped\n")
            .With($"          - {primary}\n", $"          - {global}\n")
            .With("          - swapped\n", $"          - {primary}\n");
        Assert.Equal(
            WorkflowRules.PulumiJobs(workflow, "up").SelectMany(j => j.MatrixStacks).Order(StringComparer.Ordinal),
            WorkflowRules.PulumiJobs(broken, "up").SelectMany(j => j.MatrixStacks).Order(StringComparer.Ordinal));
        var problems = Introduced(WorkflowRules.DeployOrder(Stacks, workflow), WorkflowRules.DeployOrder(Stacks, broken));
        Assert.Contains(problems, p => p.Contains($"so {global} can run before", StringComparison.Ordinal));
    }

    [Fact]
    public void Long_lived_keys_a_role_from_a_literal_and_a_missing_token_are_reported()
    {
        var workflow = RepositoryFiles.Workflow(PullRequest);
        var keys = workflow.With("          role-to-assume: ${{ vars.AWS_ROLE_ARN }}\n",
            "          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}\n          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n");
        Assert.Equal(4, Introduced(WorkflowRules.NoAwsKeys(workflow), WorkflowRules.NoAwsKeys(keys)).Count);
        Assert.Contains(Introduced(WorkflowRules.AwsByOidc(workflow), WorkflowRules.AwsByOidc(keys)),
            p => p.Contains("role-to-assume is unset", StringComparison.Ordinal));

        var literal = workflow.With("${{ vars.AWS_ROLE_ARN }}", "arn:aws:iam::123456789012:role/deploy");
        Assert.Contains(Introduced(WorkflowRules.AwsByOidc(workflow), WorkflowRules.AwsByOidc(literal)),
            p => p.Contains("role-to-assume is arn:aws:iam::123456789012:role/deploy", StringComparison.Ordinal));

        var noIdToken = workflow.With("      id-token: write\n", "");
        Assert.Contains(Introduced(WorkflowRules.AwsByOidc(workflow), WorkflowRules.AwsByOidc(noIdToken)),
            p => p.Contains("id-token permission is unset", StringComparison.Ordinal));

        var noToken = workflow.With("          PULUMI_ACCESS_TOKEN: ${{ secrets.PULUMI_ACCESS_TOKEN }}\n", "");
        Assert.Contains(Introduced(WorkflowRules.Tokens(workflow), WorkflowRules.Tokens(noToken)),
            p => p.Contains("env PULUMI_ACCESS_TOKEN is unset", StringComparison.Ordinal));
    }

    [Fact]
    public void Unpinned_actions_and_a_preview_without_comment_or_diff_are_reported()
    {
        var workflow = RepositoryFiles.Workflow(PullRequest);
        var unpinned = workflow.With("actions/checkout@v4", "actions/checkout@main");
        Assert.NotEmpty(Introduced(WorkflowRules.PinnedUses(workflow), WorkflowRules.PinnedUses(unpinned)));
        var quiet = workflow.With("          comment-on-pr: true\n", "").With("          diff: true\n", "");
        var problems = Introduced(WorkflowRules.Preview(Stacks, workflow), WorkflowRules.Preview(Stacks, quiet));
        Assert.Contains(problems, p => p.EndsWith("comment-on-pr is unset, expected true", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("diff is unset, expected true", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_stack_name_a_missing_work_dir_and_a_wrong_dotnet_version_are_reported()
    {
        var workflow = RepositoryFiles.Workflow(PullRequest);
        var project = RepositoryFiles.ProjectName;
        var broken = workflow
            .With($"          stack-name: ${{{{ vars.PULUMI_ORG }}}}/{project}/${{{{ matrix.stack }}}}\n", "          stack-name: dev\n")
            .With("          work-dir: ./\n", "          work-dir: ./nowhere\n");
        var problems = Introduced(
            WorkflowRules.StackNames(workflow, project, RepositoryFiles.Root),
            WorkflowRules.StackNames(broken, project, RepositoryFiles.Root));
        Assert.Contains(problems, p => p.EndsWith($"stack-name is dev, expected ${{{{ vars.<ORG> }}}}/{project}/${{{{ matrix.stack }}}}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("work-dir ./nowhere has no Pulumi.yaml", StringComparison.Ordinal));

        var oldDotnet = workflow.With($"          dotnet-version: {RepositoryFiles.DotnetVersion}\n", "          dotnet-version: 8.0.x\n");
        Assert.Contains(
            Introduced(WorkflowRules.Dotnet(workflow, RepositoryFiles.DotnetVersion), WorkflowRules.Dotnet(oldDotnet, RepositoryFiles.DotnetVersion)),
            p => p.EndsWith($"dotnet-version is 8.0.x, expected {RepositoryFiles.DotnetVersion} (Directory.Build.props)", StringComparison.Ordinal));
    }

    private static Dictionary<string, IReadOnlyList<string>> Triggers(WorkflowFile workflow) =>
        workflow.Root.Get("on") switch
        {
            YamlScalarNode scalar => new() { [scalar.Value ?? ""] = [] },
            YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().ToDictionary(s => s.Value ?? "", _ => (IReadOnlyList<string>)[]),
            YamlMappingNode map => map.Entries().ToDictionary(e => e.Key, e => (e.Value as YamlMappingNode).Texts("branches")),
            _ => [],
        };
}
