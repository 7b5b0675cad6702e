using CostInsights.Core.Csv;
using CostInsights.Core.Data;
using CostInsights.Core.Tests.Ingestion;
using CostInsights.Core.Usage.Formats;
using CostInsights.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Usage.Formats;

public sealed class AnthropicUsageReportTests
{
    private const string Page = """
        {"data": [{"starting_at": "2026-04-01T00:00:00Z", "ending_at": "2026-04-02T00:00:00Z", "results": [
          {"uncached_input_tokens": 600000, "cache_creation": {"ephemeral_5m_input_tokens": 100000, "ephemeral_1h_input_tokens": 50000},
           "cache_read_input_tokens": 250000, "output_tokens": 200000, "server_tool_use": {"web_search_requests": 3},
           "api_key_id": "apikey_01", "workspace_id": "wrkspc_support", "model": "claude-sonnet-4", "service_tier": "standard", "context_window": "0-200k"},
          {"uncached_input_tokens": 1000000, "cache_creation": null, "cache_read_input_tokens": 0, "output_tokens": 0,
           "api_key_id": null, "workspace_id": null, "model": "claude-sonnet-4", "service_tier": "batch", "context_window": "0-200k"},
          {"uncached_input_tokens": -5, "output_tokens": 1, "model": "claude-sonnet-4"}
        ]}], "has_more": false, "next_page": null}
        """;

    [Fact]
    public void Buckets_become_rows_with_every_input_part_and_the_workspace_as_team()
    {
        var rows = AnthropicUsageReport.Read(new StringReader(Page)).ToList();
        rows.Count.ShouldBe(3);
        var support = rows[0].Row!;
        // Input = 600,000 uncached + 100,000 + 50,000 written + 250,000 read.
        (support.OccurredAt, support.Provider, support.Team, support.InputTokens, support.CachedInputTokens, support.CacheWrite5mTokens,
            support.CacheWrite1hTokens, support.OutputTokens)
            .ShouldBe((new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), "anthropic", "wrkspc_support", 1_000_000L, 250_000L, 100_000L, 50_000L, 200_000L));
        (rows[1].Row!.Team, rows[1].Row!.ServiceTier, rows[1].Row!.IsBatch).ShouldBe(("default", ServiceTiers.Batch, true));
        (rows[2].Row, rows[2].LineNumber, rows[2].Column).ShouldBe((null, 3L, "uncached_input_tokens"));
        Should.Throw<CsvFormatException>(() => AnthropicUsageReport.Read(new StringReader("{\"data\": [ oops")).ToList());
    }

    [Fact]
    public async Task A_report_is_detected_priced_charge_by_charge_and_never_counted_twice()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync("provider,model,input_per_1m,output_per_1m,cached_input_per_1m,cache_write_5m_per_1m,cache_write_1h_per_1m," +
            "effective_from,batch_discount_percent\n" +
            "anthropic,claude-sonnet-4,3.00,15.00,0.30,3.75,6.00,2026-01-01,50\n");
        var batch = await bed.IngestAsync(Page, "anthropic-usage.json");
        batch.Format.ShouldBe(AnthropicUsageReport.Format);
        (batch.RowsAccepted, batch.RowsRejected).ShouldBe((2L, 1L));
        // Support: 600,000 × 3.00 + 250,000 × 0.30 + 100,000 × 3.75 + 50,000 × 6.00 + 200,000 × 15.00
        //        = 1.80 + 0.075 + 0.375 + 0.30 + 3.00 = 5.55
        // Batch: 1,000,000 × 3.00 = 3.00, less 50% = 1.50
        (await bed.Db.UsageRecords.OrderBy(r => r.Team).Select(r => r.TokenCost).ToListAsync()).ShouldBe([1.50m, 5.55m]);
        (await bed.IngestAsync(Page, "again.json")).RowsDuplicate.ShouldBe(2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_bucket_is_priced_at_the_context_tier_of_its_window_not_as_one_request_of_all_its_tokens(DatabaseProvider provider)
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        const string Sheet = """
            provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from,context_above_tokens
            anthropic,claude-sonnet-4,3.00,15.00,0.30,2026-01-01,
            anthropic,claude-sonnet-4,6.00,22.50,0.60,2026-01-01,200000
            """;
        await bed.UploadPricesAsync(Sheet);
        const string Report = """
            {"data": [{"starting_at": "2026-04-01T00:00:00Z", "ending_at": "2026-04-02T00:00:00Z", "results": [
              {"uncached_input_tokens": 1000000, "output_tokens": 100000, "workspace_id": "short", "model": "claude-sonnet-4", "context_window": "0-200k"},
              {"uncached_input_tokens": 1000000, "output_tokens": 100000, "workspace_id": "long", "model": "claude-sonnet-4", "context_window": "200k-1M"},
              {"uncached_input_tokens": 1000000, "output_tokens": 100000, "workspace_id": "unsaid", "model": "claude-sonnet-4"}
            ]}], "has_more": false}
            """;

        (await bed.IngestAsync(Report, "anthropic-usage.json")).RowsAccepted.ShouldBe(3);

        // Below 200k: 1,000,000 × 3.00 + 100,000 × 15.00 = 4.50; from 200k: 1,000,000 × 6.00 + 100,000 × 22.50 = 8.25. Counted as one
        // request of a million tokens, every bucket had been priced at 8.25.
        async Task<decimal[]> CostsAsync() => [.. await bed.Db.UsageRecords.AsNoTracking().OrderBy(r => r.Team).Select(r => r.TokenCost).ToListAsync()];
        (await CostsAsync()).ShouldBe([8.25m, 4.50m, 4.50m]);

        // A new sheet re-prices the stored records: the window is kept with them.
        await bed.UploadPricesAsync(Sheet.Replace("3.00,15.00", "2.00,10.00", StringComparison.Ordinal)
            .Replace("2026-01-01", "2026-03-01", StringComparison.Ordinal));
        await bed.Reprice().RunPendingAsync(CancellationToken.None);
        bed.Db.ChangeTracker.Clear();
        (await CostsAsync()).ShouldBe([8.25m, 3.00m, 3.00m]);
    }
}
