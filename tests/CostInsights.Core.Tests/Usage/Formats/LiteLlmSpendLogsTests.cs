using CostInsights.Core.Data;
using CostInsights.Core.Tests.Ingestion;
using CostInsights.Core.Usage.Formats;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Usage.Formats;

public sealed class LiteLlmSpendLogsTests
{
    private const string Export = """
        request_id,startTime,model,custom_llm_provider,prompt_tokens,completion_tokens,spend,team_id,end_user,request_tags,metadata
        chatcmpl-1,2026-04-02T10:00:00Z,openai/gpt-4o,openai,1000000,100000,3.5,support,alice,"[""prod""]","{""k"": 1}"
        chatcmpl-2,2026-04-02T10:01:00Z,claude-sonnet-4,anthropic,2000,500,0.01,,bob,[],{}
        chatcmpl-3,2026-04-02T10:02:00Z,gpt-4o,openai,12x,5,0,support,,,
        """;

    [Fact]
    public void Requests_become_rows_identified_by_request_id_with_the_team()
    {
        var rows = LiteLlmSpendLogs.Read(new StringReader(Export)).ToList();
        var first = rows[0].Row!;
        (first.Provider, first.Model, first.Team, first.InputTokens, first.OutputTokens, first.Requests, first.Application)
            .ShouldBe(("openai", "gpt-4o", "support", 1_000_000L, 100_000L, 1L, (string?)"alice"));
        rows[1].Row!.Team.ShouldBe("unassigned");
        (rows[2].Row, rows[2].LineNumber, rows[2].Column).ShouldBe((null, 4L, "prompt_tokens"));
        LiteLlmSpendLogs.Looks(Export.Split('\n')[0]).ShouldBeTrue();
        LiteLlmSpendLogs.Looks("timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens").ShouldBeFalse();
    }

    [Fact]
    public async Task An_export_is_detected_and_priced_from_the_price_sheets_not_from_its_spend_column()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync("provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\nopenai,gpt-4o,2.50,10.00,,2026-01-01\n" +
            "anthropic,claude-sonnet-4,3,15,,2026-01-01\n");
        var batch = await bed.IngestAsync(Export, "spend.csv");
        batch.Format.ShouldBe(LiteLlmSpendLogs.Format);
        (batch.RowsAccepted, batch.RowsRejected).ShouldBe((2L, 1L));
        // 1,000,000 × 2.50 + 100,000 × 10 = 3.50; 2,000 × 3 + 500 × 15 = 0.006 + 0.0075 = 0.0135
        (await bed.Db.UsageRecords.OrderBy(r => r.Provider).Select(r => r.TokenCost).ToListAsync()).ShouldBe([0.0135m, 3.50m]);
    }
}
