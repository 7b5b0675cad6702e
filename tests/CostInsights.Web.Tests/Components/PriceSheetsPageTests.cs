using System.Text;
using Bunit;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Features.PriceSheets;
using CostInsights.Web.Features.Shell;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CostInsights.Web.Tests.Components;

public sealed class PriceSheetsPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task With_no_sheets_it_says_to_upload_one_and_a_refused_upload_lists_every_reason()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        Authorize(harness);
        var page = harness.Context.Render<PriceSheetsPage>();
        page.WaitForElement("[data-testid=price-sheets-empty]").TextContent.ShouldContain("Upload one above");
        page.FindComponent<FileUpload>().Instance.Url.ShouldBe("/price-sheets/upload");

        var refused = """{"title":"The price sheet was not stored.","detail":"line 2: no","errors":["line 2: no","line 3: <b>also</b> no"]}""";
        await page.InvokeAsync(() => page.FindComponent<FileUpload>().Instance.Finished(400, refused));
        page.FindAll("[data-testid=price-sheet-errors] li").Select(li => li.TextContent).ShouldBe(["line 2: no", "line 3: <b>also</b> no"]);

        // An accepted upload opens its draft.
        await page.InvokeAsync(() => page.FindComponent<FileUpload>().Instance.Finished(200, """{"id":42,"message":"list v1 is a draft"}"""));
        harness.Context.Services.GetRequiredService<NavigationManager>().Uri.ShouldEndWith("/price-sheets/42");
    }

    [Fact]
    public async Task The_history_is_paged_newest_first_and_searched_in_the_database()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        Authorize(harness);
        for (var i = 1; i <= 30; i++)
        {
            await UploadDraftAsync(harness, $"provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\nacme,m{i},1,2,,2026-01-01\n",
                i % 3 == 0 ? "special" : "list");
        }
        harness.Context.Render<MudPopoverProvider>();
        var page = harness.Context.Render<PriceSheetsPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=price-sheets] tbody tr").Count.ShouldBe(25));
        // Newest first: the 30th upload, the special sheet's 10th version, heads the first page; the pager knows of all 30.
        page.Find("[data-testid=price-sheets] tbody tr").TextContent.ShouldContain("special");
        page.Find("[data-testid=price-sheets] tbody tr").TextContent.ShouldContain("v10");
        page.Find("[data-testid=price-sheets]").TextContent.ShouldContain("1-25 of 30");

        page.Find("input[data-testid=sheet-search]").Input("spec");
        page.WaitForAssertion(() => page.FindAll("[data-testid=price-sheets] tbody tr").Count.ShouldBe(10), TimeSpan.FromSeconds(5));
        page.FindAll("[data-testid=price-sheets] tbody tr").ShouldAllBe(row => row.TextContent.Contains("special", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_draft_is_activated_only_after_the_dialog_and_then_says_so()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        Authorize(harness);
        var id = await UploadDraftAsync(harness,
            "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\nopenai,gpt-4o,2.5,10,,2026-01-01\n");
        var dialogs = harness.Context.Render<MudDialogProvider>();
        harness.Context.Render<MudPopoverProvider>();
        var page = harness.Context.Render<PriceSheetPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=change-summary]").TextContent.ShouldContain("1 added");

        var cancelled = page.Find("[data-testid=activate]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog").TextContent.ShouldContain("months already priced are re-priced in the background");
        await dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await cancelled;
        (await StatusAsync(harness, id)).ShouldBe(PriceSheetStatus.Draft);

        var activate = page.Find("[data-testid=activate]").ClickAsync(new());
        await dialogs.WaitForElement(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Activate").ClickAsync(new());
        await activate;
        page.WaitForElement("[data-testid=activation-message]").TextContent.ShouldBe("Activated. No usage already priced is affected.");
        page.Find("[data-testid=sheet-status]").TextContent.ShouldBe("active");
        (await StatusAsync(harness, id)).ShouldBe(PriceSheetStatus.Active);
    }

    [Fact]
    public async Task Every_change_a_sheet_makes_is_paged_and_found_by_model_name()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        Authorize(harness);
        var rows = Enumerable.Range(1, 600).Select(i => $"acme,m{i},1,2,,2026-01-01");
        var id = await UploadDraftAsync(harness,
            "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\n" + string.Join('\n', rows) + "\n");
        harness.Context.Render<MudPopoverProvider>();
        var page = harness.Context.Render<PriceSheetPage>(p => p.Add(x => x.Id, id));

        page.WaitForElement("[data-testid=change-summary]").TextContent.ShouldContain("600 added");
        page.WaitForAssertion(() => page.FindAll("[data-testid=changes] tbody tr").Count.ShouldBe(25));
        page.Find("[data-testid=changes]").TextContent.ShouldContain("1-25 of 600");

        // The 600th, past any first page or first few hundred, is found by its name.
        page.Find("input[data-testid=change-search]").Input("m600");
        page.WaitForAssertion(() => page.FindAll("[data-testid=changes] tbody tr").Count.ShouldBe(1), TimeSpan.FromSeconds(5));
        page.Find("[data-testid=changes] tbody tr").TextContent.ShouldContain("acme/m600");
        page.Find("input[data-testid=change-search]").Input("m59");
        page.WaitForAssertion(() => page.FindAll("[data-testid=changes] tbody tr").Count.ShouldBe(11), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Every_price_a_sheet_holds_is_listed_found_by_model_name_and_shown_as_text()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        Authorize(harness);
        var rows = Enumerable.Range(1, 30).Select(i => $"acme,m{i},1.25,10,,2026-01-01").Append("acme,<b>bold</b>,0.075,0.3,0.0375,2026-02-01");
        var id = await UploadDraftAsync(harness,
            "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\n" + string.Join('\n', rows) + "\n");
        harness.Context.Render<MudPopoverProvider>();
        var page = harness.Context.Render<PriceSheetPage>(p => p.Add(x => x.Id, id));

        page.WaitForElement("[data-testid=sheet-prices-summary]").TextContent.ShouldContain("31 per-token prices for 31 models");
        page.Find("[data-testid=sheet-prices]").TextContent.ShouldContain("1-25 of 31");
        page.Find("input[data-testid=sheet-price-search]").Input("bold");
        page.WaitForAssertion(() => page.FindAll("[data-testid=sheet-prices] tbody tr").Count.ShouldBe(1), TimeSpan.FromSeconds(5));
        var cells = page.Find("[data-testid=sheet-prices] tbody tr").QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        cells.Take(7).ShouldBe(["acme/<b>bold</b>", "standard", "2026-02-01", "$0.075", "$0.0375", "$0.3", "– / –"]);
        page.Find("[data-testid=sheet-prices]").QuerySelectorAll("b").ShouldBeEmpty();
        page.Find("input[data-testid=sheet-price-search]").Input("m3");
        page.WaitForAssertion(() => page.FindAll("[data-testid=sheet-prices] tbody tr").Count.ShouldBe(2), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Every_warning_to_confirm_is_listed_the_entries_left_out_first()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        Authorize(harness);
        var entries = Enumerable.Range(1, 60)
            .Select(i => $"\"m{i}\": {{\"litellm_provider\": \"acme\", \"mode\": \"chat\", \"input_cost_per_token\": 0.02, \"output_cost_per_token\": 1e-6}}")
            .Append("\"<b>bad</b>\": {\"litellm_provider\": \"acme\", \"mode\": \"chat\", \"input_cost_per_token\": \"cheap\"}");
        var id = await UploadDraftAsync(harness, "{" + string.Join(",\n", entries) + "}", file: "prices.json");
        var page = harness.Context.Render<PriceSheetPage>(p => p.Add(x => x.Id, id));

        var warnings = page.WaitForElement("[data-testid=sheet-warnings]");

        warnings.QuerySelectorAll("li").Length.ShouldBe(61);
        warnings.QuerySelector("li")!.TextContent.ShouldBe("<b>bad</b>: input_cost_per_token is not a number (\"cheap\"); the entry is left out");
        warnings.QuerySelectorAll("b").ShouldBeEmpty();
        page.Markup.ShouldContain("I have checked the 61 warnings below: activate the sheet as it is");
    }

    [Fact]
    public async Task A_sheet_that_does_not_exist_says_so()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        Authorize(harness);
        var page = harness.Context.Render<PriceSheetPage>(p => p.Add(x => x.Id, 999));
        page.WaitForAssertion(() => page.Markup.ShouldContain("There is no price sheet 999."));
    }

    [Fact]
    public void Only_admins_may_open_them()
    {
        foreach (var page in new[] { typeof(PriceSheetsPage), typeof(PriceSheetPage) })
        {
            page.GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().Single().Policy.ShouldBe(AppPolicies.Administer);
        }
    }

    private static async Task<int> UploadDraftAsync(PageHarness harness, string content, string name = "list", string file = "list.csv")
    {
        await using var db = harness.Database.NewContext();
        var upload = await new PriceSheetService(db, harness.Time, new RepriceRequests())
            .UploadAsync(name, null, new MemoryStream(Encoding.UTF8.GetBytes(content)), file, "admin", CancellationToken.None);
        return upload.Draft!.Id;
    }

    private static async Task<PriceSheetStatus> StatusAsync(PageHarness harness, int id)
    {
        await using var db = harness.Database.NewContext();
        return await db.PriceSheets.Where(s => s.Id == id).Select(s => s.Status).SingleAsync();
    }

    private static void Authorize(PageHarness harness) =>
        harness.Context.AddAuthorization().SetAuthorized("admin@example.com").SetRoles(AppRoles.Admin).SetPolicies(AppPolicies.Administer);
}
