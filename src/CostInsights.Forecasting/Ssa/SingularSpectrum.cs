using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace CostInsights.Forecasting.Ssa;

/// <summary>A fitted singular spectrum model: the linear recurrence, the reconstructed series and its error.</summary>
public sealed record SsaFit(int Window, int Rank, double[] Recurrence, double[] Reconstructed, double Sigma);

/// <summary>
/// Singular spectrum analysis forecasting, the algorithm of ML.NET's <c>ForecastBySsa</c>: embed the
/// series in an L × K trajectory matrix, decompose it by SVD, keep the leading rank (chosen at the
/// largest gap between consecutive singular values), reconstruct by diagonal averaging, derive the
/// linear recurrent formula from the kept left singular vectors, stabilise it by pulling every root
/// of its characteristic polynomial onto or inside the unit circle, and forecast recurrently. Bounds
/// come from the reconstruction error's variance propagated through the recurrence's impulse response.
/// </summary>
public static class SingularSpectrum
{
    public static SsaFit Fit(IReadOnlyList<double> y, int window, int? rank = null)
    {
        var n = y.Count;
        if (window < 2 || window > n / 2 + 1)
        {
            throw new ArgumentException($"The window must be between 2 and half the series ({n / 2 + 1}); it was {window}.", nameof(window));
        }
        var k = n - window + 1;
        var trajectory = Matrix<double>.Build.Dense(window, k, (i, j) => y[i + j]);
        var svd = trajectory.Svd(computeVectors: true);
        var sigma = svd.S.ToArray();
        var r = rank ?? SelectRank(sigma);
        r = Math.Clamp(r, 1, window - 1);

        // Reconstruction: the rank-r part of the trajectory matrix, averaged along its anti-diagonals.
        var u = svd.U.SubMatrix(0, window, 0, r);
        var vt = svd.VT.SubMatrix(0, r, 0, k);
        var low = u * Matrix<double>.Build.DenseOfDiagonalArray(sigma.Take(r).ToArray()) * vt;
        var reconstructed = new double[n];
        var counts = new int[n];
        for (var i = 0; i < window; i++)
        {
            for (var j = 0; j < k; j++)
            {
                reconstructed[i + j] += low[i, j];
                counts[i + j]++;
            }
        }
        for (var t = 0; t < n; t++)
        {
            reconstructed[t] /= counts[t];
        }

        // The recurrence: π is the last row of U_r, ν² = |π|², a = (1/(1 − ν²)) Σ π_i U_i^∇ (U_i without its last entry).
        var pi = u.Row(window - 1);
        var nu2 = pi.DotProduct(pi);
        var coefficients = new double[window - 1];
        if (nu2 < 1 - 1e-10)
        {
            for (var i = 0; i < r; i++)
            {
                for (var j = 0; j < window - 1; j++)
                {
                    coefficients[j] += pi[i] * u[j, i];
                }
            }
            for (var j = 0; j < window - 1; j++)
            {
                coefficients[j] /= 1 - nu2;
            }
        }
        // coefficients[j] weighs y_{t−(L−1)+j}; store as a_1…a_{L−1} for y_{t−1}…y_{t−L+1}.
        var recurrence = Stabilise([.. coefficients.Reverse()]);
        var residual = y.Select((v, t) => v - reconstructed[t]).ToArray();
        var sd = Math.Sqrt(residual.Select(e => e * e).Sum() / Math.Max(1, n - r));
        return new SsaFit(window, r, recurrence, reconstructed, sd);
    }

    public static (double[] Points, double[] Spread) Project(SsaFit fit, int horizon)
    {
        var series = fit.Reconstructed.ToList();
        var a = fit.Recurrence;
        var points = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            var next = 0.0;
            for (var j = 0; j < a.Length; j++)
            {
                next += a[j] * series[series.Count - 1 - j];
            }
            series.Add(next);
            points[h] = next;
        }
        // Impulse response ψ₀ = 1, ψ_k = Σ a_j ψ_{k−j}; the h-step variance is σ² Σ_{k<h} ψ_k².
        var psi = new double[horizon];
        var spread = new double[horizon];
        var sum = 0.0;
        for (var h = 0; h < horizon; h++)
        {
            psi[h] = h == 0 ? 1 : Enumerable.Range(1, Math.Min(h, a.Length)).Sum(j => a[j - 1] * psi[h - j]);
            sum += psi[h] * psi[h];
            spread[h] = fit.Sigma * Math.Sqrt(sum);
        }
        return (points, spread);
    }

    /// <summary>SSA on the series with the window ML.NET would take for a seasonal series: two seasons, at most half the data.</summary>
    public static Forecast Forecast(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative = false)
    {
        History.Check(history, 4, "Singular spectrum analysis", horizon);
        var window = Math.Max(2, Math.Min(history.Count / 2, 2 * Math.Max(season, 6)));
        var (points, spread) = Project(Fit(history, window), horizon);
        return Baselines.Baseline.Build("ssa", points, spread, levels, nonNegative);
    }

    /// <summary>The rank at the largest ratio between consecutive singular values, in the first half of the spectrum.</summary>
    private static int SelectRank(double[] sigma)
    {
        var best = 1;
        var bestRatio = 0.0;
        // A trajectory of one column has one singular value: rank 1.
        for (var i = 0; i < Math.Max(1, sigma.Length / 2) && i + 1 < sigma.Length; i++)
        {
            var ratio = sigma[i + 1] <= 1e-12 * sigma[0] ? double.MaxValue : sigma[i] / sigma[i + 1];
            if (ratio > bestRatio)
            {
                (best, bestRatio) = (i + 1, ratio);
            }
            if (ratio == double.MaxValue)
            {
                break;
            }
        }
        return best;
    }

    /// <summary>
    /// Roots of <c>z^p − a₁z^{p−1} − … − a_p</c> outside the unit circle are pulled onto it, so the
    /// forecast cannot explode; the polynomial is rebuilt from the roots.
    /// </summary>
    private static double[] Stabilise(double[] a)
    {
        var p = a.Length;
        if (p == 0)
        {
            return a;
        }
        var companion = Matrix<double>.Build.Dense(p, p);
        for (var j = 0; j < p; j++)
        {
            companion[0, j] = a[j];
        }
        for (var i = 1; i < p; i++)
        {
            companion[i, i - 1] = 1;
        }
        var roots = companion.Evd().EigenValues.ToArray();
        if (roots.All(z => z.Magnitude <= 1 + 1e-9))
        {
            return a;
        }
        var stable = roots.Select(z => z.Magnitude > 1 ? z / z.Magnitude : z).ToArray();
        // Expand Π (z − root) = z^p + c₁z^{p−1} + … + c_p; then a_j = −c_j.
        var poly = new Complex[] { Complex.One };
        foreach (var root in stable)
        {
            var next = new Complex[poly.Length + 1];
            for (var i = 0; i < poly.Length; i++)
            {
                next[i] += poly[i];
                next[i + 1] -= poly[i] * root;
            }
            poly = next;
        }
        return [.. Enumerable.Range(1, p).Select(j => -poly[j].Real)];
    }
}
