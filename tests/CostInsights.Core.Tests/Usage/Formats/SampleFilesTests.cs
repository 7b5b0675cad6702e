using CostInsights.Core.Data;
using CostInsights.Core.Tests.Ingestion;
using CostInsights.Core.Usage;
using CostInsights.Core.Usage.Formats;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Usage.Formats;

/// <summary>Every file in samples/ is detected as its format and lands whole, priced by samples/prices.csv.</summary>
public sealed class SampleFilesTests
{
    [Theory]
    [InlineData("usage.csv", UsageCsv.Format, 3)]
    [InlineData("openai-usage.json", OpenAiUsage.Format, 2)]
    [InlineData("anthropic-usage.json", AnthropicUsageReport.Format, 2)]
    [InlineData("bedrock-invocations.jsonl", BedrockInvocationLogs.Format, 2)]
    [InlineData("litellm-spend.csv", LiteLlmSpendLogs.Format, 2)]
    [InlineData("otel-genai-spans.json", OtelGenAiSpans.Format, 2)]
    public async Task A_sample_is_detected_and_every_row_is_stored_priced(string file, string format, int rows)
    {
        var samples = Path.Combine(TestEnvironment.RepositoryRoot, "samples");
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync(await File.ReadAllTextAsync(Path.Combine(samples, "prices.csv")));

        var batch = await bed.IngestAsync(await File.ReadAllTextAsync(Path.Combine(samples, file)), file);

        batch.Format.ShouldBe(format);
        (batch.RowsAccepted, batch.RowsRejected).ShouldBe((rows, 0L));
        (await bed.Db.UsageRecords.Select(r => r.TokenCost).ToListAsync()).ShouldAllBe(cost => cost > 0);
    }

    [Theory]
    [InlineData("compute-usage.csv", ComputeUsageCsv.Format, new[] { "37200", "1110", "18400" })]
    [InlineData("anthropic-cost-report.json", AnthropicCostReport.Format, new[] { "3.30", "0.075", "0.375", "0.30", "3.30", "0.42" })]
    [InlineData("openai-costs.json", OpenAiCosts.Format, new[] { "2", "0.25", "1", "2.5", "0.25", "0.1" })]
    [InlineData("focus-bill.csv", FocusCostCsv.Format, new[] { "2.436", "0.06", "0.375", "0.7635", "0.29" })]
    public async Task A_cost_line_sample_is_detected_and_every_line_is_stored_with_its_amount(string file, string format, string[] amounts)
    {
        var samples = Path.Combine(TestEnvironment.RepositoryRoot, "samples");
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync(await File.ReadAllTextAsync(Path.Combine(samples, "prices.csv")));

        var batch = await bed.IngestAsync(await File.ReadAllTextAsync(Path.Combine(samples, file)), file);

        batch.Format.ShouldBe(format);
        (batch.Status, batch.RowsAccepted, batch.RowsRejected).ShouldBe((Core.Ingestion.IngestionStatus.Succeeded, (long)amounts.Length, 0L));
        // 50 PTUs × 744 h × $1.00; 1,850,000 s × $0.0006; an invoiced amount. Cents: 330, 7.5, 37.5, 30, 330 and 42.
        (await bed.Db.CostLines.OrderBy(l => l.Id).Select(l => l.Amount).ToListAsync())
            .ShouldBe([.. amounts.Select(a => decimal.Parse(a, System.Globalization.CultureInfo.InvariantCulture))]);
        (await bed.IngestAsync(await File.ReadAllTextAsync(Path.Combine(samples, file)), file)).RowsDuplicate.ShouldBe(amounts.Length);
    }

    [Theory]
    [InlineData("litellm-spend.csv", ",prod,key=support-key,")]
    [InlineData("bedrock-invocations.jsonl", ",team=support,")]
    [InlineData("openai-usage.json", ",api_key=key_abc,")]
    public async Task Each_source_s_natural_tags_are_kept_on_its_records(string file, string tags)
    {
        var samples = Path.Combine(TestEnvironment.RepositoryRoot, "samples");
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync(await File.ReadAllTextAsync(Path.Combine(samples, "prices.csv")));
        await bed.IngestAsync(await File.ReadAllTextAsync(Path.Combine(samples, file)), file);
        (await bed.Db.UsageRecords.Select(r => r.Tags).ToListAsync()).ShouldContain(tags);
    }
}
