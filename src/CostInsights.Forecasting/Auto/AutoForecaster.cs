using CostInsights.Forecasting.Baselines;
using CostInsights.Forecasting.Ensembles;
using CostInsights.Forecasting.Smoothing;
using CostInsights.Forecasting.Theta;

namespace CostInsights.Forecasting.Auto;

/// <summary>What the automatic method forecast, with which method, and why.</summary>
public sealed record AutoForecast(Forecast Forecast, string Method, string Reason);

/// <summary>
/// The automatic method. With enough history it backtests candidates (the ETS-and-Theta ensemble,
/// ETS chosen by AICc, Theta, damped trend) from a rolling origin on the series' own past, keeps the
/// ensemble unless another candidate was clearly better there, and widens the intervals by how far
/// the backtest errors exceeded what the method expected. Short histories fall back gracefully:
/// one period gives a flat forecast, a few give drift. It never throws for a finite series and never
/// returns NaN.
/// </summary>
public static class AutoForecaster
{
    /// <summary>Another candidate replaces the ensemble only when its backtest error is this much lower.</summary>
    private const double Margin = 0.5;

    public static AutoForecast Forecast(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (history.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("The history holds a value that is not a finite number.", nameof(history));
        }
        var n = history.Count;
        if (n == 0)
        {
            var zero = new double[horizon];
            return new AutoForecast(new Forecast("flat", zero, [.. levels.Select(l => new PredictionInterval(l, zero, zero))]), "flat",
                "no history yet: nothing is forecast until the first period is in");
        }
        if (n == 1)
        {
            var flat = Enumerable.Repeat(history[0], horizon).ToArray();
            return new AutoForecast(new Forecast("flat", flat, [.. levels.Select(l => new PredictionInterval(l, flat, flat))]), "flat",
                "one period of history: the forecast repeats it, and no interval can be estimated yet");
        }
        if (n < 6)
        {
            return new AutoForecast(Baseline.NaiveWithDrift(history, horizon, levels, nonNegative), "drift",
                $"{n} periods of history: too few to fit a smoothing model, so the last value is extended by the average change");
        }
        if (n < 2 * season + 2)
        {
            var damped = DampedTrend.Forecast(history, 1, horizon, levels, nonNegative);
            return new AutoForecast(damped, "damped trend", $"{n} periods of history: fewer than two seasons, so a damped trend without seasonality");
        }

        // Backtest from the origin n − h on the series' own past.
        var backtest = Math.Min(horizon, Math.Max(season, n / 4));
        var train = history.Take(n - backtest).ToArray();
        var actual = history.Skip(n - backtest).ToArray();
        var candidates = Candidates();
        var scores = new Dictionary<string, (double Error, double Scale)>();
        foreach (var (name, method) in candidates)
        {
            try
            {
                var f = method(train, season, backtest, [95]);
                var error = actual.Select((y, i) => Math.Abs(y - f.Points[i])).Average();
                // How many of the method's own standard deviations the errors were, at the median.
                var z = actual.Select((y, i) => Math.Abs(y - f.Points[i]) / Math.Max(1e-12, (f.At(95).Upper[i] - f.At(95).Lower[i]) / (2 * 1.959964))).Order().ToArray();
                scores[name] = (error, z[z.Length / 2] / 0.6745);
            }
            catch (ArgumentException)
            {
                // A candidate that cannot fit the shorter history does not compete.
            }
        }
        var chosen = Ensemble;
        var reason = "ETS chosen by AICc averaged with Theta, the combination that forecasts best across benchmarks";
        if (scores.TryGetValue(Ensemble, out var ensembleScore))
        {
            var best = scores.MinBy(s => s.Value.Error);
            if (best.Key != Ensemble && best.Value.Error < Margin * ensembleScore.Error)
            {
                chosen = best.Key;
                reason = $"over the last {backtest} periods {best.Key} was off by {Percent(best.Value.Error, actual)} on average against {Percent(ensembleScore.Error, actual)} for the ETS and Theta average";
            }
            else
            {
                reason = $"{reason}; over the last {backtest} periods it was off by {Percent(ensembleScore.Error, actual)} on average";
            }
        }
        var forecast = candidates[chosen](history, season, horizon, levels);
        var widen = scores.TryGetValue(chosen, out var score) ? Math.Clamp(score.Scale, 0.5, 3) : 1;
        return new AutoForecast(Widen(forecast, widen, nonNegative), chosen, reason);
    }

    private const string Ensemble = "ets+theta";

    private static Dictionary<string, Evaluation.ForecastMethod> Candidates() => new(StringComparer.Ordinal)
    {
        [Ensemble] = (y, m, h, l) => Ensembles.Ensemble.Mean(Ensemble, [Ets.Ets.Auto(y, m, h, l), ThetaMethod.Forecast(y, m, h, l)]),
        ["ets"] = (y, m, h, l) => Ets.Ets.Auto(y, m, h, l),
        ["theta"] = (y, m, h, l) => ThetaMethod.Forecast(y, m, h, l),
        ["damped trend"] = (y, m, h, l) => DampedTrend.Forecast(y, m, h, l),
    };

    /// <summary>Degrees of freedom of the Student t that replaces the normal: forecast errors have heavier tails.</summary>
    private const double TailDegreesOfFreedom = 5;

    /// <summary>
    /// Intervals rescaled about the point forecast: by the backtest's scale, and from normal to
    /// Student-t quantiles at each level. Never below zero for a non-negative series.
    /// </summary>
    private static Forecast Widen(Forecast f, double scale, bool nonNegative) => f with
    {
        Points = nonNegative ? [.. f.Points.Select(p => Math.Max(0, p))] : f.Points,
        Intervals = [.. f.Intervals.Select(i =>
        {
            var q = 0.5 + i.Level / 200;
            var factor = scale * MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, TailDegreesOfFreedom, q) / MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, q);
            return new PredictionInterval(i.Level,
                [.. i.Lower.Select((v, h) => f.Points[h] - factor * (f.Points[h] - v)).Select(v => nonNegative ? Math.Max(0, v) : v)],
                [.. i.Upper.Select((v, h) => f.Points[h] + factor * (v - f.Points[h]))]);
        })],
    };

    private static string Percent(double error, double[] actual)
    {
        var level = actual.Select(Math.Abs).Average();
        return level == 0 ? $"{error:0.##}" : $"{100 * error / level:0}%";
    }
}
