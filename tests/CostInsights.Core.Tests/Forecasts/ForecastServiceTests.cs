using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CostInsights.Core.Tests.Forecasts;

public sealed class ForecastServiceTests
{
    private static readonly DateTime Now = new(2026, 11, 15, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime PriceCut = new(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// 30 months to October 2026 for two teams on two models: gpt-4o at $2.50 / $10 per 1M, and
    /// claude at $3 / $15 with a price announced to halve from March 2027.
    /// </summary>
    private static async Task<(CostInsightsDbContext Db, FixedTimeProvider Time)> SeedAsync(TestDatabase database)
    {
        var db = await database.MigratedContextAsync();
        var time = new FixedTimeProvider(Now);
        var sheets = new PriceSheetService(db, time, new RepriceRequests());
        var start = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        await sheets.SaveAsync("list", "csv", null, "test",
        [
            new TokenPrice { Provider = "openai", Model = "gpt-4o", EffectiveFrom = start, InputPerMillion = 2.5m, OutputPerMillion = 10m },
            new TokenPrice { Provider = "anthropic", Model = "claude", EffectiveFrom = start, InputPerMillion = 3m, OutputPerMillion = 15m },
        ], [], PriceSheetStatus.Active, CancellationToken.None);
        await sheets.SaveAsync("announced", "csv", null, "test",
            [new TokenPrice { Provider = "anthropic", Model = "claude", EffectiveFrom = PriceCut, InputPerMillion = 1.5m, OutputPerMillion = 7.5m }],
            [], PriceSheetStatus.Active, CancellationToken.None);
        for (var i = 0; i < 30; i++)
        {
            var month = start.AddMonths(i);
            foreach (var (provider, model, team, input, inputRate, outputRate) in new[]
            {
                ("openai", "gpt-4o", "support", 100_000_000L + 5_000_000L * i, 2.5m, 10m),
                ("openai", "gpt-4o", "search", 40_000_000L + 2_000_000L * i, 2.5m, 10m),
                ("anthropic", "claude", "support", 60_000_000L + 1_000_000L * i, 3m, 15m),
            })
            {
                var output = input / 5;
                db.MonthlyRollups.Add(new MonthlyRollup
                {
                    PeriodStart = month,
                    Provider = provider,
                    Model = model,
                    Team = team,
                    InputTokens = input,
                    OutputTokens = output,
                    Requests = input / 2_000,
                    RecordCount = 1,
                    TokenPriceSheetId = 1,
                    TokenCost = (input * inputRate + output * outputRate) / 1_000_000m,
                });
            }
        }
        await db.SaveChangesAsync();
        return (db, time);
    }

    private static ForecastService Service(CostInsightsDbContext db, TimeProvider time) =>
        new(db, time, Options.Create(new ForecastOptions()), NullLogger<ForecastService>.Instance);

    private static async Task<Dictionary<(string Series, string Measure), IReadOnlyList<ForecastPoint>>> LatestAsync(CostInsightsDbContext db)
    {
        var latest = await db.ForecastRuns.MaxAsync(r => r.CreatedAt);
        return (await db.ForecastRuns.Where(r => r.CreatedAt == latest).ToListAsync())
            .ToDictionary(r => (r.Series, r.Measure), r => ForecastPoint.Deserialize(r.PointsJson));
    }

    [Fact]
    public async Task Every_series_is_forecast_twelve_months_from_the_current_one_with_ordered_bands()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (db, time) = await SeedAsync(database);
        await using var _ = db;
        var summary = await Service(db, time).RunAsync(CancellationToken.None);

        // total, 2 providers, 2 models, 2 teams, 3 provider × team.
        summary.Series.ShouldBe(10);
        summary.FirstMonth.ShouldBe(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
        var runs = await LatestAsync(db);
        runs.Keys.Select(k => k.Series).Distinct().Count().ShouldBe(10);
        runs.Keys.ShouldContain((SeriesKeys.Team("support"), ForecastMeasures.TokenSpend));
        runs.Keys.ShouldNotContain((SeriesKeys.Total, ForecastMeasures.ComputeSpend));
        foreach (var points in runs.Values)
        {
            points.Count.ShouldBe(12);
            points[0].Month.ShouldBe(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
            points.ShouldAllBe(p => p.Lower95 <= p.Lower80 && p.Lower80 <= p.Point && p.Point <= p.Upper80 && p.Upper80 <= p.Upper95 && p.Lower95 >= 0);
        }
        // A steady linear growth continues: October 2026 had 245M input tokens for support on gpt-4o.
        runs[(SeriesKeys.ProviderTeam("openai", "support"), ForecastMeasures.InputTokens)][0].Point.ShouldBeInRange(235_000_000m, 265_000_000m);
        var row = await db.ForecastRuns.FirstAsync(r => r.Series == SeriesKeys.Total && r.Measure == ForecastMeasures.InputTokens);
        row.MethodReason.ShouldNotBeNullOrWhiteSpace();
        row.BacktestMape.ShouldNotBeNull();
        // The year's total gets an interval from the run's backtests, on every measure, spend included.
        var rows = await db.ForecastRuns.AsNoTracking().Where(r => r.Series == SeriesKeys.Total).ToListAsync();
        rows.ShouldAllBe(r => r.TotalShare80 > 0 && r.TotalShare95 > 0);
        var spend = rows.Single(r => r.Measure == ForecastMeasures.TokenSpend);
        var months = ForecastPoint.Deserialize(spend.PointsJson);
        var total = ForecastTotal.Of(months, spend.TotalShare80, spend.TotalShare95);
        total.Point.ShouldBe(months.Sum(p => p.Point));
        total.Lower95.ShouldNotBeNull().ShouldBeLessThan(total.Lower80!.Value);
        total.Lower80.Value.ShouldBeLessThan(total.Point);
        total.Upper80.ShouldNotBeNull().ShouldBeGreaterThan(total.Point);
        total.Upper95.ShouldNotBeNull().ShouldBeGreaterThan(total.Upper80.Value);
    }

    [Fact]
    public async Task The_parts_of_each_dimension_add_up_to_the_total_every_month()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (db, time) = await SeedAsync(database);
        await using var _ = db;
        await Service(db, time).RunAsync(CancellationToken.None);
        var runs = await LatestAsync(db);
        foreach (var measure in new[] { ForecastMeasures.InputTokens, ForecastMeasures.Requests, ForecastMeasures.TokenSpend })
        {
            var total = runs[(SeriesKeys.Total, measure)];
            foreach (var dimension in SeriesKeys.Dimensions)
            {
                var parts = runs.Where(r => r.Key.Measure == measure && SeriesKeys.DimensionOf(r.Key.Series) == dimension).ToList();
                parts.Count.ShouldBeGreaterThan(1);
                for (var h = 0; h < 12; h++)
                {
                    parts.Sum(p => p.Value[h].Point).ShouldBe(total[h].Point, total[h].Point * 0.000001m + 0.01m, $"{dimension} {measure} month {h}");
                }
            }
        }
    }

    [Fact]
    public async Task Spend_follows_an_announced_price_cut_and_matches_list_prices_before_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (db, time) = await SeedAsync(database);
        await using var _ = db;
        await Service(db, time).RunAsync(CancellationToken.None);
        var runs = await LatestAsync(db);
        var claude = SeriesKeys.Model("anthropic", "claude");
        var input = runs[(claude, ForecastMeasures.InputTokens)];
        var output = runs[(claude, ForecastMeasures.OutputTokens)];
        var spend = runs[(claude, ForecastMeasures.TokenSpend)];
        // February 2027 (h = 3) at $3 / $15 per 1M; March (h = 4) at half that, from the announced sheet.
        spend[3].Point.ShouldBe((input[3].Point * 3m + output[3].Point * 15m) / 1_000_000m, 0.05m);
        spend[4].Point.ShouldBe((input[4].Point * 1.5m + output[4].Point * 7.5m) / 1_000_000m, 0.05m);
        spend[4].Point.ShouldBeLessThan(spend[3].Point * 0.6m);
    }

    [Fact]
    public async Task Runs_are_kept_and_no_usage_means_nothing_to_forecast()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var empty = await database.MigratedContextAsync())
        {
            var nothing = await Service(empty, new FixedTimeProvider(Now)).RunAsync(CancellationToken.None);
            nothing.Series.ShouldBe(0);
            (await empty.ForecastRuns.CountAsync()).ShouldBe(0);
        }
        var (db, time) = await SeedAsync(database);
        await using var _ = db;
        await Service(db, time).RunAsync(CancellationToken.None);
        time.Now = time.Now.AddDays(20);
        await Service(db, time).RunAsync(CancellationToken.None);
        (await db.ForecastRuns.Select(r => r.CreatedAt).Distinct().CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Two_runs_within_one_tick_of_the_clock_are_kept_apart()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (db, time) = await SeedAsync(database);
        await using var _ = db;

        var first = await Service(db, time).RunAsync(CancellationToken.None);
        var second = await Service(db, time).RunAsync(CancellationToken.None);

        second.CreatedAt.ShouldBeGreaterThan(first.CreatedAt);
        var newest = await db.ForecastRuns.Where(r => r.CreatedAt == second.CreatedAt).Select(r => new { r.Series, r.Measure }).ToListAsync();
        newest.Count.ShouldBe(newest.Distinct().Count());
    }
}
