namespace CostInsights.Forecasting.Arima;

/// <summary>
/// An ARIMA model in the state-space form R's <c>arima()</c> uses (Gardner, Harvey and Phillips 1980; Durbin and Koopman
/// 2001, §8.3): an ARMA state of size r = max(p, q + 1) followed by the d differencing states, the ARMA part started from
/// its stationary covariance and the differencing states from a diffuse prior of variance <see cref="Kappa"/>. The Kalman
/// filter gives the exact Gaussian likelihood; run to the end of the history, it leaves the state forecasts start from.
/// </summary>
internal sealed class StateSpace
{
    /// <summary>R's variance for the diffuse prior of the differencing states.</summary>
    public const double Kappa = 1e6;

    private readonly double[] _phi;
    private readonly double[] _theta;
    private readonly double[] _delta;
    private readonly int _r;
    private readonly int _rd;
    private readonly double[] _a;
    private readonly double[] _p;
    private readonly double[] _pn;

    /// <param name="phi">AR coefficients with the seasonal part multiplied in (length p + sP·m).</param>
    /// <param name="theta">MA coefficients likewise.</param>
    /// <param name="delta">The differencing polynomial's coefficients: y_t = Σ δ_i y_{t−i} + w_t.</param>
    public StateSpace(double[] phi, double[] theta, double[] delta)
    {
        _phi = phi;
        _delta = delta;
        _r = Math.Max(phi.Length, theta.Length + 1);
        _theta = new double[Math.Max(theta.Length, _r - 1)];
        Array.Copy(theta, _theta, theta.Length);
        _rd = _r + delta.Length;
        _a = new double[_rd];
        _p = new double[_rd * _rd];
        _pn = new double[_rd * _rd];
        var q0 = StationaryCovariance.Of(phi, theta, _r);
        for (var i = 0; i < _r; i++)
        {
            for (var j = 0; j < _r; j++)
            {
                _pn[i + _rd * j] = q0[i + _r * j];
            }
        }
        for (var i = _r; i < _rd; i++)
        {
            _pn[i + _rd * i] = Kappa;
        }
    }

    /// <summary>
    /// Runs the Kalman filter over <paramref name="y"/> (NaN where missing), leaving the filtered state at its end. Returns
    /// the sum of squared standardised innovations, the sum of the log gains, and how many observations counted (those
    /// whose gain is below 1e4, so not the ones the diffuse prior still dominates).
    /// </summary>
    public (double Ssq, double SumLog, int Count) Filter(IReadOnlyList<double> y, double[]? residuals = null)
    {
        var (r, rd, d, p) = (_r, _rd, _delta.Length, _phi.Length);
        var (phi, delta, a, pm, pnew) = (_phi, _delta, _a, _p, _pn);
        var anew = new double[rd];
        var m = new double[rd];
        var mm = d > 0 ? new double[rd * rd] : null;
        double ssq = 0, sumLog = 0;
        var nu = 0;
        for (var l = 0; l < y.Count; l++)
        {
            for (var i = 0; i < r; i++)
            {
                var tmp = i < r - 1 ? a[i + 1] : 0.0;
                if (i < p)
                {
                    tmp += phi[i] * a[0];
                }
                anew[i] = tmp;
            }
            if (d > 0)
            {
                for (var i = r + 1; i < rd; i++)
                {
                    anew[i] = a[i - 1];
                }
                var tmp = a[0];
                for (var i = 0; i < d; i++)
                {
                    tmp += delta[i] * a[r + i];
                }
                anew[r] = tmp;
            }
            if (l > 0)
            {
                if (d == 0)
                {
                    PredictStationary(pm, pnew);
                }
                else
                {
                    PredictDifferenced(pm, pnew, mm!);
                }
            }
            if (!double.IsNaN(y[l]))
            {
                var resid = y[l] - anew[0];
                for (var i = 0; i < d; i++)
                {
                    resid -= delta[i] * anew[r + i];
                }
                for (var i = 0; i < rd; i++)
                {
                    var tmp = pnew[i];
                    for (var j = 0; j < d; j++)
                    {
                        tmp += pnew[i + (r + j) * rd] * delta[j];
                    }
                    m[i] = tmp;
                }
                var gain = m[0];
                for (var j = 0; j < d; j++)
                {
                    gain += delta[j] * m[r + j];
                }
                if (gain < 1e4)
                {
                    nu++;
                    ssq += resid * resid / gain;
                    sumLog += Math.Log(gain);
                }
                if (residuals is not null)
                {
                    residuals[l] = resid / Math.Sqrt(gain);
                }
                for (var i = 0; i < rd; i++)
                {
                    a[i] = anew[i] + m[i] * resid / gain;
                }
                for (var j = 0; j < rd; j++)
                {
                    var mj = m[j] / gain;
                    var source = pnew.AsSpan(j * rd, rd);
                    var target = pm.AsSpan(j * rd, rd);
                    for (var i = 0; i < rd; i++)
                    {
                        target[i] = source[i] - m[i] * mj;
                    }
                }
            }
            else
            {
                Array.Copy(anew, a, rd);
                Array.Copy(pnew, pm, rd * rd);
                if (residuals is not null)
                {
                    residuals[l] = double.NaN;
                }
            }
        }
        return (ssq, sumLog, nu);
    }

