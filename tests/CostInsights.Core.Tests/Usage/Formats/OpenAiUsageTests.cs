using CostInsights.Core.Csv;
using CostInsights.Core.Data;
using CostInsights.Core.Tests.Ingestion;
using CostInsights.Core.Usage.Formats;
using CostInsights.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Usage.Formats;

public sealed class OpenAiUsageTests
{
    // 2026-04-01T00:00:00Z = 1775001600
    private const string Page = """
        {"object": "page", "data": [{"object": "bucket", "start_time": 1775001600, "end_time": 1775088000, "results": [
          {"object": "organization.usage.completions.result", "input_tokens": 1000000, "output_tokens": 100000, "input_cached_tokens": 200000,
           "num_model_requests": 40, "project_id": "proj_support", "user_id": null, "api_key_id": null, "model": "gpt-4o", "batch": false,
           "service_tier": "default"},
          {"object": "organization.usage.completions.result", "input_tokens": 2000000, "output_tokens": 0, "input_cached_tokens": 0,
           "num_model_requests": 10, "project_id": "proj_etl", "model": "gpt-4o", "batch": true, "service_tier": "default"},
          {"object": "organization.usage.completions.result", "input_tokens": 5, "output_tokens": 1, "input_cached_tokens": 9, "model": "gpt-4o"}
        ]}], "has_more": false, "next_page": null}
        """;

    [Fact]
    public void Buckets_become_rows_with_the_project_as_team_and_bad_results_are_named()
    {
        var rows = OpenAiUsage.Read(new StringReader(Page)).ToList();
        rows.Count.ShouldBe(3);
        var support = rows[0].Row!;
        (support.OccurredAt, support.Provider, support.Model, support.Team, support.InputTokens, support.CachedInputTokens, support.OutputTokens,
            support.Requests)
            .ShouldBe((new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), "openai", "gpt-4o", "proj_support", 1_000_000L, 200_000L, 100_000L, 40L));
        (rows[1].Row!.IsBatch, rows[1].Row!.ServiceTier).ShouldBe((true, ServiceTiers.Batch));
        rows[2].Row.ShouldBeNull();
        (rows[2].LineNumber, rows[2].Column).ShouldBe((3L, "input_cached_tokens"));
    }

    [Fact]
    public void An_array_of_pages_and_pages_one_per_line_read_the_same()
    {
        var single = OpenAiUsage.Read(new StringReader(Page)).Count(r => r.Row is not null);
        var oneLine = Page.Replace("\n", " ", StringComparison.Ordinal);
        OpenAiUsage.Read(new StringReader($"[{oneLine}, {oneLine}]")).Count(r => r.Row is not null).ShouldBe(2 * single);
        OpenAiUsage.Read(new StringReader($"{oneLine}\n{oneLine}\n")).Count(r => r.Row is not null).ShouldBe(2 * single);
        Should.Throw<CsvFormatException>(() => OpenAiUsage.Read(new StringReader("{\"data\": [ oops")).ToList());
    }

    [Fact]
    public async Task An_export_is_detected_priced_and_never_counted_twice()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync("provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from,batch_discount_percent\nopenai,gpt-4o,2.50," +
            "10.00,1.25,2026-01-01,50\n");
        var batch = await bed.IngestAsync(Page, "usage.json");
        batch.Format.ShouldBe(OpenAiUsage.Format);
        (batch.RowsAccepted, batch.RowsRejected).ShouldBe((2L, 1L));
        // Support: 800,000 × 2.50 + 200,000 × 1.25 + 100,000 × 10 = 2.00 + 0.25 + 1.00 = 3.25
        // ETL batch: 2,000,000 × 2.50 = 5.00, less 50% = 2.50
        (await bed.Db.UsageRecords.OrderBy(r => r.Team).Select(r => r.TokenCost).ToListAsync()).ShouldBe([2.50m, 3.25m]);
        (await bed.IngestAsync(Page, "usage-again.json")).RowsDuplicate.ShouldBe(2);
    }
}
