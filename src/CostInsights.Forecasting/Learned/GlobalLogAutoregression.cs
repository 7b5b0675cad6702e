using MathNet.Numerics.LinearAlgebra;

namespace CostInsights.Forecasting.Learned;

/// <summary>
/// A global linear autoregression in logs (Montero-Manso and Hyndman 2021: one linear model learned across many series
/// forecasts them as well as a model fitted to each): every window of <see cref="Lags"/> positive values of every series,
/// divided by the mean of its last <see cref="ScaleWindow"/>, and taken in logs, is a row; for each step ahead, least
/// squares (with a ridge far too small to bias it, for the rare set whose windows are collinear) gives the log of the
/// scaled value that many steps later. It forecasts a series whose last <see cref="Lags"/> values are positive; others it
/// leaves to the rest of the combination. A second set of coefficients, learned without each series' last periods,
/// forecasts backtests out of sample. Its lags were chosen on benchmarks' validation months (ADR 0028), none on a test part.
/// </summary>
public sealed class GlobalLogAutoregression
{
    /// <summary>How many past values a forecast reads: two years of a monthly series.</summary>
    public const int Lags = 24;

    /// <summary>How many of the last values the scale is the mean of: a year of a monthly series.</summary>
    private const int ScaleWindow = 12;

    private const double Ridge = 1e-6;

    private readonly double[][] _coefficients;
    private readonly double[][]? _early;
    private readonly int _horizon;

    private GlobalLogAutoregression(double[][] coefficients, double[][]? early, int horizon) =>
        (_coefficients, _early, _horizon) = (coefficients, early, horizon);

    /// <summary>
    /// Learns from every series with a window of positive values and a value after it, and the coefficients for backtests
    /// without each series' last <paramref name="leftOut"/> periods; null when no series has such a window.
    /// </summary>
    public static GlobalLogAutoregression? Train(IReadOnlyList<IReadOnlyList<double>> histories, int horizon, int leftOut)
    {
        var ordered = SeriesFingerprint.Order(histories).Select(i => histories[i]).ToList();
        var (full, early) = Fit(ordered, horizon, Math.Max(horizon, leftOut));
        return full is null ? null : new GlobalLogAutoregression(full, early, horizon);
    }

    /// <summary>
    /// Whether the series' last <see cref="Lags"/> values are all positive, and finite in logs against their scale, so that it
    /// can be forecast.
    /// </summary>
    public static bool CanForecast(IReadOnlyList<double> history) => Row(history, history.Count) is not null;

    /// <summary>The point forecasts from the whole history, or null when it cannot be forecast.</summary>
    public double[]? Forecast(IReadOnlyList<double> history) => Predict(_coefficients, history, _horizon);

    /// <summary>The point forecasts from part of a history by the coefficients learned without its last periods, for backtests.</summary>
    public double[]? ForecastFrom(IReadOnlyList<double> past, int horizon) =>
        _early is not null && horizon <= _horizon ? Predict(_early, past, horizon) : null;

    private static double[]? Predict(double[][] coefficients, IReadOnlyList<double> history, int horizon)
    {
        if (Row(history, history.Count) is not var (x, scale))
        {
            return null;
        }
        var points = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            var c = coefficients[h];
            var log = 0.0;
            for (var k = 0; k < x.Length; k++)
            {
                log += c[k] * x[k];
            }
            // A log forecast far outside what any window held (a hostile series) is held where the exponential stays finite.
            points[h] = Math.Exp(Math.Clamp(log, -700, 700)) * scale;
        }
        return points;
    }

    /// <summary>
    /// One coefficient vector per step ahead from the whole histories, and one from the histories without their last
    /// <paramref name="leaveOut"/> periods, in one pass over their windows (a window the second may use, the first uses too).
    /// </summary>
    private static (double[][]? Full, double[][]? Early) Fit(IReadOnlyList<IReadOnlyList<double>> histories, int horizon, int leaveOut)
    {
        var full = new NormalEquations(horizon);
        var early = new NormalEquations(horizon);
        foreach (var series in histories)
        {
            var n = series.Count;
            for (var origin = Lags; origin < n; origin++)
            {
                if (Row(series, origin) is not var (x, scale))
                {
                    continue;
                }
                for (var h = 0; h < horizon && origin + h < n; h++)
                {
                    var target = Math.Log(series[origin + h] / scale);
                    if (!double.IsFinite(target))
                    {
                        continue;
                    }
                    full.Add(h, x, target);
                    if (origin + h < n - leaveOut)
                    {
                        early.Add(h, x, target);
                    }
                }
            }
        }
        return (full.Solve(), early.Solve());
    }

    /// <summary>The sums of least squares for each step ahead: the rows' cross-products and their products with the targets.</summary>
    private sealed class NormalEquations(int horizon)
    {
        private const int P = Lags + 1;

        private readonly double[][,] _xtx = [.. Enumerable.Range(0, horizon).Select(_ => new double[P, P])];
        private readonly double[][] _xty = [.. Enumerable.Range(0, horizon).Select(_ => new double[P])];
        private readonly int[] _rows = new int[horizon];

        public void Add(int h, double[] x, double target)
        {
            var (xtx, xty) = (_xtx[h], _xty[h]);
            for (var a = 0; a < P; a++)
            {
                xty[a] += x[a] * target;
                for (var b = 0; b <= a; b++)
                {
                    xtx[a, b] += x[a] * x[b];
                }
            }
            _rows[h]++;
        }

        /// <summary>The coefficients of each step, or null when no window reached even the first.</summary>
        public double[][]? Solve()
        {
            if (_rows[0] == 0)
            {
                return null;
            }
            var coefficients = new double[horizon][];
            for (var h = 0; h < horizon; h++)
            {
                var xtx = _xtx[h];
                for (var a = 0; a < P; a++)
                {
                    for (var b = 0; b < a; b++)
                    {
                        xtx[b, a] = xtx[a, b];
                    }
                    xtx[a, a] += Ridge * (1 + xtx[a, a]);
                }
                // A step no window reached (a horizon longer than every history) repeats the step before it.
                coefficients[h] = _rows[h] > 0 ? Matrix<double>.Build.DenseOfArray(xtx).Cholesky().Solve(Vector<double>.Build.Dense(_xty[h])).ToArray()
                    : h > 0 ? coefficients[h - 1] : new double[P];
            }
            return coefficients;
        }
    }

    /// <summary>
    /// The logs of the window's values before <paramref name="origin"/> over their scale, most recent first, and a constant;
    /// with the scale. Null where the window is short, holds a value that is not positive, or gives a log that is not finite.
    /// </summary>
    private static (double[] Row, double Scale)? Row(IReadOnlyList<double> series, int origin)
    {
        if (origin < Lags)
        {
            return null;
        }
        var sum = 0.0;
        for (var t = origin - ScaleWindow; t < origin; t++)
        {
            sum += series[t];
        }
        var scale = sum / ScaleWindow;
        var x = new double[Lags + 1];
        for (var k = 0; k < Lags; k++)
        {
            var value = series[origin - 1 - k];
            x[k] = Math.Log(value / scale);
            if (!(value > 0) || !double.IsFinite(x[k]))
            {
                return null;
            }
        }
        x[Lags] = 1;
        return (x, scale);
    }
}
