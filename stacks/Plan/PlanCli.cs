using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>The program's command line, for people: <c>plan</c>, <c>docs</c> and <c>help</c>. A Pulumi run starts the
/// program without arguments (Program.cs sends that to Pulumi), so every argument here is a person's.</summary>
public static class PlanCli
{
    /// <summary>Every stack planned (or the diff computed).</summary>
    public const int Planned = 0;

    /// <summary>A stack is invalid: configuration, policy, budget or cross-stack errors.</summary>
    public const int StackInvalid = 1;

    /// <summary>Bad usage: an unknown option, command, format or stack, no project, a missing base folder.</summary>
    public const int BadUsage = 2;

    private const string Run = "dotnet run --project stacks --";

    private static readonly IReadOnlyDictionary<string, string[]> Examples = new Dictionary<string, string[]>
    {
        [""] = new[]
        {
            $"{Run} plan",
            $"{Run} plan --help",
            $"{Run} help plan",
            "pulumi up --stack us-east    (a deployment: the Pulumi CLI runs this program without arguments)",
        },
        ["plan"] = new[]
        {
            $"{Run} plan",
            $"{Run} plan --stack us-east --stack eu-west",
            $"{Run} plan --stack=us-east,eu-west --counts",
            $"{Run} plan --stack Pulumi.global.yaml --format markdown > plan.md",
            $"{Run} plan --format json --out base/      (on the base branch)",
            $"{Run} plan --diff base/ --format markdown  (on the pull request's branch)",
        },
        ["docs"] = new[]
        {
            $"{Run} docs            (rewrite the README's generated sections)",
            $"{Run} docs --check    (exit 1 when a section is stale)",
        },
    };

    private const string ExitCodes =
        "  0  every stack planned (with --diff: the comparison was made; changes are not failures)\n" +
        "  1  a stack is invalid: configuration, policy, failover budget or cross-stack errors (listed on stderr)\n" +
        "  2  bad usage: an unknown command, option, format or stack, no Pulumi.yaml, a missing --diff folder";

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    /// <param name="output">Standard output: only the requested format (and help).</param>
    /// <param name="error">Standard error: status, problems.</param>
    /// <param name="workingDirectory">Where to look for Pulumi.yaml (default: the current directory).</param>
    /// <param name="style">How text output looks (default: plain, 120 columns).</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, string? workingDirectory = null, OutputStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = Build(output, error, workingDirectory ?? Directory.GetCurrentDirectory(), style ?? OutputStyle.Plain);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };

