using System.Diagnostics;
using System.Text.Json;
using CostInsights.Cli;
using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using CostInsights.Pricing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Benchmarks;

/// <summary>
/// <c>costinsights-bench prices</c>: times importing a LiteLLM sheet and re-pricing a year of usage
/// on a fresh SQLite database, each beside a baseline measured in the same run (parsing the same
/// JSON; reading the same records).
/// </summary>
internal static class PricesBench
{
    public static async Task<int> RunAsync(ITerminal terminal, FileInfo litellm, int seriesCount, int months, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(null, cancellationToken);
        var provider = database.Services;
        // 1. LiteLLM import against parsing the same bytes.
        var bytes = await File.ReadAllBytesAsync(litellm.FullName, cancellationToken);
        var parse = Time(() => { using var _ = JsonDocument.Parse(bytes); return Task.CompletedTask; });
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var import = await TimeAsync(async () =>
        {
            await using var scope = provider.CreateAsyncScope();
            var sheets = scope.ServiceProvider.GetRequiredService<PriceSheetService>();
            var upload = await sheets.UploadAsync("litellm", LiteLlmPriceFileFormat, new MemoryStream(bytes), litellm.Name, "bench", cancellationToken);
            var result = await sheets.ActivateAsync(upload.Draft!.Id, start, true, "bench", cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Error);
            }
        });
        await terminal.Out.WriteLineAsync($"LiteLLM import ({bytes.Length / 1024:N0} KB): {import.TotalSeconds:0.000} s; baseline JSON parse of the same " +
            $"file: {parse.TotalSeconds:0.000} s; ratio {import / parse:0.0}");

        // 2. A year of usage for the series, one record a day each at a varying hour.
        var models = await ModelsAsync(provider, Math.Max(1, seriesCount / 50), cancellationToken);
        var teams = Math.Max(1, (seriesCount + models.Count - 1) / models.Count);
        var rows = Rows(models, teams, seriesCount, start, months).ToList();
        var ingest = await TimeAsync(async () =>
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
            var batch = new IngestionBatch { FileName = "bench", Format = "bench", Status = IngestionStatus.Running, CreatedAt = start, CreatedBy = "bench" };
            db.IngestionBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<UsageIngestionService>()
                .IngestAsync(batch, rows.Select(UsageReadResult.Ok), null, cancellationToken);
        });
        await terminal.Out.WriteLineAsync($"Ingested {rows.Count:N0} records ({seriesCount:N0} series × {months} months, daily) in " +
            $"{ingest.TotalSeconds:0.00} s ({rows.Count / ingest.TotalSeconds:N0} records/s)");

        // 3. Re-price everything after a cut from the first month, against reading the same records.
        var read = await TimeAsync(async () =>
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
            long lastId = 0;
            while (await db.UsageRecords.AsNoTracking().Where(r => r.Id > lastId).OrderBy(r => r.Id).Take(20_000)
                .ToListAsync(cancellationToken) is { Count: > 0 } page)
            {
                lastId = page[^1].Id;
            }
        });
        // One model gets 30% cheaper from the first month: only its series are re-priced.
        var one = await CutAsync(provider, models.Take(1).ToList(), start, cancellationToken);
        long repricedOne = 0;
        var repriceOne = await TimeAsync(async () =>
        {
            await using var scope = provider.CreateAsyncScope();
            repricedOne = await scope.ServiceProvider.GetRequiredService<RepriceService>().RepriceAsync(start, one, cancellationToken);
        });
        await terminal.Out.WriteLineAsync($"Re-priced one model's {repricedOne:N0} records after its price cut, with their rollups: " +
            $"{repriceOne.TotalSeconds:0.00} s; ratio to reading all records {repriceOne / read:0.00}");

        // Every model of the run gets 30% cheaper: every record's cost changes.
        await CutAsync(provider, models, start, cancellationToken);
        long repriced = 0;
        var reprice = await TimeAsync(async () =>
        {
            await using var scope = provider.CreateAsyncScope();
            repriced = await scope.ServiceProvider.GetRequiredService<RepriceService>().RepriceAsync(start, null, cancellationToken);
        });
        await terminal.Out.WriteLineAsync($"Re-priced all {repriced:N0} records after a cut on every model, and rebuilt their hourly and monthly rollups: " +
            $"{reprice.TotalSeconds:0.00} s; baseline reading the same records: {read.TotalSeconds:0.00} s; ratio {reprice / read:0.0}");
        return 0;
    }

    /// <summary>Activates 30% lower prices for these models from <paramref name="start"/>; returns their names.</summary>
    private static async Task<List<string>> CutAsync(IServiceProvider provider, List<(string Provider, string Model)> models, DateTime start,
        CancellationToken cancellationToken)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
        var names = models.Select(m => m.Model).ToList();
        var current = await db.TokenPrices.AsNoTracking().Where(p => p.ServiceTier == ServiceTiers.Standard && names.Contains(p.Model))
            .ToListAsync(cancellationToken);
        var cut = current.Where(p => models.Contains((p.Provider, p.Model))).Select(p => new TokenPrice
        {
            Provider = p.Provider,
            Model = p.Model,
            EffectiveFrom = start,
            InputPerMillion = p.InputPerMillion * 0.7m,
            OutputPerMillion = p.OutputPerMillion * 0.7m,
            CachedInputPerMillion = p.CachedInputPerMillion * 0.7m,
        }).ToList();
        await scope.ServiceProvider.GetRequiredService<PriceSheetService>()
            .SaveAsync("cut", "bench", null, "bench", cut, [], PriceSheetStatus.Active, cancellationToken);
        return names;
    }

    private const string LiteLlmPriceFileFormat = CostInsights.Core.PriceSheets.Formats.LiteLlmPriceFile.Format;

    private static async Task<List<(string Provider, string Model)>> ModelsAsync(IServiceProvider provider, int count, CancellationToken cancellationToken)
    {
        await using var scope = provider.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>().TokenPrices.AsNoTracking()
                .Where(p => p.ServiceTier == ServiceTiers.Standard && p.InputPerMillion > 0)
                .OrderBy(p => p.Id).Select(p => new { p.Provider, p.Model }).Take(count).ToListAsync(cancellationToken))
            .Select(p => (p.Provider, p.Model)).ToList();
    }

    private static IEnumerable<UsageRow> Rows(List<(string Provider, string Model)> models, int teams, int seriesCount, DateTime start, int months)
    {
        var random = new Random(7);
        var end = start.AddMonths(months);
        var line = 0L;
        for (var day = start; day < end; day = day.AddDays(1))
        {
            for (var s = 0; s < seriesCount; s++)
            {
                var (provider, model) = models[s % models.Count];
                var at = day.AddHours(s % 24);
                var input = random.NextInt64(10_000, 5_000_000);
                line++;
                yield return new UsageRow(line, at, provider, model, $"team-{s / models.Count % teams}", input, input / 5, input / 4, 10,
                    NaturalKeys.ForRequest("bench", $"{s}|{at:O}"));
            }
        }
    }

    private static TimeSpan Time(Func<Task> action) => TimeAsync(action).GetAwaiter().GetResult();

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }
}
