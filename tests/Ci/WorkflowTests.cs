using MultiRegionInfra.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace MultiRegionInfra.Tests.Ci;

/// <summary>
/// The GitHub workflows under .github/workflows, read as YAML and held against the stack files through the matrices
/// .github/scripts/stack_matrix.py derives from them. Nothing here names a stack: the rules hold for any valid set of
/// stack files, and the last tests run them on other sets (a fourth region, a project without replicas).
/// </summary>
public class WorkflowTests
{
    private const string PullRequest = "pull-request.yml";
    private const string Main = "main.yml";
    private const string PlanComment = "plan-comment.yml";

    private static readonly CiProject Project = CiProject.At(RepositoryFiles.Root);
    private static readonly IReadOnlyList<WorkflowFile> Workflows = RepositoryFiles.Workflows();

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

    private static IReadOnlyList<string> AllRules(CiProject project, params WorkflowFile[] replaced) =>
        WorkflowRules.All(project, [.. Workflows.Select(w => replaced.FirstOrDefault(r => r.FileName == w.FileName) ?? w)],
            RepositoryFiles.DotnetVersion, RepositoryFiles.Solution);

    // ---------------------------------------------------------------------------------------------------------
    // The repository as it is.

    [Fact]
    public void The_repository_has_the_three_workflows_and_stack_files_of_every_kind()
    {
        Assert.Equal([Main, PlanComment, PullRequest], Workflows.Select(w => w.FileName));
        Assert.Contains(Project.Stacks, s => s.IsPrimary);
        Assert.Contains(Project.Stacks, s => s.IsReplica);
        Assert.Contains(Project.Stacks, s => s.IsGlobal);
    }

    [Fact]
    public void Every_rule_holds_for_the_repository_workflows_and_stack_files() =>
        AssertNoProblems(AllRules(Project));

