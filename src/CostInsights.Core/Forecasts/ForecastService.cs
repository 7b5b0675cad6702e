using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using CostInsights.Forecasting.Auto;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostInsights.Core.Forecasts;

/// <summary>What a forecast run did.</summary>
public sealed record ForecastRunSummary(DateTime CreatedAt, int Series, int HorizonMonths, DateTime? FirstMonth)
{
    /// <summary>The run in words, with the budget alerts the check after it wrote, as the Jobs page shows it.</summary>
    public string Describe(int alerts) => Series == 0
        ? "no usage to forecast yet"
        : $"{Series} series forecast {HorizonMonths} months ahead" + (alerts > 0 ? $"; {Amounts.Count(alerts, "budget alert")} written" : "");
}

/// <summary>
/// A forecast run: reads the monthly rollups of complete months, forecasts each series' volumes
/// with the automatic method on both cores, reconciles each dimension's parts to the total, derives
/// spend under both billing schemes, and stores every series and measure under one run time. Old
/// runs are kept.
/// </summary>
public sealed partial class ForecastService(CostInsightsDbContext db, TimeProvider time, IOptions<ForecastOptions> options, ILogger<ForecastService> logger)
{
    /// <summary>What a spend forecast's method adds to its volumes' method: the volumes were forecast, then priced.</summary>
    public const string PricedVolumes = " on volumes, priced";

    private static readonly double[] Levels = [80, 95];
    private const int MixMonths = 3;
    private const int Season = 12;

    public async Task<ForecastRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var horizon = options.Value.HorizonMonths;
        var firstMonth = RollupAccumulator.MonthOf(now);
        var lastActual = firstMonth.AddMonths(-1);
        var from = firstMonth.AddMonths(-options.Value.HistoryMonths);
        var leaves = await db.MonthlyRollups.AsNoTracking()
            .Where(r => r.PeriodStart >= from && r.PeriodStart < firstMonth)
            .Select(r => new MonthlyLeaf(r.PeriodStart, r.Provider, r.Model, r.Team, r.InputTokens, r.OutputTokens, r.CachedInputTokens, r.Requests,
                r.TokenCost, r.ComputeCost))
            .ToListAsync(cancellationToken);
        if (leaves.Count == 0)
        {
            return new ForecastRunSummary(now, 0, horizon, null);
        }

        var series = new Dictionary<string, SeriesHistory>(StringComparer.Ordinal);
        foreach (var leaf in leaves)
        {
            foreach (var key in leaf.Series())
            {
                if (!series.TryGetValue(key, out var history))
                {
                    series[key] = history = new SeriesHistory(key);
                }
                history.Add(leaf);
            }
        }

        var volumes = ForecastVolumes(series.Values, lastActual, horizon, cancellationToken);
        Reconcile(volumes, series.Keys, ForecastMeasures.Volumes);
        var prices = await PricesInForce.LoadAsync(db, cancellationToken);
        var mixFrom = lastActual.AddMonths(1 - MixMonths);
        foreach (var history in series.Values)
        {
            var spend = new SpendModel(prices, [.. history.Leaves.Where(l => l.Month >= mixFrom)]);
            var basis = volumes[(history.Key, ForecastMeasures.InputTokens)];
            volumes[(history.Key, ForecastMeasures.TokenSpend)] = basis with
            {
                Method = basis.Method + PricedVolumes,
                Points = Derive(history.Key, volumes, (month, v) => spend.TokenSpend(month, v[0], v[1], v[2], v[3])),
            };
            if (spend.HasComputeSpend)
            {
                volumes[(history.Key, ForecastMeasures.ComputeSpend)] = basis with
                {
                    Method = basis.Method + PricedVolumes,
                    Points = Derive(history.Key, volumes, (_, v) => spend.ComputeSpend(v[0], v[1])!.Value),
                };
            }
        }
        // Prices are per model, so the total's spend is the sum of its models'; the other dimensions follow it.
        foreach (var measure in new[] { ForecastMeasures.TokenSpend, ForecastMeasures.ComputeSpend })
        {
            MatchTotalToModels(volumes, series.Keys, measure);
        }
        Reconcile(volumes, series.Keys, [ForecastMeasures.TokenSpend, ForecastMeasures.ComputeSpend]);

