using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Usage;
using CostInsights.Forecasting.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Forecasts;

/// <summary>One month of actuals.</summary>
public sealed record ActualMonth(DateTime Month, decimal Value);

/// <summary>What an earlier run said of a month that has since closed.</summary>
public sealed record PastForecast(DateTime MadeAt, DateTime Month, decimal Forecast, decimal Lower80, decimal Upper80, decimal Actual);

/// <summary>Another method's forecast of the same history, for comparison.</summary>
public sealed record AlternativeForecast(string Method, IReadOnlyList<decimal> Points);

/// <summary>The newest run's forecast of one series and measure, the total of its months, and the history it came from.</summary>
public sealed record SeriesForecast(
    string Series, string Measure, DateTime RunAt, string Method, string? Reason, double? BacktestError,
    IReadOnlyList<ForecastPoint> Points, ForecastTotal Total, IReadOnlyList<ActualMonth> History, IReadOnlyList<PastForecast> Past,
    IReadOnlyList<AlternativeForecast> Alternatives);

/// <summary>The newest price sheet activated after a run, and how many were: the run priced its months without them.</summary>
public sealed record NewerPrices(string Name, int Version, DateTime ActivatedAt, int Sheets);

/// <summary>
/// What the Forecasts page shows: the newest run (null before the first), its series, the series
/// and measure chosen (the total's token spend unless the address names others), their forecast,
/// and the price sheets activated since the run.
/// </summary>
public sealed record ForecastsView(DateTime? RunAt, IReadOnlyList<string> Series, string Selected, string Measure, SeriesForecast? Forecast,
    NewerPrices? NewerPrices = null);

/// <summary>Reads forecast runs, and the actuals beside them from the monthly rollups; one context per call.</summary>
public sealed class ForecastsQuery(IDbContextFactory<CostInsightsDbContext> contexts, TimeProvider time)
{
    public const int HistoryShown = 24;
    private static readonly string[] Comparisons = ["snaive", "drift", "ets", "arima", "theta", "damped"];

    public async Task<ForecastsView> ViewAsync(string? series, string? measure, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var chosenMeasure = measure is { } m && ForecastMeasures.All.Contains(m) ? m : ForecastMeasures.TokenSpend;
        if (await db.ForecastRuns.NewestRunAtAsync(cancellationToken) is not { } runAt)
        {
            return new ForecastsView(null, [], SeriesKeys.Total, chosenMeasure, null);
        }
        var all = await SeriesAsync(db, runAt, cancellationToken);
        var chosen = series is { } s && all.Contains(s) ? s : SeriesKeys.Total;
        return new ForecastsView(runAt, all, chosen, chosenMeasure, await LoadAsync(db, runAt, chosen, chosenMeasure, true, cancellationToken),
            await NewerPricesAsync(db, runAt, cancellationToken));
    }

    private static async Task<NewerPrices?> NewerPricesAsync(CostInsightsDbContext db, DateTime runAt, CancellationToken cancellationToken)
    {
        var since = await db.PriceSheets.AsNoTracking().Where(s => s.ActivatedAt > runAt).OrderByDescending(s => s.ActivatedAt)
            .Select(s => new { s.Name, s.Version, ActivatedAt = s.ActivatedAt!.Value }).ToListAsync(cancellationToken);
        return since.Count == 0 ? null : new NewerPrices(since[0].Name, since[0].Version, since[0].ActivatedAt, since.Count);
    }

    /// <summary>The series of the newest run, the total first, then by dimension and name.</summary>
    public async Task<IReadOnlyList<string>> SeriesAsync(DateTime runAt, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await SeriesAsync(db, runAt, cancellationToken);
    }