    [Fact]
    public void The_derived_matrices_are_the_stack_files_in_deploy_order()
    {
        var m = Project.Matrices;
        Assert.Equal(["all", "global", "primaries", "replicas"], m.Outputs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Project.Stacks.Select(s => s.Name), m["all"]!.Order(StringComparer.Ordinal));
        Assert.Equal([.. m["primaries"]!, .. m["replicas"]!, .. m["global"]!], m["all"]);
        Assert.Equal(Project.Stacks.Where(s => s.IsPrimary).Select(s => s.Name), m["primaries"]);
        Assert.Equal(Project.Stacks.Where(s => s.IsReplica).Select(s => s.Name).Order(StringComparer.Ordinal), m["replicas"]!.Order(StringComparer.Ordinal));
        Assert.Equal(Project.Stacks.Where(s => s.IsGlobal).Select(s => s.Name), m["global"]);
        var all = m["all"]!.ToList();
        foreach (var replica in Project.Stacks.Where(s => s.IsReplica))
            Assert.True(all.IndexOf(replica.PrimaryStack!) < all.IndexOf(replica.Name), $"{replica.Name} comes before its primary {replica.PrimaryStack}");
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Every_uses_is_pinned_to_a_commit_with_its_version_in_a_comment(string file)
    {
        var workflow = RepositoryFiles.Workflow(file);
        AssertNoProblems(WorkflowRules.PinnedUses(workflow));
        var lines = workflow.Jobs.SelectMany(j => j.Steps).Where(s => s.Uses is not null).Select(s => workflow.Line(s.UsesLine)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(@"uses: [\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line));
    }

    [Fact]
    public void Each_action_is_pinned_to_one_commit_across_the_workflows() =>
        AssertNoProblems(WorkflowRules.PinVersions(Workflows));

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Every_checkout_leaves_no_credentials_behind(string file)
    {
        var workflow = RepositoryFiles.Workflow(file);
        AssertNoProblems(WorkflowRules.CheckoutCredentials(workflow));
        Assert.All(workflow.Jobs.SelectMany(j => j.StepsUsing(WorkflowRules.CheckoutAction)), step => Assert.Equal("false", step.Input("persist-credentials")));
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Stack_matrices_come_from_the_script_never_from_a_list(string file) =>
        AssertNoProblems(WorkflowRules.DerivedMatrices(RepositoryFiles.Workflow(file), Project.Matrices));

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Deploys_run_in_an_environment_and_pull_requests_in_none(string file) =>
        AssertNoProblems(WorkflowRules.Environments(RepositoryFiles.Workflow(file)));

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void No_workflow_runs_on_pull_request_target(string file) =>
        AssertNoProblems(WorkflowRules.NoPullRequestTarget(RepositoryFiles.Workflow(file)));

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Pulumi_steps_name_the_stack_in_the_organization_and_project(string file) =>
        AssertNoProblems(WorkflowRules.StackNames(RepositoryFiles.Workflow(file), Project.ProjectName, Project.Root));

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
    public void Dotnet_is_the_targeted_version_and_only_the_offline_plan_uses_the_stand_ins(string file) =>
        AssertNoProblems(WorkflowRules.Dotnet(RepositoryFiles.Workflow(file), RepositoryFiles.DotnetVersion));

    [Fact]
    public void Pull_requests_run_the_tests_with_the_real_packages()
    {
        var workflow = RepositoryFiles.Workflow(PullRequest);
        Assert.True(workflow.Triggers.ContainsKey("pull_request"));
        AssertNoProblems(WorkflowRules.TestJob(workflow, RepositoryFiles.Solution));
        Assert.Equal("dotnet test MultiRegionInfra.sln", workflow.Job("test")!.Steps.Single(s => s.Run is not null).Run);
    }

    [Fact]
    public void Every_pull_request_forks_included_gets_the_offline_plan_and_its_diff_without_credentials()
    {
        var workflow = RepositoryFiles.Workflow(PullRequest);
        AssertNoProblems(WorkflowRules.OfflinePlanOnPullRequests(workflow));
        var plan = workflow.Job("plan")!;
        Assert.Null(plan.If);
        Assert.Equal([("contents", "read")], ((YamlMappingNode)plan.EffectivePermissions!).Entries().Select(e => (e.Key, ((YamlScalarNode)e.Value).Value!)));
        Assert.Empty(WorkflowRules.CredentialReferences(plan.Scalars));
        Assert.Equal(["plan-diff", "offline-plan"], plan.StepsUsing(WorkflowRules.UploadArtifactAction).Select(s => s.Input("name")));
    }

    [Fact]
    public void The_comment_workflow_only_downloads_the_diff_and_posts_it()
    {
        var pullRequest = RepositoryFiles.Workflow(PullRequest);
        var comment = RepositoryFiles.Workflow(PlanComment);
        AssertNoProblems(WorkflowRules.CommentWorkflow(pullRequest, comment));
        Assert.Equal(["workflow_run"], comment.Triggers.Keys);
        Assert.Equal([pullRequest.Name!], comment.Triggers["workflow_run"].Texts("workflows"));
        Assert.Empty(((YamlMappingNode)comment.Permissions!).Children);
        var job = Assert.Single(comment.Jobs);
        Assert.Equal([("actions", "read"), ("pull-requests", "write")], ((YamlMappingNode)job.EffectivePermissions!).Entries().Select(e => (e.Key, ((YamlScalarNode)e.Value).Value!)));
        Assert.Equal([WorkflowRules.DownloadArtifactAction], job.Steps.Select(s => s.Action).OfType<string>());
    }

    [Fact]
    public void Previews_use_the_read_only_preview_role_and_tokens_and_deploys_the_deploy_role()
    {
        AssertNoProblems(WorkflowRules.Credentials(Workflows));
        AssertNoProblems(WorkflowRules.Preview(Project, RepositoryFiles.Workflow(PullRequest)));
        static IEnumerable<string?> Roles(WorkflowFile workflow) =>
            workflow.Jobs.SelectMany(j => j.StepsUsing(WorkflowRules.AwsCredentialsAction)).Select(s => s.Input("role-to-assume")).Distinct();
        Assert.Equal(["${{ vars.AWS_PREVIEW_ROLE_ARN }}"], Roles(RepositoryFiles.Workflow(PullRequest)));
        Assert.Equal(["${{ vars.AWS_DEPLOY_ROLE_ARN }}"], Roles(RepositoryFiles.Workflow(Main)));
        var preview = Assert.Single(WorkflowRules.PulumiSteps(RepositoryFiles.Workflow(PullRequest), "preview"));
        Assert.Equal("${{ secrets.PULUMI_PREVIEW_ACCESS_TOKEN }}", preview.EnvValue("PULUMI_ACCESS_TOKEN"));
        Assert.Equal("${{ secrets.CLOUDFLARE_PREVIEW_API_TOKEN }}", preview.EnvValue("CLOUDFLARE_API_TOKEN"));
    }

    [Fact]
    public void Pushes_to_main_deploy_region_by_region_primaries_then_replicas_then_global()
    {
        var workflow = RepositoryFiles.Workflow(Main);
        Assert.Equal(["main"], workflow.Triggers["push"].Texts("branches"));
        AssertNoProblems(WorkflowRules.DeployOrder(Project, workflow));

        // The same order, spelled out: each deploy job gets one of the script's outputs, in the environment, one stack at a time.
        var deployJobs = WorkflowRules.PulumiJobs(workflow, "up");
        Assert.Equal([("primaries", "primaries"), ("replicas", "replicas"), ("global", "global")], deployJobs.Select(j => (j.Id, j.MatrixSource!.Value.Output)));
        Assert.All(deployJobs, job =>
        {
            Assert.Equal("production", job.Environment);
            Assert.Equal("1", job.Strategy.Text("max-parallel"));
            Assert.Equal("true", job.Strategy.Text("fail-fast"));
        });
        Assert.Contains("primaries", WorkflowRules.Ancestors(workflow, "replicas"));
        Assert.Contains("replicas", WorkflowRules.Ancestors(workflow, "global"));
        Assert.Superset(new HashSet<string> { "test", "plan", "stacks" }, WorkflowRules.Ancestors(workflow, "primaries").ToHashSet());
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

    // ---------------------------------------------------------------------------------------------------------
    // Other sets of stack files: the rules hold for any valid set.

    [Fact]
    public async Task A_fourth_region_is_one_stack_file_and_a_name_in_regions_and_every_workflow_check_holds()
    {
        using var project = new TempProject();
        var added = AddRegion(project);

        // It plans, with everything else, as the pull request's plan job runs it.
        var plan = await MultiRegionInfra.Tests.Plan.PlanProject.CliAsync(project.Root, "plan", "--format", "json", "--out", "plan-out");
        Assert.True(plan.Code == 0, plan.Error);
        Assert.Equal(Project.Stacks.Count + 1, Directory.GetFiles(Path.Combine(project.Root, "plan-out"), "*.json").Length);
        using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Root, "plan-out", $"{added}.json"))))
            Assert.Contains(json.RootElement.GetProperty("resources").EnumerateArray(), r => r.GetProperty("type").GetString() == "aws:ec2/vpcPeeringConnection:VpcPeeringConnection");
        Assert.Contains($"subgraph {added.Replace('-', '_')}[", File.ReadAllText(Path.Combine(project.Root, "plan-out", "topology.md")));

        var fourRegions = CiProject.At(project.Root);
        Assert.Equal(Project.Stacks.Count + 1, fourRegions.Stacks.Count);
        AssertNoProblems(AllRules(fourRegions));

        // The new replica is deployed after its primary, one region at a time, and previewed once main has deployed it.
        var main = RepositoryFiles.Workflow(Main);
        var replicas = WorkflowRules.Resolve(main.Job("replicas")!, fourRegions.Matrices)!;
        Assert.Equal(Project.Matrices["replicas"]!.Append(added).Order(StringComparer.Ordinal), replicas.Order(StringComparer.Ordinal));
        Assert.Equal(Project.Matrices["primaries"], WorkflowRules.Resolve(main.Job("primaries")!, fourRegions.Matrices));
        Assert.Equal(Project.Matrices["global"], WorkflowRules.Resolve(main.Job("global")!, fourRegions.Matrices));
        Assert.Contains(added, WorkflowRules.Resolve(RepositoryFiles.Workflow(PullRequest).Job("preview")!, fourRegions.Matrices)!);
    }

    [Fact]
    public void A_region_missing_from_the_derived_matrices_is_reported()
    {
        using var project = new TempProject();
        var added = AddRegion(project);
        var fourRegions = CiProject.At(project.Root);
        // As if the script left the new region out: the deploy and the preview would skip it.
        var leftOut = fourRegions with
        {
            Matrices = new StackMatrices(fourRegions.Matrices.Outputs.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value.Where(s => s != added).ToList())),
        };
        var problems = AllRules(leftOut);
        Assert.Contains(problems, p => p.StartsWith($"Pulumi.{added}.yaml: stack {added} is in no deploy matrix of main.yml", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"Pulumi.{added}.yaml: stack {added} is in no preview matrix of pull-request.yml", StringComparison.Ordinal));
    }

