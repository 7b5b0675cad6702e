using CostInsights.Core.Data;
using CostInsights.Core.Tests.Ingestion;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Usage;

/// <summary>Rollups summed in memory (ingestion, re-pricing) and rollups rebuilt in the database are the same rows.</summary>
public sealed class RollupWaysTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Rebuilding_in_the_database_finds_what_ingestion_and_re_pricing_summed(DatabaseProvider provider)
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync("provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\nopenai,gpt-4o,5,15,2.5,2026-01-01\n");
        await bed.IngestAsync("""
            timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens
            2026-02-10T10:15:00Z,openai,gpt-4o,a,1000000,100000,200000
            2026-02-10T10:45:00Z,openai,gpt-4o,a,3333333,77777,0
            2026-02-11T23:59:59Z,openai,gpt-4o,b,1234567,7654321,1000
            2026-03-01T00:00:00Z,openai,gpt-4o,a,10,20,0
            2026-03-02T00:00:00Z,unpriced,model-x,a,10,20,0
            """);
        await bed.UploadPricesAsync("provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\nopenai,gpt-4o,2.5,10,1.25,2026-02-11\n");
        await new RepriceService(bed.Db, bed.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<RepriceService>.Instance)
            .RunPendingAsync(CancellationToken.None);
        bed.Db.ChangeTracker.Clear();
        var summed = await SnapshotAsync(bed.Db);
        // February: team a at the first sheet, team b at the cut; March: gpt-4o at the cut, and the unpriced model.
        summed.Monthly.Count.ShouldBe(4);
        // February 10th and 11th, March 1st and 2nd: each day's rows are its hours' sums.
        summed.Daily.Count.ShouldBe(4);

        await RollupRebuild.RebuildAllAsync(bed.Db, CancellationToken.None);
        bed.Db.ChangeTracker.Clear();
        var rebuilt = await SnapshotAsync(bed.Db);
        rebuilt.Hourly.ShouldBe(summed.Hourly);
        rebuilt.Daily.ShouldBe(summed.Daily);
        rebuilt.Monthly.ShouldBe(summed.Monthly);
    }

    private static async Task<(List<string> Hourly, List<string> Daily, List<string> Monthly)> SnapshotAsync(CostInsightsDbContext db)
    {
        static string Row(UsageRollup r) => string.Join('|', r.PeriodStart.ToString("O"), r.Provider, r.Model, r.Team, r.InputTokens, r.OutputTokens,
            r.CachedInputTokens, r.CacheWriteTokens, r.ReasoningTokens, r.Requests, r.RecordCount, r.TokenCost.ToString("0.############"),
            r.TokenPriceSheetId, r.ComputeCost?.ToString("0.############"), r.ComputeCostIsEstimated, r.ComputePriceSheetId);
        var hourly = (await db.HourlyRollups.AsNoTracking().ToListAsync()).Select(Row).Order(StringComparer.Ordinal).ToList();
        var daily = (await db.DailyRollups.AsNoTracking().ToListAsync()).Select(Row).Order(StringComparer.Ordinal).ToList();
        var monthly = (await db.MonthlyRollups.AsNoTracking().ToListAsync()).Select(Row).Order(StringComparer.Ordinal).ToList();
        return (hourly, daily, monthly);
    }
}
