using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Ci;

/// <summary>
/// .github/scripts/stack_matrix.py, the one source of the workflows' stack matrices, on sets of stack files made up
/// here. A set is written as <c>name=spec; ...</c> where spec is <c>primary</c> (role only: the kind defaults to
/// regional), <c>replica:PRIMARY</c>, <c>global:R1+R2</c>, <c>regional</c> (no role), <c>kind:KIND</c> or
/// <c>raw:TEXT</c> (the whole file).
/// </summary>
public class StackMatrixScriptTests
{
    private const string Key = "multi-region-infra";

    private static TempProject Write(string stacks)
    {
        var project = new TempProject(copyStacks: false);
        foreach (var entry in stacks.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, spec) = (entry[..entry.IndexOf('=', StringComparison.Ordinal)], entry[(entry.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var (kind, argument) = spec.Contains(':', StringComparison.Ordinal) ? (spec[..spec.IndexOf(':', StringComparison.Ordinal)], spec[(spec.IndexOf(':', StringComparison.Ordinal) + 1)..]) : (spec, "");
            var text = kind switch
            {
                "primary" => $"config:\n  aws:region: us-east-1\n  {Key}:role: primary\n",
                "replica" => $"config:\n  {Key}:stackKind: regional\n  {Key}:role: replica\n" + (argument.Length > 0 ? $"  {Key}:primaryStack: {argument}\n" : ""),
                "global" => $"config:\n  {Key}:stackKind: global\n  {Key}:regions: [{string.Join(", ", argument.Split('+', StringSplitOptions.RemoveEmptyEntries))}]\n",
                "regional" => $"config:\n  {Key}:stackKind: regional\n",
                "kind" => $"config:\n  {Key}:stackKind: {argument}\n",
                "raw" => argument.Replace("\\n", "\n", StringComparison.Ordinal),
                _ => throw new ArgumentException($"unknown stack spec {spec}", nameof(stacks)),
            };
            File.WriteAllText(Path.Combine(project.Root, $"Pulumi.{name}.yaml"), text);
        }
        return project;
    }

    private static IReadOnlyList<string> List(string commaSeparated) =>
        commaSeparated.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    // The repository's shape.
    [InlineData("us-east=primary; eu-west=replica:us-east; global=global:us-east+eu-west", "us-east", "eu-west", "global")]
    // A fourth region is one more replica, in name order after its primary.
    [InlineData("us-east=primary; eu-west=replica:us-east; ap-southeast=replica:us-east; global=global:us-east+eu-west+ap-southeast", "us-east", "ap-southeast,eu-west", "global")]
    // Two primaries, each with its replica: every primary first.
    [InlineData("us-west=primary; us-east=primary; eu-west=replica:us-east; ap-south=replica:us-west; global=global:us-east+us-west+eu-west+ap-south", "us-east,us-west", "ap-south,eu-west", "global")]
    // No replica: the replica matrix is empty (the deploy workflow skips its job).
    [InlineData("us-east=primary; global=global:us-east", "us-east", "", "global")]
    // No global stack.
    [InlineData("us-east=primary; eu-west=replica:us-east", "us-east", "eu-west", "")]
    public void The_matrices_are_the_stack_files_in_deploy_order(string stacks, string primaries, string replicas, string global)
    {
        using var project = Write(stacks);
        var run = StackMatrixScript.Run("--root", project.Root);
        Assert.True(run.ExitCode == 0, run.Error);
        var matrices = StackMatrices.FromJson(run.Output);
        Assert.Equal(List(primaries), matrices["primaries"]);
        Assert.Equal(List(replicas), matrices["replicas"]);
        Assert.Equal(List(global), matrices["global"]);
        Assert.Equal([.. List(primaries), .. List(replicas), .. List(global)], matrices["all"]);
    }

    [Fact]
    public void The_github_format_is_one_output_line_per_matrix_and_the_log_says_the_order()
    {
        using var project = Write("us-east=primary; eu-west=replica:us-east; global=global:us-east+eu-west");
        var run = StackMatrixScript.Run("--root", project.Root, "--format", "github");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("primaries=[\"us-east\"]\nreplicas=[\"eu-west\"]\nglobal=[\"global\"]\nall=[\"us-east\",\"eu-west\",\"global\"]\n", run.Output);
        Assert.Equal("deploy order: us-east (primary), then eu-west (replica of us-east), then global (global)\n", run.Error);
    }

    [Theory]
    [InlineData("us-east=primary; eu-west=replica:nowhere; global=global:us-east+eu-west",
        "Pulumi.eu-west.yaml: multi-region-infra:primaryStack is 'nowhere', which has no Pulumi.nowhere.yaml")]
    [InlineData("us-east=primary; eu-west=replica:us-east; ap=replica:eu-west",
        "Pulumi.ap.yaml: multi-region-infra:primaryStack is 'eu-west', which is not a primary (its role is replica)")]
    [InlineData("us-east=primary; eu-west=replica:",
        "Pulumi.eu-west.yaml: multi-region-infra:primaryStack is unset; a replica names its primary's stack, e.g. us-east")]
    [InlineData("us-east=primary; edge=kind:edge",
        "Pulumi.edge.yaml: multi-region-infra:stackKind is 'edge'; allowed: regional, global")]
    [InlineData("us-east=primary; lonely=regional",
        "Pulumi.lonely.yaml: multi-region-infra:role is unset; allowed: primary, replica")]
    [InlineData("us-east=primary; global=global:us-east+eu-central",
        "Pulumi.global.yaml: multi-region-infra:regions names 'eu-central', which has no Pulumi.eu-central.yaml")]
    [InlineData("us-east=primary; other=global:us-east; global=global:us-east+other",
        "Pulumi.global.yaml: multi-region-infra:regions names 'other', which is a global stack, not a regional one")]
    [InlineData("us-east=primary; global=global:",
        "Pulumi.global.yaml: multi-region-infra:regions is unset or empty; allowed: the regional stacks this global stack connects")]
    [InlineData("eu-west=replica:eu-west; global=global:eu-west",
        "no stack file has multi-region-infra:role primary; the deploy starts with the primaries")]
    [InlineData("us-east=primary; broken=raw:config: [unclosed",
        "Pulumi.broken.yaml: not valid YAML: ")]
    [InlineData("us-east=primary; listed=raw:- a\\n- b\\n",
        "Pulumi.listed.yaml: expected a mapping with a `config` key, found list")]
    public void An_invalid_stack_file_exits_1_naming_the_file_the_key_the_value_and_what_is_allowed(string stacks, string expected)
    {
        using var project = Write(stacks);
        var run = StackMatrixScript.Run("--root", project.Root);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains($"stack_matrix: {expected}", run.Error, StringComparison.Ordinal);
        Assert.EndsWith($"in the stack files of {project.Root}\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        using var project = Write("us-east=primary; edge=kind:edge; lonely=regional; eu-west=replica:nowhere");
        var run = StackMatrixScript.Run("--root", project.Root);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
        [
            "stack_matrix: Pulumi.edge.yaml: multi-region-infra:stackKind is 'edge'; allowed: regional, global",
            "stack_matrix: Pulumi.lonely.yaml: multi-region-infra:role is unset; allowed: primary, replica",
            "stack_matrix: Pulumi.eu-west.yaml: multi-region-infra:primaryStack is 'nowhere', which has no Pulumi.nowhere.yaml",
            $"stack_matrix: FAILED: 3 problem(s) in the stack files of {project.Root}",
        ], run.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_folder_without_Pulumi_yaml_or_without_stack_files_exits_1()
    {
        var empty = Directory.CreateTempSubdirectory("mri-no-project-");
        try
        {
            var run = StackMatrixScript.Run("--root", empty.FullName);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"stack_matrix: {Path.Combine(empty.FullName, "Pulumi.yaml")}: not found; --root must be the folder of the project's Pulumi.yaml", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }

        using var project = new TempProject(copyStacks: false);
        var none = StackMatrixScript.Run("--root", project.Root);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains($"stack_matrix: {project.Root}: no Pulumi.<stack>.yaml; every stack the workflows deploy is a stack file", none.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_usage_exits_2()
    {
        var run = StackMatrixScript.Run("--format", "xml");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("argument --format: invalid choice: 'xml' (choose from", run.Error, StringComparison.Ordinal);
    }
}
