using MultiRegionInfra.Stacks;
using Pulumi;

return await Deployment.RunAsync(MultiRegionProgram.Run);
