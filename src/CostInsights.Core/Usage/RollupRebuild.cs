using System.Data.Common;
using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CostInsights.Core.Usage;

/// <summary>
/// Rebuilds the hourly, daily and monthly rollups of a range in set-based statements, inside the caller's
/// transaction: hours and months from the stored records, days from the hours just rebuilt. Money is summed exactly: PostgreSQL sums numeric,
/// and on SQLite EF Core's <c>ef_sum</c> adds the decimal text as decimals, never as floating point.
/// </summary>
/// <remarks>
/// Rollups are built two ways, and only two. <see cref="RollupAccumulator"/> sums records that pass
/// through memory anyway (ingestion as it stores them, re-pricing as it prices them) and adds the sums
/// in the same transaction. This class sums records that do not pass through memory, in the database:
/// the hourly and daily rollups of a re-priced range (reading them back would double its time), the months of a
/// failed batch whose records were deleted, and a bulk load of everything (the benchmarks). Both group by the same keys; a test rebuilds what the first built
/// and finds the same rows.
/// </remarks>
public static class RollupRebuild
{
    private const string Sums =
        "\"InputTokens\", \"OutputTokens\", \"CachedInputTokens\", \"CacheWriteTokens\", \"ReasoningTokens\", \"Requests\", \"RecordCount\", \"TokenCost\", " +
            "\"ComputeCost\"";

    private const string Keys =
        "\"PeriodStart\", \"Provider\", \"Model\", \"Team\", \"TokenPriceSheetId\", \"ComputeCostIsEstimated\", \"ComputePriceSheetId\"";

    private const string Dimensions = "\"Provider\", \"Model\", \"Team\", \"TokenPriceSheetId\", \"ComputeCostIsEstimated\", \"ComputePriceSheetId\"";

    /// <summary>
    /// Deletes the range's rollups (of these models, or all) and builds the hourly ones again from the
    /// records and the daily ones from those; the monthly ones too when asked, or else the caller adds them, having summed them while pricing.
    /// </summary>
    public static async Task RebuildAsync(CostInsightsDbContext db, DateTime month, IReadOnlyCollection<string>? models, CancellationToken cancellationToken,
        bool monthly = false)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Rollups are rebuilt inside the transaction that re-prices their records.");
        var sqlite = db.Database.IsSqlite();
        var sum = sqlite ? "ef_sum" : "SUM";
        // The hour, day or month in UTC whatever the session's time zone: SQLite keeps times as 'yyyy-MM-dd HH:mm:ss' text.
        string Start(string unit, string column) => (sqlite, unit) switch
        {
            (true, "hour") => $"substr(\"{column}\", 1, 13) || ':00:00'",
            (true, "day") => $"substr(\"{column}\", 1, 10) || ' 00:00:00'",
            (true, _) => $"substr(\"{column}\", 1, 7) || '-01 00:00:00'",
            _ => $"(date_trunc('{unit}', \"{column}\" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')",
        };
        // Models are named in any case, as the price book matches them.
        var inModels = models is null ? "" : $" AND lower(\"Model\") IN ({string.Join(", ", models.Select((_, i) => $"@m{i}"))})";
        Task InsertAsync(string table, string period, string sums, string source, string time) => ExecuteAsync(db, transaction,
            $"INSERT INTO \"{table}\" ({Keys}, {Sums}) SELECT {period}, {Dimensions}, {sums} " +
            $"FROM \"{source}\" WHERE \"{time}\" >= @from{inModels} GROUP BY {period}, {Dimensions}", month, models, cancellationToken);
        var ofRecords = "SUM(\"InputTokens\"), SUM(\"OutputTokens\"), SUM(\"CachedInputTokens\"), SUM(\"CacheWrite5mTokens\" + \"CacheWrite1hTokens\"), " +
            $"SUM(\"ReasoningTokens\"), SUM(\"Requests\"), COUNT(*), {sum}(\"TokenCost\"), {sum}(\"ComputeCost\")";
        var ofRollups = "SUM(\"InputTokens\"), SUM(\"OutputTokens\"), SUM(\"CachedInputTokens\"), SUM(\"CacheWriteTokens\"), SUM(\"ReasoningTokens\"), " +
            $"SUM(\"Requests\"), SUM(\"RecordCount\"), {sum}(\"TokenCost\"), {sum}(\"ComputeCost\")";

        foreach (var table in new[] { "HourlyRollups", "DailyRollups", "MonthlyRollups" })
        {
            await ExecuteAsync(db, transaction, $"DELETE FROM \"{table}\" WHERE \"PeriodStart\" >= @from{inModels}", month, models, cancellationToken);
        }
        await InsertAsync("HourlyRollups", Start("hour", "OccurredAt"), ofRecords, "UsageRecords", "OccurredAt");
        await InsertAsync("DailyRollups", Start("day", "PeriodStart"), ofRollups, "HourlyRollups", "PeriodStart");
        if (monthly)
        {
            await InsertAsync("MonthlyRollups", Start("month", "OccurredAt"), ofRecords, "UsageRecords", "OccurredAt");
        }
    }

    /// <summary>
    /// Deletes every rollup and builds them again from the records, in one
    /// transaction: for loading records in bulk outside ingestion, and for repair.
    /// </summary>
    public static async Task RebuildAllAsync(CostInsightsDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RebuildAsync(db, DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), null, cancellationToken, monthly: true);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(CostInsightsDbContext db, DbTransaction transaction, string sql, DateTime from, IReadOnlyCollection<string>? models,
        CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var start = command.CreateParameter();
        start.ParameterName = "@from";
        start.Value = from;
        command.Parameters.Add(start);
        var i = 0;
        foreach (var model in models ?? [])
        {
            var p = command.CreateParameter();
            p.ParameterName = $"@m{i++}";
            p.Value = model.ToLowerInvariant();
            command.Parameters.Add(p);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
