using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Infrastructure;

/// <summary>A price sheet and usage file with their hand-computed spend, and helpers to wait for ingestion.</summary>
public static class Uploads
{
    /// <summary>Activates the draft on a sheet's page as its Activate button does; the page's message.</summary>
    public static async Task<string> ActivateAsync(IServiceProvider services, string page, DateTime? effectiveFrom = null, bool confirm = false)
    {
        await using var scope = services.CreateAsyncScope();
        var id = int.Parse(page["/price-sheets/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        return (await scope.ServiceProvider.GetRequiredService<Web.Features.PriceSheets.PriceSheetsData>()
            .ActivateAsync(id, effectiveFrom, confirm, "admin@test", CancellationToken.None)).Message;
    }

    public const string PriceSheet = """
        provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from
        openai,gpt-4o,5.00,15.00,2.50,2026-01-01
        openai,gpt-4o,2.50,10.00,1.25,2026-04-01
        anthropic,claude-sonnet-4,3.00,15.00,0.30,2026-01-01
        google,gemini-2.0-flash,0.10,0.40,0.025,2026-01-01
        """;

    /// <summary>Five good rows over March to May 2026, and four bad ones (lines 7 to 10).</summary>
    public const string Usage = """
        timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens
        2026-03-15T10:00:00Z,openai,gpt-4o,support,1000000,100000,200000
        2026-04-02T10:00:00Z,openai,gpt-4o,support,1000000,100000,200000
        2026-04-02T11:30:00Z,anthropic,claude-sonnet-4,search,2000000,500000,1000000
        2026-05-03T09:00:00Z,google,gemini-2.0-flash,search,40000000,10000000,0
        2026-05-04T09:00:00Z,anthropic,claude-sonnet-4,sales,100000,20000,0
        2026-05-04T10:00:00Z,openai,gpt-9,search,10,10,0
        2026-05-04T11:00:00Z,openai,gpt-4o,support,-4,10,0
        not-a-date,openai,gpt-4o,support,4,10,0
        2026-05-04T12:00:00Z,openai,gpt-4o,support,4,ten,0
        """;

    // Hand-computed, per provider and month (prices per 1M tokens):
    // Mar openai: 800,000×5 + 200,000×2.5 + 100,000×15 = 4.00 + 0.50 + 1.50 = 6.00
    // Apr openai: 800,000×2.5 + 200,000×1.25 + 100,000×10 = 2.00 + 0.25 + 1.00 = 3.25
    // Apr anthropic: 1,000,000×3 + 1,000,000×0.30 + 500,000×15 = 3.00 + 0.30 + 7.50 = 10.80
    // May google: 40,000,000×0.10 + 10,000,000×0.40 = 4.00 + 4.00 = 8.00
    // May anthropic: 100,000×3 + 20,000×15 = 0.30 + 0.30 = 0.60
    public static readonly IReadOnlyDictionary<(string Month, string Provider), decimal> ExpectedSpend = new Dictionary<(string, string), decimal>
    {
        [("2026-03", "openai")] = 6.00m,
        [("2026-04", "openai")] = 3.25m,
        [("2026-04", "anthropic")] = 10.80m,
        [("2026-05", "google")] = 8.00m,
        [("2026-05", "anthropic")] = 0.60m,
        // gpt-9 has no price: its row is stored unpriced and costs nothing until one is activated.
        [("2026-05", "openai")] = 0.00m,
    };

    public static async Task<IngestionBatch> WaitForBatchAsync(IServiceProvider services, string fileName, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
                var batch = await db.IngestionBatches.AsNoTracking().Where(b => b.FileName == fileName).OrderByDescending(b => b.Id).FirstOrDefaultAsync();
                if (batch is { Status: IngestionStatus.Succeeded or IngestionStatus.Failed })
                {
                    return batch;
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"batch {fileName} did not finish");
            }
            await Task.Delay(100);
        }
    }
}
