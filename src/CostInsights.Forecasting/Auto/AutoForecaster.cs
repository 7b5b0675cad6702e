using CostInsights.Forecasting.Baselines;
using CostInsights.Forecasting.Smoothing;
using CostInsights.Forecasting.Theta;

namespace CostInsights.Forecasting.Auto;

/// <summary>
/// What the automatic method forecast, with which method, and why; with the chosen method's mean
/// absolute backtest error as a fraction of the series' mean level where a backtest could be run.
/// </summary>
public sealed record AutoForecast(Forecast Forecast, string Method, string Reason, double? BacktestError = null);

/// <summary>
/// The automatic method. With enough history it backtests candidates (the ETS-and-Theta ensemble,
/// ETS chosen by AICc, Theta, damped trend) from rolling origins on the series' own past, keeps the
/// ensemble unless another candidate was clearly better there (30% lower error), and widens the
/// intervals by how far the latest backtest's errors exceeded what the method expected. Short histories fall back gracefully:
/// one period gives a flat forecast, a few give drift. It never throws for a finite series and never
/// returns NaN.
/// </summary>
public static class AutoForecaster
{
    /// <summary>Another candidate replaces the ensemble only when its backtest error is this much lower.</summary>
    private const double Margin = 0.7;

    public static AutoForecast Forecast(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative = false)
    {
        History.Check(history, 0, "The automatic method", horizon);
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

        // Backtest from rolling origins on the series' own past: each candidate forecasts the last
        // `backtest` periods from the origin just before them, and again from origins moved back by `step`.
        var backtest = Math.Min(horizon, Math.Max(season, n / 4));
        // A history of two to three seasons backtests its last months from where two seasons end.
        backtest = Math.Min(backtest, n - 2 * season);
        var step = Math.Max(1, backtest / 2);
        var origins = Enumerable.Range(0, RollingOrigins).Select(k => n - backtest - k * step).Where(o => o >= 2 * season).ToList();
        var scores = Backtest(history, origins, backtest, season);
        var actual = history.Skip(n - backtest).ToArray();
        var chosen = Ensemble;
        var reason = "ETS chosen by AICc averaged with Theta, the combination that forecasts best across benchmarks";
        if (scores.TryGetValue(Ensemble, out var ensembleScore))
        {
            var best = scores.MinBy(s => s.Value.Error);
            if (best.Key != Ensemble && best.Value.Error < Margin * ensembleScore.Error)
            {
                chosen = best.Key;
                reason = $"backtested over {backtest} periods from {Origins(origins.Count)}, {best.Key} was off by {Percent(best.Value.Error, actual)} on " +
                    $"average against {Percent(ensembleScore.Error, actual)} for the ETS and Theta average";
            }
            else
            {
                reason = $"{reason}; backtested over {backtest} periods from {Origins(origins.Count)}, it was off by {Percent(ensembleScore.Error, actual)} " +
                    "on average";
            }
        }
        var forecast = CandidateForecasts([.. history], season, horizon, levels, chosen).Single().Forecast
            ?? throw new ArgumentException($"{chosen} cannot fit this history.", nameof(history));
        var widen = scores.TryGetValue(chosen, out var score) ? Math.Clamp(score.Scale, 0.5, 3) : 1;
        var level = actual.Select(Math.Abs).Average();
        double? backtestError = scores.ContainsKey(chosen) && level > 0 ? score.Error / level : null;
        return new AutoForecast(Widen(forecast, widen, nonNegative), chosen, reason, backtestError);
    }

    private const string Ensemble = "ets+theta";

    /// <summary>How many origins the backtest rolls through, where the history is long enough.</summary>
    private const int RollingOrigins = 2;

    private static string Origins(int count) => count == 1 ? "one origin" : $"{count} rolling origins";

