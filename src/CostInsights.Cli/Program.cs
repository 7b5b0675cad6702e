using CostInsights.Cli;

return await CliApp.RunAsync(args, new ConsoleTerminal());
