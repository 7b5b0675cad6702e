using System.Diagnostics;
using CostInsights.Cli;
using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using CostInsights.Web.Features.Overview;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostInsights.Benchmarks;

/// <summary>
/// <c>costinsights bench overview</c>: the Overview page rendered on the server over a database of
/// 100 thousand usage records (the baseline) and over one of many more (10 million by default), the
/// same 400 series over 24 months in both. The page reads rollups only, so the ratio stays near 1.
/// </summary>
internal static class OverviewBench
{
    private const int Renders = 20;

    public static async Task<int> RunAsync(ITerminal terminal, long records, CancellationToken cancellationToken)
    {
        var baseline = await MeasureAsync(terminal, 100_000, cancellationToken);
        var large = await MeasureAsync(terminal, records, cancellationToken);
        await terminal.Out.WriteLineAsync(
            $"Overview server-side render, median of {Renders}: {large.TotalMilliseconds:0.0} ms with {records:N0} records; " +
            $"baseline {baseline.TotalMilliseconds:0.0} ms with 100,000 records; ratio {large / baseline:0.00}");
        return 0;
    }

    private static async Task<TimeSpan> MeasureAsync(ITerminal terminal, long records, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(s => s.AddScoped<OverviewQuery>(), cancellationToken);
        var provider = database.Services;
        var load = Stopwatch.StartNew();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
            await LoadAsync(db, records, provider.GetRequiredService<TimeProvider>(), cancellationToken);
        }
        await terminal.Out.WriteLineAsync($"Loaded {records:N0} records and their rollups in {load.Elapsed.TotalSeconds:0.0} s");

        var times = new List<TimeSpan>();
        for (var i = 0; i < Renders + 3; i++)
        {
            await using var scope = provider.CreateAsyncScope();
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
            var watch = Stopwatch.StartNew();
            var html = await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<OverviewPage>()).ToHtmlString());
            watch.Stop();
            if (!html.Contains("data-testid=\"spend-table\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The Overview rendered without its spend table.");
            }
            if (i >= 3)
            {
                times.Add(watch.Elapsed);
            }
        }
        return times.Order().ElementAt(times.Count / 2);
    }

    /// <summary>Priced records of 400 series spread over the last 24 months, written in bulk, then their rollups built in SQL.</summary>
    private static async Task LoadAsync(CostInsightsDbContext db, long records, TimeProvider time, CancellationToken cancellationToken)
    {
        var batch = new Core.Ingestion.IngestionBatch
        {
            FileName = "bench",
            Format = "bench",
            Status = Core.Ingestion.IngestionStatus.Succeeded,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = "bench"
        };
        db.IngestionBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var end = time.GetUtcNow().UtcDateTime;
        var span = (end - RollupAccumulator.MonthOf(end).AddMonths(-23)).TotalSeconds;
        var random = new Random(10);
        const int chunk = 500_000;
        for (long done = 0; done < records; done += chunk)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO \"UsageRecords\" (\"OccurredAt\", \"Provider\", \"Model\", \"Team\", \"InputTokens\", \"OutputTokens\", " +
                "\"CachedInputTokens\", " +
                "\"Requests\", \"IsBatch\", \"TokenCost\", \"TokenPriceSheetId\", \"ComputeCostIsEstimated\", \"IngestionBatchId\", \"NaturalKey\") " +
                "VALUES ($at, $provider, $model, $team, $input, $output, 0, 1, 0, $cost, 1, 0, $batch, $key)";
            var p = new[] { "$at", "$provider", "$model", "$team", "$input", "$output", "$cost", "$batch",
                "$key" }.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            p[7].Value = batch.Id;
            for (var i = done; i < Math.Min(records, done + chunk); i++)
            {
                var series = (int)(i % 400);
                var input = random.NextInt64(100, 20_000);
                p[0].Value = end.AddSeconds(-random.NextDouble() * span);
                p[1].Value = $"provider-{series % 4}";
                p[2].Value = $"model-{series % 40}";
                p[3].Value = $"team-{series / 40}";
                p[4].Value = input;
                p[5].Value = input / 4;
                p[6].Value = (input * 3m + input / 4 * 12m) / 1_000_000m;
                p[8].Value = "b" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        await RollupRebuild.RebuildAllAsync(db, cancellationToken);
    }
}
