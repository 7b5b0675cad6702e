using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Forecasts;

public sealed class ForecastRunQueriesTests
{
    private static readonly DateTime Earlier = new(2026, 5, 2, 4, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Newer = new(2026, 6, 2, 4, 0, 0, DateTimeKind.Utc);

    private static ForecastRun Row(DateTime at, string series) => new()
    {
        CreatedAt = at,
        Series = series,
        Measure = ForecastMeasures.TokenSpend,
        Method = "test",
        FirstMonth = new DateTime(at.Year, at.Month, 1, 0, 0, 0, DateTimeKind.Utc),
        HorizonMonths = 1,
        PointsJson = "[]",
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_newest_run_is_the_latest_stored_and_its_rows_are_its_own(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = await database.MigratedContextAsync();
        (await db.ForecastRuns.NewestRunAtAsync(CancellationToken.None)).ShouldBeNull("no run yet");

        db.ForecastRuns.AddRange(Row(Earlier, SeriesKeys.Total), Row(Earlier, SeriesKeys.Team("support")), Row(Newer, SeriesKeys.Total),
            Row(Newer.AddMilliseconds(-1), SeriesKeys.Team("search")));
        await db.SaveChangesAsync();

        var newest = await db.ForecastRuns.NewestRunAtAsync(CancellationToken.None);
        newest.ShouldBe(Newer);
        (await db.ForecastRuns.OfRun(Newer).Select(r => r.Series).ToListAsync()).ShouldBe([SeriesKeys.Total]);
        (await db.ForecastRuns.OfRun(Earlier).Select(r => r.Series).OrderBy(s => s).ToListAsync())
            .ShouldBe([SeriesKeys.Team("support"), SeriesKeys.Total]);
    }
}
