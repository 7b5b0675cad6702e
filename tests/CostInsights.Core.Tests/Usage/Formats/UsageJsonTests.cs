using CostInsights.Core.Data;
using CostInsights.Core.Tests.Ingestion;
using CostInsights.Core.Usage.Formats;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Usage.Formats;

public sealed class UsageJsonTests
{
    private const string Lines = """
        {"timestamp": "2026-04-01T09:00:00Z", "provider": "openai", "model": "gpt-4o", "team": "support", "input_tokens": 1000000, "output_tokens": 100000, "cached_tokens": 200000, "requests": 40, "request_id": "a-1"}
        {"timestamp": "2026-04-01T10:00:00Z", "provider": "OpenAI", "model": "gpt-4o", "team": "etl", "input_tokens": "2000000", "output_tokens": 0, "batch": true}

        {"timestamp": "2026-04-01T11:00:00Z", "provider": "openai", "model": "gpt-4o", "team": "etl", "input_tokens": -1, "output_tokens": 0}
        not json
        {"provider": "openai", "model": "gpt-4o", "team": "etl", "input_tokens": 1, "output_tokens": 0}
        """;

    [Fact]
    public void Lines_are_read_as_csv_rows_are_and_bad_ones_are_named_by_line_and_field()
    {
        var rows = UsageJson.Read(new StringReader(Lines)).ToList();
        rows.Count.ShouldBe(5);
        (rows[0].Row!.Team, rows[0].Row!.InputTokens, rows[0].Row!.CachedInputTokens, rows[0].Row!.Requests).ShouldBe(("support", 1_000_000L, 200_000L, 40L));
        (rows[1].Row!.Provider, rows[1].Row!.InputTokens, rows[1].Row!.IsBatch).ShouldBe(("openai", 2_000_000L, true));
        (rows[2].LineNumber, rows[2].Column).ShouldBe((4L, "input_tokens"));
        (rows[3].LineNumber, rows[3].Reason).ShouldBe((5L, "is not a JSON object"));
        (rows[4].LineNumber, rows[4].Column).ShouldBe((6L, "timestamp"));
    }

    [Fact]
    public async Task An_array_is_detected_and_priced_like_its_csv()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync("provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from,batch_discount_percent\nopenai,gpt-4o,2.50," +
            "10.00,1.25,2026-01-01,50\n");
        var array = "[" + string.Join(",", Lines.Split('\n').Take(2)) + "]";
        var batch = await bed.IngestAsync(array, "rows.json");
        batch.Format.ShouldBe(UsageJson.Format);
        (batch.RowsAccepted, batch.RowsRejected).ShouldBe((2L, 0L));
        // Support: 800,000 × 2.50 + 200,000 × 1.25 + 100,000 × 10 = 3.25; ETL batch: 2,000,000 × 2.50 = 5.00, less 50% = 2.50.
        (await bed.Db.UsageRecords.OrderBy(r => r.Team).Select(r => r.TokenCost).ToListAsync()).ShouldBe([2.50m, 3.25m]);
    }
}
