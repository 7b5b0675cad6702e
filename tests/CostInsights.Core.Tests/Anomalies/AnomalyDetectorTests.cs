using CostInsights.Core.Anomalies;
using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Anomalies;

public sealed class AnomalyDetectorTests
{
    private static readonly DateTime Today = new(2026, 5, 20, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Planted = Today.AddDays(-3);

    /// <summary>
    /// Ten weeks of hourly spend: weekdays about $100 a day and weekends $40, split between support on
    /// gpt-4o and search on claude, with a little noise; on the planted day search's claude spend triples.
    /// </summary>
    private static async Task<CostInsightsDbContext> SeedAsync(TestDatabase database)
    {
        var db = await database.MigratedContextAsync();
        var random = new Random(5);
        for (var day = Today.AddDays(-70); day < Today; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            foreach (var (team, provider, model, share) in new[] { ("support", "openai", "gpt-4o", 0.6m), ("search", "anthropic", "claude", 0.4m) })
            {
                var spend = (weekend ? 40m : 100m) * share * (0.95m + 0.1m * (decimal)random.NextDouble());
                if (day == Planted && team == "search")
                {
                    spend *= 3;
                }
                for (var hour = 9; hour < 13; hour++)
                {
                    db.HourlyRollups.Add(new HourlyRollup
                    {
                        PeriodStart = day.AddHours(hour),
                        Provider = provider,
                        Model = model,
                        Team = team,
                        TokenCost = Math.Round(spend / 4, 6),
                        InputTokens = 1,
                        RecordCount = 1,
                    });
                }
                db.DailyRollups.Add(new DailyRollup
                {
                    PeriodStart = day,
                    Provider = provider,
                    Model = model,
                    Team = team,
                    TokenCost = 4 * Math.Round(spend / 4, 6),
                    InputTokens = 4,
                    RecordCount = 4,
                });
            }
        }
        await db.SaveChangesAsync();
        return db;
    }

    [Fact]
    public async Task A_planted_spike_is_found_with_the_team_and_model_that_moved_and_normal_days_are_not()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = await SeedAsync(database);
        var detector = new AnomalyDetector(db, new FixedTimeProvider(new DateTimeOffset(Today.AddHours(5))));

        var found = await detector.ScanAsync(14, CancellationToken.None);

        var anomaly = found.ShouldHaveSingleItem();
        anomaly.Day.ShouldBe(Planted);
        (anomaly.Team, anomaly.Provider, anomaly.Model).ShouldBe(("search", "anthropic", "claude"));
        anomaly.Spend.ShouldBeGreaterThan(anomaly.Upper);
        // Search's claude spend is about $40 on a weekday (the planted day is a Sunday: $16); it moved by about twice that.
        anomaly.Moved.ShouldBeGreaterThan(0);
        anomaly.Expected.ShouldBeInRange(anomaly.Lower, anomaly.Upper);
        // Scanning again writes nothing more.
        (await detector.ScanAsync(14, CancellationToken.None)).ShouldBeEmpty();
        (await db.SpendAnomalies.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public void The_band_is_the_median_and_a_robust_spread_never_narrower_than_five_percent()
    {
        // Sorted 98, 100, 101, 102, 150: median 101; absolute deviations 0, 1, 1, 3, 49 → MAD 1,
        // × 1.4826 = 1.4826, under 5% of 101, so 5.05.
        AnomalyDetector.Band([100m, 98m, 102m, 101m, 150m]).ShouldBe((101m, 5.05m));
        // Median 100; deviations 0, 10, 10, 20, 20 → MAD 10 → 14.826.
        AnomalyDetector.Band([100m, 90m, 110m, 80m, 120m]).ShouldBe((100m, 14.826m));
    }
}