    /// <summary>
    /// For each candidate, the mean absolute error over every origin and step, and, from the latest
    /// origin (the fit closest to the one that forecasts), the median of its errors in its own standard
    /// deviations as a scale for its intervals. A candidate that cannot fit from every origin does not
    /// compete. ETS and Theta are fitted once per origin and shared with their average.
    /// </summary>
    private static Dictionary<string, (double Error, double Scale)> Backtest(IReadOnlyList<double> history, List<int> origins, int length, int season)
    {
        var errors = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var standardised = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var origin in origins)
        {
            foreach (var (name, f) in CandidateForecasts(history.Take(origin).ToArray(), season, length, [95]))
            {
                if (f is null)
                {
                    failed.Add(name);
                    continue;
                }
                var band = f.At(95);
                for (var i = 0; i < length && origin + i < history.Count; i++)
                {
                    var error = Math.Abs(history[origin + i] - f.Points[i]);
                    (errors.TryGetValue(name, out var e) ? e : errors[name] = []).Add(error);
                    if (origin == origins[0])
                    {
                        (standardised.TryGetValue(name, out var z) ? z : standardised[name] = [])
                            .Add(error / Math.Max(1e-12, (band.Upper[i] - band.Lower[i]) / (2 * 1.959964)));
                    }
                }
            }
        }
        return errors.Where(e => !failed.Contains(e.Key)).ToDictionary(e => e.Key, e =>
        {
            var z = standardised[e.Key].Order().ToList();
            return (e.Value.Average(), z[z.Count / 2] / 0.6745);
        }, StringComparer.Ordinal);
    }

    /// <summary>Every candidate's forecast from one origin; null for one that cannot fit the history.</summary>
    /// <summary>
    /// Every candidate's forecast (or only <paramref name="only"/>'s); null for one that cannot fit
    /// the history. ETS and Theta are fitted once and shared with their average.
    /// </summary>
    private static IEnumerable<(string Name, Forecast? Forecast)> CandidateForecasts(double[] history, int season, int length, IReadOnlyList<double> levels,
        string? only = null)
    {
        bool Wanted(params string[] names) => only is null || names.Contains(only);
        var ets = Wanted(Ensemble, "ets") ? Try(() => Ets.Ets.Auto(history, season, length, levels)) : null;
        var theta = Wanted(Ensemble, "theta") ? Try(() => ThetaMethod.Forecast(history, season, length, levels)) : null;
        IEnumerable<(string, Forecast?)> all =
        [
            (Ensemble, ets is null || theta is null ? null : Ensembles.Ensemble.Mean(Ensemble, [ets, theta])),
            ("ets", ets),
            ("theta", theta),
            ("damped trend", Wanted("damped trend") ? Try(() => DampedTrend.Forecast(history, season, length, levels)) : null),
        ];
        return all.Where(c => Wanted(c.Item1));
    }

    private static Forecast? Try(Func<Forecast> method)
    {
        try
        {
            return method();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Degrees of freedom of the Student t that replaces the normal: forecast errors have heavier tails.</summary>
    private const double TailDegreesOfFreedom = 6;

    /// <summary>
    /// Intervals rescaled about the point forecast: by the backtest's scale, and from normal to
    /// Student-t quantiles at each level. Never below zero for a non-negative series.
    /// </summary>
    private static Forecast Widen(Forecast f, double scale, bool nonNegative)
    {
        var widened = f with
        {
            Intervals = [.. f.Intervals.Select(i =>
        {
            var q = 0.5 + i.Level / 200;
            var factor = scale * MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, TailDegreesOfFreedom,
                q) / MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, q);
            return new PredictionInterval(i.Level,
                [.. i.Lower.Select((v, h) => f.Points[h] - factor * (f.Points[h] - v))],
                [.. i.Upper.Select((v, h) => f.Points[h] + factor * (v - f.Points[h]))]);
        })],
        };
        return nonNegative ? widened.FloorAtZero() : widened;
    }

    private static string Percent(double error, double[] actual)
    {
        var level = actual.Select(Math.Abs).Average();
        return level == 0 ? $"{error:0.##}" : $"{100 * error / level:0}%";
    }
}
