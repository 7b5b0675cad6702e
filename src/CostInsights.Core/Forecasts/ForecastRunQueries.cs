using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Forecasts;

/// <summary>
/// A forecast run is the rows stored at one time, one for each series and measure; the newest run is what every page, export and
/// check reads.
/// </summary>
public static class ForecastRunQueries
{
    /// <summary>When the newest run was stored; null before the first.</summary>
    public static Task<DateTime?> NewestRunAtAsync(this IQueryable<ForecastRun> rows, CancellationToken cancellationToken) =>
        rows.MaxAsync(r => (DateTime?)r.CreatedAt, cancellationToken);

    /// <summary>The rows of the run stored at <paramref name="runAt"/>.</summary>
    public static IQueryable<ForecastRun> OfRun(this IQueryable<ForecastRun> rows, DateTime runAt) => rows.Where(r => r.CreatedAt == runAt);
}
