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
        Span<double> vectors = stackalloc double[3 * r];
        var k = vectors[..r];
        var v = vectors.Slice(r, r);
        var a = vectors[(2 * r)..];
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
            // Filtered state, then the next prediction: a ← T (a + k·innovation / F), in place (T shifts up and adds φ times
            // the first entry).
            var step = innovation / f;
            var head = a[0] + k[0] * step;
            for (var i = 0; i < r - 1; i++)
            {
                a[i] = a[i + 1] + k[i + 1] * step;
            }
            a[r - 1] = 0;
            AddFirstColumn(phi, lags, head, a);
            // P_{t+1} = P_t + s v vᵀ: k and F follow; the next change is s F / F' · (T u)(T u)ᵀ with u = v − k v₀ / F, so
            // v ← T u and k ← k + s v₀ v, in place.
            var v0 = v[0];
            var fNext = f + s * v0 * v0;
            var ratio = v0 / f;
            head = v0 - k[0] * ratio;
            k[0] += s * v0 * v0;
            for (var i = 0; i < r - 1; i++)
            {
                var below = v[i + 1];
                v[i] = below - k[i + 1] * ratio;
                k[i + 1] += s * below * v0;
            }
            v[r - 1] = 0;
            AddFirstColumn(phi, lags, head, v);
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

    /// <summary>result = T x for Harvey's transition: φ down the first column, ones above the diagonal.</summary>
    private static void Transition(double[] phi, ReadOnlySpan<int> lags, ReadOnlySpan<double> x, Span<double> result)
    {
        var r = x.Length;
        for (var i = 0; i < r - 1; i++)
        {
            result[i] = x[i + 1];
        }
        result[r - 1] = 0;
        AddFirstColumn(phi, lags, x[0], result);
    }

    /// <summary>
    /// Adds φ times <paramref name="head"/>: only the non-zero φ (a zero one adds nothing to a finite state), or every one
    /// where the head is not finite, as the full product would.
    /// </summary>
    private static void AddFirstColumn(double[] phi, ReadOnlySpan<int> lags, double head, Span<double> result)
    {
        if (double.IsFinite(head))
        {
            foreach (var i in lags)
            {
                result[i] += phi[i] * head;
            }
            return;
        }
        for (var i = 0; i < phi.Length; i++)
        {
            result[i] += phi[i] * head;
        }
    }
}
