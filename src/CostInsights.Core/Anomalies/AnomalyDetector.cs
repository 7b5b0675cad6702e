using CostInsights.Core.Data;
using CostInsights.Core.Scenarios;
using CostInsights.Core.Spend;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Anomalies;

/// <summary>
/// Flags days whose spend falls far outside the expected band: the median of the same weekday over
/// the previous eight weeks, plus or minus four robust standard deviations (1.4826 × the median
/// absolute deviation, and at least 5% of the median so that a very regular series is not flagged for
/// noise). Each flagged day names the team and model that moved most against their own weekday median.
/// Reads daily spend by team and model from the spend read model (hourly rollups); a day is flagged once.
/// </summary>
public sealed class AnomalyDetector(CostInsightsDbContext db, TimeProvider time)
{
    public const int Weeks = 8;
    private const double Width = 4;
    private const decimal MinimumSpread = 0.05m;

    /// <summary>Checks each complete day of the last <paramref name="days"/>; returns the anomalies written.</summary>
    public async Task<IReadOnlyList<SpendAnomaly>> ScanAsync(int days, CancellationToken cancellationToken)
    {
        var today = time.GetUtcNow().UtcDateTime.Date;
        var first = today.AddDays(-days);
        var from = first.AddDays(-7 * Weeks);
        var rows = (await new SpendReadModel(db).ReadAsync(new SpendQuery(new UsageFilter(from, today), SpendGrain.Day, SpendDimension.Team,
                ThenBy: SpendDimension.Model), cancellationToken))
            .ToDictionary(r => (Day: r.Period, Team: r.Key, Model: r.SubKey), r => r.Sum.TokenCost);
        var daily = rows.GroupBy(r => r.Key.Day).ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
        var known = (await db.SpendAnomalies.AsNoTracking().Where(a => a.Day >= first).Select(a => a.Day).ToListAsync(cancellationToken)).ToHashSet();
        var found = new List<SpendAnomaly>();
        for (var day = first; day < today; day = day.AddDays(1))
        {
            var history = SameWeekday(day).Select(d => daily.GetValueOrDefault(d)).ToList();
            // A weekday seen fewer than four times before has no usual yet.
            if (known.Contains(day) || history.Count(v => v > 0) < 4)
            {
                continue;
            }
            var spend = daily.GetValueOrDefault(day);
            var (median, spread) = Band(history);
            var (lower, upper) = (Math.Max(0, median - (decimal)Width * spread), median + (decimal)Width * spread);
            if (spend >= lower && spend <= upper)
            {
                continue;
            }
            var mover = rows.Keys.Where(k => k.Day == day || SameWeekday(day).Contains(k.Day))
                .Select(k => (k.Team, k.Model)).Distinct()
                .Select(s => (Series: s, Moved: rows.GetValueOrDefault((day, s.Team, s.Model))
                    - Median([.. SameWeekday(day).Select(d => rows.GetValueOrDefault((d, s.Team, s.Model)))])))
                .MaxBy(m => Math.Abs(m.Moved));
            var model = ModelRef.TryParse(mover.Series.Model);
            found.Add(new SpendAnomaly
            {
                Day = day,
                Spend = spend,
                Expected = median,
                Lower = Math.Round(lower, 2),
                Upper = Math.Round(upper, 2),
                Team = mover.Series.Team,
                Provider = model?.Provider ?? "",
                Model = model?.Model ?? mover.Series.Model,
                Moved = mover.Moved,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            });
        }
        db.SpendAnomalies.AddRange(found);
        await db.SaveChangesAsync(cancellationToken);
        return found;
    }

    private static IEnumerable<DateTime> SameWeekday(DateTime day) => Enumerable.Range(1, Weeks).Select(w => day.AddDays(-7 * w));

    /// <summary>The median, and a robust standard deviation: 1.4826 × the median absolute deviation, at least 5% of the median.</summary>
    internal static (decimal Median, decimal Spread) Band(IReadOnlyList<decimal> values)
    {
        var median = Median(values);
        var mad = Median([.. values.Select(v => Math.Abs(v - median))]);
        return (median, Math.Max(1.4826m * mad, MinimumSpread * median));
    }

    private static decimal Median(IReadOnlyList<decimal> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
