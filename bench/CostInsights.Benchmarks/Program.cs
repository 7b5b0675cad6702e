using CostInsights.Benchmarks;
using CostInsights.Cli;

return await BenchApp.RunAsync(args, new ConsoleTerminal());
