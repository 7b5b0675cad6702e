using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Ingestion;

/// <summary>
/// acme/router at $2 per 1M tokens up to 10M a month and $1 from there: a month's later file continues where the
/// stored usage left the month, whichever batch priced it.
/// </summary>
public sealed class VolumeTierIngestionTests
{
    private const string Prices = "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from,volume_from_tokens\n"
        + "acme,router,2,2,,2026-01-01,\n"
        + "acme,router,1,1,,2026-01-01,10000000\n";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_later_batch_is_priced_from_the_months_stored_volume(DatabaseProvider provider)
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(Prices);
        // 8M tokens in March: $16. Then 4M more in March (2M at $2, 2M at $1: $6) and 4M in April, the month's first ($8).
        await bed.IngestAsync("timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens\n2026-03-02T00:00:00Z,acme,router,a,6000000,2000000,0\n",
            "first.csv");
        await bed.IngestAsync("timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens\n"
            + "2026-03-20T00:00:00Z,acme,router,a,3000000,1000000,0\n2026-04-02T00:00:00Z,acme,router,a,3000000,1000000,0\n", "second.csv");
        var costs = await bed.Db.UsageRecords.AsNoTracking().OrderBy(r => r.OccurredAt).Select(r => r.TokenCost).ToListAsync();
        costs.ShouldBe([16.00m, 6.00m, 8.00m]);
    }
}
