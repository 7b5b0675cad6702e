using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
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
        (batch.RowsRead, batch.RowsAccepted, batch.RowsRejected, batch.RowsDuplicate).ShouldBe((6L, 3L, 3L, 0L));
        var rejected = await bed.Db.RejectedRows.OrderBy(r => r.LineNumber).ToListAsync();
        rejected.Select(r => (r.LineNumber, r.Column)).ShouldBe([(5L, "model"), (6L, "input_tokens"), (7L, "model")]);
        rejected[0].Reason.ShouldContain("unknown model");
        rejected[2].Reason.ShouldContain("no price before 2026-01-01");

        // March at the January prices: 800,000 × 5 + 200,000 × 2.5 + 100,000 × 15 = 4.00 + 0.50 + 1.50 = $6.00
        // April at the cut prices:     800,000 × 2.5 + 200,000 × 1.25 + 100,000 × 10 = 2.00 + 0.25 + 1.00 = $3.25
        // Claude: 1,000,000 × 3 + 1,000,000 × 0.30 + 500,000 × 15 = 3.00 + 0.30 + 7.50 = $10.80
        var costs = await bed.Db.UsageRecords.OrderBy(r => r.OccurredAt).Select(r => r.TokenCost).ToListAsync();
        costs.ShouldBe([6.00m, 3.25m, 10.80m]);

        var monthly = await bed.Db.MonthlyRollups.AsNoTracking().ToListAsync();
        monthly.Where(m => m.PeriodStart.Month == 3).Sum(m => m.TokenCost).ShouldBe(6.00m);
        monthly.Where(m => m.PeriodStart.Month == 4).Sum(m => m.TokenCost).ShouldBe(14.05m);
        monthly.All(m => m.PeriodStart.Kind == DateTimeKind.Utc && m.PeriodStart.Day == 1).ShouldBeTrue();
        var hourly = await bed.Db.HourlyRollups.AsNoTracking().ToListAsync();
        hourly.Count.ShouldBe(3);
        hourly.Sum(h => h.InputTokens).ShouldBe(4_000_000L);
    }

    [Fact]
    public async Task The_same_file_twice_and_an_overlapping_file_never_double_count()
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(Prices);
        await bed.IngestAsync(Usage);

        var again = await bed.IngestAsync(Usage, "usage-again.csv");
        (again.RowsAccepted, again.RowsDuplicate, again.RowsRejected).ShouldBe((0L, 3L, 3L));

        var overlapping = await bed.IngestAsync("""
            timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens
            2026-04-02T11:30:00Z,anthropic,claude-sonnet-4,search,2000000,500000,1000000
            2026-04-20T08:00:00Z,openai,gpt-4o,platform,400000,0,0
            """);
        (overlapping.RowsAccepted, overlapping.RowsDuplicate).ShouldBe((1L, 1L));

        (await bed.Db.UsageRecords.CountAsync()).ShouldBe(4);
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
}

public sealed class SqliteUsageIngestionTests() : UsageIngestionTests(DatabaseProvider.Sqlite);

public sealed class PostgresUsageIngestionTests : UsageIngestionTests
{
    public PostgresUsageIngestionTests() : base(DatabaseProvider.Postgres) => Require.Postgres();
}
