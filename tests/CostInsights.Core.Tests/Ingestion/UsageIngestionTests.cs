using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Usage;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Ingestion;

public abstract class UsageIngestionTests(DatabaseProvider provider)
{
    private const string Prices = """
        provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from
        openai,gpt-4o,5.00,15.00,2.50,2026-01-01
        openai,gpt-4o,2.50,10.00,1.25,2026-04-01
        anthropic,claude-sonnet-4,3.00,15.00,0.30,2026-01-01
        """;

    private const string Usage = """
        timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens
        2026-03-15T10:00:00Z,openai,gpt-4o,support,1000000,100000,200000
        2026-04-02T10:00:00Z,openai,gpt-4o,support,1000000,100000,200000
        2026-04-02T11:30:00Z,anthropic,claude-sonnet-4,search,2000000,500000,1000000
        2026-04-02T11:45:00Z,openai,gpt-5,search,10,10,0
        2026-04-03T09:00:00Z,anthropic,claude-sonnet-4,search,-4,10,0
        2025-12-31T23:00:00Z,openai,gpt-4o,support,10,10,0
        """;

    [Fact]
    public async Task Prices_each_row_at_its_time_stores_the_good_rows_and_explains_the_bad()
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(Prices);

        var batch = await bed.IngestAsync(Usage);

        batch.Status.ShouldBe(IngestionStatus.Succeeded);
        (batch.RowsRead, batch.RowsAccepted, batch.RowsRejected, batch.RowsDuplicate, batch.RowsUnpriced).ShouldBe((6L, 5L, 1L, 0L, 2L));
        (batch.InputTokens, batch.OutputTokens, batch.TokenCost).ShouldBe((4_000_020L, 700_020L, 20.05m));
        var rejected = await bed.Db.RejectedRows.OrderBy(r => r.LineNumber).ToListAsync();
        rejected.Select(r => (r.LineNumber, r.Column)).ShouldBe([(6L, "input_tokens")]);
        // A model without a price, and a row from before its model's first price, are kept and flagged.
        var unpriced = await bed.Db.UsageRecords.Where(r => r.IsUnpriced).OrderBy(r => r.OccurredAt).ToListAsync();
        unpriced.Select(r => (r.Model, r.TokenCost, r.TokenPriceSheetId)).ShouldBe([("gpt-4o", 0m, 0), ("gpt-5", 0m, 0)]);

        // March at the January prices: 800,000 × 5 + 200,000 × 2.5 + 100,000 × 15 = 4.00 + 0.50 + 1.50 = $6.00
        // April at the cut prices:     800,000 × 2.5 + 200,000 × 1.25 + 100,000 × 10 = 2.00 + 0.25 + 1.00 = $3.25
        // Claude: 1,000,000 × 3 + 1,000,000 × 0.30 + 500,000 × 15 = 3.00 + 0.30 + 7.50 = $10.80
        var costs = await bed.Db.UsageRecords.Where(r => !r.IsUnpriced).OrderBy(r => r.OccurredAt).Select(r => r.TokenCost).ToListAsync();
        costs.ShouldBe([6.00m, 3.25m, 10.80m]);

