namespace CostInsights.Forecasting.Arima;

/// <summary>
/// The exact Gaussian likelihood of a stationary ARMA series started from its stationary distribution, by the Kalman filter
/// in Chandrasekhar form (Morf, Sidhu and Kailath 1974): started from the stationary covariance, the predicted covariance
/// changes by a rank-one term each step, so the filter carries vectors, not matrices, and costs O(r) per observation
/// instead of O(r²). Fitting a differenced model, R's <c>arima()</c> filters the undifferenced series with a diffuse prior
/// on the differencing states and leaves out the observations that prior dominates; that is this likelihood of the
/// differenced series, up to the prior's finite variance (a relative 1e-6).
/// </summary>
internal static class ArmaLikelihood
{
    /// <summary>
    /// The sum of squared standardised innovations, the sum of the log innovation variances, and how many observations
    /// counted (those whose innovation variance is below 1e4, as R's filter counts them).
    /// </summary>
    public static (double Ssq, double SumLog, int Count) Evaluate(ReadOnlySpan<double> w, double[] phi, double[] theta)
    {
        var r = Math.Max(phi.Length, theta.Length + 1);
        // A seasonal model's expanded AR polynomial is mostly zeros: the transition adds only the lags whose coefficient is not.
        Span<int> lags = stackalloc int[phi.Length];
        lags = lags[..NonZero(phi, lags)];
        // k = P e₁ and F = P₀₀ for the predicted covariance P; ΔP = s·v vᵀ.
        Span<double> vectors = stackalloc double[4 * r];
        var k = vectors[..r];
        var v = vectors.Slice(r, r);
        var a = vectors.Slice(2 * r, r);
        var u = vectors[(3 * r)..];
        StationaryCovariance.FirstColumn(phi, theta, r).CopyTo(k);
        var f = k[0];
        Transition(phi, lags, k, v);
        var s = -1 / f;
        double ssq = 0, sumLog = 0;
        var count = 0;
        for (var t = 0; t < w.Length; t++)
        {
            var innovation = w[t] - a[0];
            if (f < 1e4)
            {
                count++;
                ssq += innovation * innovation / f;
                sumLog += Math.Log(f);
            }
            // Filtered state, then the next prediction: a ← T (a + k·innovation / F).
            var step = innovation / f;
            for (var i = 0; i < r; i++)
            {
                u[i] = a[i] + k[i] * step;
            }
            Transition(phi, lags, u, a);
            // P_{t+1} = P_t + s v vᵀ: k and F follow; the next change is s F / F' · (T u)(T u)ᵀ with u = v − k v₀ / F.
            var v0 = v[0];
            var fNext = f + s * v0 * v0;
            var ratio = v0 / f;
            for (var i = 0; i < r; i++)
            {
                u[i] = v[i] - k[i] * ratio;
                k[i] += s * v[i] * v0;
            }
            Transition(phi, lags, u, v);
            s *= f / fNext;
            f = fNext;
        }
        return (ssq, sumLog, count);
    }

    /// <summary>Writes the indices of the non-zero coefficients and returns how many there are.</summary>
    internal static int NonZero(ReadOnlySpan<double> coefficients, Span<int> indices)
    {
        var count = 0;
        for (var i = 0; i < coefficients.Length; i++)
        {
            if (coefficients[i] != 0)
            {
                indices[count++] = i;
            }
        }
        return count;
    }

    /// <summary>
    /// result = T x for Harvey's transition: φ down the first column, ones above the diagonal. Only the non-zero φ are added
    /// (a zero one adds nothing to a finite state; a state that is not finite gets every term, as the full product would).
    /// </summary>
    private static void Transition(double[] phi, ReadOnlySpan<int> lags, ReadOnlySpan<double> x, Span<double> result)
    {
        var r = x.Length;
        var x0 = x[0];
        for (var i = 0; i < r - 1; i++)
        {
            result[i] = x[i + 1];
        }
        result[r - 1] = 0;
        if (double.IsFinite(x0))
        {
            foreach (var i in lags)
            {
                result[i] += phi[i] * x0;
            }
            return;
        }
        for (var i = 0; i < phi.Length; i++)
        {
            result[i] += phi[i] * x0;
        }
    }
}
