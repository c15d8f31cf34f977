using BenchmarkDotNet.Running;

// dotnet run -c Release -p:PulumiSdk=offline --project benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
