using System.Text.Json;

namespace MultiRegionInfra.Tests.Ci;

/// <summary>
/// Runs the repository's .github/scripts/wait_for_instance_refresh.py the way the deploy jobs run it (python3 with
/// PyYAML), with a stand-in <c>pulumi</c> and <c>aws</c> first on PATH: one small Python program that answers
/// <c>pulumi stack output --json</c> and <c>aws autoscaling describe-instance-refreshes</c> from a scenario and
/// records every call, so the tests see what the script asked.
/// </summary>
internal sealed class InstanceRefreshWaitScript : IDisposable
{
    /// <summary>The stand-in CLIs (the program looks at the name it was called by). The scenario: <c>outputs</c> is the
    /// stack's outputs, or null when the stack does not exist; <c>awsError</c>, when set, is what a failing AWS call
    /// prints; <c>refreshes</c> holds, per call of describe-instance-refreshes (the last repeats), the group's latest
    /// refresh or null for none, each with its status, reason, ID, percentage, and age (seconds before the call that
    /// it started; no age: no StartTime, as a refresh that is still Pending).</summary>
    private const string FakeCli = """
        #!/usr/bin/env python3
        import json, os, sys
        from datetime import datetime, timedelta, timezone
        scenario = json.load(open(os.environ["FAKE_CLI_SCENARIO"]))
        calls = os.environ["FAKE_CLI_CALLS"]
        tool = os.path.basename(sys.argv[0])
        args = sys.argv[1:]
        with open(calls, "a") as log:
            log.write(json.dumps([tool, *args]) + "\n")
        if tool == "pulumi" and args[:3] == ["stack", "output", "--json"]:
            stack = args[args.index("--stack") + 1]
            if scenario.get("outputs") is None:
                print(f"error: no stack named '{stack}' found", file=sys.stderr)
                sys.exit(255)
            print(json.dumps(scenario["outputs"], indent=4))
            sys.exit(0)
        if tool == "aws" and args[:2] == ["autoscaling", "describe-instance-refreshes"]:
            if scenario.get("awsError"):
                print(scenario["awsError"], file=sys.stderr)
                sys.exit(254)
            done = sum(1 for line in open(calls) if '"describe-instance-refreshes"' in line) - 1
            answers = scenario["refreshes"]
            refresh = answers[min(done, len(answers) - 1)]
            group = args[args.index("--auto-scaling-group-name") + 1]
            listed = []
            if refresh is not None:
                item = {"InstanceRefreshId": refresh.get("id", "08b91cf7-8fa6-48af-b6a6-d227f40f1b9b"), "AutoScalingGroupName": group,
                        "Status": refresh["status"], "PercentageComplete": refresh.get("percent", 0), "InstancesToUpdate": refresh.get("toUpdate", 2)}
                if "reason" in refresh:
                    item["StatusReason"] = refresh["reason"]
                if "age" in refresh:
                    item["StartTime"] = (datetime.now(timezone.utc) - timedelta(seconds=refresh["age"])).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
                listed.append(item)
            print(json.dumps({"InstanceRefreshes": listed}, indent=4))
            sys.exit(0)
        print("unexpected call: " + tool + " " + " ".join(args), file=sys.stderr)
        sys.exit(2)
        """;

    private readonly string _bin;

    public InstanceRefreshWaitScript()
    {
        _bin = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mri-fake-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_bin);
        foreach (var tool in new[] { "aws", "pulumi" })
        {
            var path = System.IO.Path.Combine(_bin, tool);
            File.WriteAllText(path, FakeCli);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public static string Path => System.IO.Path.Combine(RepositoryFiles.Root, RepositoryFiles.InstanceRefreshWaitScript);

    /// <summary>Every call the stand-ins received, each as the tool's name and its arguments.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Calls =>
        File.Exists(CallsFile)
            ? [.. File.ReadAllLines(CallsFile).Select(line => (IReadOnlyList<string>)JsonSerializer.Deserialize<List<string>>(line)!)]
            : [];

    public IReadOnlyList<IReadOnlyList<string>> AwsCalls => [.. Calls.Where(c => c[0] == "aws")];

    private string CallsFile => System.IO.Path.Combine(_bin, "calls.jsonl");

    /// <summary>A time as the workflow notes it before pulumi up (date -u +%Y-%m-%dT%H:%M:%SZ), <paramref name="secondsAgo"/> before now.</summary>
    public static string Since(int secondsAgo) =>
        DateTime.UtcNow.AddSeconds(-secondsAgo).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs the script with <paramref name="arguments"/>, the CLIs answering as <paramref name="scenario"/> (a JSON object) says.</summary>
    public ScriptRun Run(string scenario, params string[] arguments)
    {
        var scenarioFile = System.IO.Path.Combine(_bin, "scenario.json");
        File.WriteAllText(scenarioFile, scenario);
        return StackMatrixScript.RunPython(CanaryWaitScript.Python.Value, [Path, .. arguments], new Dictionary<string, string>
        {
            ["PATH"] = $"{_bin}:{Environment.GetEnvironmentVariable("PATH")}",
            ["FAKE_CLI_SCENARIO"] = scenarioFile,
            ["FAKE_CLI_CALLS"] = CallsFile,
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
