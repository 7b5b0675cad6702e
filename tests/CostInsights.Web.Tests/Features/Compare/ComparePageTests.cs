using System.Net;
using CostInsights.Core.Data;
using CostInsights.Core.Users;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Compare;

public sealed class ComparePageTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    [Fact]
    public async Task An_engineering_manager_sees_the_same_months_priced_both_ways_with_the_breakeven()
    {
        using (var admin = await app.SignedInAsync(AppRoles.Admin))
        {
            var upload = await admin.UploadPriceSheetAsync(new() { ["name"] = "big" }, ("file", "big.csv", """
                provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from,kind,unit_kind,term,rate_per_unit_hour,minimum_units,unit_increment,input_tokens_per_second,output_tokens_per_second
                acme,big,2,8,,2026-01-01,token,,,,,,,
                acme,big,,,,2026-01-01,capacity,gpu-hour,none,3.60,1,1,10000,100
                """));
            await Uploads.ActivateAsync(app.Services, await AppClient.DraftPageAsync(upload));
            await admin.UploadUsageAsync([], ("file", "big-usage.csv", """
                timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens,requests
                2026-04-10T00:00:00Z,acme,big,research,10000000000,50000000,0,100000
                """));
            await Uploads.WaitForBatchAsync(app.Services, "big-usage.csv");
        }
        int offerId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            offerId = await scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>().CapacityOffers.Where(o => o.Model == "big").Select(o => o.Id)
                .SingleAsync();
        }

        using var manager = await app.SignedInAsync(AppRoles.EngineeringManager);
        var page = WebUtility.HtmlDecode(await manager.GetPageAsync($"/compare?workload=model:acme/big&offer={offerId}&utilisation=100&months=2"));
        // April, 720 h: per token 1e10 × 2 / 1e6 + 5e7 × 8 / 1e6 = 20,000 + 400 = $20,400.
        // Compute: 1e10 / 10,000 + 5e7 / 100 = 1,500,000 s → 1 unit (2,592,000 unit-seconds) → 720 × $3.60 = $2,592; 57.9% busy.
        page.ShouldContain("data-month=\"2026-04\">");
        page.ShouldContain("<td class=\"num\" data-testid=\"token-cost\">$20,400.00</td>");
        page.ShouldContain("data-testid=\"compute-cost\">$2,592.00</td>");
        page.ShouldContain("57.9 %");
        page.ShouldContain("acme/big capacity costs less than per-token billing above");
        page.ShouldContain("so compute-time billing is the cheaper scheme now");
        page.ShouldContain("id=\"cost-vs-volume\"");
        // The offer in words, not in the code's names; volumes as people say them.
        page.ShouldContain("acme/big: GPU-hours, no commitment, $3.6 a unit-hour, at least 1 unit");
        // 1e10 input + 100 × 5e7 output (output weight 10,000 / 100 tokens a second) = 15B token-equivalents.
        page.ShouldContain("above 1.9B token-equivalents a month; Apr 2026 used 15B, so");

        using var finance = await app.SignedInAsync(AppRoles.Finance);
        (await finance.GetAsync("/compare")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
