namespace CostInsights.Forecasting.Decomposition;

/// <summary>
/// Seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae and Terpenning 1990), as R's <c>stl()</c> computes it
/// without robustness weights: each cycle-subseries smoothed and extended a period at either end, the result low-pass
/// filtered and taken away to give the seasonal part, the deseasonalised series smoothed for the trend, twice over.
/// Loess fits are made every few points (the jumps) and interpolated linearly between, as R's defaults have it.
/// </summary>
public static class Stl
{
    /// <summary>The seasonal, trend and remainder parts of a series, each as long as it.</summary>
    public sealed record Parts(double[] Seasonal, double[] Trend, double[] Remainder);

    /// <summary>
    /// Decomposes <paramref name="y"/> with R's default windows for the given seasonal window: the trend window the next
    /// odd number from 1.5·period / (1 − 1.5/seasonalWindow), the low-pass window the next odd number from the period,
    /// local constant seasonal fits, local linear trend and low-pass fits, two inner passes.
    /// </summary>
    /// <exception cref="ArgumentException">The series is not longer than two periods.</exception>
    public static Parts Decompose(IReadOnlyList<double> y, int period, int seasonalWindow)
    {
        var n = y.Count;
        if (period < 2 || n <= 2 * period)
        {
            throw new ArgumentException($"A decomposition needs more than two periods ({2 * period}) of history; this has {n}.", nameof(y));
        }
        var trendWindow = NextOdd(Math.Ceiling(1.5 * period / (1 - 1.5 / seasonalWindow)));
        var lowPassWindow = NextOdd(period);
        var ns = Math.Max(3, seasonalWindow | 1);
        var nt = Math.Max(3, trendWindow | 1);
        var nl = Math.Max(3, lowPassWindow | 1);
        var np = Math.Max(2, period);
        var sJump = (int)Math.Ceiling(seasonalWindow / 10.0);
        var tJump = (int)Math.Ceiling(trendWindow / 10.0);
        var lJump = (int)Math.Ceiling(lowPassWindow / 10.0);
        var values = y.ToArray();
        var seasonal = new double[n];
        var trend = new double[n];
        var work = new double[5][];
        for (var i = 0; i < 5; i++)
        {
            work[i] = new double[n + 2 * np];
        }
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < n; i++)
            {
                work[0][i] = values[i] - trend[i];
            }
            SmoothCycles(work[0].AsSpan(0, n), np, ns, 0, sJump, work[1], work[2], work[3], work[4]);
            LowPass(work[1], n + 2 * np, np, work[2], work[0]);
            Loess(work[2].AsSpan(0, n), nl, 1, lJump, work[0], work[4]);
            for (var i = 0; i < n; i++)
            {
                seasonal[i] = work[1][np + i] - work[0][i];
            }
            for (var i = 0; i < n; i++)
            {
                work[0][i] = values[i] - seasonal[i];
            }
            Loess(work[0].AsSpan(0, n), nt, 1, tJump, trend, work[2]);
        }
        var remainder = new double[n];
        for (var i = 0; i < n; i++)
        {
            remainder[i] = values[i] - seasonal[i] - trend[i];
        }
        return new Parts(seasonal, trend, remainder);
    }

    private static int NextOdd(double x)
    {
        var rounded = (int)Math.Round(x, MidpointRounding.ToEven);
        return rounded % 2 == 0 ? rounded + 1 : rounded;
    }

    /// <summary>Loess of every cycle-subseries, each extended by one fitted value before and after (R's <c>stlss</c>).</summary>
    private static void SmoothCycles(Span<double> y, int np, int ns, int degree, int jump, double[] season, double[] work1, double[] work2,
        double[] work3)
    {
        var n = y.Length;
        for (var j = 1; j <= np; j++)
        {
            var k = (n - j) / np + 1;
            for (var i = 1; i <= k; i++)
            {
                work1[i - 1] = y[(i - 1) * np + j - 1];
            }
            var cycle = work1.AsSpan(0, k);
            var fitted = work2.AsSpan(1, k);
            Loess(cycle, ns, degree, jump, fitted, work3);
            var nright = Math.Min(ns, k);
            if (!Estimate(cycle, ns, degree, 0, out work2[0], 1, nright, work3))
            {
                work2[0] = work2[1];
            }
            var nleft = Math.Max(1, k - ns + 1);
            if (!Estimate(cycle, ns, degree, k + 1, out work2[k + 1], nleft, k, work3))
            {
                work2[k + 1] = work2[k];
            }
            for (var m = 1; m <= k + 2; m++)
            {
                season[(m - 1) * np + j - 1] = work2[m - 1];
            }
        }
    }

    /// <summary>Moving averages of length np, np and 3 in turn (R's <c>stlfts</c>); the result is n − 2·np long.</summary>
    private static void LowPass(double[] x, int n, int np, double[] trend, double[] work)
    {
        MovingAverage(x, n, np, trend);
        MovingAverage(trend, n - np + 1, np, work);
        MovingAverage(work, n - 2 * np + 2, 3, trend);
    }

    private static void MovingAverage(double[] x, int n, int length, double[] average)
    {
        var count = n - length + 1;
        var v = 0.0;
        for (var i = 0; i < length; i++)
        {
            v += x[i];
        }
        average[0] = v / length;
        for (int j = 1, k = length, m = 0; j < count; j++, k++, m++)
        {
            v = v - x[m] + x[k];
            average[j] = v / length;
        }
    }

    /// <summary>Loess of y at every jump-th point and the last, linear between them (R's <c>stless</c>).</summary>
    private static void Loess(Span<double> y, int length, int degree, int jump, Span<double> ys, double[] work)
    {
        var n = y.Length;
        if (n < 2)
        {
            ys[0] = y[0];
            return;
        }
        var newJump = Math.Min(jump, n - 1);
        int nleft = 0, nright = 0;
        if (length >= n)
        {
            nleft = 1;
            nright = n;
            for (var i = 1; i <= n; i += newJump)
            {
                Fit(y, ys, i);
            }
        }
        else if (newJump == 1)
        {
            var half = (length + 1) / 2;
            nleft = 1;
            nright = length;
            for (var i = 1; i <= n; i++)
            {
                if (i > half && nright != n)
                {
                    nleft++;
                    nright++;
                }
                Fit(y, ys, i);
            }
        }
        else
        {
            var half = (length + 1) / 2;
            for (var i = 1; i <= n; i += newJump)
            {
                if (i < half)
                {
                    nleft = 1;
                    nright = length;
                }
                else if (i >= n - half + 1)
                {
                    nleft = n - length + 1;
                    nright = n;
                }
                else
                {
                    nleft = i - half + 1;
                    nright = length + i - half;
                }
                Fit(y, ys, i);
            }
        }
        if (newJump != 1)
        {
            for (var i = 1; i <= n - newJump; i += newJump)
            {
                var slope = (ys[i + newJump - 1] - ys[i - 1]) / newJump;
                for (var j = i + 1; j <= i + newJump - 1; j++)
                {
                    ys[j - 1] = ys[i - 1] + slope * (j - i);
                }
            }
            var k = (n - 1) / newJump * newJump + 1;
            if (k != n)
            {
                Fit(y, ys, n);
                if (k != n - 1)
                {
                    var slope = (ys[n - 1] - ys[k - 1]) / (n - k);
                    for (var j = k + 1; j <= n - 1; j++)
                    {
                        ys[j - 1] = ys[k - 1] + slope * (j - k);
                    }
                }
            }
        }

        void Fit(Span<double> series, Span<double> fitted, int at)
        {
            if (!Estimate(series, length, degree, at, out fitted[at - 1], nleft, nright, work))
            {
                fitted[at - 1] = series[at - 1];
            }
        }
    }

    /// <summary>
    /// One loess value at position <paramref name="xs"/> (1-based) from the points nleft..nright with tricube weights, local
    /// constant or local linear (R's <c>stlest</c>); false when no point has weight.
    /// </summary>
    private static bool Estimate(Span<double> y, int length, int degree, double xs, out double ys, int nleft, int nright, double[] w)
    {
        var n = y.Length;
        var range = n - 1.0;
        var h = Math.Max(xs - nleft, nright - xs);
        if (length > n)
        {
            h += (length - n) / 2;
        }
        var h9 = 0.999 * h;
        var h1 = 0.001 * h;
        var a = 0.0;
        for (var j = nleft; j <= nright; j++)
        {
            var r = Math.Abs(j - xs);
            if (r <= h9)
            {
                w[j - 1] = r <= h1 ? 1.0 : Math.Pow(1.0 - Math.Pow(r / h, 3), 3);
                a += w[j - 1];
            }
            else
            {
                w[j - 1] = 0.0;
            }
        }
        ys = 0;
        if (a <= 0.0)
        {
            return false;
        }
        for (var j = nleft; j <= nright; j++)
        {
            w[j - 1] /= a;
        }
        if (h > 0.0 && degree > 0)
        {
            a = 0.0;
            for (var j = nleft; j <= nright; j++)
            {
                a += w[j - 1] * j;
            }
            var b = xs - a;
            var c = 0.0;
            for (var j = nleft; j <= nright; j++)
            {
                c += w[j - 1] * (j - a) * (j - a);
            }
            if (Math.Sqrt(c) > 0.001 * range)
            {
                b /= c;
                for (var j = nleft; j <= nright; j++)
                {
                    w[j - 1] *= b * (j - a) + 1.0;
                }
            }
        }
        for (var j = nleft; j <= nright; j++)
        {
            ys += w[j - 1] * y[j - 1];
        }
        return true;
    }
}
