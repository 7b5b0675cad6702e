using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CostInsights.Core.Csv;
using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Forecasts;
using CostInsights.Web.Features.Shell;
using CostInsights.Web.Tests.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Forecasts;

public sealed partial class ForecastsPageTests(DemoWebAppFixture app) : IClassFixture<DemoWebAppFixture>
{
    private static readonly SemaphoreSlim Once = new(1, 1);

    /// <summary>Starts the forecast job from the page, as finance, and waits for its run to be stored.</summary>
    private async Task<DateTime> RunFromThePageAsync()
    {
        await Once.WaitAsync();
        try
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
            if (await db.ForecastRuns.MaxAsync(r => (DateTime?)r.CreatedAt) is { } existing)
            {
                return existing;
            }
            using var finance = await app.SignedInAsync(AppRoles.Finance);
            var response = await finance.PostFormAsync("/forecasts", "", [], action: "/forecasts/run");
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            response.Headers.Location!.ToString().ShouldBe("/forecasts?started=1");
            for (var i = 0; i < 240; i++)
            {
                if (await db.ForecastRuns.MaxAsync(r => (DateTime?)r.CreatedAt) is { } created)
                {
                    return created;
                }
                await Task.Delay(250);
            }
            throw new TimeoutException("the forecast job stored no run within a minute");
        }
        finally
        {
            Once.Release();
        }
    }

    [Fact]
    public async Task The_job_forecasts_the_demo_data_and_finance_sees_the_chart_with_bands()
    {
        var runAt = await RunFromThePageAsync();
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var page = await finance.GetPageAsync("/forecasts");

        page.ShouldNotContain("forecasts-empty");
        // The chart's series and bands are read from the drawn chart by ForecastBrowserTests.
        page.ShouldContain("id=\"forecast-chart\"");
        page.ShouldContain("data-testid=\"forecast-method\"");
        // The library's short names are spelled out, in the method line and in the table of other methods.
        page.ShouldContain("Method: <strong>Automatic, on the forecast volumes at their prices</strong>. The median of ");
        page.ShouldContain("<td>Seasonal naive (the same month a year before)</td>");
        page.ShouldNotContain("lightgbm on volumes");
        // 23 closed months are backtested (from half of them), so the page can say how far off the method was there.
        page.ShouldContain("Tested on this series");
        // The backtest's error is stated once, in that line, not again in the method's reason.
        OffBy().Matches(page).Count.ShouldBe(1);
        page.ShouldContain("its intervals are calibrated on forecasts of the series&#x27; last");
        page.ShouldMatch(@"calibrated on forecasts of the series&#x27; last \d+ months from");
        page.ShouldNotContain("too short to test");
        Rows().Matches(page).Count.ShouldBe(12);
        // Demo months are 2024-06 to 2026-05 (this month, not closed): the forecast starts with May 2026.
        page.ShouldContain("data-month=\"2026-05\"");
        page.ShouldContain("data-month=\"2027-04\"");

        // The page's twelve-month total is the stored total forecast's.
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
        var total = await db.ForecastRuns.SingleAsync(r => r.CreatedAt == runAt && r.Series == SeriesKeys.Total && r.Measure == ForecastMeasures.TokenSpend);
        var sum = ForecastPoint.Deserialize(total.PointsJson).Sum(p => p.Point);
        Sum().Match(page).Groups[1].Value.ShouldBe(sum.ToString("$#,##0.00", CultureInfo.InvariantCulture));
        // And its interval, from the share of the months' reaches the run's backtests calibrated.
        var interval = ForecastTotal.Of(ForecastPoint.Deserialize(total.PointsJson), total.TotalShare80, total.TotalShare95);
        interval.HasIntervals.ShouldBeTrue();
        System.Net.WebUtility.HtmlDecode(page).ShouldContain(string.Create(CultureInfo.InvariantCulture,
            $"data-testid=\"forecast-sum-80\">{Math.Round(interval.Lower80!.Value, 2):$#,##0.00} – {Math.Round(interval.Upper80!.Value, 2):$#,##0.00}<"));
    }

    [Fact]
    public async Task Teams_add_up_to_the_total_on_the_page()
    {
        var runAt = await RunFromThePageAsync();
        using var scope = app.Services.CreateScope();
        var query = scope.ServiceProvider.GetRequiredService<ForecastsQuery>();
        var series = await query.SeriesAsync(runAt, CancellationToken.None);
        var teams = series.Where(s => SeriesKeys.DimensionOf(s) == "team").ToList();
        teams.Count.ShouldBeGreaterThan(1);
        var total = (await query.LoadAsync(runAt, SeriesKeys.Total, ForecastMeasures.TokenSpend, false, CancellationToken.None))!;
        var parts = new List<SeriesForecast>();
        foreach (var team in teams)
        {
            parts.Add((await query.LoadAsync(runAt, team, ForecastMeasures.TokenSpend, false, CancellationToken.None))!);
        }
        for (var h = 0; h < total.Points.Count; h++)
        {
            Math.Round(parts.Sum(p => p.Points[h].Point), 2).ShouldBe(Math.Round(total.Points[h].Point, 2), 0.02m);
        }
    }

    [Fact]
    public async Task The_exports_open_as_csv_and_xlsx_with_every_measure_and_month()
    {
        await RunFromThePageAsync();
        using var finance = await app.SignedInAsync(AppRoles.Finance);

        var csv = await finance.GetAsync("/forecasts/export?series=total&format=csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        // Read back with the product's own CSV reader (RFC 4180 quoting).
        var table = new CsvStreamReader(new StringReader(await csv.Content.ReadAsStringAsync())).ReadAll().Select(r => r.Fields).ToList();
        table[0].ShouldBe(["series", "measure", "month", "point", "lower_80", "upper_80", "lower_95", "upper_95", "method", "run_at_utc"]);
        var measures = table.Skip(1).Select(r => r[1]).Distinct().ToList();
        measures.ShouldContain(ForecastMeasures.TokenSpend);
        measures.ShouldContain(ForecastMeasures.InputTokens);
        table.Count.ShouldBe(1 + 12 * measures.Count);
        foreach (var cells in table.Skip(1))
        {
            cells.Count.ShouldBe(10);
            decimal.Parse(cells[5], CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(decimal.Parse(cells[3], CultureInfo.InvariantCulture));
        }

        var xlsx = await finance.GetAsync("/forecasts/export?series=total&format=xlsx");
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var zip = new ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        zip.GetEntry("[Content_Types].xml").ShouldNotBeNull();
        zip.GetEntry("xl/workbook.xml").ShouldNotBeNull();
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        await using var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var rows = XDocument.Load(sheet).Descendants(ns + "row").ToList();
        rows.Count.ShouldBe(table.Count);
        rows[0].Descendants(ns + "t").Select(t => t.Value).ShouldBe(table[0]);
        rows[1].Elements(ns + "c").ElementAt(3).Element(ns + "v")!.Value.ShouldBe(table[1][3]);
        rows[1].Elements(ns + "c").ElementAt(8).Descendants(ns + "t").Single().Value.ShouldBe(table[1][8]);

        // The workbook's second sheet has each measure's total with the total's own intervals, the API's figures.
        await using (var workbook = zip.GetEntry("xl/workbook.xml")!.Open())
        {
            XDocument.Load(workbook).Descendants(ns + "sheet").Select(e => e.Attribute("name")!.Value).ShouldBe(["Forecast", "Total"]);
        }
        await using var second = zip.GetEntry("xl/worksheets/sheet2.xml")!.Open();
        var totalRows = XDocument.Load(second).Descendants(ns + "row").ToList();
        totalRows[0].Descendants(ns + "t").Select(t => t.Value).ShouldBe(ForecastRows.TotalHeaders);
        totalRows.Count.ShouldBe(1 + measures.Count);
        var totals = await (await finance.GetAsync("/api/forecast-totals/total")).Content.ReadFromJsonAsync<List<ForecastTotalRow>>();
        var spend = totalRows.Single(r => r.Elements(ns + "c").ElementAt(1).Descendants(ns + "t").Single().Value == ForecastMeasures.TokenSpend);
        decimal Cell(int i) => decimal.Parse(spend.Elements(ns + "c").ElementAt(i).Element(ns + "v")!.Value, CultureInfo.InvariantCulture);
        var expected = totals.ShouldNotBeNull().Single(t => t.Measure == ForecastMeasures.TokenSpend);
        (Cell(4), Cell(5), Cell(6), Cell(7)).ShouldBe((12m, expected.Total, expected.Lower80!.Value, expected.Upper80!.Value));
    }

    [Fact]
    public async Task The_api_gives_each_measure_s_total_with_the_interval_the_page_shows()
    {
        await RunFromThePageAsync();
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var totals = await (await finance.GetAsync("/api/forecast-totals/total")).Content.ReadFromJsonAsync<List<ForecastTotalRow>>();
        var months = await (await finance.GetAsync("/api/forecasts/total")).Content.ReadFromJsonAsync<List<ForecastRow>>();

        totals.ShouldNotBeNull().Select(t => t.Measure).ShouldBe(months.ShouldNotBeNull().Select(m => m.Measure).Distinct());
        var spend = totals.Single(t => t.Measure == ForecastMeasures.TokenSpend);
        var spendMonths = months.Where(m => m.Measure == ForecastMeasures.TokenSpend).ToList();
        (spend.FirstMonth, spend.LastMonth, spend.Months).ShouldBe((spendMonths[0].Month, spendMonths[^1].Month, 12));
        spend.Total.ShouldBe(spendMonths.Sum(m => m.Point), 0.06m, "the months are rounded to the cent, the total once");
        // Narrower than the months' bounds added up, and the Forecasts page's own.
        (spend.Lower95, spend.Lower80, spend.Upper80, spend.Upper95).ShouldSatisfyAllConditions(
            b => b.Lower95.ShouldNotBeNull().ShouldBeLessThan(b.Lower80!.Value),
            b => b.Lower80!.Value.ShouldBeInRange(spendMonths.Sum(m => m.Lower80), spend.Total),
            b => b.Upper80!.Value.ShouldBeInRange(spend.Total, spendMonths.Sum(m => m.Upper80)),
            b => b.Upper95!.Value.ShouldBeGreaterThan(b.Upper80!.Value));
        var page = WebUtility.HtmlDecode(await finance.GetPageAsync("/forecasts?series=total&measure=token-spend"));
        page.ShouldContain($"data-testid=\"forecast-sum-80\">{Money.Usd(spend.Lower80!.Value)} – {Money.Usd(spend.Upper80!.Value)}<");

        var csv = await (await finance.GetAsync("/api/forecast-totals/total?format=csv")).Content.ReadAsStringAsync();
        var table = new CsvStreamReader(new StringReader(csv)).ReadAll().Select(r => r.Fields).ToList();
        table[0].ShouldBe(ForecastRows.TotalHeaders);
        table.Count.ShouldBe(1 + totals.Count);
        (await finance.GetAsync("/api/forecast-totals/team:nobody")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var anonymous = app.NewClient();
        (await anonymous.GetAsync("/api/forecast-totals/total")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_page_exports_the_measure_it_shows_with_whole_tokens_and_xlsx_months_and_dollars_formatted()
    {
        await RunFromThePageAsync();
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        (await finance.GetPageAsync("/forecasts?series=total&measure=input-tokens"))
            .ShouldContain("/forecasts/export?series=total&amp;measure=input-tokens&amp;format=csv");

        var export = await finance.GetAsync("/forecasts/export?series=total&measure=input-tokens&format=csv");
        var tokens = new CsvStreamReader(new StringReader(await export.Content.ReadAsStringAsync())).ReadAll().Select(r => r.Fields).ToList();
        tokens.Count.ShouldBe(13);
        tokens.Skip(1).ShouldAllBe(r => r[1] == ForecastMeasures.InputTokens);
        tokens.Skip(1).ShouldAllBe(r => !r[3].Contains('.') && !r[4].Contains('.'));

        var xlsx = await finance.GetAsync("/forecasts/export?series=total&measure=token-spend&format=xlsx");
        using var zip = new ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        await using (var styles = zip.GetEntry("xl/styles.xml")!.Open())
        {
            var formats = XDocument.Load(styles).Descendants(ns + "numFmt")
                .ToDictionary(f => f.Attribute("numFmtId")!.Value, f => f.Attribute("formatCode")!.Value);
            formats["164"].ShouldBe("mmm yyyy");
            formats["165"].ShouldBe("\"$\"#,##0.00");
        }
        await using var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var rows = XDocument.Load(sheet).Descendants(ns + "row").ToList();
        rows.Count.ShouldBe(13);
        var month = rows[1].Elements(ns + "c").ElementAt(2);
        month.Attribute("s")!.Value.ShouldBe("1");
        DateTime.FromOADate(double.Parse(month.Element(ns + "v")!.Value, CultureInfo.InvariantCulture)).ShouldBe(new DateTime(2026, 5, 1));
        var point = rows[1].Elements(ns + "c").ElementAt(3);
        point.Attribute("s")!.Value.ShouldBe("2");
        decimal.Parse(point.Element(ns + "v")!.Value, CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_api_gives_a_series_as_json_and_csv_to_readers_only()
    {
        await RunFromThePageAsync();
        using var manager = await app.SignedInAsync(AppRoles.EngineeringManager);
        var rows = await (await manager.GetAsync("/api/forecasts/total")).Content.ReadFromJsonAsync<List<ForecastRow>>();
        rows.ShouldNotBeNull();
        rows.Count(r => r.Measure == ForecastMeasures.TokenSpend).ShouldBe(12);
        rows.ShouldAllBe(r => r.Lower95 <= r.Point && r.Point <= r.Upper95);
        (await manager.GetAsync("/api/forecasts/total?format=csv")).Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");

        var missing = await manager.GetAsync("/api/forecasts/team:nobody");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("provider-team:P/T");

        using var anonymous = app.NewClient();
        (await anonymous.GetAsync("/api/forecasts/total")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Starting a run is for finance and admins.
        var start = await manager.PostFormAsync("/forecasts", "", [], action: "/forecasts/run");
        start.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        if (start.StatusCode == HttpStatusCode.Redirect)
        {
            start.Headers.Location!.ToString().ShouldNotContain("started");
        }
    }

    [GeneratedRegex("<tr data-month=\"\\d{4}-\\d{2}\">")]
    private static partial Regex Rows();

    [GeneratedRegex("off by \\d+% on average")]
    private static partial Regex OffBy();

    [GeneratedRegex("data-testid=\"forecast-sum\">([^<]+)<")]
    private static partial Regex Sum();
}
