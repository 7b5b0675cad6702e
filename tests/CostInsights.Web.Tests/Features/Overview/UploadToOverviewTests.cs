using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CostInsights.Core.Usage;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Features.Overview;
using CostInsights.Web.Features.Shell;
using CostInsights.Web.Features.Shell.Charts;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Overview;

/// <summary>
/// The slice end to end over HTTP: an admin uploads a price sheet and a usage file, the job
/// ingests it, and the Overview and the costs API show the sums of the rows times their prices.
/// </summary>
public abstract partial class UploadToOverviewTests<TFixture>(TFixture app) where TFixture : WebAppFixture
{
    protected abstract void RequireServer();

    [Fact]
    public async Task Uploaded_rows_times_their_prices_are_what_the_overview_and_the_api_show()
    {
        RequireServer();
        using var admin = await app.SignedInAsync(AppRoles.Admin);

        var sheet = await admin.UploadPriceSheetAsync(new() { ["name"] = "list prices" },
            ("file", "prices.csv", Uploads.PriceSheet));
        var preview = await AppClient.DraftPageAsync(sheet);
        var draft = await admin.GetPageAsync(preview);
        draft.ShouldContain("list prices v1");
        draft.ShouldContain("4 added");
        (await Uploads.ActivateAsync(app.Services, preview)).ShouldBe("Activated. No usage already priced is affected.");

        var upload = await admin.UploadUsageAsync([], ("file", "usage-e2e.csv", Uploads.Usage));
        (await upload.Content.ReadAsStringAsync()).ShouldContain("usage-e2e.csv is queued as batch");
        var batch = await Uploads.WaitForBatchAsync(app.Services, "usage-e2e.csv");
        (batch.RowsAccepted, batch.RowsRejected, batch.RowsUnpriced).ShouldBe((6L, 3L, 1L));

        var ingestion = await admin.GetPageAsync($"/ingestion?batch={batch.Id}");
        foreach (var expected in new[]
                 {
                     "<td class=\"num\">8</td><td>input_tokens</td><td>-4 is negative",
                     "<td class=\"num\">9</td><td>timestamp</td><td>&#x27;not-a-date&#x27; is not a date",
                     "<td class=\"num\">10</td><td>output_tokens</td><td>&#x27;ten&#x27; is not a whole number",
                 })
        {
            ingestion.ShouldContain(expected);
        }
        // The model without a price is stored, listed for an admin to price, and costs nothing until then.
        ingestion.ShouldContain("data-testid=\"unpriced-models\"");
        ingestion.ShouldContain("<td>openai</td><td>gpt-9</td><td class=\"num\">1</td>");
        var rejected = await admin.GetAsync($"/ingestion/batches/{batch.Id}/rejected.csv");
        (await rejected.Content.ReadAsStringAsync()).ShouldContain("usage-e2e.csv,9,timestamp,\"'not-a-date' is not a date");

        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var overview = await finance.GetPageAsync("/");
        overview.ShouldContain("1 usage records of 1 Jun 2025 to ");
        overview.ShouldContain(" have no price yet");

        var table = ReadTable(overview);
        foreach (var month in new[] { "2026-03", "2026-04", "2026-05" })
        {
            var expected = Uploads.ExpectedSpend.Where(e => e.Key.Month == month).Sum(e => e.Value);
            table[month].ShouldBe(expected, $"total of {month}");
        }
        ReadKpi(overview, "kpi-month-to-date").ShouldBe(8.60m);

        // What the stacked chart is given to draw: the same amounts by provider and month.
        using (var scope = app.Services.CreateScope())
        {
            var today = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.Date;
            var (from, to) = Periods.Resolve(Periods.Find("last-12")!, today);
            var chart = OverviewCharts.ByProvider(await scope.ServiceProvider.GetRequiredService<OverviewQuery>()
                .LoadAsync(new UsageFilter(from, to), CancellationToken.None));
            chart.Y.Unit.ShouldBe(AxisUnit.Usd);
            foreach (var series in chart.Series)
            {
                series.Points.Count.ShouldBe(12);
                series.Points[^1].X.AsDate().ShouldBe(new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc));
                foreach (var (month, index) in new[] { ("2026-03", 9), ("2026-04", 10), ("2026-05", 11) })
                {
                    series.Points[index].Y.ShouldBe(Uploads.ExpectedSpend.GetValueOrDefault((month, series.Name)), $"{series.Name} in {month}");
                }
            }
        }

        var costs = await (await finance.GetAsync("/api/costs?by=provider")).Content.ReadFromJsonAsync<List<JsonElement>>();
        costs!.Select(c => (c.GetProperty("month").GetString(), c.GetProperty("key").GetString(), c.GetProperty("tokenCost").GetDecimal()))
            .ShouldBe(Uploads.ExpectedSpend.Select(e => ((string?)e.Key.Month, (string?)e.Key.Provider, e.Value))
                .OrderBy(e => e.Item1).ThenBy(e => e.Item2, StringComparer.Ordinal));

        // The same file again: nothing is counted twice.
        await admin.UploadUsageAsync([], ("file", "usage-e2e-again.csv", Uploads.Usage));
        var again = await Uploads.WaitForBatchAsync(app.Services, "usage-e2e-again.csv");
        (again.RowsAccepted, again.RowsDuplicate, again.RowsRejected).ShouldBe((0L, 6L, 3L));
        ReadTable(await finance.GetPageAsync("/"))["2026-04"].ShouldBe(14.05m);
    }

    [Fact]
    public async Task A_bad_price_sheet_is_refused_whole_with_every_reason()
    {
        RequireServer();
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var response = await admin.UploadPriceSheetAsync([],
            ("file", "broken.csv", "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\nopenai,gpt-x,abc,1,,2026-01-01\n"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("The price sheet was not stored.");
        page.ShouldContain("broken.csv, line 2, column input_per_1m: \u0027abc\u0027 is not a number");
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_refused_before_it_is_read()
    {
        RequireServer();
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var big = "timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens\n"
            + string.Concat(Enumerable.Repeat("2026-05-01T00:00:00Z,openai,gpt-4o,t,1,1,0\n", 12_000));
        big.Length.ShouldBeGreaterThan((int)WebAppFixture.MaxUploadBytes + 64 * 1024);
        var response = await admin.UploadUsageAsync([], ("file", "big.csv", big));
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Uploads are limited to 256 KB");
    }

    private static Dictionary<string, decimal> ReadTable(string page) =>
        MonthRow().Matches(page).ToDictionary(m => m.Groups[1].Value, m => ParseUsd(m.Groups[2].Value));

    private static decimal ReadKpi(string page, string testId) =>
        ParseUsd(Regex.Match(page, $"data-testid=\"{testId}\"[^>]*>([^<]+)<").Groups[1].Value);

    private static decimal ParseUsd(string text) =>
        decimal.Parse(text.Replace("$", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex("data-month=\"(\\d{4}-\\d{2})\">.*?data-testid=\"month-total\">([^<]+)<", RegexOptions.Singleline)]
    private static partial Regex MonthRow();
}

public sealed class SqliteUploadToOverviewTests(SqliteWebAppFixture app)
    : UploadToOverviewTests<SqliteWebAppFixture>(app), IClassFixture<SqliteWebAppFixture>
{
    protected override void RequireServer() { }
}

public sealed class PostgresUploadToOverviewTests(PostgresWebAppFixture app)
    : UploadToOverviewTests<PostgresWebAppFixture>(app), IClassFixture<PostgresWebAppFixture>
{
    protected override void RequireServer() => Require.Postgres();
}