        // A run is known by its time, so it never takes the time of the run before it (two runs within one tick of the clock).
        var stamp = await db.ForecastRuns.NewestRunAtAsync(cancellationToken) is { } latest && latest >= now
            ? latest.AddMilliseconds(1) : now;
        db.ForecastRuns.AddRange(volumes.Select(v => new ForecastRun
        {
            CreatedAt = stamp,
            Series = v.Key.Series,
            Measure = v.Key.Measure,
            Method = v.Value.Method,
            MethodReason = v.Value.Reason,
            BacktestMape = v.Value.BacktestError,
            FirstMonth = firstMonth,
            HorizonMonths = horizon,
            PointsJson = ForecastPoint.Serialize(v.Value.Points),
            TotalShare80 = Share(v.Value, 80),
            TotalShare95 = Share(v.Value, 95),
        }));
        await db.SaveChangesAsync(cancellationToken);
        LogRun(logger, series.Count, horizon, time.GetElapsedTime(started).TotalSeconds);
        return new ForecastRunSummary(stamp, series.Count, horizon, firstMonth);
    }

    private sealed record MeasureForecast(string Method, string Reason, double? BacktestError, IReadOnlyList<ForecastPoint> Points,
        IReadOnlyDictionary<double, double>? TotalShares);

    private static double? Share(MeasureForecast forecast, double level) =>
        forecast.TotalShares is { } shares && shares.TryGetValue(level, out var share) ? share : null;

    /// <summary>Every series' four volumes, forecast together: in parallel, their intervals calibrated on all their backtests.</summary>
    private static Dictionary<(string Series, string Measure), MeasureForecast> ForecastVolumes(
        IEnumerable<SeriesHistory> series, DateTime lastActual, int horizon, CancellationToken cancellationToken)
    {
        var work = series.SelectMany(s => ForecastMeasures.Volumes.Select(m => (History: s, Measure: m))).ToList();
        var forecasts = AutoForecaster.ForecastAll([.. work.Select(item => item.History.Values(item.Measure, lastActual))], Season, horizon, Levels,
            nonNegative: true, period: "month", cancellationToken: cancellationToken);
        return work.Zip(forecasts).ToDictionary(p => (p.First.History.Key, p.First.Measure), p =>
        {
            var (auto, f) = (p.Second, p.Second.Forecast);
            var points = Enumerable.Range(0, horizon).Select(h => new ForecastPoint(lastActual.AddMonths(h + 1),
                ToDecimal(f.Points[h]), ToDecimal(f.At(80).Lower[h]), ToDecimal(f.At(80).Upper[h]), ToDecimal(f.At(95).Lower[h]), ToDecimal(f.At(95).Upper[h])))
                    .ToList();
            return new MeasureForecast(auto.Method, auto.Reason, auto.BacktestError, points, f.TotalShares);
        });
    }

    /// <summary>A derived measure at the point and at each bound: the volumes are taken to move together.</summary>
    private static List<ForecastPoint> Derive(
        string series, Dictionary<(string Series, string Measure), MeasureForecast> volumes, Func<DateTime, decimal[], decimal> value)
    {
        var parts = ForecastMeasures.Volumes.Select(m => volumes[(series, m)].Points).ToList();
        return [.. parts[0].Select((p, h) =>
        {
            decimal At(Func<ForecastPoint, decimal> pick) => value(p.Month, [.. parts.Select(part => pick(part[h]))]);
            return new ForecastPoint(p.Month, At(x => x.Point), At(x => x.Lower80), At(x => x.Upper80), At(x => x.Lower95), At(x => x.Upper95));
        })];
    }

    /// <summary>Scales the total's points and bounds, month by month, so that its point is the sum of its models' points.</summary>
    private static void MatchTotalToModels(Dictionary<(string Series, string Measure), MeasureForecast> forecasts, IEnumerable<string> series, string measure)
    {
        if (!forecasts.TryGetValue((SeriesKeys.Total, measure), out var total))
        {
            return;
        }
        var models = series.Where(k => SeriesKeys.DimensionOf(k) == "model" && forecasts.ContainsKey((k, measure))).ToList();
        forecasts[(SeriesKeys.Total, measure)] = total with
        {
            Points = [.. total.Points.Select((p, h) =>
            {
                var sum = models.Sum(k => forecasts[(k, measure)].Points[h].Point);
                return p.Point > 0 ? p.Scale(sum / p.Point) : p;
            })],
        };
    }

    /// <summary>
    /// Proportional reconciliation: in each dimension, each month's parts are scaled, bounds with
    /// their point, so that their points sum to the total's.
    /// </summary>
    private static void Reconcile(Dictionary<(string Series, string Measure), MeasureForecast> forecasts, IEnumerable<string> series,
        IEnumerable<string> measures)
    {
        var keys = series.ToList();
        foreach (var measure in measures)
        {
            if (!forecasts.TryGetValue((SeriesKeys.Total, measure), out var total))
            {
                continue;
            }
            foreach (var dimension in SeriesKeys.Dimensions)
            {
                var parts = keys.Where(k => SeriesKeys.DimensionOf(k) == dimension && forecasts.ContainsKey((k, measure))).ToList();
                // Each month's factor first, then each part scaled once.
                var factors = total.Points.Select((p, h) => parts.Sum(k => forecasts[(k, measure)].Points[h].Point) is var sum and > 0 ? p.Point / sum : 1m)
                    .ToList();
                foreach (var part in parts)
                {
                    var forecast = forecasts[(part, measure)];
                    forecasts[(part, measure)] = forecast with { Points = [.. forecast.Points.Select((p, h) => factors[h] == 1m ? p : p.Scale(factors[h]))] };
                }
            }
        }
    }

    private static decimal ToDecimal(double value) => double.IsFinite(value) ? (decimal)Math.Round(Math.Max(0, value), 6) : 0m;

    [LoggerMessage(Level = LogLevel.Information, Message = "Forecast {Series} series {Horizon} months ahead in {Seconds:0.0} s")]
    private static partial void LogRun(ILogger logger, int series, int horizon, double seconds);
}
