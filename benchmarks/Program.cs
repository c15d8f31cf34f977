using BenchmarkDotNet.Running;
using MultiRegionInfra.Benchmarks;

// dotnet run -c Release -p:PulumiSdk=offline --project benchmarks -- --filter '*'
// The assembly is named through a benchmark class, not through Program: with the real Pulumi package,
// ASP.NET Core's generator makes the stacks program's Program public, so "Program" would be ambiguous.
BenchmarkSwitcher.FromAssembly(typeof(ProjectPlanBenchmarks).Assembly).Run(args);