        var monthly = await bed.Db.MonthlyRollups.AsNoTracking().ToListAsync();
        monthly.Where(m => m.PeriodStart.Month == 3).Sum(m => m.TokenCost).ShouldBe(6.00m);
        monthly.Where(m => m.PeriodStart.Month == 4).Sum(m => m.TokenCost).ShouldBe(14.05m);
        monthly.All(m => m.PeriodStart.Kind == DateTimeKind.Utc && m.PeriodStart.Day == 1).ShouldBeTrue();
        var hourly = await bed.Db.HourlyRollups.AsNoTracking().ToListAsync();
        hourly.Count.ShouldBe(5);
        hourly.Sum(h => h.InputTokens).ShouldBe(4_000_020L);
    }

    [Fact]
    public async Task A_batch_reached_by_two_runners_at_once_is_run_once()
    {
        // The ingest job and a direct caller can reach the same queued batch together: the second waits, then leaves it be.
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = await IngestionTestBed.OnAsync(database);
        await using var second = await IngestionTestBed.OnAsync(database);
        await first.UploadPricesAsync(Prices);
        var queued = await first.Ingestion().QueueFileAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Usage)), "usage.csv", "test",
            CancellationToken.None);

        await Task.WhenAll(first.Ingestion().RunBatchAsync(queued.Id, CancellationToken.None),
            second.Ingestion().RunBatchAsync(queued.Id, CancellationToken.None));

        first.Db.ChangeTracker.Clear();
        var batch = await first.Db.IngestionBatches.SingleAsync(b => b.Id == queued.Id);
        batch.Status.ShouldBe(IngestionStatus.Succeeded);
        (batch.RowsRead, batch.RowsAccepted, batch.RowsRejected, batch.RowsDuplicate).ShouldBe((6L, 5L, 1L, 0L));
        (await first.Db.UsageRecords.CountAsync()).ShouldBe(5);
        (await first.Db.RejectedRows.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_file_twice_and_an_overlapping_file_never_double_count()
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(Prices);
        await bed.IngestAsync(Usage);

        var again = await bed.IngestAsync(Usage, "usage-again.csv");
        (again.RowsAccepted, again.RowsDuplicate, again.RowsRejected).ShouldBe((0L, 5L, 1L));

        var overlapping = await bed.IngestAsync("""
            timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens
            2026-04-02T11:30:00Z,anthropic,claude-sonnet-4,search,2000000,500000,1000000
            2026-04-20T08:00:00Z,openai,gpt-4o,platform,400000,0,0
            """);
        (overlapping.RowsAccepted, overlapping.RowsDuplicate).ShouldBe((1L, 1L));

        (await bed.Db.UsageRecords.CountAsync()).ShouldBe(6);
        var april = await bed.Db.MonthlyRollups.AsNoTracking().Where(m => m.PeriodStart == new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc)).ToListAsync();
        // 3.25 + 10.80 + 400,000 × 2.50 / 1e6 = 15.05
        april.Sum(m => m.TokenCost).ShouldBe(15.05m);
    }

    [Fact]
    public async Task A_file_in_the_wrong_format_fails_the_batch_and_stores_nothing()
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(Prices);
        var batch = await bed.IngestAsync("date,tokens\n2026-04-01,5\n", "wrong.csv");
        batch.Status.ShouldBe(IngestionStatus.Failed);
        batch.Error!.ShouldContain("wrong.csv");
        batch.Error!.ShouldContain("missing required columns 'timestamp', 'provider', 'model', 'team'");
        (await bed.Db.UsageRecords.CountAsync()).ShouldBe(0);
        (await bed.Db.MonthlyRollups.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Rows_from_the_future_are_rejected()
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(Prices);
        var batch = await bed.IngestAsync("timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens\n2027-01-01,openai,gpt-4o,a,1,1,0\n");
        batch.RowsRejected.ShouldBe(1);
        (await bed.Db.RejectedRows.SingleAsync()).Reason.ShouldContain("in the future");
    }

    [Fact]
    public async Task Unpriced_records_are_priced_when_a_sheet_with_their_model_is_activated()
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(Prices);
        await bed.IngestAsync(Usage);
        (await bed.Db.UsageRecords.CountAsync(r => r.IsUnpriced)).ShouldBe(2);

        await bed.UploadPricesAsync("""
            provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from
            openai,gpt-5,1.25,10.00,0.125,2026-01-01
            """);
        await bed.Reprice().RunPendingAsync(CancellationToken.None);

        bed.Db.ChangeTracker.Clear();
        var gpt5 = await bed.Db.UsageRecords.SingleAsync(r => r.Model == "gpt-5");
        gpt5.IsUnpriced.ShouldBeFalse();
        // 10 × 1.25 / 1e6 + 10 × 10 / 1e6
        gpt5.TokenCost.ShouldBe(0.0001125m);
        // The row from before gpt-4o's first price stays unpriced: no sheet prices its time.
        (await bed.Db.UsageRecords.SingleAsync(r => r.IsUnpriced)).OccurredAt.Year.ShouldBe(2025);
        var totals = await bed.TotalsAsync();
        totals.HourlyCost.ShouldBe(totals.Cost);
        totals.MonthlyCost.ShouldBe(totals.Cost);
        totals.Cost.ShouldBe(6.00m + 3.25m + 10.80m + 0.0001125m);
    }

    [Fact]
    public async Task A_batch_cut_off_between_chunks_resumes_after_its_last_commit_and_counts_each_row_once()
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(Prices);
        var rows = Enumerable.Range(0, 23).Select(i => new UsageRow(i + 2, new DateTime(2026, 4, 1 + i % 20, i % 24, 0, 0, DateTimeKind.Utc),
            "openai", "gpt-4o", $"team-{i % 3}", 1000 + i, 100, 0, 1, $"key-{i}")).ToList();
        var options = new IngestionOptions { ChunkRows = 5 };
        var service = bed.Ingestion(options);
        var batch = new IngestionBatch { FileName = "cut.csv", Format = "usage-csv", Status = IngestionStatus.Running, CreatedBy = "test" };
        bed.Db.IngestionBatches.Add(batch);
        await bed.Db.SaveChangesAsync();

        // The process dies while reading row 13: chunks of rows 1-5 and 6-10 are committed, nothing of 11-13.
        await Should.ThrowAsync<IOException>(() => service.IngestAsync(batch, Crash(rows, after: 12), null, CancellationToken.None));
        bed.Db.ChangeTracker.Clear();
        var cut = await bed.Db.IngestionBatches.SingleAsync(b => b.Id == batch.Id);
        (cut.Status, cut.RowsCommitted, cut.RowsAccepted).ShouldBe((IngestionStatus.Running, 10L, 10L));
        var partial = await bed.TotalsAsync();
        (partial.Records, partial.HourlyInput, partial.MonthlyInput).ShouldBe((10L, partial.Input, partial.Input));

        await bed.Ingestion(options).IngestAsync(cut, rows.Select(UsageReadResult.Ok), null, CancellationToken.None);

        bed.Db.ChangeTracker.Clear();
        var done = await bed.Db.IngestionBatches.SingleAsync(b => b.Id == batch.Id);
        (done.Status, done.RowsRead, done.RowsAccepted, done.RowsDuplicate).ShouldBe((IngestionStatus.Succeeded, 23L, 23L, 0L));
        done.InputTokens.ShouldBe(rows.Sum(r => r.InputTokens));
        var totals = await bed.TotalsAsync();
        totals.Records.ShouldBe(23);
        totals.Input.ShouldBe(rows.Sum(r => r.InputTokens));
        (totals.HourlyInput, totals.MonthlyInput).ShouldBe((totals.Input, totals.Input));
        (totals.HourlyCost, totals.MonthlyCost).ShouldBe((totals.Cost, totals.Cost));
    }

    private static IEnumerable<UsageReadResult> Crash(IEnumerable<UsageRow> rows, int after)
    {
        foreach (var row in rows.Take(after))
        {
            yield return UsageReadResult.Ok(row);
        }
        throw new IOException("the process was killed");
    }

    [Fact]
    public async Task A_file_that_breaks_after_chunks_were_committed_leaves_nothing_of_its_batch()
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(Prices);
        await bed.IngestAsync(Usage);
        var before = await bed.TotalsAsync();
        var lines = Enumerable.Range(0, 40).Select(i => $"2026-04-{1 + i % 20:00}T{i % 24:00}:10:00Z,openai,gpt-4o,platform,{5000 + i},10,0,1,broken-{i}");
        var truncated = "timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens,requests,request_id\n" + string.Join("\n", lines)
            + "\n2026-04-21T00:00:00Z,openai,\"gpt-4o";

        var batch = await bed.IngestAsync(truncated, "truncated.csv", new IngestionOptions { ChunkRows = 10 });

        batch.Status.ShouldBe(IngestionStatus.Failed);
        batch.Error!.ShouldContain("never closed");
        (batch.RowsAccepted, batch.RowsCommitted).ShouldBe((0L, 0L));
        (await bed.Db.UsageRecords.CountAsync(r => r.IngestionBatchId == batch.Id)).ShouldBe(0);
        (await bed.TotalsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_request_repeated_within_one_file_is_stored_once_as_it_first_came()
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(Prices);
        var batch = await bed.IngestAsync("""
            timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens,request_id
            2026-04-02T10:00:00Z,openai,gpt-4o,support,1000000,0,0,same
            2026-04-02T10:00:00Z,openai,gpt-4o,support,1000000,0,0,other
            2026-04-02T10:00:00Z,openai,gpt-4o,support,3000000,0,0,same
            """);
        (batch.RowsAccepted, batch.RowsDuplicate).ShouldBe((2L, 1L));
        var totals = await bed.TotalsAsync();
        (totals.Records, totals.MonthlyInput, totals.HourlyInput).ShouldBe((2L, 2_000_000L, 2_000_000L));
        totals.MonthlyCost.ShouldBe(5.00m);
    }

    [Fact]
    public async Task Timestamps_without_a_zone_are_read_as_utc_and_the_batch_says_so()
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(Prices);
        var batch = await bed.IngestAsync("""
            timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens
            2026-04-02 10:00:00,openai,gpt-4o,support,1000,100,0
            2026-04-02T11:00:00+02:00,openai,gpt-4o,support,1000,100,0
            """);
        batch.RowsAccepted.ShouldBe(2);
        batch.RowsZoneAssumed.ShouldBe(1);
        batch.Notes!.ShouldContain("1 rows had timestamps without a time zone; they were read as UTC");
        (await bed.Db.UsageRecords.OrderBy(r => r.OccurredAt).Select(r => r.OccurredAt.Hour).ToListAsync()).ShouldBe([9, 10]);
    }
}

public sealed class SqliteUsageIngestionTests() : UsageIngestionTests(DatabaseProvider.Sqlite);

public sealed class PostgresUsageIngestionTests : UsageIngestionTests
{
    public PostgresUsageIngestionTests() : base(DatabaseProvider.Postgres) => Require.Postgres();
}
