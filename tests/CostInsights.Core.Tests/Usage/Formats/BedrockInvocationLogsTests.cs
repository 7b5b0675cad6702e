using CostInsights.Core.Data;
using CostInsights.Core.Tests.Ingestion;
using CostInsights.Core.Usage.Formats;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Usage.Formats;

public sealed class BedrockInvocationLogsTests
{
    private const string Logs = """
        {"schemaType": "ModelInvocationLog", "schemaVersion": "1.0", "timestamp": "2026-04-02T10:00:00Z", "accountId": "123", "identity": {"arn": "arn:aws:sts::123:assumed-role/support-bot/session"}, "region": "us-east-1", "requestId": "r-1", "operation": "Converse", "modelId": "anthropic.claude-sonnet-4", "input": {"inputContentType": "application/json", "inputTokenCount": 800000, "cacheReadInputTokenCount": 200000, "cacheWriteInputTokenCount": 100000}, "output": {"outputContentType": "application/json", "outputTokenCount": 50000}}
        {"timestamp": "2026-04-02T10:05:00Z", "requestId": "r-2", "modelId": "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4", "input": {"inputTokenCount": 1000}, "output": {"outputTokenCount": 100}}
        {"timestamp": "2026-04-02T10:06:00Z", "requestId": "r-3", "modelId": "anthropic.claude-sonnet-4", "input": {"inputTokenCount": -5}, "output": {"outputTokenCount": 1}}
        not json
        """;

    [Fact]
    public void Invocations_become_rows_with_cache_counts_added_to_the_input()
    {
        var rows = BedrockInvocationLogs.Read(new StringReader(Logs)).ToList();
        var first = rows[0].Row!;
        (first.Provider, first.Model, first.Team, first.InputTokens, first.CachedInputTokens, first.CacheWrite5mTokens, first.OutputTokens)
            .ShouldBe(("bedrock", "anthropic.claude-sonnet-4", "support-bot", 1_100_000L, 200_000L, 100_000L, 50_000L));
        rows[1].Row!.Model.ShouldBe("anthropic.claude-sonnet-4");
        rows[1].Row!.Team.ShouldBe("unassigned");
        (rows[2].LineNumber, rows[2].Column).ShouldBe((3L, "input.inputTokenCount"));
        rows[3].Reason!.ShouldStartWith("not valid JSON");
    }

    [Fact]
    public async Task Logs_are_detected_priced_with_cache_reads_and_writes_and_counted_once()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync("provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from,cache_write_5m_per_1m\nbedrock," +
            "anthropic.claude-sonnet-4,3,15,0.30,2026-01-01,3.75\n");
        var batch = await bed.IngestAsync(Logs, "invocations.jsonl");
        batch.Format.ShouldBe(BedrockInvocationLogs.Format);
        (batch.RowsAccepted, batch.RowsRejected).ShouldBe((2L, 2L));
        // r-1: 800,000 × 3 + 200,000 × 0.30 + 100,000 × 3.75 + 50,000 × 15 = 2.40 + 0.06 + 0.375 + 0.75 = 3.585
        // r-2: 1,000 × 3 + 100 × 15 = 0.003 + 0.0015 = 0.0045
        (await bed.Db.UsageRecords.OrderBy(r => r.OccurredAt).Select(r => r.TokenCost).ToListAsync()).ShouldBe([3.585m, 0.0045m]);
        (await bed.IngestAsync(Logs, "again.jsonl")).RowsDuplicate.ShouldBe(2);
    }
}
