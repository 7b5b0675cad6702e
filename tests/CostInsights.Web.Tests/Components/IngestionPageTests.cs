using Bunit;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Ingestion;
using CostInsights.Web.Features.Shell;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace CostInsights.Web.Tests.Components;

public sealed class IngestionPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task With_no_batches_it_says_to_upload_and_the_upload_control_posts_to_the_endpoint_with_the_page_s_token()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        Authorize(harness);
        var upload = harness.Context.JSInterop.SetupModule("/js/uploads.js");
        upload.Setup<bool>("upload", _ => true).SetResult(true);
        var page = harness.Context.Render<IngestionPage>();

        page.WaitForElement("[data-testid=batches-empty]").TextContent.ShouldContain("No usage ingested yet");
        // Each kind of file it takes on a line of its own, with its template where it has one.
        var formats = page.Find("[data-testid=upload-formats]");
        formats.QuerySelectorAll("li").Select(l => l.QuerySelector("strong")!.TextContent)
            .ShouldBe(["Usage as CSV", "Usage as a provider or gateway exports it", "Bills", "Compute-time records"]);
        formats.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")).ShouldBe(["/templates/usage.csv", "/templates/compute-usage.csv"]);
        page.Find("[data-testid=usage-upload-send]").HasAttribute("disabled").ShouldBeTrue();
        var control = page.FindComponent<FileUpload>();
        control.Instance.Url.ShouldBe("/ingestion/upload");

        // What the endpoint answers is said in words: a queued batch, or why the file was refused.
        await page.InvokeAsync(() => control.Instance.Finished(200, """{"id":7,"message":"usage.csv is queued as batch #7. Its progress shows below."}"""));
        page.Find("[data-testid=upload-message]").TextContent.ShouldBe("usage.csv is queued as batch #7. Its progress shows below.");
        await page.InvokeAsync(() => control.Instance.Finished(400, """{"title":"Not uploaded","detail":"There is no column mapping named 'x'."}"""));
        page.Find("[data-testid=upload-message]").TextContent.ShouldBe("There is no column mapping named 'x'.");
        await page.InvokeAsync(() => control.Instance.Finished(413, "<html>too large</html>"));
        page.Find("[data-testid=upload-message]").TextContent.ShouldContain("is larger than uploads may be");
    }

    [Fact]
    public async Task A_running_batch_shows_its_progress_and_its_end_arrives_without_a_reload()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        Authorize(harness);
        var snackbars = harness.Context.Render<MudSnackbarProvider>();
        await harness.SeedAsync(db => db.IngestionBatches.Add(new IngestionBatch
        {
            FileName = "<b>usage</b>.csv",
            Format = "usage-csv",
            CreatedBy = "admin",
            CreatedAt = Now.UtcDateTime,
            Status = IngestionStatus.Running,
            StartedAt = Now.UtcDateTime,
            StoredPath = "x",
        }));
        var page = harness.Context.Render<IngestionPage>();
        page.WaitForElement("[data-batch-status=Running]");
        page.Find("[data-testid=batch-progress]").TextContent.ShouldContain("0%");
        page.Markup.ShouldContain("&lt;b&gt;usage&lt;/b&gt;.csv");
        System.Text.RegularExpressions.Regex.Replace(page.Find("[data-testid=batch-file]").TextContent, @"\s+", " ").Trim()
            .ShouldBe("usage-csv, by admin", "no file size for a batch without a file");

        await using (var db = harness.Database.NewContext())
        {
            await db.IngestionBatches.ExecuteUpdateAsync(b => b.SetProperty(x => x.Status, IngestionStatus.Succeeded)
                .SetProperty(x => x.RowsAccepted, 1234).SetProperty(x => x.FinishedAt, Now.UtcDateTime.AddSeconds(3)));
        }
        page.WaitForAssertion(() => page.Find("[data-testid=batch-row]").GetAttribute("data-batch-status").ShouldBe("Succeeded"), TimeSpan.FromSeconds(10));
        page.Find("[data-testid=rows-accepted]").TextContent.ShouldBe("1,234");
        snackbars.WaitForAssertion(() => snackbars.Markup.ShouldContain("1,234 rows stored"));
    }

    [Fact]
    public async Task A_stored_cost_report_leads_to_its_reconciliation_and_a_usage_log_does_not()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        IngestionBatch Stored(string format) => new()
        {
            FileName = "file",
            Format = format,
            CreatedBy = "admin",
            Status = IngestionStatus.Succeeded,
            RowsAccepted = 3,
            StartedAt = Now.UtcDateTime,
            FinishedAt = Now.UtcDateTime.AddSeconds(1),
        };

        var report = harness.Context.Render<BatchStatus>(p => p.Add(b => b.Batch, Stored(Core.Usage.Formats.AnthropicCostReport.Format)));
        var usage = harness.Context.Render<BatchStatus>(p => p.Add(b => b.Batch, Stored(Core.Usage.UsageCsv.Format)));

        var costs = harness.Context.Render<BatchStatus>(p => p.Add(b => b.Batch, Stored(Core.Usage.Formats.OpenAiCosts.Format)));

        report.Find("[data-testid=batch-reconcile]").GetAttribute("href").ShouldBe("/reconciliation");
        costs.Find("[data-testid=batch-reconcile]").GetAttribute("href").ShouldBe("/reconciliation");
        usage.FindAll("[data-testid=batch-reconcile]").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_bill_is_summed_as_what_it_charged_and_a_usage_log_as_its_tokens_priced_both_ways()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        IngestionBatch Stored(string format, decimal tokenCost, decimal computeCost) => new()
        {
            FileName = "file",
            Format = format,
            CreatedBy = "admin",
            Status = IngestionStatus.Succeeded,
            RowsAccepted = 3,
            InputTokens = format == Core.Usage.UsageCsv.Format ? 1_200 : 0,
            OutputTokens = format == Core.Usage.UsageCsv.Format ? 300 : 0,
            TokenCost = tokenCost,
            ComputeCost = computeCost,
            StartedAt = Now.UtcDateTime,
            FinishedAt = Now.UtcDateTime.AddSeconds(1),
        };
        string Summary(IngestionBatch batch) =>
            harness.Context.Render<BatchStatus>(p => p.Add(b => b.Batch, batch)).Find("[data-testid=batch-summary]").TextContent.Trim();

        Summary(Stored(Core.Usage.Formats.AnthropicCostReport.Format, 28_311.85m, 0m)).ShouldBe("3 billed lines: $28,311.85 charged");
        Summary(Stored(Core.Usage.Formats.ComputeUsageCsv.Format, 0m, 960m)).ShouldBe("3 billed lines: $960.00 charged, $960.00 of it for compute time");
        Summary(Stored(Core.Usage.UsageCsv.Format, 0.42m, 0.10m)).ShouldBe("1,200 in / 300 out tokens; $0.42 per token, $0.10 compute time");
    }

    [Fact]
    public async Task Batches_are_paged_newest_first_and_searched_by_file_and_status_in_the_database()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        Authorize(harness);
        harness.Context.Render<MudPopoverProvider>();
        await harness.SeedAsync(db =>
        {
            for (var i = 1; i <= 25; i++)
            {
                db.IngestionBatches.Add(new IngestionBatch
                {
                    FileName = i % 5 == 0 ? $"gateway_{i}.csv" : $"usage-{i}.csv",
                    Format = "usage-csv",
                    CreatedBy = "admin",
                    CreatedAt = Now.UtcDateTime.AddMinutes(i),
                    Status = i == 7 ? IngestionStatus.Failed : IngestionStatus.Succeeded,
                    Error = i == 7 ? "line 3: no timestamp" : null,
                });
            }
        });
        var page = harness.Context.Render<IngestionPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=batch-row]").Count.ShouldBe(20));
        page.Find("[data-testid=batch-row]").TextContent.ShouldBe("#25");

        // An underscore is matched as itself, not as any character.
        page.Find("input[data-testid=batch-search]").Input("gateway_");
        page.WaitForAssertion(() => page.FindAll("[data-testid=batch-row]").Select(r => r.TextContent).ShouldBe(["#25", "#20", "#15", "#10", "#5"]),
            TimeSpan.FromSeconds(5));

        page.Find("input[data-testid=batch-search]").Input("");
        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Status").Instance
            .ValueChanged.InvokeAsync(nameof(IngestionStatus.Failed)));
        page.WaitForAssertion(() => page.FindAll("[data-testid=batch-row]").ShouldHaveSingleItem().TextContent.ShouldBe("#7"), TimeSpan.FromSeconds(5));
        page.Find("[data-testid=batch-error]").TextContent.ShouldBe("line 3: no timestamp");

        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Status").Instance
            .ValueChanged.InvokeAsync(nameof(IngestionStatus.Running)));
        page.WaitForAssertion(() => page.Find("[data-testid=batches-empty]").TextContent.ShouldBe("No batch matches these filters."));
    }

    [Fact]
    public async Task A_wrong_mapping_is_explained_at_the_form_and_a_deleted_one_asks_first()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        Authorize(harness);
        var dialogs = harness.Context.Render<MudDialogProvider>();
        var page = harness.Context.Render<IngestionPage>();
        page.WaitForElement("[data-testid=batches-empty]");

        void Type(string testId, string text) => page.Find($"input[data-testid={testId}], textarea[data-testid={testId}]").Change(text);
        Type("mapping-name", "gateway");
        Type("mapping-columns", "tokens_in=prompt_tokens");
        await page.Find("[data-testid=save-mapping]").ClickAsync(new());
        page.WaitForElement("[data-testid=mapping-message]").TextContent.ShouldContain("'tokens_in' is not a usage field");

        Type("mapping-columns", "timestamp=ts\nteam=svc\nmodel=llm\ninput_tokens=prompt_tokens\noutput_tokens=completion_tokens");
        Type("mapping-constants", "provider=openai");
        await page.Find("[data-testid=save-mapping]").ClickAsync(new());
        page.WaitForAssertion(() => page.Find("[data-testid=mappings]").TextContent.ShouldContain("gateway"));

        var delete = page.Find("[aria-label='Delete the mapping gateway']").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog").TextContent.ShouldContain("files already ingested with it keep their rows");
        await dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").ClickAsync(new());
        await delete;
        page.WaitForAssertion(() => page.FindAll("[data-testid=mappings]").ShouldBeEmpty());
    }

    [Fact]
    public void Only_admins_may_open_it()
    {
        var policy = typeof(IngestionPage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().Single().Policy;
        policy.ShouldBe(AppPolicies.Administer);
    }

    private static void Authorize(PageHarness harness) =>
        harness.Context.AddAuthorization().SetAuthorized("admin@example.com").SetRoles(AppRoles.Admin).SetPolicies(AppPolicies.Administer);
}
