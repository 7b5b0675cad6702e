using CostInsights.Forecasting.Decomposition;

namespace CostInsights.Forecasting.Arima;

/// <summary>
/// How many differences an ARIMA model takes, chosen as R's forecast package chooses them: one seasonal difference when
/// the seasonal part of an STL decomposition explains more than 64% of the deseasonalised variation (<c>nsdiffs</c> with
/// its default test), then ordinary differences while the KPSS test rejects level stationarity at 5% (<c>ndiffs</c>).
/// </summary>
public static class Differencing
{
    /// <summary>The seasonal strength above which a seasonal difference is taken (Wang, Smith and Hyndman 2006).</summary>
    public const double SeasonalStrengthThreshold = 0.64;

    /// <summary>The KPSS statistic's 5% critical value for level stationarity (Kwiatkowski et al. 1992, table 1).</summary>
    public const double KpssCritical5 = 0.463;

    /// <summary>Seasonal differences to take (0 or 1).</summary>
    public static int Seasonal(IReadOnlyList<double> y, int period)
    {
        if (period <= 1 || y.Count <= 2 * period || IsConstant(y))
        {
            return 0;
        }
        return SeasonalStrength(y, period) > SeasonalStrengthThreshold ? 1 : 0;
    }

    /// <summary>
    /// The strength of seasonality: 1 − Var(remainder) / Var(remainder + seasonal) from an STL decomposition with a
    /// seasonal window of 11, kept within [0, 1].
    /// </summary>
    public static double SeasonalStrength(IReadOnlyList<double> y, int period)
    {
        var parts = Stl.Decompose(y, period, 11);
        var remainder = parts.Remainder;
        var both = remainder.Select((r, i) => r + parts.Seasonal[i]).ToArray();
        return Math.Max(0, Math.Min(1, 1 - Variance(remainder) / Variance(both)));
    }

    /// <summary>x[t + lag] − x[t] for every t it can be taken at.</summary>
    internal static double[] Lagged(double[] x, int lag)
    {
        var result = new double[Math.Max(0, x.Length - lag)];
        for (var t = 0; t < result.Length; t++)
        {
            result[t] = x[t + lag] - x[t];
        }
        return result;
    }

    /// <summary>Ordinary differences to take (0 to <paramref name="maximum"/>).</summary>
    public static int Ordinary(IReadOnlyList<double> y, int maximum = 2)
    {
        var x = y.Where(v => !double.IsNaN(v)).ToArray();
        var d = 0;
        if (IsConstant(x))
        {
            return d;
        }
        var reject = Kpss(x) > KpssCritical5;
        while (reject && d < maximum)
        {
            d++;
            x = Lagged(x, 1);
            if (IsConstant(x))
            {
                return d;
            }
            reject = Kpss(x) > KpssCritical5;
        }
        return d;
    }

    /// <summary>
    /// The KPSS statistic for level stationarity, with the Bartlett-weighted long-run variance over trunc(3√n/13) lags as
    /// the forecast package sets it.
    /// </summary>
    public static double Kpss(IReadOnlyList<double> x)
    {
        var n = x.Count;
        var mean = x.Average();
        var e = x.Select(v => v - mean).ToArray();
        double cumulative = 0, numerator = 0;
        foreach (var v in e)
        {
            cumulative += v;
            numerator += cumulative * cumulative;
        }
        numerator /= (double)n * n;
        var lags = (int)Math.Truncate(3 * Math.Sqrt(n) / 13);
        var variance = e.Sum(v => v * v) / n;
        for (var lag = 1; lag <= lags; lag++)
        {
            var covariance = 0.0;
            for (var t = lag; t < n; t++)
            {
                covariance += e[t] * e[t - lag];
            }
            variance += 2.0 / n * (1 - lag / (lags + 1.0)) * covariance;
        }
        return numerator / variance;
    }

    /// <summary>Whether every value equals the first to R's <c>all.equal</c> tolerance (mean relative difference 1.5e-8).</summary>
    public static bool IsConstant(IReadOnlyList<double> x)
    {
        if (x.Count == 0)
        {
            return true;
        }
        var first = x[0];
        var scale = x.Sum(Math.Abs) / x.Count;
        var difference = x.Sum(v => Math.Abs(v - first)) / x.Count;
        return scale > 1.5e-8 ? difference / scale <= 1.5e-8 : difference <= 1.5e-8;
    }

    private static double Variance(double[] x)
    {
        var mean = x.Average();
        return x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
    }
}
