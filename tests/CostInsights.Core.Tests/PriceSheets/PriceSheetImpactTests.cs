using System.Text;
using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Tests.Ingestion;
using CostInsights.Core.Usage;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CostInsights.Core.Tests.PriceSheets;

/// <summary>
/// gpt-4o at $5 / $15 per 1M and on a PTU offer at $1 a unit-hour (2,500 input and 40 output tokens a second), and a
/// llama GPU-hour offer; a second version halves the token price, doubles the PTU rate from March, adds an offer for
/// Claude and drops llama's. April's 1M input and 100K output tokens cost $6.50 per token and 2,900 compute seconds,
/// $0.81, by compute time; after it, $3.50 and $1.61.
/// </summary>
public sealed class PriceSheetImpactTests
{
    private const string Header = "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from,kind,unit_kind,term,rate_per_unit_hour," +
        "input_tokens_per_second,output_tokens_per_second\n";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_preview_lists_offers_added_changed_and_removed_and_estimates_what_re_pricing_then_does(DatabaseProvider provider)
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(Header
            + "openai,gpt-4o,5,15,,2026-01-01,token,,,,,\n"
            + "openai,gpt-4o,,,,2026-01-01,capacity,ptu,none,1.00,2500,40\n"
            + "self-hosted,llama-3.1-8b,,,,2026-01-01,capacity,gpu-hour,none,2.20,20000,150\n");
        await bed.IngestAsync("""
            timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens
            2026-02-10T00:00:00Z,openai,gpt-4o,a,1000000,100000,0
            2026-04-10T00:00:00Z,openai,gpt-4o,a,1000000,100000,0
            """);
        var service = new PriceSheetService(bed.Db, bed.Time, new RepriceRequests());
        // Named in another case than the usage: prices match models whatever their case, and so must re-pricing.
        var upload = await service.UploadAsync(null, null, new MemoryStream(Encoding.UTF8.GetBytes(Header
            + "openai,GPT-4o,2.5,10,,2026-03-01,token,,,,,\n"
            + "openai,GPT-4o,,,,2026-03-01,capacity,ptu,none,2.00,2500,40\n"
            + "anthropic,claude-sonnet-4,,,,2026-03-01,capacity,ptu,none,3.00,2000,50\n")), "prices.csv", "admin", CancellationToken.None);
        upload.Import.Errors.ShouldBeEmpty();

        var preview = await service.PreviewAsync(upload.Draft!.Id, CancellationToken.None);
        var changed = preview.OfferChanges.Single(c => c.Kind == PriceChangeKind.Changed);
        changed.Model.ShouldBe("GPT-4o");
        changed.Fields.ShouldBe([new FieldChange("$ per unit-hour", "1", "2")]);
        var added = preview.OfferChanges.Single(c => c.Kind == PriceChangeKind.Added);
        added.Model.ShouldBe("claude-sonnet-4");
        // Its unit and term in words, not as the code names them.
        added.Fields.Take(2).ShouldBe([new FieldChange("unit", "–", "provisioned throughput units (PTU)"), new FieldChange("term", "–", "no commitment")]);
        preview.OfferChanges.Single(c => c.Kind == PriceChangeKind.Removed).Model.ShouldBe("llama-3.1-8b");
        preview.OffersUnchanged.ShouldBe(0);

        var impact = preview.Impact.ShouldNotBeNull();
        impact.From.ShouldBe(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        var april = impact.Months.ShouldHaveSingleItem();
        april.Month.ShouldBe(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc));
        april.TokenCostNow.ShouldBe(6.50m);
        april.TokenCostAfter.ShouldBe(3.50m);
        Math.Round(april.ComputeCostNow!.Value, 2).ShouldBe(0.81m);
        Math.Round(april.ComputeCostAfter!.Value, 2).ShouldBe(1.61m);
        impact.TokenChange.ShouldBe(-3.00m);

        // The estimate is what activation and re-pricing then store.
        (await service.ActivateAsync(upload.Draft.Id, null, false, "admin", CancellationToken.None)).Succeeded.ShouldBeTrue();
        await new RepriceService(bed.Db, bed.Time, NullLogger<RepriceService>.Instance).RunPendingAsync(CancellationToken.None);
        bed.Db.ChangeTracker.Clear();
        var stored = await bed.Db.MonthlyRollups.AsNoTracking().Where(r => r.Model == "gpt-4o").OrderBy(r => r.PeriodStart).ToListAsync();
        stored.Select(r => r.TokenCost).ShouldBe([6.50m, april.TokenCostAfter]);
        Math.Round(stored[1].ComputeCost!.Value, 6).ShouldBe(Math.Round(april.ComputeCostAfter.Value, 6));
        (await service.PreviewAsync(upload.Draft.Id, CancellationToken.None)).Impact.ShouldBeNull();
    }

    [Fact]
    public async Task A_sheet_for_months_not_yet_priced_changes_nothing_already_priced()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync(Header + "openai,gpt-4o,5,15,,2026-01-01,token,,,,,\n");
        await bed.IngestAsync("""
            timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens
            2026-02-10T00:00:00Z,openai,gpt-4o,a,1000000,100000,0
            """);
        var service = new PriceSheetService(bed.Db, bed.Time, new RepriceRequests());
        var upload = await service.UploadAsync("next", null, new MemoryStream(Encoding.UTF8.GetBytes(Header + "openai,gpt-4o,2.5,10,,2027-01-01,token,,,,,\n")),
            "next.csv", "admin", CancellationToken.None);
        var impact = (await service.PreviewAsync(upload.Draft!.Id, CancellationToken.None)).Impact.ShouldNotBeNull();
        impact.Months.ShouldBeEmpty();
        impact.TokenChange.ShouldBe(0m);
    }
}