    /// <summary>
    /// Forecasts from the filtered state: the point forecasts of the (differenced-back) series and their variances in
    /// units of the innovation variance.
    /// </summary>
    public (double[] Mean, double[] Variance) Forecast(int horizon)
    {
        var rd = _rd;
        var t = new double[rd * rd];
        var z = new double[rd];
        z[0] = 1;
        for (var i = 0; i < _delta.Length; i++)
        {
            z[_r + i] = _delta[i];
        }
        for (var i = 0; i < _phi.Length; i++)
        {
            t[i] = _phi[i];
        }
        for (var i = 1; i < _r; i++)
        {
            t[i - 1 + rd * i] = 1;
        }
        if (_delta.Length > 0)
        {
            for (var j = 0; j < rd; j++)
            {
                t[_r + rd * j] = z[j];
            }
            for (var i = 1; i < _delta.Length; i++)
            {
                t[_r + i + rd * (_r + i - 1)] = 1;
            }
        }
        var rv = new double[rd];
        rv[0] = 1;
        for (var i = 0; i < _r - 1; i++)
        {
            rv[i + 1] = _theta[i];
        }
        var a = (double[])_a.Clone();
        var p = (double[])_p.Clone();
        var anew = new double[rd];
        var mm = new double[rd * rd];
        var mean = new double[horizon];
        var variance = new double[horizon];
        for (var l = 0; l < horizon; l++)
        {
            var fc = 0.0;
            for (var i = 0; i < rd; i++)
            {
                var tmp = 0.0;
                for (var k = 0; k < rd; k++)
                {
                    tmp += t[i + rd * k] * a[k];
                }
                anew[i] = tmp;
                fc += tmp * z[i];
            }
            Array.Copy(anew, a, rd);
            mean[l] = fc;
            for (var i = 0; i < rd; i++)
            {
                for (var j = 0; j < rd; j++)
                {
                    var tmp = 0.0;
                    for (var k = 0; k < rd; k++)
                    {
                        tmp += t[i + rd * k] * p[k + rd * j];
                    }
                    mm[i + rd * j] = tmp;
                }
            }
            var v = 0.0;
            for (var i = 0; i < rd; i++)
            {
                for (var j = 0; j < rd; j++)
                {
                    var tmp = rv[i] * rv[j];
                    for (var k = 0; k < rd; k++)
                    {
                        tmp += mm[i + rd * k] * t[j + rd * k];
                    }
                    p[i + rd * j] = tmp;
                }
            }
            for (var i = 0; i < rd; i++)
            {
                for (var j = 0; j < rd; j++)
                {
                    v += z[i] * z[j] * p[i + rd * j];
                }
            }
            variance[l] = v;
        }
        return (mean, variance);
    }

