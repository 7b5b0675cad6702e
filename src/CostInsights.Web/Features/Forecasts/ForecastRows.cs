using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Forecasts;

/// <summary>One month of a stored forecast, as the API and the exports give it.</summary>
public sealed record ForecastRow(string Series, string Measure, string Month, decimal Point, decimal Lower80, decimal Upper80, decimal Lower95,
    decimal Upper95, string Method, DateTime RunAt);

/// <summary>
/// The total of a stored forecast's months, as the API and the exports give it: its intervals are the total's own, as the Forecasts
/// page gives them, not its months' added up, and are null where the run calibrated none.
/// </summary>
public sealed record ForecastTotalRow(string Series, string Measure, string FirstMonth, string LastMonth, int Months, decimal Total,
    decimal? Lower80, decimal? Upper80, decimal? Lower95, decimal? Upper95, string Method, DateTime RunAt);

/// <summary>A series of the newest forecast run, every measure, month by month and in total.</summary>
public sealed record ForecastRows(IReadOnlyList<ForecastRow> Months, IReadOnlyList<ForecastTotalRow> Totals)
{
    public static readonly string[] MonthHeaders =
        ["series", "measure", "month", "point", "lower_80", "upper_80", "lower_95", "upper_95", "method", "run_at_utc"];

    public static readonly string[] TotalHeaders =
        ["series", "measure", "first_month", "last_month", "months", "total", "lower_80", "upper_80", "lower_95", "upper_95", "method", "run_at_utc"];

    /// <summary>The series in the newest run; null when the series is not in it.</summary>
    public static async Task<ForecastRows?> LoadAsync(CostInsightsDbContext db, string series, CancellationToken cancellationToken)
    {
        var runs = await db.ForecastRuns.NewestRunAtAsync(cancellationToken) is not { } runAt ? [] : await db.ForecastRuns.AsNoTracking()
            .OfRun(runAt).Where(r => r.Series == series)
            .ToListAsync(cancellationToken);
        if (runs.Count == 0)
        {
            return null;
        }
        var measures = ForecastMeasures.All.ToList();
        var months = new List<ForecastRow>();
        var totals = new List<ForecastTotalRow>();
        foreach (var run in runs.OrderBy(r => measures.IndexOf(r.Measure)))
        {
            // Money to the cent; tokens and requests are whole.
            var digits = ForecastMeasures.IsMoney(run.Measure) ? 2 : 0;
            decimal Round(decimal value) => Math.Round(value, digits);
            decimal? RoundSome(decimal? value) => value is { } v ? Round(v) : null;
            var points = ForecastPoint.Deserialize(run.PointsJson);
            months.AddRange(points.Select(p => new ForecastRow(run.Series, run.Measure, Label(p.Month), Round(p.Point), Round(p.Lower80),
                Round(p.Upper80), Round(p.Lower95), Round(p.Upper95), run.Method, run.CreatedAt)));
            if (points.Count > 0)
            {
                var total = ForecastTotal.Of(points, run.TotalShare80, run.TotalShare95);
                totals.Add(new ForecastTotalRow(run.Series, run.Measure, Label(points[0].Month), Label(points[^1].Month), points.Count,
                    Round(total.Point), RoundSome(total.Lower80), RoundSome(total.Upper80), RoundSome(total.Lower95), RoundSome(total.Upper95),
                    run.Method, run.CreatedAt));
            }
        }
        return new ForecastRows(months, totals);
    }

    private static string Label(DateTime month) => month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
