using System.Net;
using System.Text.RegularExpressions;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Tests.Features.Demo;
using CostInsights.Web.Tests.Infrastructure;

namespace CostInsights.Web.Tests.Features.PriceSheets;

/// <summary>The demo's year of usage, priced by the demo sheets, and samples/prices.csv uploaded over it.</summary>
public sealed partial class PriceSheetPreviewDemoTests(DemoWebAppFixture app) : IClassFixture<DemoWebAppFixture>
{
    [Fact]
    public async Task Before_activating_the_sample_sheet_an_admin_sees_its_capacity_offers_and_what_it_does_to_compute_time_history()
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var csv = await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "samples", "prices.csv"));
        var upload = await admin.UploadPriceSheetAsync(new() { ["name"] = "sample" }, ("file", "prices.csv", csv));
        var preview = WebUtility.HtmlDecode(await admin.GetPageAsync(await AppClient.DraftPageAsync(upload)));

        // Both of the sheet's offers differ from the demo's offers in force for those models.
        var offers = OfferRow().Matches(preview).Select(m => (Model: m.Groups[2].Value, Kind: m.Groups[1].Value)).ToList();
        offers.ShouldContain(("openai/gpt-4o", "changed"));
        offers.ShouldContain(("self-hosted/llama-3.1-8b", "changed"));
        preview.ShouldContain("$ per unit-hour");

        // Compute-time history moves, and the page says by how much, month by month, before anything is activated.
        var summary = ImpactSummary().Match(preview);
        summary.Success.ShouldBeTrue(preview);
        summary.Groups["compute"].Value.ShouldNotBe("$0.00");
        // The sheet takes effect on 2026-01-01: every month from January to the current one (May) is already priced.
        ImpactMonth().Matches(preview).Select(m => m.Groups[1].Value).ShouldBe(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"], summary.Value);
        preview.ShouldMatch("data-testid=\"sheet-status\"[^>]*><span class=\"mud-chip-content\">draft<");
    }

    [GeneratedRegex("<tr data-kind=\"(added|changed|removed)\">\\s*<td>([^<]+)</td>")]
    private static partial Regex OfferRow();

    [GeneratedRegex("per-token costs would change by <strong>(?<token>[^<]+)</strong>[^<]*and compute-time costs by <strong>(?<compute>[^<]+)</strong>")]
    private static partial Regex ImpactSummary();

    [GeneratedRegex("<tr data-month=\"(\\d{4}-\\d{2})\">")]
    private static partial Regex ImpactMonth();
}
