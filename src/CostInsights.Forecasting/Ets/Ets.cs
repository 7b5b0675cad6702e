using CostInsights.Forecasting.Decomposition;
using CostInsights.Forecasting.Optimisation;
using MathNet.Numerics.Distributions;

namespace CostInsights.Forecasting.Ets;

/// <summary>
/// Exponential smoothing state space models: each fitted by Nelder–Mead on its likelihood within the
/// usual bounds (0 &lt; β &lt; α &lt; 1, 0 &lt; γ &lt; 1 − α, 0.8 ≤ φ ≤ 0.98), initial level and trend fitted
/// with them, initial seasonal states from classical decomposition; and automatic selection by AICc
/// over the standard space (multiplicative forms only for positive data; additive error with
/// multiplicative season left out as numerically unstable). Intervals come from 1,000 simulated
/// paths drawn with a fixed seed, so the same input gives the same output.
/// </summary>
public static class Ets
{
    private const int Paths = 1_000;
    private const int Seed = 20_261_122;

    public static IEnumerable<EtsSpec> Space(IReadOnlyList<double> y, int season)
    {
        var positive = y.All(v => v > 0);
        var seasonal = season > 1 && y.Count >= 2 * season;
        foreach (var error in positive ? new[] { ErrorType.Additive, ErrorType.Multiplicative } : [ErrorType.Additive])
        {
            foreach (var trend in new[] { TrendType.None, TrendType.Additive, TrendType.Damped })
            {
                foreach (var s in seasonal
                    ? (positive ? new[] { SeasonType.None, SeasonType.Additive, SeasonType.Multiplicative } : [SeasonType.None,
                    SeasonType.Additive]) : [SeasonType.None])
                {
                    if (error == ErrorType.Additive && s == SeasonType.Multiplicative)
                    {
                        continue;
                    }
                    yield return new EtsSpec(error, trend, s);
                }
            }
        }
    }

    /// <summary>
    /// The model of the space with the lowest AICc, or null when none can be fitted: every model is
    /// fitted once, and the one chosen is fitted again as <see cref="Fit(IReadOnlyList{double}, int, EtsSpec)"/> fits it.
    /// </summary>
    public static EtsFit? Select(IReadOnlyList<double> y, int season)
    {
        var chosen = Space(y, season).Select(spec => Fit(y, season, spec, polish: false)).Where(f => f is not null).MinBy(f => f!.Aicc);
        return chosen is null ? null : Fit(y, season, chosen.Spec) is { } polished && polished.Aicc < chosen.Aicc ? polished : chosen;
    }

    /// <summary>One model, fitted by Nelder–Mead and once more from where the first run stopped.</summary>
    public static EtsFit? Fit(IReadOnlyList<double> y, int season, EtsSpec spec) => Fit(y, season, spec, polish: true);

