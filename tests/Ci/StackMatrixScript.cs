using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace MultiRegionInfra.Tests.Ci;

/// <summary>What .github/scripts/stack_matrix.py printed: each output (primaries, replicas, global, all) and its stacks.</summary>
internal sealed record StackMatrices(IReadOnlyDictionary<string, IReadOnlyList<string>> Outputs)
{
    public IReadOnlyList<string>? this[string output] => Outputs.GetValueOrDefault(output);

    public static StackMatrices FromJson(string json)
    {
        var outputs = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(json)
            ?? throw new InvalidDataException($"stack_matrix.py printed no JSON object: {json}");
        return new StackMatrices(outputs.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal));
    }
}

/// <summary>One run of the script: its exit code, standard output and standard error.</summary>
internal sealed record ScriptRun(int ExitCode, string Output, string Error);

/// <summary>
/// Runs the repository's .github/scripts/stack_matrix.py, the one source of the workflows' matrices, the way the
/// workflows run it (python3 with PyYAML).
/// </summary>
internal static class StackMatrixScript
{
    public static string Path => System.IO.Path.Combine(RepositoryFiles.Root, RepositoryFiles.StackMatrixScript);

    public static ScriptRun Run(params string[] arguments) => RunPython([Path, .. arguments]);

    /// <summary>Runs python3 with <paramref name="arguments"/>.</summary>
    public static ScriptRun RunPython(params string[] arguments) => RunPython("python3", arguments, new Dictionary<string, string>());

    /// <summary>Runs <paramref name="python"/> with <paramref name="arguments"/> and these environment variables
    /// added (the stand-in CLIs' folder first on PATH, their scenario), for at most a minute.</summary>
    public static ScriptRun RunPython(string python, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{python} did not start");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"the workflows' scripts (.github/scripts/*.py) need python3 (with PyYAML) on PATH: {exception.Message}", exception);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{python} {string.Join(' ', arguments)} ran for a minute");
            }
            return new ScriptRun(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
    }

    /// <summary>The matrices of the stack files in <paramref name="root"/>; fails with the script's errors when it does.</summary>
    public static StackMatrices Derive(string root)
    {
        var run = Run("--root", root, "--format", "json");
        return run.ExitCode == 0
            ? StackMatrices.FromJson(run.Output)
            : throw new InvalidOperationException($"stack_matrix.py --root {root} exited {run.ExitCode}:\n{run.Error}");
    }
}

/// <summary>A project as the workflow rules see it: its stack files and the matrices the script derives from them.</summary>
internal sealed record CiProject(string Root, string ProjectName, IReadOnlyList<StackFile> Stacks, StackMatrices Matrices)
{
    public static CiProject At(string root) =>
        new(root, RepositoryFiles.ProjectNameIn(root), RepositoryFiles.StacksIn(root), StackMatrixScript.Derive(root));
}
