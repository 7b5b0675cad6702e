using CostInsights.Forecasting.Optimisation;

namespace CostInsights.Forecasting.Smoothing;

/// <summary>A fitted additive damped trend: its parameters, final level and trend, and one-step error.</summary>
public sealed record DampedFit(double Alpha, double Beta, double Phi, double Level, double Trend, double Sigma);

/// <summary>
/// Gardner and McKenzie's damped trend, ETS(A,Ad,N): <c>ℓ_t = αy_t + (1−α)(ℓ_{t−1} + φb_{t−1})</c>,
/// <c>b_t = β*(ℓ_t − ℓ_{t−1}) + (1−β*)φb_{t−1}</c>, forecast <c>ℓ_n + (φ + … + φ^h)b_n</c>, fitted by
/// Nelder–Mead on squared one-step errors within 0 &lt; β* &lt; 1, 0 &lt; α &lt; 1 and 0.8 ≤ φ ≤ 0.98, the usual
/// bounds. Run on the seasonally adjusted series, it is the M3 competition's DAMPEN; with φ = 1 it is
/// Holt's linear trend, ETS(A,A,N) (the competition's HOLT).
/// </summary>
public static class DampedTrend
{
    /// <param name="damped">False for Holt's linear trend: φ fixed at 1.</param>
    public static DampedFit Fit(IReadOnlyList<double> y, bool damped = true)
    {
        if (y.Count < 3)
        {
            throw new ArgumentException($"A {(damped ? "damped" : "linear")} trend needs at least three periods.", nameof(y));
        }
        var scale = Math.Max(1e-9, y.Select(Math.Abs).Average());
        static double Unit(double x) => 1e-4 + (1 - 2e-4) / (1 + Math.Exp(-x));
        double Phi(double x) => damped ? 0.8 + 0.18 / (1 + Math.Exp(-x)) : 1;
        var b0 = (y[Math.Min(y.Count - 1, 3)] - y[0]) / Math.Min(y.Count - 1, 3);
        var p = NelderMead.Minimize(x => Run(y, Unit(x[0]), Unit(x[1]), Phi(x[2]), x[3] * scale, x[4] * scale).Sse,
            [0.0, -2.0, 1.0, y[0] / scale, b0 / scale], [1.0, 1.0, 1.0, 0.05, 0.01], 1e-9, 3_000).Point;
        var (alpha, beta, phi) = (Unit(p[0]), Unit(p[1]), Phi(p[2]));
        var run = Run(y, alpha, beta, phi, p[3] * scale, p[4] * scale);
        return new DampedFit(alpha, beta, phi, run.Level, run.Trend, Math.Sqrt(run.Sse / Math.Max(1, y.Count - 5)));
    }

    /// <summary>Points for h = 1…horizon and the standard deviation of each: σ√(1 + Σ_{j&lt;h} c_j²), c_j = α(1 + β*Σ_{i≤j} φ^i).</summary>
    public static (double[] Points, double[] Spread) Project(DampedFit fit, int horizon)
    {
        var points = new double[horizon];
        var spread = new double[horizon];
        double damp = 0, variance = 1;
        for (var h = 1; h <= horizon; h++)
        {
            damp += Math.Pow(fit.Phi, h);
            points[h - 1] = fit.Level + damp * fit.Trend;
            spread[h - 1] = fit.Sigma * Math.Sqrt(variance);
            var c = fit.Alpha * (1 + fit.Beta * damp);
            variance += c * c;
        }
        return (points, spread);
    }

    /// <summary>DAMPEN: the damped trend on the seasonally adjusted series, re-seasonalised.</summary>
    public static Forecast Forecast(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative = false) =>
        Forecast("damped", true, history, season, horizon, levels, nonNegative);

    /// <summary>HOLT: Holt's linear trend on the seasonally adjusted series, re-seasonalised.</summary>
    public static Forecast Holt(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative = false) =>
        Forecast("holt", false, history, season, horizon, levels, nonNegative);

    private static Forecast Forecast(string method, bool damped, IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels,
        bool nonNegative)
    {
        History.Check(history, 3, damped ? "A damped trend" : "Holt's linear trend", horizon);
        var indices = Decomposition.Seasonality.IndicesIfSeasonal(history, season);
        var m = indices.Length;
        var n = history.Count;
        var (points, spread) = Project(Fit([.. history.Select((v, t) => v / indices[t % m])], damped), horizon);
        for (var h = 0; h < horizon; h++)
        {
            points[h] *= indices[(n + h) % m];
            spread[h] *= indices[(n + h) % m];
        }
        return Baselines.Baseline.Build(method, points, spread, levels, nonNegative);
    }

    private static (double Level, double Trend, double Sse) Run(IReadOnlyList<double> y, double alpha, double beta, double phi, double level, double trend)
    {
        var sse = 0.0;
        foreach (var value in y)
        {
            var forecast = level + phi * trend;
            var error = value - forecast;
            sse += error * error;
            var previous = level;
            level = forecast + alpha * error;
            trend = beta * (level - previous) + (1 - beta) * phi * trend;
        }
        return (level, trend, sse);
    }
}