    [Fact]
    public void A_project_without_replicas_skips_the_replica_job_and_still_deploys_the_global_stack()
    {
        using var project = new TempProject();
        foreach (var replica in Project.Stacks.Where(s => s.IsReplica))
            File.Delete(Path.Combine(project.Root, $"Pulumi.{replica.Name}.yaml"));
        foreach (var global in Project.Stacks.Where(s => s.IsGlobal))
            EditConfig(project.Root, global.Name, config => config.Children[new YamlScalarNode($"{Project.ProjectName}:regions")] =
                new YamlSequenceNode(Project.Stacks.Where(s => s.IsPrimary).Select(s => new YamlScalarNode(s.Name))));

        var primariesOnly = CiProject.At(project.Root);
        Assert.Empty(primariesOnly.Matrices["replicas"]!);
        AssertNoProblems(AllRules(primariesOnly));

        // Without its guard the replica job would have an empty matrix, which GitHub fails.
        var main = RepositoryFiles.Workflow(Main);
        var unguarded = main.With("    if: needs.stacks.outputs.replicas != '[]'\n", "");
        Assert.Contains(Introduced(AllRules(primariesOnly), AllRules(primariesOnly, unguarded)),
            p => p.Contains("job replicas: its matrix is empty for these stack files (output replicas is [])", StringComparison.Ordinal));
        // And with a global job that follows only success, a skipped replica job would skip the global stack.
        var skipped = main.With("    if: ${{ !cancelled() && needs.primaries.result == 'success' && (needs.replicas.result == 'success' || needs.replicas.result == 'skipped') && needs.stacks.outputs.global != '[]' }}\n",
            "    if: needs.stacks.outputs.global != '[]'\n");
        Assert.Contains(Introduced(AllRules(primariesOnly), AllRules(primariesOnly, skipped)),
            p => p.Contains("job global: needs replicas, which its if can skip", StringComparison.Ordinal));
    }

    /// <summary>Adds a region as the README says: a copy of a replica's stack file with its own aws:region
    /// and vpcCidr, named in the global stack's regions. The name, region and block are ones no stack
    /// of the project uses, whatever its stack files are.</summary>
    private static string AddRegion(TempProject project)
    {
        var stacks = Directory.GetFiles(project.Root, "Pulumi.*.yaml").Select(File.ReadAllText).ToList();
        var stack = Enumerable.Range(1, 100).Select(i => $"added-{i}").First(n => !File.Exists(Path.Combine(project.Root, $"Pulumi.{n}.yaml")));
        var awsRegion = new[] { "ap-southeast-2", "ca-central-1", "sa-east-1", "eu-north-1", "ap-northeast-1" }.First(r => !stacks.Any(s => s.Contains($"aws:region: {r}", StringComparison.Ordinal)));
        var cidr = Enumerable.Range(100, 100).Select(i => $"10.{i}.0.0/16").First(c => !stacks.Any(s => s.Contains($"vpcCidr: 10.{c.Split('.')[1]}.", StringComparison.Ordinal)));
        var template = Project.Stacks.First(s => s.IsReplica).Name;
        File.Copy(Path.Combine(project.Root, $"Pulumi.{template}.yaml"), Path.Combine(project.Root, $"Pulumi.{stack}.yaml"));
        EditConfig(project.Root, stack, config =>
        {
            config.Children[new YamlScalarNode("aws:region")] = new YamlScalarNode(awsRegion);
            config.Children[new YamlScalarNode($"{Project.ProjectName}:vpcCidr")] = new YamlScalarNode(cidr);
        });
        foreach (var global in Project.Stacks.Where(s => s.IsGlobal))
            EditConfig(project.Root, global.Name, config => ((YamlSequenceNode)config.Children[new YamlScalarNode($"{Project.ProjectName}:regions")]).Add(new YamlScalarNode(stack)));
        return stack;
    }

