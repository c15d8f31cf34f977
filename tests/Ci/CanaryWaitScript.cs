using System.Text.Json;

namespace MultiRegionInfra.Tests.Ci;

/// <summary>
/// Runs the repository's .github/scripts/wait_for_canaries.py the way the deploy jobs run it (python3 with PyYAML),
/// with a stand-in <c>aws</c> first on PATH: a small Python program that answers <c>synthetics get-canary</c> and
/// <c>get-canary-runs</c> from a scenario and records every call, so the tests see what the script asked AWS.
/// </summary>
internal sealed class CanaryWaitScript : IDisposable
{
    /// <summary>The stand-in AWS CLI. The scenario: <c>canary</c> is the canary's state (RUNNING, STOPPED, ...) or
    /// null when it does not exist; <c>runs</c> holds, per call of get-canary-runs (the last repeats), the runs it
    /// lists, each with its state, reason and age (seconds before the call that it started).</summary>
    private const string FakeAws = """
        #!/usr/bin/env python3
        import json, os, sys
        from datetime import datetime, timedelta, timezone
        scenario = json.load(open(os.environ["FAKE_AWS_SCENARIO"]))
        calls = os.environ["FAKE_AWS_CALLS"]
        with open(calls, "a") as log:
            log.write(json.dumps(sys.argv[1:]) + "\n")
        args = sys.argv[1:]
        name = args[args.index("--name") + 1]
        if args[:2] == ["synthetics", "get-canary"]:
            if scenario.get("canary") is None:
                print("An error occurred (ResourceNotFoundException) when calling the GetCanary operation: Canary not found", file=sys.stderr)
                sys.exit(254)
            print(json.dumps({"Canary": {"Name": name, "Status": {"State": scenario["canary"]}}}))
            sys.exit(0)
        if args[:2] == ["synthetics", "get-canary-runs"]:
            done = sum(1 for line in open(calls) if '"get-canary-runs"' in line) - 1
            runs = scenario["runs"][min(done, len(scenario["runs"]) - 1)]
            now = datetime.now(timezone.utc)
            print(json.dumps({"CanaryRuns": [{
                "Name": name,
                "Status": {"State": run["state"], "StateReason": run.get("reason", "")},
                "Timeline": {"Started": (now - timedelta(seconds=run.get("age", 0))).isoformat()},
            } for run in runs]}))
            sys.exit(0)
        print("unexpected call: " + " ".join(args), file=sys.stderr)
        sys.exit(2)
        """;

    private readonly string _bin;

    /// <summary>The interpreter python3 runs, by its own path: a version manager's shim (pyenv) would put its
    /// own folder first on PATH, ahead of the stand-in aws.</summary>
    internal static readonly Lazy<string> Python = new(() =>
    {
        var run = StackMatrixScript.RunPython("-c", "import sys; print(sys.executable)");
        return run.ExitCode == 0 && run.Output.Trim().Length > 0 ? run.Output.Trim() : "python3";
    });

    public CanaryWaitScript()
    {
        _bin = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mri-fake-aws-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_bin);
        var aws = System.IO.Path.Combine(_bin, "aws");
        File.WriteAllText(aws, FakeAws);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(aws, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public static string Path => System.IO.Path.Combine(RepositoryFiles.Root, RepositoryFiles.CanaryWaitScript);

    /// <summary>Every call the stand-in AWS CLI received, each as its arguments.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Calls =>
        File.Exists(CallsFile)
            ? [.. File.ReadAllLines(CallsFile).Select(line => (IReadOnlyList<string>)JsonSerializer.Deserialize<List<string>>(line)!)]
            : [];

    private string CallsFile => System.IO.Path.Combine(_bin, "calls.jsonl");

    /// <summary>Runs the script with <paramref name="arguments"/>, AWS answering as <paramref name="scenario"/> (a JSON object) says.</summary>
    public ScriptRun Run(string scenario, params string[] arguments)
    {
        var scenarioFile = System.IO.Path.Combine(_bin, "scenario.json");
        File.WriteAllText(scenarioFile, scenario);
        return StackMatrixScript.RunPython(Python.Value, [Path, .. arguments], new Dictionary<string, string>
        {
            ["PATH"] = $"{_bin}:{Environment.GetEnvironmentVariable("PATH")}",
            ["FAKE_AWS_SCENARIO"] = scenarioFile,
            ["FAKE_AWS_CALLS"] = CallsFile,
        });
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_bin, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
