using MultiRegionInfra.Stacks;
using MultiRegionInfra.Stacks.Plan;
using Pulumi;

// The Pulumi CLI runs the program without arguments: that is a deployment (pulumi up / preview). Any
// argument is a person at the command line: `plan`, `help`, `--help`.
if (args.Length > 0)
    return await PlanCli.RunAsync(args, Console.Out, Console.Error, style: OutputStyle.ForConsole());

return await Deployment.RunAsync(MultiRegionProgram.RunAsync);
