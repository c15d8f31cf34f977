using MultiRegionInfra.Stacks;
using MultiRegionInfra.Stacks.Plan;
using Pulumi;

// `plan` runs the program offline under mocks; anything else is a Pulumi run (pulumi up / preview).
if (args.Length > 0 && args[0] == "plan")
    return await PlanCommand.RunAsync(args[1..], Console.Out, Console.Error);
if (args.Length > 0 && args[0] == "docs")
    return await MultiRegionInfra.Stacks.Docs.DocsCommand.RunAsync(args[1..], Console.Out, Console.Error);

return await Deployment.RunAsync(MultiRegionProgram.RunAsync);