    private static void EditConfig(string root, string stack, Action<YamlMappingNode> edit)
    {
        var path = Path.Combine(root, $"Pulumi.{stack}.yaml");
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
            yaml.Load(reader);
        edit((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("config")]);
        using var writer = new StreamWriter(path);
        yaml.Save(writer, assignAnchors: false);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The checks themselves: each catches the mistake it is there for, on a broken copy of a real workflow. They
    // look only at the problems a change introduces, so they keep passing (and only the tests above fail) when
    // the real files are out of step.

    private static List<string> Introduced(IReadOnlyList<string> before, IReadOnlyList<string> after) =>
        [.. after.Except(before, StringComparer.Ordinal)];

    private static List<string> IntroducedBy(params WorkflowFile[] broken) => Introduced(AllRules(Project), AllRules(Project, broken));

    private static void AssertReported(IReadOnlyList<string> problems, string expected) =>
        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)),
            $"expected a problem containing \"{expected}\", got {problems.Count}:\n  {string.Join("\n  ", problems)}");

    private static WorkflowFile MainWorkflow => RepositoryFiles.Workflow(Main);
    private static WorkflowFile PullRequestWorkflow => RepositoryFiles.Workflow(PullRequest);
    private static WorkflowFile CommentWorkflow => RepositoryFiles.Workflow(PlanComment);

    /// <summary>The first <c>owner/repo@sha # version</c> of <paramref name="action"/>, as written.</summary>
    private static string FirstPin(WorkflowFile workflow, string action)
    {
        var line = workflow.Jobs.SelectMany(j => j.StepsUsing(action)).Select(s => workflow.Line(s.UsesLine)).First();
        return line[(line.IndexOf("uses: ", StringComparison.Ordinal) + "uses: ".Length)..].Trim();
    }

    [Fact]
    public void A_tag_a_short_sha_or_a_missing_version_comment_is_reported()
    {
        var pin = FirstPin(PullRequestWorkflow, WorkflowRules.CheckoutAction); // actions/checkout@<sha> # v<version>
        var version = pin[(pin.IndexOf('#', StringComparison.Ordinal) + 2)..];
        var sha = pin[(pin.IndexOf('@', StringComparison.Ordinal) + 1)..pin.IndexOf(' ', StringComparison.Ordinal)];

        AssertReported(IntroducedBy(PullRequestWorkflow.WithFirst(pin, $"{WorkflowRules.CheckoutAction}@{version}")),
            $"uses {WorkflowRules.CheckoutAction}@{version}, expected owner/repo@<40-hex commit SHA> # v<version>");
        AssertReported(IntroducedBy(PullRequestWorkflow.WithFirst(pin, $"{WorkflowRules.CheckoutAction}@{sha[..39]} # {version}")),
            $"uses {WorkflowRules.CheckoutAction}@{sha[..39]}, expected owner/repo@<40-hex commit SHA>");
        AssertReported(IntroducedBy(PullRequestWorkflow.WithFirst(pin, $"{WorkflowRules.CheckoutAction}@{sha}")),
            $"uses {WorkflowRules.CheckoutAction}@{sha} without the version it is in a comment");
        AssertReported(IntroducedBy(PullRequestWorkflow.WithFirst(pin, $"{WorkflowRules.CheckoutAction}@{sha} # {version}9")),
            $"{WorkflowRules.CheckoutAction}@{sha} is labelled {version} and {version}9");
    }

    [Fact]
    public void A_checkout_that_keeps_its_credentials_is_reported()
    {
        var problems = IntroducedBy(MainWorkflow.WithFirst("          persist-credentials: false\n", ""));
        AssertReported(problems, "main.yml: job test, step 1 (actions/checkout@");
        AssertReported(problems, "persist-credentials is unset (true), expected false");
        AssertReported(IntroducedBy(CommentWorkflow.With("    steps:\n", "    steps:\n      - uses: actions/checkout@v7\n        with:\n          persist-credentials: true\n")),
            "persist-credentials is true, expected false");
    }

    [Fact]
    public void A_deploy_outside_an_environment_and_a_pull_request_job_in_one_are_reported()
    {
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("    environment: production\n", "")),
            "main.yml: job primaries: deploys outside a GitHub environment");
        AssertReported(IntroducedBy(PullRequestWorkflow.With("    name: Preview ${{ matrix.stack }}\n", "    name: Preview ${{ matrix.stack }}\n    environment: production\n")),
            "pull-request.yml: job preview: runs in environment production on a pull request");
    }

    [Fact]
    public void A_preview_with_the_deploy_role_or_deploy_tokens_is_reported()
    {
        var deployRole = IntroducedBy(PullRequestWorkflow.With("vars.AWS_PREVIEW_ROLE_ARN", "vars.AWS_DEPLOY_ROLE_ARN"));
        AssertReported(deployRole, "pull-request.yml: job preview: uses vars.AWS_DEPLOY_ROLE_ARN, which the deploy jobs use");
        AssertReported(deployRole, "role-to-assume ${{ vars.AWS_DEPLOY_ROLE_ARN }} is used by pull requests and by deploys");

        var deployToken = IntroducedBy(PullRequestWorkflow.With("secrets.PULUMI_PREVIEW_ACCESS_TOKEN", "secrets.PULUMI_ACCESS_TOKEN"));
        AssertReported(deployToken, "job preview: uses secrets.PULUMI_ACCESS_TOKEN, which the deploy jobs use");
        AssertReported(deployToken, "job preview: uses secrets.PULUMI_ACCESS_TOKEN; a credential a pull request can reach is a read-only one named *PREVIEW*");

        AssertReported(IntroducedBy(MainWorkflow.WithFirst("secrets.CLOUDFLARE_API_TOKEN", "secrets.CLOUDFLARE_PREVIEW_API_TOKEN")),
            "main.yml: job primaries: deploys with secrets.CLOUDFLARE_PREVIEW_API_TOKEN, a read-only preview credential");
        AssertReported(IntroducedBy(PullRequestWorkflow.With("    if: github.event.pull_request.head.repo.full_name == github.repository\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      id-token: write\n",
                "    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      id-token: write\n")),
            "job preview: previews with credentials but runs for forks too");
    }

    [Fact]
    public void An_offline_plan_that_skips_forks_holds_a_secret_or_writes_is_reported()
    {
        const string planJob = "    name: Offline plan and diff\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n";
        AssertReported(IntroducedBy(PullRequestWorkflow.With(planJob, "    name: Offline plan and diff\n    if: github.event.pull_request.head.repo.full_name == github.repository\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n")),
            "job plan: if: github.event.pull_request.head.repo.full_name == github.repository skips forks");
        AssertReported(IntroducedBy(PullRequestWorkflow.With(planJob, planJob + "    env:\n      PULUMI_ACCESS_TOKEN: ${{ secrets.PULUMI_PREVIEW_ACCESS_TOKEN }}\n")),
            "job plan: uses ${{ secrets.PULUMI_PREVIEW_ACCESS_TOKEN }}; the offline plan runs a fork's code, so it has no secrets");
        AssertReported(IntroducedBy(PullRequestWorkflow.With(planJob, planJob + "      pull-requests: write\n")),
            "job plan: permission pull-requests: write; a job running a pull request's code reads only");
        AssertReported(IntroducedBy(PullRequestWorkflow.With("on:\n  pull_request:\n", "on:\n  pull_request:\n    branches: [main]\n")),
            "pull-request.yml: on.pull_request.branches leaves some pull requests without the offline plan");
        AssertReported(IntroducedBy(PullRequestWorkflow.With(" -- plan --diff ", " -- plan --compare ")),
            "pull-request.yml: no job runs dotnet run --project stacks -p:PulumiSdk=offline -- plan --diff");
        AssertReported(IntroducedBy(PullRequestWorkflow.With("on:\n  pull_request:\n", "on:\n  pull_request_target:\n")),
            "pull-request.yml: triggered by pull_request_target");
    }

    [Fact]
    public void A_comment_workflow_that_checks_out_holds_a_secret_runs_code_or_interpolates_is_reported()
    {
        const string steps = "    steps:\n";
        AssertReported(IntroducedBy(CommentWorkflow.With(steps, steps + "      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1\n        with:\n          persist-credentials: false\n")),
            "uses actions/checkout; the comment job only downloads the artifact");
        AssertReported(IntroducedBy(CommentWorkflow.With("          GH_TOKEN: ${{ github.token }}\n", "          GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n")),
            "plan-comment.yml: uses a secret (${{ secrets.GITHUB_TOKEN }})");
        AssertReported(IntroducedBy(CommentWorkflow.With("          marker=", "          bash \"$ARTIFACT/comment.md\"\n          marker=")),
            "runs bash; the comment job posts text and runs nothing of the pull request");
        AssertReported(IntroducedBy(CommentWorkflow.With("\"repos/$REPOSITORY/pulls/$number\"", "\"repos/$REPOSITORY/pulls/${{ github.event.workflow_run.head_branch }}\"")),
            "its script contains an expression");
        AssertReported(IntroducedBy(CommentWorkflow.With("      actions: read\n", "      actions: read\n      contents: write\n")),
            "job comment: permission contents: write; the comment job writes only to pull requests");
        AssertReported(IntroducedBy(CommentWorkflow.With("run-id: ${{ github.event.workflow_run.id }}", "run-id: ${{ github.run_id }}")),
            "run-id is ${{ github.run_id }}, expected ${{ github.event.workflow_run.id }}");
        AssertReported(IntroducedBy(CommentWorkflow.With("          name: plan-diff\n", "          name: plan\n")),
            "downloads artifact plan, which pull-request.yml does not upload");
        AssertReported(IntroducedBy(CommentWorkflow.With("    workflows: [Pull request]\n", "    workflows: [Deploy]\n")),
            "on.workflow_run.workflows is [Deploy], expected it to name Pull request");
        AssertReported(IntroducedBy(CommentWorkflow.With("    if: github.event.workflow_run.event == 'pull_request' && ", "    if: ")),
            "job comment: if is github.event.workflow_run.conclusion != 'cancelled', expected it to require github.event.workflow_run.event == 'pull_request'");
        AssertReported(IntroducedBy(CommentWorkflow.With("permissions: {}\n", "")),
            "plan-comment.yml: workflow permissions are unset (the repository default), expected permissions: {}");
    }

    [Fact]
    public void A_matrix_written_by_hand_or_not_from_the_script_is_reported()
    {
        var stacks = string.Join("", Project.Matrices["replicas"]!.Select(s => $"          - {s}\n"));
        AssertReported(IntroducedBy(MainWorkflow.With("        stack: ${{ fromJSON(needs.stacks.outputs.replicas) }}\n", "        stack:\n" + stacks)),
            "main.yml: job replicas: strategy.matrix.stack lists stacks by hand");
        AssertReported(IntroducedBy(MainWorkflow.With("fromJSON(needs.stacks.outputs.global)", "fromJSON(needs.stacks.outputs.regions)")),
            "job global: its matrix reads output regions, which .github/scripts/stack_matrix.py does not print");
        AssertReported(IntroducedBy(MainWorkflow.With("    needs: [stacks, primaries]\n", "    needs: [primaries]\n")),
            "job replicas: its matrix reads needs.stacks, but the job does not need stacks");
        AssertReported(IntroducedBy(MainWorkflow.With("python3 .github/scripts/stack_matrix.py --format github", "python3 .github/scripts/stack_matrix.py --format json")),
            "job stacks, step 2 (Derive the matrices): does not run python3 .github/scripts/stack_matrix.py --format github");
        AssertReported(IntroducedBy(MainWorkflow.With("      replicas: ${{ steps.matrices.outputs.replicas }}\n", "")),
            "main.yml: job stacks: has no output replicas");
    }

    [Fact]
    public void A_replica_job_that_does_not_wait_for_the_primaries_is_reported()
    {
        var problems = IntroducedBy(MainWorkflow.With("    needs: [stacks, primaries]\n", "    needs: [test, plan, stacks]\n"));
        foreach (var replica in Project.Stacks.Where(s => s.IsReplica))
            AssertReported(problems, $"job replicas deploys {replica} and main.yml: job primaries deploys");
        AssertReported(problems, "job primaries and job replicas can deploy at the same time");
    }

    [Fact]
    public void Every_region_deploy_waits_for_its_canaries_after_pulumi_up_and_the_global_one_does_not()
    {
        foreach (var job in MainWorkflow.Jobs.Where(j => j.Id is "primaries" or "replicas"))
        {
            var up = Assert.Single(job.Steps, s => s.Action == WorkflowRules.PulumiAction);
            var wait = Assert.Single(job.Steps, s => s.Run?.Contains(RepositoryFiles.CanaryWaitScript, StringComparison.Ordinal) == true);
            // Right after the instance refresh's wait, which comes right after pulumi up.
            Assert.Equal(up.Index + 2, wait.Index);
            Assert.Equal("${{ matrix.stack }}", wait.EnvValue("STACK"));
            Assert.Contains($"python3 {RepositoryFiles.CanaryWaitScript} --stack \"$STACK\"", wait.Run, StringComparison.Ordinal);
            Assert.Equal("30", wait.Node.Text("timeout-minutes"));
        }
        Assert.DoesNotContain(MainWorkflow.Job("global")!.Steps, s => s.Run?.Contains(RepositoryFiles.CanaryWaitScript, StringComparison.Ordinal) == true);
        AssertNoProblems(WorkflowRules.CanaryGates(Project, MainWorkflow));
    }

    [Theory]
    // schedule, the longest the wait script waits (wait_for_canaries.py: two intervals + the longest run + 60 s)
    [InlineData("rate(1 minute)", 240)]
    [InlineData("rate(5 minutes)", 960)]
    [InlineData("rate(10 minutes)", 1860)]
    [InlineData("rate(1 hour)", 8100)]
    public void The_canary_wait_lasts_two_intervals_the_longest_run_and_a_minute(string schedule, int seconds) =>
        Assert.Equal(seconds, WorkflowRules.CanaryWaitSeconds(MultiRegionInfra.Monitoring.CanarySchedule.Parse(schedule)!));

    [Fact]
    public void A_region_deploy_without_its_canary_wait_or_with_a_wait_that_cannot_stop_it_is_reported()
    {
        const string wait = "          python3 .github/scripts/wait_for_canaries.py --stack \"$STACK\"\n";
        var step = MainWorkflow.Text[MainWorkflow.Text.IndexOf("      - name: Wait for the region's canaries", StringComparison.Ordinal)..];
        step = step[..(step.IndexOf(wait, StringComparison.Ordinal) + wait.Length)];

        AssertReported(IntroducedBy(MainWorkflow.WithFirst(step, "")),
            "main.yml: job primaries: deploys regions without waiting for their canaries");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst(wait, "          python3 .github/scripts/wait_for_canaries.py --stack us-east\n")),
            "(Wait for the region's canaries): does not pass --stack the job's matrix stack");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("        timeout-minutes: 30\n        env:\n          STACK: ${{ matrix.stack }}\n", "        timeout-minutes: 30\n        env:\n          STACK: us-east\n")),
            "(Wait for the region's canaries): does not pass --stack the job's matrix stack");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("        timeout-minutes: 30\n", "")),
            "(Wait for the region's canaries): timeout-minutes is unset");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("        timeout-minutes: 30\n", "        timeout-minutes: 10\n")),
            "(Wait for the region's canaries): timeout-minutes is 10, shorter than the wait for global's canary.schedule rate(5 minutes) (16 minutes: two intervals, the longest run and a minute); raise it");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("        timeout-minutes: 30\n", "        timeout-minutes: 30\n        continue-on-error: true\n")),
            "(Wait for the region's canaries): continue-on-error is true; a failed canary run must stop the deploy");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("        timeout-minutes: 30\n", "        timeout-minutes: 30\n        if: github.run_attempt == 1\n")),
            "(Wait for the region's canaries): runs only if github.run_attempt == 1");
        // The wait moved before the deploy it checks.
        AssertReported(IntroducedBy(MainWorkflow.WithFirst(step, "").WithFirst("      # upsert: a new stack file's first deploy creates its Pulumi stack.\n",
                step + "      # upsert: a new stack file's first deploy creates its Pulumi stack.\n")),
            "(Wait for the region's canaries): waits for the canaries before pulumi up");
    }

    [Fact]
    public void Every_region_deploy_waits_for_its_instance_refresh_after_pulumi_up_and_the_global_one_does_not()
    {
        foreach (var job in MainWorkflow.Jobs.Where(j => j.Id is "primaries" or "replicas"))
        {
            var up = Assert.Single(job.Steps, s => s.Action == WorkflowRules.PulumiAction);
            var started = Assert.Single(job.Steps, s => s.Id == "started");
            var wait = Assert.Single(job.Steps, s => s.Run?.Contains(RepositoryFiles.InstanceRefreshWaitScript, StringComparison.Ordinal) == true);
            Assert.Equal(up.Index - 1, started.Index);
            Assert.Equal(up.Index + 1, wait.Index);
            Assert.Equal("echo \"at=$(date -u +%Y-%m-%dT%H:%M:%SZ)\" >> \"$GITHUB_OUTPUT\"", started.Run);
            Assert.Equal("${{ matrix.stack }}", wait.EnvValue("STACK"));
            Assert.Equal("${{ vars.PULUMI_ORG }}", wait.EnvValue("PULUMI_ORG"));
            Assert.Equal("${{ steps.started.outputs.at }}", wait.EnvValue("SINCE"));
            Assert.Equal("${{ secrets.PULUMI_ACCESS_TOKEN }}", wait.EnvValue("PULUMI_ACCESS_TOKEN"));
            Assert.Contains($"python3 {RepositoryFiles.InstanceRefreshWaitScript} --stack \"$STACK\" --org \"$PULUMI_ORG\" --since \"$SINCE\"", wait.Run, StringComparison.Ordinal);
            Assert.Equal("60", wait.Node.Text("timeout-minutes"));
            // The same permissions as before: the deploy role reads the refresh, nothing more is granted.
            Assert.Equal([("contents", "read"), ("id-token", "write")], ((YamlMappingNode)job.EffectivePermissions!).Entries().Select(e => (e.Key, ((YamlScalarNode)e.Value).Value!)));
        }
        Assert.DoesNotContain(MainWorkflow.Job("global")!.Steps, s => s.Run?.Contains(RepositoryFiles.InstanceRefreshWaitScript, StringComparison.Ordinal) == true);
        AssertNoProblems(WorkflowRules.InstanceRefreshGates(Project, MainWorkflow));
    }

    [Fact]
    public void A_region_deploy_without_its_instance_refresh_wait_or_with_a_wait_that_cannot_stop_it_is_reported()
    {
        const string name = "(Wait for the group's instance refresh)";
        const string wait = "          python3 .github/scripts/wait_for_instance_refresh.py --stack \"$STACK\" --org \"$PULUMI_ORG\" --since \"$SINCE\"\n";
        var step = MainWorkflow.Text[MainWorkflow.Text.IndexOf("      - name: Wait for the group's instance refresh", StringComparison.Ordinal)..];
        step = step[..(step.IndexOf(wait, StringComparison.Ordinal) + wait.Length)];
        const string noted = "      - name: Note when the deploy starts\n        id: started\n        run: echo \"at=$(date -u +%Y-%m-%dT%H:%M:%SZ)\" >> \"$GITHUB_OUTPUT\"\n";
        const string up = "      # upsert: a new stack file's first deploy creates its Pulumi stack.\n";

        AssertReported(IntroducedBy(MainWorkflow.WithFirst(step, "")),
            "main.yml: job primaries: deploys regions without waiting for their instance refresh");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst(wait, wait.Replace("--stack \"$STACK\"", "--stack us-east", StringComparison.Ordinal))),
            $"{name}: does not pass --stack the job's matrix stack");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst(wait, wait.Replace(" --since \"$SINCE\"", "", StringComparison.Ordinal))),
            $"{name}: does not pass --since the time a step before pulumi up noted");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("          SINCE: ${{ steps.started.outputs.at }}\n", "          SINCE: 2025-01-31T12:00:00Z\n")),
            $"{name}: does not pass --since the time a step before pulumi up noted");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("          SINCE: ${{ steps.started.outputs.at }}\n", "          SINCE: ${{ steps.begun.outputs.at }}\n")),
            $"{name}: --since reads step begun, which is no step of the job");
        // The time noted after pulumi up: a refresh this deploy started would look like an earlier one's.
        AssertReported(IntroducedBy(MainWorkflow.WithFirst(noted, "").WithFirst("      - name: Wait for the group's instance refresh\n", noted + "      - name: Wait for the group's instance refresh\n")),
            $"{name}: --since reads step started (main.yml: job primaries, step 5 (Note when the deploy starts)), which runs after pulumi up");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("        run: echo \"at=$(date -u +%Y-%m-%dT%H:%M:%SZ)\" >> \"$GITHUB_OUTPUT\"\n", "        run: date -u\n")),
            $"{name}: --since reads ${{{{ steps.started.outputs.at }}}}, which main.yml: job primaries, step 4 (Note when the deploy starts) does not write into $GITHUB_OUTPUT");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("          PULUMI_ACCESS_TOKEN: ${{ secrets.PULUMI_ACCESS_TOKEN }}\n        run: |\n", "        run: |\n")),
            $"{name}: env PULUMI_ACCESS_TOKEN is unset, expected ${{{{ secrets.PULUMI_ACCESS_TOKEN }}}}");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("        timeout-minutes: 60\n", "")),
            $"{name}: timeout-minutes is unset; a wait for an instance refresh is bounded");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("        timeout-minutes: 60\n", "        timeout-minutes: 600\n")),
            $"{name}: timeout-minutes is 600");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("        timeout-minutes: 60\n", "        timeout-minutes: 60\n        continue-on-error: true\n")),
            $"{name}: continue-on-error is true; a failed or rolled back instance refresh must stop the deploy");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("        timeout-minutes: 60\n", "        timeout-minutes: 60\n        if: success()\n")),
            $"{name}: runs only if success()");
        // The wait moved before the deploy it checks.
        AssertReported(IntroducedBy(MainWorkflow.WithFirst(step, "").WithFirst(up, step + up)),
            $"{name}: waits for the instance refresh before pulumi up");
        // The canaries' wait moved before the refresh's: its run could be answered by the old instances.
        var canary = MainWorkflow.Text[MainWorkflow.Text.IndexOf("      - name: Wait for the region's canaries", StringComparison.Ordinal)..];
        canary = canary[..(canary.IndexOf("wait_for_canaries.py --stack \"$STACK\"\n", StringComparison.Ordinal) + "wait_for_canaries.py --stack \"$STACK\"\n".Length)];
        AssertReported(IntroducedBy(MainWorkflow.WithFirst(canary, "").WithFirst(step, canary + step)),
            $"{name}: comes after the canaries' wait");
    }

    [Fact]
    public void A_stack_moved_to_an_earlier_job_is_reported()
    {
        // Swap the primaries' and the global stack's outputs between their jobs: the same stacks, in the wrong order.
        var broken = MainWorkflow
            .With("fromJSON(needs.stacks.outputs.primaries)", "fromJSON(needs.stacks.outputs.swapped)")
            .With("fromJSON(needs.stacks.outputs.global)", "fromJSON(needs.stacks.outputs.primaries)")
            .With("fromJSON(needs.stacks.outputs.swapped)", "fromJSON(needs.stacks.outputs.global)");
        foreach (var global in Project.Stacks.Where(s => s.IsGlobal))
            AssertReported(IntroducedBy(broken), $"so {global.Name} can run before");
    }

    [Fact]
    public void Regions_in_parallel_a_deploy_after_a_failure_or_before_the_checks_are_reported()
    {
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("      max-parallel: 1\n", "      max-parallel: 2\n")),
            "main.yml: job primaries: strategy.max-parallel is 2, expected 1 (one region at a time)");
        AssertReported(IntroducedBy(MainWorkflow.WithFirst("      fail-fast: true\n", "      fail-fast: false\n")),
            "job primaries: strategy.fail-fast is false; a failed region must stop the regions after it");
        AssertReported(IntroducedBy(MainWorkflow.With("${{ !cancelled() && needs.primaries.result == 'success'", "${{ always() && needs.primaries.result == 'success'")),
            "job global: if uses always(), so it deploys after a failed or cancelled region");
        AssertReported(IntroducedBy(MainWorkflow.With("!cancelled() && needs.primaries.result == 'success' && ", "!cancelled() && ")),
            "job global: its if has !cancelled() but not needs.primaries.result == 'success', so it deploys after primaries failed");
        AssertReported(IntroducedBy(MainWorkflow.With("    needs: [test, plan, stacks]\n", "    needs: [test, stacks]\n")),
            "job primaries: deploys without waiting for the offline plan (plan --format json): it does not need plan");
        AssertReported(IntroducedBy(MainWorkflow.With("        run: dotnet test MultiRegionInfra.sln\n", "        run: dotnet build MultiRegionInfra.sln\n")),
            "job primaries: deploys without waiting for the tests (dotnet test); no job of main.yml runs it");
    }

    [Fact]
    public void Long_lived_keys_a_role_from_a_literal_and_a_missing_token_are_reported()
    {
        var workflow = PullRequestWorkflow;
        var keys = workflow.With("          role-to-assume: ${{ vars.AWS_PREVIEW_ROLE_ARN }}\n",
            "          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}\n          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n");
        Assert.Equal(4, Introduced(WorkflowRules.NoAwsKeys(workflow), WorkflowRules.NoAwsKeys(keys)).Count);
        Assert.Contains(Introduced(WorkflowRules.AwsByOidc(workflow), WorkflowRules.AwsByOidc(keys)),
            p => p.Contains("role-to-assume is unset", StringComparison.Ordinal));

        var literal = workflow.With("${{ vars.AWS_PREVIEW_ROLE_ARN }}", "arn:aws:iam::123456789012:role/preview");
        Assert.Contains(Introduced(WorkflowRules.AwsByOidc(workflow), WorkflowRules.AwsByOidc(literal)),
            p => p.Contains("role-to-assume is arn:aws:iam::123456789012:role/preview", StringComparison.Ordinal));

        var noIdToken = workflow.With("      id-token: write\n", "");
        Assert.Contains(Introduced(WorkflowRules.AwsByOidc(workflow), WorkflowRules.AwsByOidc(noIdToken)),
            p => p.Contains("id-token permission is unset", StringComparison.Ordinal));

        var noToken = workflow.With("          PULUMI_ACCESS_TOKEN: ${{ secrets.PULUMI_PREVIEW_ACCESS_TOKEN }}\n", "");
        Assert.Contains(Introduced(WorkflowRules.Tokens(workflow), WorkflowRules.Tokens(noToken)),
            p => p.Contains("env PULUMI_ACCESS_TOKEN is unset", StringComparison.Ordinal));
    }

    [Fact]
    public void A_preview_without_comment_or_diff_and_a_deploy_from_a_pull_request_are_reported()
    {
        var quiet = IntroducedBy(PullRequestWorkflow.With("          comment-on-pr: true\n", "").With("          diff: true\n", ""));
        AssertReported(quiet, "comment-on-pr is unset, expected true");
        AssertReported(quiet, "diff is unset, expected true");
        AssertReported(IntroducedBy(PullRequestWorkflow.With("          command: preview\n", "          command: up\n")),
            "command is up in a pull-request workflow; pull requests only preview");
    }

    [Fact]
    public void The_preview_does_not_refresh_because_the_preview_role_may_not_decrypt()
    {
        var preview = Assert.Single(WorkflowRules.PulumiSteps(PullRequestWorkflow, "preview"));
        Assert.Equal("false", preview.Input("refresh"));
        // The deploys refresh, under the deploy role, which may decrypt.
        Assert.All(WorkflowRules.PulumiSteps(MainWorkflow, "up"), up => Assert.Equal("true", up.Input("refresh")));

        AssertReported(IntroducedBy(PullRequestWorkflow.With("          refresh: false\n", "          refresh: true\n")),
            "pull-request.yml: job preview, step 4 (pulumi preview --diff): refresh is true; a refresh reads the stacks' SSM SecureString parameters with kms:Decrypt");
        Assert.Empty(IntroducedBy(PullRequestWorkflow.With("          refresh: false\n", "")));
    }

    [Fact]
    public void A_wrong_stack_name_a_missing_work_dir_a_wrong_dotnet_version_and_stand_ins_in_the_tests_are_reported()
    {
        var workflow = PullRequestWorkflow;
        var project = Project.ProjectName;
        var broken = workflow
            .With($"          stack-name: ${{{{ vars.PULUMI_ORG }}}}/{project}/${{{{ matrix.stack }}}}\n", "          stack-name: dev\n")
            .With("          work-dir: ./\n", "          work-dir: ./nowhere\n");
        var problems = Introduced(WorkflowRules.StackNames(workflow, project, Project.Root), WorkflowRules.StackNames(broken, project, Project.Root));
        Assert.Contains(problems, p => p.EndsWith($"stack-name is dev, expected ${{{{ vars.<ORG> }}}}/{project}/${{{{ matrix.stack }}}}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("work-dir ./nowhere has no Pulumi.yaml", StringComparison.Ordinal));

        var oldDotnet = workflow.With($"          dotnet-version: {RepositoryFiles.DotnetVersion}\n", "          dotnet-version: 8.0.x\n");
        Assert.Contains(
            Introduced(WorkflowRules.Dotnet(workflow, RepositoryFiles.DotnetVersion), WorkflowRules.Dotnet(oldDotnet, RepositoryFiles.DotnetVersion)),
            p => p.EndsWith($"dotnet-version is 8.0.x, expected {RepositoryFiles.DotnetVersion} (Directory.Build.props)", StringComparison.Ordinal));

        AssertReported(IntroducedBy(workflow.With("        run: dotnet test MultiRegionInfra.sln\n", "        run: dotnet test MultiRegionInfra.sln -p:PulumiSdk=offline\n")),
            "pull-request.yml: job test, step 3 (dotnet test): dotnet test MultiRegionInfra.sln -p:PulumiSdk=offline builds with the stand-ins");
    }
}