    private static EtsFit? Fit(IReadOnlyList<double> y, int season, EtsSpec spec, bool polish)
    {
        var m = spec.Season == SeasonType.None ? 1 : season;
        var n = y.Count;
        var trended = spec.Trend != TrendType.None;
        var seasonal = spec.Season != SeasonType.None;
        var k = 1 + (trended ? 1 : 0) + (seasonal ? 1 : 0) + (spec.Trend == TrendType.Damped ? 1 : 0) + 1 + (trended ? 1 : 0) + (seasonal ? m - 1 : 0) + 1;
        if (n <= k + 1 || (spec.IsMultiplicative && y.Any(v => v <= 0)))
        {
            return null;
        }
        var seasonals = InitialSeasonals(y, m, spec.Season);
        var (level0, trend0) = InitialLevelTrend(y, seasonals, spec);

        // Parameters: α, β, γ, φ (each only when the model has it), ℓ₀, b₀.
        var start = new List<double> { 0.1 };
        var step = new List<double> { 0.05 };
        if (trended) { start.Add(0.01); step.Add(0.005); }
        if (seasonal) { start.Add(0.01); step.Add(0.005); }
        if (spec.Trend == TrendType.Damped) { start.Add(0.97); step.Add(0.005); }
        start.Add(level0); step.Add(Math.Abs(level0) * 0.05 + 1e-3);
        if (trended) { start.Add(trend0); step.Add(Math.Abs(trend0) * 0.1 + 1e-3 * (Math.Abs(level0) + 1)); }

        (double A, double B, double G, double P, double L, double T) Unpack(IReadOnlyList<double> p)
        {
            var i = 0;
            var a = p[i++];
            var b = trended ? p[i++] : 0;
            var g = seasonal ? p[i++] : 0;
            var f = spec.Trend == TrendType.Damped ? p[i++] : 1;
            var l = p[i++];
            var t = trended ? p[i] : 0;
            return (a, b, g, f, l, t);
        }

        // One scratch state for every evaluation: a fit evaluates the likelihood thousands of times.
        var scratch = new EtsEngine.State(0, 0, new double[seasonals.Length]);

        double Objective(IReadOnlyList<double> p)
        {
            var (a, b, g, f, l, t) = Unpack(p);
            if (a is <= 1e-4 or >= 0.9999 || (trended && (b <= 1e-4 || b >= a)) || (seasonal && (g <= 1e-4 || g >= 1 - a))
                || (spec.Trend == TrendType.Damped && (f < 0.8 || f > 0.98)))
            {
                return 1e12;
            }
            scratch.Level = l;
            scratch.Trend = t;
            scratch.Next = 0;
            Array.Copy(seasonals, scratch.Seasonals, seasonals.Length);
            return Likelihood(y, spec, a, b, g, f, scratch).Criterion;
        }

        var best = NelderMead.Minimize(Objective, start, step, 1e-8, 1_500).Point;
        if (polish)
        {
            // Nelder–Mead often stalls against a bound (α near 1, β near 0); a restart from where it stopped moves on.
            best = NelderMead.Minimize(Objective, best, step, 1e-8, 1_500).Point;
        }
        if (Objective(best) >= 1e12)
        {
            return null;
        }
        var (alpha, beta, gamma, phi, level, trend) = Unpack(best);
        var state = new EtsEngine.State(level, trend, (double[])seasonals.Clone());
        var fit = Likelihood(y, spec, alpha, beta, gamma, phi, state);
        if (!double.IsFinite(fit.Criterion))
        {
            return null;
        }
        var logL = -0.5 * fit.Criterion - 0.5 * n * (Math.Log(2 * Math.PI) + 1);
        var aicc = -2 * logL + 2 * k + 2.0 * k * (k + 1) / (n - k - 1);
        return new EtsFit(spec, m, alpha, beta, gamma, phi, state.Level, state.Trend, Ordered(state), Math.Sqrt(fit.Sse / n), logL, aicc, k);
    }

    /// <summary>Point forecasts along the noiseless path; intervals from simulated paths.</summary>
    public static Forecast Forecast(EtsFit fit, int horizon, IReadOnlyList<double> levels, bool nonNegative = false)
    {
        var start = new EtsEngine.State(fit.Level, fit.Trend, (double[])fit.Seasonals.Clone());
        var points = new double[horizon];
        var path = start.Copy();
        for (var h = 0; h < horizon; h++)
        {
            points[h] = EtsEngine.Mean(fit.Spec, fit.Phi, path);
            EtsEngine.Step(fit.Spec, fit.Alpha, fit.Beta, fit.Gamma, fit.Phi, path, points[h]);
        }
        var random = new Random(Seed);
        var normal = new Normal(0, fit.Sigma, random);
        var draws = new double[horizon][];
        for (var h = 0; h < horizon; h++)
        {
            draws[h] = new double[Paths];
        }
        for (var p = 0; p < Paths; p++)
        {
            var s = start.Copy();
            for (var h = 0; h < horizon; h++)
            {
                var mu = EtsEngine.Mean(fit.Spec, fit.Phi, s);
                var e = normal.Sample();
                var y = fit.Spec.Error == ErrorType.Additive ? mu + e : mu * (1 + e);
                draws[h][p] = y;
                EtsEngine.Step(fit.Spec, fit.Alpha, fit.Beta, fit.Gamma, fit.Phi, s, y);
            }
        }
        foreach (var d in draws)
        {
            Array.Sort(d);
        }
        var intervals = levels.Select(level =>
        {
            var tail = (1 - level / 100) / 2;
            var lower = draws.Select(d => Quantile(d, tail)).ToArray();
            var upper = draws.Select(d => Quantile(d, 1 - tail)).ToArray();
            return new PredictionInterval(level, lower, upper);
        }).ToList();
        var forecast = new Forecast($"ets {fit.Spec}", points, intervals);
        return nonNegative ? forecast.FloorAtZero() : forecast;
    }

