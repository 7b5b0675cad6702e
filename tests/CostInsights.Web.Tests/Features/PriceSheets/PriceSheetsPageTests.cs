using System.Net;
using CostInsights.Core.Data;
using CostInsights.Core.Users;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.PriceSheets;

public sealed class PriceSheetsPageTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    private const string Header = "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\n";

    private async Task<string> UploadAndActivateAsync(AppClient admin, string name, string csv, bool activate = true)
    {
        var upload = await admin.UploadPriceSheetAsync(new() { ["name"] = name }, ("file", $"{name}.csv", csv));
        var page = await AppClient.DraftPageAsync(upload);
        if (!activate)
        {
            return WebUtility.HtmlDecode(await admin.GetPageAsync(page));
        }
        return await Uploads.ActivateAsync(app.Services, page);
    }

    [Fact]
    public async Task A_past_price_cut_is_previewed_field_by_field_activated_and_re_prices_the_overview()
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        await UploadAndActivateAsync(admin, "list", Header + "openai,gpt-4o,5,15,,2026-01-01\n");
        await admin.UploadUsageAsync([], ("file", "cut-usage.csv",
            "timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens\n2026-04-10T00:00:00Z,openai,gpt-4o,a,1000000,100000,0\n"));
        await Uploads.WaitForBatchAsync(app.Services, "cut-usage.csv");

        var preview = await UploadAndActivateAsync(admin, "list", Header + "openai,gpt-4o,2.5,10,,2026-04-01\n", activate: false);
        preview.ShouldContain("0 added");
        preview.ShouldContain("1 changed");
        preview.ShouldContain("input 5 → 2.5; output 15 → 10");
        // The effect on April, already priced: $6.50 per token becomes $3.50; no offer prices compute time.
        preview.ShouldContain("per-token costs would change by <strong>−$3.00</strong>");
        preview.ShouldMatch("data-month=\"2026-04\">[\\s\\S]*?\\$6\\.50[\\s\\S]*?\\$3\\.50[\\s\\S]*?−\\$3\\.00");
        preview.ShouldMatch("0 added, 0 changed, 0 unchanged against the offers in force,\\s+and 0 in the last active version");

        var sheetId = await LatestSheetIdAsync();
        var activated = await Uploads.ActivateAsync(app.Services, $"/price-sheets/{sheetId}");
        activated.ShouldContain("Usage from 2026-04-01 on is being re-priced in the background.");

        // 1,000,000 × 2.5 + 100,000 × 10 = 3.50 (it was 5.00 + 1.50 = 6.50)
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await admin.GetPageAsync("/")).Contains("data-month=\"2026-04\">", StringComparison.Ordinal)
               || !(await admin.GetPageAsync("/")).Contains("$3.50", StringComparison.Ordinal))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the re-price job did not update the Overview");
            await Task.Delay(200);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var (history, _) = await scope.ServiceProvider.GetRequiredService<Web.Features.PriceSheets.PriceSheetsData>()
                .HistoryAsync("list", null, true, 0, 25, CancellationToken.None);
            history[0].RepriceFrom.ShouldBe(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc));
            history[0].RepricedAt.ShouldNotBeNull("the re-price has run");
        }
        // The first version is superseded by the second, whose page says who activated it.
        int firstId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            firstId = await scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>().PriceSheets.Where(s => s.Name == "list" && s.Version == 1)
                .Select(s => s.Id).SingleAsync();
        }
        var first = await admin.GetPageAsync($"/price-sheets/{firstId}");
        first.ShouldMatch("data-testid=\"sheet-status\"[^>]*><span class=\"mud-chip-content\">superseded<");
        first.ShouldMatch($"by <a[^>]*href=\"/price-sheets/{sheetId}\"[^>]*>a later version</a>");
        var second = await admin.GetPageAsync($"/price-sheets/{sheetId}");
        second.ShouldMatch("data-testid=\"sheet-status\"[^>]*><span class=\"mud-chip-content\">active<");
        // Activated, it says what it changed against what was in force before it.
        second.ShouldMatch("0 unchanged against the offers in force before it was activated,\\s+and 0 in the version before it");
    }

    [Fact]
    public async Task The_page_answers_what_a_model_cost_on_a_date()
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        await UploadAndActivateAsync(admin, "lookup", Header + "acme,lookup-model,4,8,1,2026-01-01\nacme,lookup-model,3,6,1,2026-03-01\n");
        var february = await admin.GetPageAsync("/price-sheets?model=lookup-model&at=2026-02-15");
        february.ShouldContain("<td class=\"num\">$4</td><td class=\"num\">$8</td>");
        var april = await admin.GetPageAsync("/price-sheets?model=lookup-model&at=2026-04-15");
        april.ShouldContain("<td class=\"num\">$3</td><td class=\"num\">$6</td>");
        (await admin.GetPageAsync("/price-sheets?model=lookup-model&at=2025-06-01")).ShouldContain("No active price sheet prices");
    }

    [Fact]
    public async Task An_undated_litellm_file_needs_a_date_and_absurd_prices_a_confirmation()
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var upload = await admin.UploadPriceSheetAsync([], ("file", "litellm.json",
            """
            {"pricey-model": {"litellm_provider": "acme", "mode": "chat", "input_cost_per_token": 0.02, "output_cost_per_token": 1e-06},
             "embed": {"litellm_provider": "acme", "mode": "embedding", "input_cost_per_token": 1e-07}}
            """));
        var page = await AppClient.DraftPageAsync(upload);
        var draft = WebUtility.HtmlDecode(await admin.GetPageAsync(page));
        draft.ShouldContain("The file carries no dates");
        draft.ShouldContain("input price is $20000 per 1M tokens");
        draft.ShouldContain("1 × embedding model (out of scope: only text generation is priced)");

        var may = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        var refused = await Uploads.ActivateAsync(app.Services, page, may);
        refused.ShouldContain("Not activated: the sheet has warnings");
        var done = await Uploads.ActivateAsync(app.Services, page, may, confirm: true);
        done.ShouldContain("Activated.");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
        (await db.TokenPrices.SingleAsync(p => p.Model == "pricey-model")).EffectiveFrom.ShouldBe(new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    private async Task<int> LatestSheetIdAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>().PriceSheets.MaxAsync(s => s.Id);
    }
}
