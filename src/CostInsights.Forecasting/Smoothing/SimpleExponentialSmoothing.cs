using CostInsights.Forecasting.Optimisation;

namespace CostInsights.Forecasting.Smoothing;

/// <summary>A fitted simple exponential smoothing: smoothing weight, last level and one-step errors.</summary>
public sealed record SesFit(double Alpha, double InitialLevel, double Level, double Sigma, int Length);

/// <summary>
/// Simple exponential smoothing (ETS(A,N,N)): <c>ℓ_t = ℓ_{t−1} + α(y_t − ℓ_{t−1})</c>, with α in
/// (0, 1) and the initial level fitted together by Nelder–Mead on the sum of squared one-step errors.
/// </summary>
public static class SimpleExponentialSmoothing
{
    public static SesFit Fit(IReadOnlyList<double> y)
    {
        if (y.Count == 0)
        {
            throw new ArgumentException("Simple exponential smoothing needs at least one value.", nameof(y));
        }
        if (y.Count == 1)
        {
            return new SesFit(0.5, y[0], y[0], 0, 1);
        }
        var scale = Math.Max(1e-9, y.Select(Math.Abs).Average());
        // α through a logistic so the simplex searches an unbounded space; the level is searched in units of the series' scale.
        double Alpha(double a) => 1e-4 + (1 - 2e-4) / (1 + Math.Exp(-a));
        var best = NelderMead.Minimize(p => Sse(y, Alpha(p[0]), p[1] * scale), [0.0, y[0] / scale], [1.0, 0.1], 1e-10, 2_000).Point;
        var (alpha, level0) = (Alpha(best[0]), best[1] * scale);
        var (level, sse) = Run(y, alpha, level0);
        return new SesFit(alpha, level0, level, Math.Sqrt(sse / Math.Max(1, y.Count - 2)), y.Count);
    }

    /// <summary>
    /// The M competitions' SINGLE: SES on the seasonally adjusted series, re-seasonalised; flat points,
    /// interval <c>σ·√(1 + α²(h−1))</c>.
    /// </summary>
    public static Forecast Forecast(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative = false)
    {
        History.Check(history, 1, "Simple exponential smoothing", horizon);
        var indices = Decomposition.Seasonality.IndicesIfSeasonal(history, season);
        var m = indices.Length;
        var n = history.Count;
        var fit = Fit([.. history.Select((v, t) => v / indices[t % m])]);
        var points = Enumerable.Range(1, horizon).Select(h => fit.Level * indices[(n + h - 1) % m]).ToArray();
        var spread = Enumerable.Range(1, horizon).Select(h => fit.Sigma * Math.Sqrt(1 + fit.Alpha * fit.Alpha * (h - 1)) * indices[(n + h - 1) % m]).ToArray();
        return Baselines.Baseline.Build("ses", points, spread, levels, nonNegative);
    }

    public static double Sse(IReadOnlyList<double> y, double alpha, double level0) => Run(y, alpha, level0).Sse;

    private static (double Level, double Sse) Run(IReadOnlyList<double> y, double alpha, double level)
    {
        var sse = 0.0;
        foreach (var value in y)
        {
            var error = value - level;
            sse += error * error;
            level += alpha * error;
        }
        return (level, sse);
    }
}
