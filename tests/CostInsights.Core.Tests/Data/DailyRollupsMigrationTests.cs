using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Core.Tests.Data;

/// <summary>The daily rollups of a database that had only hourly ones are filled from them, to the cent and in UTC days.</summary>
public sealed class DailyRollupsMigrationTests
{
    private static readonly DateTime Day = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Days_are_summed_from_the_hours_already_stored(DatabaseProvider provider)
    {
        // A session far from UTC: a day must still be a UTC day.
        await using var database = await TestDatabase.CreateAsync(provider, provider == DatabaseProvider.Postgres ? "Pacific/Kiritimati" : null);
        await using var db = database.NewContext();
        await db.GetService<IMigrator>().MigrateAsync("20261202010000_QuartzTablesDropped");
        HourlyRollup Hour(DateTime at, string team, decimal cost, decimal? compute) => new()
        {
            PeriodStart = at,
            Provider = "openai",
            Model = "gpt-4o",
            Team = team,
            InputTokens = 10,
            Requests = 2,
            RecordCount = 3,
            TokenCost = cost,
            TokenPriceSheetId = 1,
            ComputeCost = compute,
        };
        db.HourlyRollups.AddRange(
            Hour(Day, "a", 0.0000001m, 1.1m), Hour(Day.AddHours(23), "a", 0.3333333m, null), Hour(Day.AddDays(1), "a", 5m, null),
            Hour(Day.AddHours(13), "b", 0.1m, null));
        await db.SaveChangesAsync();

        await db.Database.MigrateAsync();

        var days = (await db.DailyRollups.AsNoTracking().ToListAsync()).OrderBy(d => d.PeriodStart).ThenBy(d => d.Team).ToList();
        days.Select(d => (d.PeriodStart, d.Team, d.TokenCost, d.ComputeCost, d.RecordCount, d.InputTokens, d.Requests)).ShouldBe(
        [
            (Day, "a", 0.3333334m, 1.1m, 6L, 20L, 4L),
            (Day, "b", 0.1m, null, 3L, 10L, 2L),
            (Day.AddDays(1), "a", 5m, null, 3L, 10L, 2L),
        ]);
        days.ShouldAllBe(d => d.PeriodStart.Kind == DateTimeKind.Utc && d.TokenPriceSheetId == 1);
    }
}