    /// <summary>ETS with the model chosen by AICc, or damped/SES on series too short for the space.</summary>
    public static Forecast Auto(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative = false)
    {
        History.Check(history, 5, "ETS", horizon);
        var fit = Select(history, season)
            ?? throw new ArgumentException($"No ETS model can be fitted to these {history.Count} periods: too few for its parameters, or too erratic.",
                nameof(history));
        return Forecast(fit, horizon, levels, nonNegative);
    }

    private static (double Criterion, double Sse) Likelihood(IReadOnlyList<double> y, EtsSpec spec, double a, double b, double g, double f,
        EtsEngine.State state)
    {
        double sse = 0, logMu = 0;
        foreach (var value in y)
        {
            if (spec.Error == ErrorType.Multiplicative)
            {
                var mu = EtsEngine.Mean(spec, f, state);
                if (mu <= 0 || !double.IsFinite(mu))
                {
                    return (1e12, double.PositiveInfinity);
                }
                logMu += Math.Log(mu);
            }
            var e = EtsEngine.Step(spec, a, b, g, f, state, value);
            if (!double.IsFinite(e))
            {
                return (1e12, double.PositiveInfinity);
            }
            sse += e * e;
        }
        var n = y.Count;
        return (n * Math.Log(Math.Max(sse, 1e-300) / n) + 2 * logMu, sse);
    }

    private static double[] InitialSeasonals(IReadOnlyList<double> y, int m, SeasonType season)
    {
        if (season == SeasonType.None)
        {
            return [season == SeasonType.Multiplicative ? 1 : 0];
        }
        return season == SeasonType.Multiplicative ? Seasonality.MultiplicativeIndices(y, m) : Seasonality.AdditiveIndices(y, m);
    }

    private static (double Level, double Trend) InitialLevelTrend(IReadOnlyList<double> y, double[] seasonals, EtsSpec spec)
    {
        var m = seasonals.Length;
        var count = Math.Min(y.Count, Math.Max(10, m));
        var adjusted = Enumerable.Range(0, count).Select(t => spec.Season switch
        {
            SeasonType.Additive => y[t] - seasonals[t % m],
            SeasonType.Multiplicative => y[t] / seasonals[t % m],
            _ => y[t],
        }).ToArray();
        if (spec.Trend == TrendType.None)
        {
            return (adjusted.Take(Math.Min(count, Math.Max(3, m))).Average(), 0);
        }
        // Least squares on t = 1…count: the intercept is the level before the first observation.
        var meanT = (count + 1) / 2.0;
        var meanY = adjusted.Average();
        double sxy = 0, sxx = 0;
        for (var t = 1; t <= count; t++)
        {
            sxy += (t - meanT) * (adjusted[t - 1] - meanY);
            sxx += (t - meanT) * (t - meanT);
        }
        var slope = sxx == 0 ? 0 : sxy / sxx;
        return (meanY - slope * meanT, slope);
    }

    /// <summary>The seasonal states in order from the one used next.</summary>
    private static double[] Ordered(EtsEngine.State s) =>
        [.. Enumerable.Range(0, s.Seasonals.Length).Select(i => s.Seasonals[(s.Next + i) % s.Seasonals.Length])];

    private static double Quantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(sorted.Length - 1, low + 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
