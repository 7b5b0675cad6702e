using System.Diagnostics;
using CostInsights.Cli;
using CostInsights.Core.Data;
using CostInsights.Core.Reconciliation;
using CostInsights.Core.Usage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Benchmarks;

/// <summary>
/// <c>costinsights-bench reconcile</c>: the Reconciliation page's month (a provider's billed lines beside the priced usage,
/// split by charge) over a month of many per-request records in SQLite, against the floor of the same read: one SQL query
/// that groups the same records by day, model, tier, batch flag and context window and sums their tokens and cost.
/// </summary>
internal static class ReconcileBench
{
    private const int Runs = 5;
    private const int Models = 8;
    private const int Teams = 10;

    public static async Task<int> RunAsync(ITerminal terminal, long records, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(null, cancellationToken);
        var month = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        var load = Stopwatch.StartNew();
        await using (var scope = database.Services.CreateAsyncScope())
        {
            await LoadAsync(scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>(), month, records, cancellationToken);
        }
        await terminal.Out.WriteLineAsync($"Loaded {records:N0} records of {month:MMMM yyyy} and their billed lines in {load.Elapsed.TotalSeconds:0.0} s");
        var (page, charges) = await MedianAsync(database.Services, async db =>
            (await new ReconciliationService(db).ForMonthAsync(month, cancellationToken)).Charges.Count);
        var (floor, groups) = await MedianAsync(database.Services, db => FloorAsync(db, month, cancellationToken));
        await terminal.Out.WriteLineAsync(
            $"Reconciliation of a month, median of {Runs}: {page.TotalMilliseconds:0} ms for {charges:N0} charges over {records:N0} records; " +
            $"baseline (one grouped SQL sum of the same records, {groups:N0} groups) {floor.TotalMilliseconds:0} ms; ratio {page / floor:0.00}");
        return 0;
    }

    private static async Task<(TimeSpan Median, int Count)> MedianAsync(IServiceProvider services, Func<CostInsightsDbContext, Task<int>> read)
    {
        var times = new List<TimeSpan>();
        var count = 0;
        for (var i = 0; i < Runs + 1; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
            var watch = Stopwatch.StartNew();
            count = await read(db);
            if (i > 0)
            {
                times.Add(watch.Elapsed);
            }
        }
        return (times.Order().ElementAt(times.Count / 2), count);
    }

    /// <summary>The least any reconciliation must read: the month's records grouped and summed by SQL, a day at a time.</summary>
    private static async Task<int> FloorAsync(CostInsightsDbContext db, DateTime month, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var groups = 0;
        for (var day = month; day < month.AddMonths(1); day = day.AddDays(1))
        {
            await using var query = connection.CreateCommand();
            query.CommandText = "SELECT \"Provider\", \"Model\", \"ServiceTier\", \"IsBatch\", \"ContextAboveTokens\", SUM(\"InputTokens\"), " +
                "SUM(\"CachedInputTokens\"), SUM(\"OutputTokens\"), SUM(\"Requests\"), SUM(CAST(\"TokenCost\" AS REAL)), COUNT(*) " +
                "FROM \"UsageRecords\" WHERE \"OccurredAt\" >= $from AND \"OccurredAt\" < $to " +
                "GROUP BY \"Provider\", \"Model\", \"ServiceTier\", \"IsBatch\", \"ContextAboveTokens\"";
            query.Parameters.AddWithValue("$from", day);
            query.Parameters.AddWithValue("$to", day.AddDays(1));
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                groups++;
            }
        }
        return groups;
    }

    /// <summary>
    /// A month of priced Anthropic records over eight models and ten teams, in time order as a log holds them, written in bulk; and
    /// a billed line a day per model and charge. No price sheet prices these models, so each group's stored cost is all input: the
    /// read is what is measured, not the findings.
    /// </summary>
    private static async Task LoadAsync(CostInsightsDbContext db, DateTime month, long records, CancellationToken cancellationToken)
    {
        var seconds = (month.AddMonths(1) - month).TotalSeconds;
        var random = new Random(31);
        var batch = await BulkRecords.WriteAsync(db, month.AddMonths(1), records, i =>
        {
            var input = random.NextInt64(100, 20_000);
            var (cached, batched) = (input / 3, i % 10 == 0);
            var cost = ((input - cached) * 3m + cached * 0.3m + input / 4 * 15m) / 1_000_000m * (batched ? 0.5m : 1m);
            return new BulkRecords.Row(month.AddSeconds((i + random.NextDouble()) * seconds / records), "anthropic", $"claude-model-{i % Models}",
                $"team-{i % Teams}", input, input / 4, cached, batched, cost);
        }, cancellationToken);
        for (var day = month; day < month.AddMonths(1); day = day.AddDays(1))
        {
            for (var m = 0; m < Models; m++)
            {
                foreach (var charge in new[] { ChargeClasses.Input, ChargeClasses.CachedInput, ChargeClasses.Output })
                {
                    db.CostLines.Add(new CostLine
                    {
                        Kind = CostLineKinds.Billed,
                        PeriodStart = day,
                        PeriodEnd = day.AddDays(1),
                        Provider = "anthropic",
                        Model = $"claude-model-{m}",
                        Team = "",
                        Description = $"claude-model-{m} {charge}",
                        ChargeClass = charge,
                        Quantity = 1,
                        Unit = "tokens",
                        Amount = 10m,
                        IngestionBatchId = batch,
                        NaturalKey = $"bill-{day:yyyyMMdd}-{m}-{charge}",
                    });
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await RollupRebuild.RebuildAllAsync(db, cancellationToken);
    }
}
