using System.Diagnostics;
using CostInsights.Cli;
using CostInsights.Core.Data;
using CostInsights.Core.Demo;
using CostInsights.Core.Ingestion;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using CostInsights.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Benchmarks;

/// <summary>
/// <c>costinsights bench ingest --rows N [--provider sqlite|postgres]</c>: writes N realistic usage
/// rows to a CSV file, ingests it through the whole pipeline as the app does (the upload queued, the
/// ingestion job started on a Hangfire server over the database's job storage, which reads, validates,
/// prices both ways, stores, rolls up and commits in chunks) and, on a fresh database in the same run, writes the same rows through
/// the bulk path alone (the ceiling). Prints records per second for both, their ratio, and the
/// process's peak working set while the pipeline ran. A small file goes through the pipeline first,
/// untimed, so that neither measurement includes compiling the code.
/// </summary>
internal static class IngestBench
{
    private const int CeilingChunk = 100_000;
    private const long WarmUpRows = 50_000;

    public static async Task<int> RunAsync(ITerminal terminal, long rows, DatabaseProvider provider, string? connection, CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connection))
        {
            await terminal.Error.WriteLineAsync("--provider postgres needs --connection: a PostgreSQL connection string allowed to create databases.");
            return 2;
        }
        var file = Path.Combine(Path.GetTempPath(), $"costinsights-bench-{Guid.NewGuid():N}.csv");
        try
        {
            var time = TimeProvider.System;
            var sheets = new DemoDataGenerator(time).PriceSheets();
            var models = sheets[0].Prices.Select(p => (p.Provider, p.Model)).Distinct().ToList();
            var start = DateTime.SpecifyKind(time.GetUtcNow().UtcDateTime.Date.AddDays(-30), DateTimeKind.Utc);

            // 0. A small file through the pipeline first, untimed, so that what is measured runs compiled code, as in a running app.
            var warmUp = Math.Min(rows, WarmUpRows);
            await UsageFile.WriteAsync(file, warmUp, models, start, cancellationToken);
            await PipelineAsync(file, warmUp, provider, connection, sheets, null, cancellationToken);
            await terminal.Out.WriteLineAsync($"Warmed up on {warmUp:N0} rows (not timed)");
            var write = Stopwatch.StartNew();
            await UsageFile.WriteAsync(file, rows, models, start, cancellationToken);
            await terminal.Out.WriteLineAsync($"Generated {rows:N0} rows ({new FileInfo(file).Length / 1024.0 / 1024:N0} MB of CSV) in " +
                $"{write.Elapsed.TotalSeconds:0.0} s");

            // 1. The whole pipeline on the file.
            var (pipeline, peak, allocated, done) = await PipelineAsync(file, rows, provider, connection, sheets, terminal, cancellationToken);
            await terminal.Out.WriteLineAsync(
                $"Pipeline ({provider}): {rows:N0} records in {pipeline.TotalSeconds:0.00} s = {rows / pipeline.TotalSeconds:N0} records/s; " +
                $"peak working set {peak / 1024 / 1024:N0} MB; {allocated / rows:N0} bytes allocated a record; {done.RowsUnpriced:N0} unpriced");

            // 2. The same rows, priced beforehand, through the bulk path alone, on a fresh database with the same prices.
            TimeSpan ceiling;
            await using (var database = await BenchDatabase.CreateAsync(provider, connection, (Action<IServiceCollection>?)null, cancellationToken))
            {
                await SeedPricesAsync(database.Services, sheets, cancellationToken);
                await using var scope = database.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
                var batch = new IngestionBatch { FileName = "ceiling", Format = "bench", Status = IngestionStatus.Running, CreatedBy = "bench" };
                db.IngestionBatches.Add(batch);
                await db.SaveChangesAsync(cancellationToken);
                ceiling = await IngestionCeiling.WriteAsync(db, batch.Id, UsageFile.Rows(rows, models, start).Chunk(CeilingChunk), cancellationToken);
            }
            await terminal.Out.WriteLineAsync(
                $"Ceiling ({provider}, the same rows priced beforehand, bulk inserts in one transaction, no reading, pricing or rollups): " +
                    $"{ceiling.TotalSeconds:0.00} s = {rows / ceiling.TotalSeconds:N0} records/s");
            await terminal.Out.WriteLineAsync($"Pipeline at {ceiling / pipeline:P0} of the ceiling");
            return 0;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Ingests the file through the whole pipeline on a fresh database; with a terminal, says how much memory it starts from.</summary>
    private static async Task<(TimeSpan Elapsed, long Peak, long Allocated, IngestionBatch Done)> PipelineAsync(string file, long rows,
        DatabaseProvider provider,
        string? connection, IReadOnlyList<(string Name, IReadOnlyList<TokenPrice> Prices, IReadOnlyList<CapacityOffer> Offers)> sheets, ITerminal? terminal,
        CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, connection,
            (services, configuration) => services.AddSingleton(configuration).AddCostInsightsJobs(configuration), cancellationToken);
        await SeedPricesAsync(database.Services, sheets, cancellationToken);
        await using var scope = database.Services.CreateAsyncScope();
        var ingestion = scope.ServiceProvider.GetRequiredService<UsageIngestionService>();
        IngestionBatch batch;
        await using (var content = File.OpenRead(file))
        {
            batch = await ingestion.QueueFileAsync(content, "bench.csv", "bench", cancellationToken, UsageCsv.Format);
        }
        if (terminal is not null)
        {
            await terminal.Out.WriteLineAsync($"Working set before the pipeline: {Process.GetCurrentProcess().WorkingSet64 / 1024 / 1024:N0} MB, managed " +
                $"heap {GC.GetTotalMemory(false) / 1024 / 1024:N0} MB");
        }
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        using var memory = new PeakMemory();
        var watch = Stopwatch.StartNew();
        await JobPath.IngestAsync(database.Services, batch.Id, cancellationToken);
        var elapsed = watch.Elapsed;
        var peak = memory.Stop();
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var done = await scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>().IngestionBatches.AsNoTracking()
            .SingleAsync(b => b.Id == batch.Id, cancellationToken);
        if (done.Status != IngestionStatus.Succeeded || done.RowsAccepted != rows)
        {
            throw new InvalidOperationException($"The pipeline stored {done.RowsAccepted:N0} of {rows:N0} rows: {done.Error}");
        }
        return (elapsed, peak, allocated, done);
    }

    private static async Task SeedPricesAsync(IServiceProvider services,
        IReadOnlyList<(string Name, IReadOnlyList<TokenPrice> Prices, IReadOnlyList<CapacityOffer> Offers)> sheets, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var priceSheets = scope.ServiceProvider.GetRequiredService<PriceSheetService>();
        foreach (var (name, prices, offers) in sheets)
        {
            await priceSheets.SaveAsync(name, "bench", null, "bench", prices, offers, PriceSheetStatus.Active, cancellationToken);
        }
    }

    /// <summary>Samples the process's working set every 20 ms and keeps the largest.</summary>
    private sealed class PeakMemory : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampler;
        private long _peak;

        public PeakMemory() => _sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                _peak = Math.Max(_peak, process.WorkingSet64);
                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        public long Stop()
        {
            _stop.Cancel();
            _sampler.Wait();
            return _peak;
        }

        public void Dispose() => _stop.Dispose();
    }
}
