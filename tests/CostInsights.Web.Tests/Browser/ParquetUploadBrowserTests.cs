using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using CostInsights.Testing;
using Microsoft.Playwright;

namespace CostInsights.Web.Tests.Browser;

/// <summary>An admin uploads a cloud's FOCUS bill exported as Parquet on the Ingestion page and sees it read.</summary>
public sealed class ParquetUploadBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_uploads_a_FOCUS_bill_in_Parquet_and_its_lines_are_stored_with_a_note_of_what_was_left_out()
    {
        Require.Chromium();
        var admin = DemoUsers.All.Single(u => u.Role == AppRoles.Admin);
        var page = await browser.SignedInPageAsync(admin.Email, admin.Password);
        var file = Path.Combine(Directory.CreateTempSubdirectory("costinsights-parquet").FullName, "focus-bill.parquet");
        var csv = await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "samples", "focus-bill.csv"));
        await File.WriteAllBytesAsync(file, await ParquetFiles.FromCsvAsync(csv, tags: true));

        await BrowserFixture.GotoInteractiveAsync(page, "/ingestion");
        (await page.GetByTestId("usage-upload").Locator("input[type=file]").GetAttributeAsync("accept")).ShouldNotBeNull().ShouldContain(".parquet");
        await page.GetByTestId("usage-upload").Locator("input[type=file]").SetInputFilesAsync(file);
        await page.GetByTestId("usage-upload-send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("upload-message")).ToContainTextAsync("is queued as batch");

        var row = page.Locator("tr:has([data-testid=batch-row])").First;
        await Assertions.Expect(row.Locator("[data-testid=batch-row]")).ToHaveAttributeAsync("data-batch-status", "Succeeded", new() { Timeout = 30_000 });
        (await row.Locator("[data-testid=rows-accepted]").InnerTextAsync()).ShouldBe("5");
        (await row.Locator("[data-testid=batch-notes]").InnerTextAsync()).ShouldContain("read from Parquet, leaving out its nested or binary columns (Tags)");
        await Assertions.Expect(row.Locator("[data-testid=batch-summary]")).ToContainTextAsync("5 billed lines");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "ingestion-after-parquet.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