        // `help` and `help plan` are `--help` and `plan --help`.
        if (args.Count > 0 && args[0] == "help")
            args = args.Skip(1).Append("--help").ToList();
        var parsed = root.Parse(args);
        if (parsed.Action is HelpWithExamples)
            return await parsed.InvokeAsync(configuration).ConfigureAwait(false);
        if (parsed.Errors.Count > 0 && parsed.CommandResult.Command == root && args.Count > 0 && !args[0].StartsWith('-'))
        {
            await error.WriteLineAsync($"plan: '{args[0]}' is not a command; commands: plan, docs, help (see '{Run} --help')").ConfigureAwait(false);
            return BadUsage;
        }
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
                await error.WriteLineAsync($"plan: {problem.Message}").ConfigureAwait(false);
            var command = parsed.CommandResult.Command == root ? "" : $"{parsed.CommandResult.Command.Name} ";
            await error.WriteLineAsync($"plan: see '{Run} {command}--help'").ConfigureAwait(false);
            return BadUsage;
        }
        return await parsed.InvokeAsync(configuration).ConfigureAwait(false);
    }

    private static RootCommand Build(TextWriter output, TextWriter error, string workingDirectory, OutputStyle style)
    {
        var root = new RootCommand(
            "multi-region-infra's Pulumi program. Run without arguments it is the program `pulumi up` and `pulumi preview` run " +
            "(an offline build, -p:PulumiSdk=offline, refuses to deploy). With a command it works offline, without a cloud account.");

        var stack = new Option<string[]>("--stack", "-s")
        {
            Description = "Plan this stack and the stacks it reads (repeatable; also a,b or a stack file's name, Pulumi.us-east.yaml). Default: every Pulumi.<stack>.yaml.",
            HelpName = "NAME",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "What standard output holds: text (a terminal or a log), markdown (a pull-request comment) or json.",
            HelpName = "text|markdown|json",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(PlanRequest.Formats.ToArray());
        var outDirectory = new Option<string>("--out", "-o")
        {
            Description = "Folder for <stack>.json and topology.md, replaced file by file; a full plan removes the JSON of stacks that no longer exist.",
            HelpName = "DIR",
            DefaultValueFactory = _ => "plan",
        };
        var counts = new Option<bool>("--counts")
        {
            Description = "Also list each stack's resources by type.",
        };
        var diff = new Option<string?>("--diff")
        {
            Description = "Compare with an earlier plan's JSON (a folder written by plan --format json --out BASE_DIR): per stack what is created, updated, replaced or deleted, the inputs that change, and the change in cost, failover budget and findings.",
            HelpName = "BASE_DIR",
        };

        var plan = new Command("plan",
            "Plan every stack offline, the way `pulumi preview` would show it: the real program under Pulumi's test runner with mocks, " +
            "in dependency order (primaries, replicas, then the global stack), checked against the policies, the failover budget and the cost model. " +
            "Writes <out>/<stack>.json and <out>/topology.md. Status and errors go to stderr; stdout holds only the chosen format.")
        {
            stack, format, outDirectory, counts, diff,
        };
        plan.SetAction(async (result, cancel) =>
        {
            var request = new PlanRequest(
                StackSelection.Names(result.GetValue(stack) ?? Array.Empty<string>()),
                result.GetValue(format) ?? "text",
                result.GetValue(outDirectory) ?? "plan",
                result.GetValue(counts),
                result.GetValue(diff));
            return await PlanCommand.RunAsync(request, output, error, workingDirectory, style).ConfigureAwait(false);
        });
        root.Add(plan);

        var check = new Option<bool>("--check")
        {
            Description = "Change nothing: list the stale sections on stderr and exit 1 if there are any.",
        };
        var docs = new Command("docs",
            "Rewrite the README's generated sections (configuration keys, regional exports, service variables, policy rules, and the architecture diagram the plan draws from the stack files) from the code, Pulumi.yaml and the stack files.")
        {
            check,
        };
        docs.SetAction(async (result, cancel) =>
            await Docs.DocsCommand.RunAsync(result.GetValue(check), output, error, workingDirectory).ConfigureAwait(false));
        root.Add(docs);

        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExamples(help.Action as HelpAction ?? new HelpAction());
        return root;
    }

    /// <summary>The library's help, then the command's examples and the exit codes.</summary>
    private sealed class HelpWithExamples : SynchronousCommandLineAction
    {
        private readonly HelpAction _help;

        public HelpWithExamples(HelpAction help)
        {
            _help = help;
            _help.MaxWidth = OutputStyle.PlainWidth;
        }

        public override int Invoke(ParseResult parseResult)
        {
            // The library pads its columns; lines are written without trailing blanks.
            var configuration = parseResult.InvocationConfiguration;
            var output = configuration.Output;
            using (var buffer = new StringWriter())
            {
                configuration.Output = buffer;
                try
                {
                    _help.Invoke(parseResult);
                }
                finally
                {
                    configuration.Output = output;
                }
                foreach (var line in buffer.ToString().TrimEnd().Split('\n'))
                    output.WriteLine(line.TrimEnd());
                output.WriteLine();
            }
            var command = parseResult.CommandResult.Command;
            if (Examples.TryGetValue(command is RootCommand ? "" : command.Name, out var examples))
            {
                output.WriteLine("Examples:");
                foreach (var example in examples)
                    output.WriteLine($"  {example}");
                output.WriteLine();
            }
            output.WriteLine("Exit codes:");
            output.WriteLine(ExitCodes);
            return Planned;
        }
    }
}
