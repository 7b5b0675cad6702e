using CostInsights.Forecasting.Baselines;
using CostInsights.Forecasting.Decomposition;
using CostInsights.Forecasting.Smoothing;

namespace CostInsights.Forecasting.Theta;

/// <summary>
/// The standard Theta method of Assimakopoulos and Nikolopoulos, in Hyndman and Billah's form (as R's
/// <c>thetaf</c>): on the seasonally adjusted series, SES plus a drift of half the regression slope,
/// <c>ŷ_{n+h} = ℓ_n + (b/2)(h − 1 + (1 − (1−α)^n)/α)</c>, re-seasonalised. Intervals are those of SES.
/// </summary>
public static class ThetaMethod
{
    public static Forecast Forecast(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative = false)
    {
        History.Check(history, 2, "Theta", horizon);
        // Tested for seasonality from just over two seasons, as R's thetaf() does.
        var indices = Seasonality.IndicesIfSeasonal(history, season, 2 * season + 1);
        var m = indices.Length;
        var adjusted = history.Select((v, t) => v / indices[t % m]).ToArray();
        var (level, alpha, sigma) = Ses(adjusted);
        var slope = Slope(adjusted) / 2;
        var n = adjusted.Length;
        var points = new double[horizon];
        var spread = new double[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            var index = indices[(n + h - 1) % m];
            points[h - 1] = (level + slope * (h - 1 + (1 - Math.Pow(1 - alpha, n)) / alpha)) * index;
            spread[h - 1] = sigma * Math.Sqrt(1 + alpha * alpha * (h - 1)) * index;
        }
        return Baseline.Build($"theta{(m > 1 ? $" (seasonal, m={m})" : "")}", points, spread, levels, nonNegative);
    }

    /// <summary>SES as R's ses() fits it, ETS(A,N,N); on a history too short for that, the product's own SES.</summary>
    private static (double Level, double Alpha, double Sigma) Ses(double[] y)
    {
        if (Ets.Ets.Fit(y, 1, new Ets.EtsSpec(Ets.ErrorType.Additive, Ets.TrendType.None, Ets.SeasonType.None)) is { } ets)
        {
            return (ets.Level, Math.Max(1e-10, ets.Alpha), ets.Sigma);
        }
        var ses = SimpleExponentialSmoothing.Fit(y);
        return (ses.Level, ses.Alpha, ses.Sigma);
    }

    /// <summary>
    /// The optimised Theta method: the combination <c>(1 − 1/θ)·line + (1/θ)·SES(Z_θ)</c> of the regression
    /// line and simple exponential smoothing of the theta line <c>Z_θ = θ·y + (1 − θ)·line</c>, with θ chosen
    /// from 1 to 5 by the in-sample one-step squared error. θ = 2 is the standard method.
    /// </summary>
    public static Forecast Optimised(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative = false)
    {
        History.Check(history, 3, "The optimised Theta method", horizon);
        var indices = Seasonality.IndicesIfSeasonal(history, season);
        var m = indices.Length;
        var adjusted = history.Select((v, t) => v / indices[t % m]).ToArray();
        var n = adjusted.Length;
        var slope = Slope(adjusted);
        var intercept = adjusted.Average() - slope * (n - 1) / 2.0;
        (double Mse, SesFit Fit, double Theta) best = (double.MaxValue, default!, 2);
        for (var theta = 1.0; theta <= 5.0001; theta += 0.25)
        {
            var z = adjusted.Select((v, t) => theta * v + (1 - theta) * (intercept + slope * t)).ToArray();
            var fit = SimpleExponentialSmoothing.Fit(z);
            var weight = 1 - 1 / theta;
            var level = fit.InitialLevel;
            var sse = 0.0;
            for (var t = 0; t < n; t++)
            {
                var fitted = weight * (intercept + slope * t) + (1 - weight) * level;
                sse += (adjusted[t] - fitted) * (adjusted[t] - fitted);
                level += fit.Alpha * (z[t] - level);
            }
            if (sse / n < best.Mse)
            {
                best = (sse / n, fit, theta);
            }
        }
        var w = 1 - 1 / best.Theta;
        var points = new double[horizon];
        var spread = new double[horizon];
        var sigma = Math.Sqrt(best.Mse);
        for (var h = 1; h <= horizon; h++)
        {
            var index = indices[(n + h - 1) % m];
            points[h - 1] = (w * (intercept + slope * (n - 1 + h)) + (1 - w) * best.Fit.Level) * index;
            spread[h - 1] = sigma * Math.Sqrt(1 + Math.Pow((1 - w) * best.Fit.Alpha, 2) * (h - 1)) * index;
        }
        return Baseline.Build($"optimised theta (θ={best.Theta:0.##})", points, spread, levels, nonNegative);
    }

    /// <summary>Ordinary least-squares slope of the series on 0, 1, …, n−1.</summary>
    private static double Slope(IReadOnlyList<double> y)
    {
        var n = y.Count;
        var meanT = (n - 1) / 2.0;
        var meanY = y.Average();
        double sxy = 0, sxx = 0;
        for (var t = 0; t < n; t++)
        {
            sxy += (t - meanT) * (y[t] - meanY);
            sxx += (t - meanT) * (t - meanT);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }
}
