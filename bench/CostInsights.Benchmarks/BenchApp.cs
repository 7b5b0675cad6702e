using System.CommandLine;
using BenchmarkDotNet.Jobs;
using CostInsights.Cli;
using CostInsights.Core.Data;

namespace CostInsights.Benchmarks;

/// <summary>
/// <c>costinsights-bench</c>: each benchmark measures the product beside a baseline measured in the
/// same run, and prints the ratio, so that it means something on any machine.
/// </summary>
public static class BenchApp
{
    /// <summary>Runs one benchmark; its output goes to the terminal.</summary>
    public static Task<int> RunAsync(string[] args, ITerminal terminal) => Create(terminal).Parse(args).InvokeAsync();

    public static RootCommand Create(ITerminal terminal)
    {
        var litellm = new Option<FileInfo>("--litellm") { Description = "LiteLLM's model_prices_and_context_window.json", Required = true };
        var series = new Option<int>("--series") { Description = "Usage series (model × team) to re-price", DefaultValueFactory = _ => 1_000 };
        var months = new Option<int>("--months") { Description = "Months of usage per series", DefaultValueFactory = _ => 12 };
        var prices = new Command("prices", "Import a LiteLLM sheet, then re-price a year of hourly usage after a price cut")
        {
            Options = { litellm, series, months },
        };
        prices.SetAction((parse, cancellationToken) => CliApp.RunSafelyAsync(terminal, () =>
            PricesBench.RunAsync(terminal, parse.GetValue(litellm)!, parse.GetValue(series), parse.GetValue(months), cancellationToken)));
        var forecast = new Command("forecast", "BenchmarkDotNet: each forecasting model on a 36-month series, as a ratio to seasonal naive");
        forecast.SetAction(_ =>
        {
            var config = BenchmarkDotNet.Configs.ManualConfig.CreateMinimumViable()
                .AddJob(Job.ShortRun.WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
            BenchmarkDotNet.Running.BenchmarkRunner.Run<ForecastBenchmarks>(config);
            return 0;
        });
        var runSeries = new Option<int>("--series")
        {
            Description = "Series to forecast (total, providers, models, teams, provider × team)",
            DefaultValueFactory = _ => 1_000
        };
        var runMonths = new Option<int>("--months") { Description = "Months of history", DefaultValueFactory = _ => 36 };
        var runs = new Command("forecast-runs", "A forecast run over generated monthly usage, against seasonal naive on the same series")
        {
            Options = { runSeries, runMonths },
        };
        runs.SetAction((parse, cancellationToken) => CliApp.RunSafelyAsync(terminal, () =>
            ForecastRunBench.RunAsync(terminal, parse.GetValue(runSeries), parse.GetValue(runMonths), cancellationToken)));
        var records = new Option<long>("--records") { Description = "Usage records in the large database", DefaultValueFactory = _ => 10_000_000 };
        var overview = new Command("overview",
            "The Overview and Usage by team by month rendered over 100 thousand records and over many more; they read rollups only")
        {
            Options = { records },
        };
        overview.SetAction((parse, cancellationToken) =>
            CliApp.RunSafelyAsync(terminal, () => OverviewBench.RunAsync(terminal, parse.GetValue(records), cancellationToken)));
        var monthRecords = new Option<long>("--records") { Description = "Usage records in the month reconciled", DefaultValueFactory = _ => 1_000_000 };
        var reconcile = new Command("reconcile",
            "A month's reconciliation against billed lines over many per-request records, against one grouped SQL sum of them")
        {
            Options = { monthRecords },
        };
        reconcile.SetAction((parse, cancellationToken) =>
            CliApp.RunSafelyAsync(terminal, () => ReconcileBench.RunAsync(terminal, parse.GetValue(monthRecords), cancellationToken)));
        var rows = new Option<long>("--rows") { Description = "Usage rows to generate and ingest", DefaultValueFactory = _ => 1_000_000 };
        var provider = new Option<DatabaseProvider>("--provider") { Description = "sqlite or postgres", DefaultValueFactory = _ => DatabaseProvider.Sqlite };
        var connection = new Option<string?>("--connection")
        {
            Description = "For postgres: a connection string allowed to create (and drop) the benchmark's " +
            "databases"
        };
        var ingest = new Command("ingest", "The ingestion pipeline over a generated CSV, against the bulk insert ceiling on the same rows")
        {
            Options = { rows, provider, connection },
        };
        ingest.SetAction((parse, cancellationToken) => CliApp.RunSafelyAsync(terminal, () =>
            IngestBench.RunAsync(terminal, parse.GetValue(rows), parse.GetValue(provider), parse.GetValue(connection), cancellationToken)));
        var csvRows = new Option<long>("--rows") { Description = "Usage rows to generate and read", DefaultValueFactory = _ => 1_000_000 };
        var csv = new Command("csv", "The product's CSV reader against CsvHelper and Sep, reading the ingestion benchmark's file") { Options = { csvRows } };
        csv.SetAction((parse, cancellationToken) =>
            CliApp.RunSafelyAsync(terminal, () => CsvReadBench.RunAsync(terminal, parse.GetValue(csvRows), cancellationToken)));
        var parquetRows = new Option<long>("--rows") { Description = "Usage rows to generate and read", DefaultValueFactory = _ => 1_000_000 };
        var group = new Option<int>("--group") { Description = "Rows in each of the Parquet file's row groups", DefaultValueFactory = _ => 1_000_000 };
        var parquet = new Command("parquet", "The ingestion benchmark's usage read from Parquet, against the same usage read from CSV")
        {
            Options = { parquetRows, group },
        };
        parquet.SetAction((parse, cancellationToken) => CliApp.RunSafelyAsync(terminal, () =>
            ParquetReadBench.RunAsync(terminal, parse.GetValue(parquetRows), parse.GetValue(group), cancellationToken)));
        return new RootCommand("costinsights-bench: benchmarks of CostInsights, printed as ratios to a baseline measured in the same run")
        {
            Subcommands = { prices, forecast, runs, overview, reconcile, ingest, csv, parquet },
        };
    }
}