    public async Task<SeriesForecast?> LoadAsync(DateTime runAt, string series, string measure, bool withAlternatives, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, runAt, series, measure, withAlternatives, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> SeriesAsync(CostInsightsDbContext db, DateTime runAt, CancellationToken cancellationToken)
    {
        var series = await db.ForecastRuns.AsNoTracking().OfRun(runAt)
            .Where(r => r.Measure == ForecastMeasures.TokenSpend)
            .Select(r => r.Series)
            .ToListAsync(cancellationToken);
        return [.. series.OrderBy(s => s == SeriesKeys.Total ? 0 : SeriesKeys.Dimensions.ToList().IndexOf(SeriesKeys.DimensionOf(s)) + 1)
            .ThenBy(s => s, StringComparer.Ordinal)];
    }

    private async Task<SeriesForecast?> LoadAsync(CostInsightsDbContext db, DateTime runAt, string series, string measure, bool withAlternatives,
        CancellationToken cancellationToken)
    {
        var run = await db.ForecastRuns.AsNoTracking().OfRun(runAt)
            .FirstOrDefaultAsync(r => r.Series == series && r.Measure == measure, cancellationToken);
        if (run is null)
        {
            return null;
        }
        var points = ForecastPoint.Deserialize(run.PointsJson);
        var current = RollupAccumulator.MonthOf(time.GetUtcNow().UtcDateTime);
        var actuals = await ActualsAsync(db, series, measure, current.AddMonths(-HistoryShown), current, cancellationToken);
        var history = Enumerable.Range(0, HistoryShown).Select(i => current.AddMonths(i - HistoryShown))
            .Select(m => new ActualMonth(m, actuals.GetValueOrDefault(m)))
            .SkipWhile(a => a.Value == 0)
            .ToList();
        var past = await PastAsync(db, runAt, series, measure, actuals, cancellationToken);
        var alternatives = withAlternatives && history.Count > 0 ? Alternatives(history, points.Count) : [];
        return new SeriesForecast(series, measure, runAt, run.Method, run.MethodReason, run.BacktestMape, points,
            ForecastTotal.Of(points, run.TotalShare80, run.TotalShare95), history, past, alternatives);
    }

    /// <summary>Earlier runs' forecasts of months that have closed since, against what happened.</summary>
    private static async Task<List<PastForecast>> PastAsync(CostInsightsDbContext db, DateTime runAt, string series, string measure,
        Dictionary<DateTime, decimal> actuals, CancellationToken cancellationToken)
    {
        var earlier = await db.ForecastRuns.AsNoTracking()
            .Where(r => r.CreatedAt < runAt && r.Series == series && r.Measure == measure)
            .OrderByDescending(r => r.CreatedAt)
            .Take(12)
            .Select(r => new { r.CreatedAt, r.PointsJson })
            .ToListAsync(cancellationToken);
        return [.. earlier.SelectMany(r => ForecastPoint.Deserialize(r.PointsJson)
                .Where(p => actuals.ContainsKey(p.Month))
                .Select(p => new PastForecast(r.CreatedAt, p.Month, p.Point, p.Lower80, p.Upper80, actuals[p.Month])))
            .OrderByDescending(p => p.Month).ThenByDescending(p => p.MadeAt)];
    }

    private static List<AlternativeForecast> Alternatives(IReadOnlyList<ActualMonth> history, int horizon)
    {
        var values = history.Select(h => (double)h.Value).ToArray();
        var result = new List<AlternativeForecast>();
        foreach (var name in Comparisons)
        {
            if (values.Length < Evaluator.Needs[name].MinimumHistory(12))
            {
                continue;
            }
            try
            {
                var f = Evaluator.Methods[name](values, 12, horizon, [80]);
                result.Add(new AlternativeForecast(name, [.. f.Points.Select(p => double.IsFinite(p) ? (decimal)Math.Round(Math.Max(0, p), 2) : 0m)]));
            }
            catch (ArgumentException)
            {
                // A method that cannot fit this history is left out of the comparison.
            }
        }
        return result;
    }

    /// <summary>The measure's monthly actuals for the series, from the monthly rollups only.</summary>
    private static async Task<Dictionary<DateTime, decimal>> ActualsAsync(CostInsightsDbContext db,
        string series, string measure, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var rows = Filter(db.MonthlyRollups.AsNoTracking().Where(r => r.PeriodStart >= from && r.PeriodStart < to), series)
            .Select(r => new { r.PeriodStart, r.InputTokens, r.OutputTokens, r.CachedInputTokens, r.Requests, r.TokenCost, r.ComputeCost });
        // Money is summed here, exactly, not in SQL: SQLite keeps decimals as text.
        return (await rows.ToListAsync(cancellationToken)).GroupBy(r => r.PeriodStart).ToDictionary(g => g.Key, g => measure switch
        {
            ForecastMeasures.InputTokens => g.Sum(r => (decimal)r.InputTokens),
            ForecastMeasures.OutputTokens => g.Sum(r => (decimal)r.OutputTokens),
            ForecastMeasures.CachedInputTokens => g.Sum(r => (decimal)r.CachedInputTokens),
            ForecastMeasures.Requests => g.Sum(r => (decimal)r.Requests),
            ForecastMeasures.ComputeSpend => g.Sum(r => r.ComputeCost ?? 0m),
            _ => g.Sum(r => r.TokenCost),
        });
    }

    private static IQueryable<MonthlyRollup> Filter(IQueryable<MonthlyRollup> rollups, string series)
    {
        var value = series[(series.IndexOf(':') + 1)..];
        // Provider names never hold a slash; model and team names may.
        var (first, rest) = value.IndexOf('/') is var slash and >= 0 ? (value[..slash], value[(slash + 1)..]) : (value, "");
        return SeriesKeys.DimensionOf(series) switch
        {
            "provider" => rollups.Where(r => r.Provider == value),
            "model" => rollups.Where(r => r.Provider == first && r.Model == rest),
            "team" => rollups.Where(r => r.Team == value),
            "provider-team" => rollups.Where(r => r.Provider == first && r.Team == rest),
            _ => rollups,
        };
    }
}
