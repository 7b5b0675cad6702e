using MathNet.Numerics.Distributions;

namespace CostInsights.Forecasting.Baselines;

/// <summary>
/// The benchmark methods of Hyndman and Athanasopoulos, Forecasting: Principles and Practice
/// (3rd ed., section 5.5), with their normal prediction intervals.
/// </summary>
public static class Baseline
{
    /// <summary>
    /// Each future period repeats the same period one season earlier. Needs one full season.
    /// Interval: σ·√(k+1) with k = ⌊(h−1)/m⌋ and σ the RMS of the in-sample seasonal differences.
    /// </summary>
    public static Forecast SeasonalNaive(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(season, 1);
        History.Check(history, season, $"Seasonal naive (a season of {season})", horizon);
        var n = history.Count;
        var points = Enumerable.Range(1, horizon).Select(h => history[n - season + (h - 1) % season]).ToArray();
        var residuals = Enumerable.Range(season, n - season).Select(t => history[t] - history[t - season]).ToArray();
        var sigma = Rms(residuals);
        var spread = Enumerable.Range(1, horizon).Select(h => sigma * Math.Sqrt((h - 1) / season + 1)).ToArray();
        return Build($"seasonal naive (m={season})", points, spread, levels, nonNegative);
    }

    /// <summary>
    /// The last value plus the average change so far. Needs two periods.
    /// Interval: σ·√(h·(1 + h/(T−1))) with σ the RMS of the drift-adjusted first differences.
    /// </summary>
    public static Forecast NaiveWithDrift(IReadOnlyList<double> history, int horizon, IReadOnlyList<double> levels, bool nonNegative = false)
    {
        History.Check(history, 2, "Naive with drift", horizon);
        var n = history.Count;
        var drift = (history[n - 1] - history[0]) / (n - 1);
        var points = Enumerable.Range(1, horizon).Select(h => history[n - 1] + h * drift).ToArray();
        var residuals = Enumerable.Range(1, n - 1).Select(t => history[t] - history[t - 1] - drift).ToArray();
        var sigma = n > 2 ? Math.Sqrt(residuals.Sum(r => r * r) / (n - 2)) : 0.0;
        var spread = Enumerable.Range(1, horizon).Select(h => sigma * Math.Sqrt(h * (1.0 + (double)h / (n - 1)))).ToArray();
        return Build("naive with drift", points, spread, levels, nonNegative);
    }

    /// <summary>
    /// The M competitions' Naive2: the last value of the seasonally adjusted series (classical
    /// multiplicative decomposition where the 90% autocorrelation test finds seasonality),
    /// re-seasonalised. Interval: σ·√h on the adjusted scale, times the seasonal index.
    /// </summary>
    public static Forecast Naive2(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative = false)
    {
        History.Check(history, 1, "Naive2", horizon);
        var indices = Decomposition.Seasonality.IndicesIfSeasonal(history, season);
        var m = indices.Length;
        var n = history.Count;
        var adjusted = history.Select((v, t) => v / indices[t % m]).ToArray();
        var residuals = Enumerable.Range(1, n - 1).Select(t => adjusted[t] - adjusted[t - 1]).ToArray();
        var sigma = Rms(residuals);
        var points = Enumerable.Range(1, horizon).Select(h => adjusted[n - 1] * indices[(n + h - 1) % m]).ToArray();
        var spread = Enumerable.Range(1, horizon).Select(h => sigma * Math.Sqrt(h) * indices[(n + h - 1) % m]).ToArray();
        return Build("naive2", points, spread, levels, nonNegative);
    }

    /// <summary>Point forecasts with normal intervals of the given spread (one standard deviation per step).</summary>
    public static Forecast Build(string method, double[] points, double[] spread, IReadOnlyList<double> levels, bool nonNegative)
    {
        var intervals = levels.Select(level =>
        {
            if (level is <= 0 or >= 100)
            {
                throw new ArgumentOutOfRangeException(nameof(levels), $"A level is a percentage strictly between 0 and 100; got {level}.");
            }
            var z = Normal.InvCDF(0, 1, 0.5 + level / 200.0);
            var lower = points.Select((p, i) => p - z * spread[i]).ToArray();
            var upper = points.Select((p, i) => p + z * spread[i]).ToArray();
            return new PredictionInterval(level, lower, upper);
        }).ToList();
        var forecast = new Forecast(method, points, intervals);
        return nonNegative ? forecast.FloorAtZero() : forecast;
    }


    private static double Rms(double[] values) => values.Length == 0 ? 0.0 : Math.Sqrt(values.Sum(v => v * v) / values.Length);
}