    /// <summary>Pnew = T P Tᵀ + R Rᵀ for a model with no differencing, column by column.</summary>
    private void PredictStationary(double[] pm, double[] pnew)
    {
        var (r, p, q) = (_r, _phi.Length, _theta.Length);
        ReadOnlySpan<double> phi = _phi, theta = _theta;
        var p00 = pm[0];
        for (var j = 0; j < r; j++)
        {
            var vj = j == 0 ? 1.0 : j - 1 < q ? theta[j - 1] : 0.0;
            var phij = j < p ? phi[j] : 0.0;
            var pj1 = j < r - 1 ? pm.AsSpan(r * (j + 1), r) : default;
            var target = pnew.AsSpan(r * j, r);
            for (var i = 0; i < r; i++)
            {
                var vi = i == 0 ? 1.0 : i - 1 < q ? theta[i - 1] : 0.0;
                var tmp = vi * vj;
                if (i < p && j < p)
                {
                    tmp += phi[i] * phij * p00;
                }
                if (i < r - 1 && j < r - 1)
                {
                    tmp += pj1[i + 1];
                }
                if (i < p && j < r - 1)
                {
                    tmp += phi[i] * pm[j + 1];
                }
                if (j < p && i < r - 1)
                {
                    tmp += phij * pm[i + 1];
                }
                target[i] = tmp;
            }
        }
    }

    /// <summary>Pnew = T P Tᵀ + R Rᵀ with T's structure spelled out: φ down the first column, ones above the diagonal, then
    /// the differencing rows.</summary>
    private void PredictDifferenced(double[] pm, double[] pnew, double[] mm)
    {
        var (r, rd, d, p, q) = (_r, _rd, _delta.Length, _phi.Length, _theta.Length);
        ReadOnlySpan<double> phi = _phi, theta = _theta, delta = _delta;
        // mm = T P, a column at a time.
        for (var j = 0; j < rd; j++)
        {
            var column = pm.AsSpan(rd * j, rd);
            var target = mm.AsSpan(rd * j, rd);
            var top = column[0];
            for (var i = 0; i < r - 1; i++)
            {
                target[i] = column[i + 1];
            }
            target[r - 1] = 0.0;
            for (var i = 0; i < p; i++)
            {
                target[i] += phi[i] * top;
            }
            var tmp = top;
            for (var k = 0; k < d; k++)
            {
                tmp += delta[k] * column[r + k];
            }
            target[r] = tmp;
            for (var i = 1; i < d; i++)
            {
                target[r + i] = column[r + i - 1];
            }
        }
        // Pnew = mm Tᵀ: column i of Pnew is the same combination of mm's columns as row i of T is of P's rows.
        var first = mm.AsSpan(0, rd);
        for (var i = 0; i < r; i++)
        {
            var target = pnew.AsSpan(rd * i, rd);
            if (i < r - 1)
            {
                mm.AsSpan(rd * (i + 1), rd).CopyTo(target);
            }
            else
            {
                target.Clear();
            }
            if (i < p)
            {
                var f = phi[i];
                for (var j = 0; j < rd; j++)
                {
                    target[j] += f * first[j];
                }
            }
        }
        {
            var target = pnew.AsSpan(rd * r, rd);
            first.CopyTo(target);
            for (var k = 0; k < d; k++)
            {
                var dk = delta[k];
                var source = mm.AsSpan(rd * (r + k), rd);
                for (var j = 0; j < rd; j++)
                {
                    target[j] += dk * source[j];
                }
            }
        }
        for (var i = 1; i < d; i++)
        {
            mm.AsSpan(rd * (r + i - 1), rd).CopyTo(pnew.AsSpan(rd * (r + i), rd));
        }
        for (var i = 0; i <= q; i++)
        {
            var vi = i == 0 ? 1.0 : theta[i - 1];
            for (var j = 0; j <= q; j++)
            {
                pnew[i + rd * j] += vi * (j == 0 ? 1.0 : theta[j - 1]);
            }
        }
    }
}
