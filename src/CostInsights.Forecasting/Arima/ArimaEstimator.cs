using CostInsights.Forecasting.Optimisation;
using MathNet.Numerics.LinearAlgebra;

namespace CostInsights.Forecasting.Arima;

/// <summary>How an ARIMA model's coefficients are estimated, as R's <c>arima()</c> names the ways.</summary>
public enum ArimaMethod
{
    /// <summary>Conditional sum of squares to start, then exact maximum likelihood by the Kalman filter.</summary>
    ConditionalThenExact,

    /// <summary>Conditional sum of squares only: faster, used to rank candidates on long series.</summary>
    ConditionalSumOfSquares,
}

/// <summary>
/// Fits one seasonal ARIMA model as R's <c>arima()</c> does with its defaults: the mean or drift as a regression
/// coefficient started from least squares on the differenced series, the ARMA coefficients from zero by the conditional
/// sum of squares, then exact maximum likelihood by BFGS on AR coefficients kept stationary through their partial
/// autocorrelations, MA roots flipped to invertible, and the coefficients' covariance from the numerical Hessian.
/// Where R's <c>arima()</c> stops with an error (a non-stationary start, a singular Hessian), the fit is null.
/// </summary>
internal static class ArimaEstimator
{
    public static ArimaFit? Fit(IReadOnlyList<double> y, ArimaOrder order, ArimaMethod method)
    {
        try
        {
            return FitOrThrow(y, order, method);
        }
        catch (ArimaFitException)
        {
            return null;
        }
    }

    /// <summary>
    /// A model with no ARMA coefficients and, when it has a constant, that constant fixed rather than estimated, as R's
    /// <c>auto.arima()</c> returns for a series its differences leave constant.
    /// </summary>
    public static ArimaFit FitFixed(IReadOnlyList<double> y, ArimaOrder order, double? constant)
    {
        var x = y.ToArray();
        var delta = DifferencingPolynomial(order);
        double[] coefficients = order.Constant ? [constant ?? 0] : [];
        var model = new StateSpace([], [], delta);
        var residuals = new double[x.Length];
        var (ssq, _, _) = model.Filter(Adjusted(x, Regressor(order, x.Length), coefficients, 0), residuals);
        var used = x.Length - delta.Length;
        return new ArimaFit(order, coefficients, ssq / used, double.NaN, double.NaN, new(new double[0, 0]), model, residuals, used, x.Length);
    }

    private static ArimaFit FitOrThrow(IReadOnlyList<double> y, ArimaOrder order, ArimaMethod method)
    {
        var n = y.Count;
        var delta = DifferencingPolynomial(order);
        var x = y.ToArray();
        var narma = order.ArmaCount;
        var regressor = Regressor(order, n);
        var nreg = regressor is null ? 0 : 1;
        var anyMissing = x.Any(double.IsNaN);
        var exact = method == ArimaMethod.ConditionalThenExact;
        var conditionalFirst = !anyMissing || !exact;
        var ncond = conditionalFirst ? order.D + order.SeasonalD * order.Period + order.P + order.Period * order.SeasonalP : 0;
        var init = new double[narma + nreg];
        var scale = Enumerable.Repeat(1.0, narma + nreg).ToArray();
        var used = x.Count(v => !double.IsNaN(v)) - delta.Length;
        if (regressor is not null)
        {
            var (beta, se) = RegressionStart(x, regressor, order);
            init[narma] = beta;
            scale[narma] = 10 * se;
        }
        if (used <= 0 || scale.Any(s => !(s > 0) || !double.IsFinite(s)))
        {
            throw new ArimaFitException();
        }

        // Without a regressor the series the conditional sum of squares differences is the same at every evaluation.
        // With one, each evaluation adjusts and differences it again, in buffers kept for the fit rather than new arrays.
        var cssSeries = regressor is null ? DifferencedInPlace(x, order) : new double[n];
        double Css(double[] p)
        {
            var (phi, theta) = Coefficients.Expand(p, order, false);
            if (regressor is not null)
            {
                AdjustInto(x, regressor, p[narma], cssSeries);
                DifferenceInPlace(cssSeries, order);
            }
            var (ssq, _) = OfDifferenced(cssSeries, phi, theta, ncond, null);
            return 0.5 * Math.Log(ssq);
        }

        // Without a regressor the differenced series is the same at every evaluation.
        var differenced = regressor is null && !anyMissing ? Difference(x, order) : null;
        var (adjusted, differencing) = regressor is null ? ([], []) : (new double[n], new double[n]);
        double Exact(double[] p)
        {
            var (phi, theta) = Coefficients.Expand(p, order, true);
            var w = x;
            if (regressor is not null)
            {
                AdjustInto(x, regressor, p[narma], adjusted);
                w = adjusted;
            }
            var (ssq, sumLog, count) = anyMissing
                ? new StateSpace(phi, theta, delta).Filter(w)
                : ArmaLikelihood.Evaluate(differenced ?? DifferenceInto(w, order, differencing), phi, theta);
            var s2 = ssq / count;
            return 0.5 * (Math.Log(s2) + sumLog / count);
        }

        if (!exact)
        {
            var css = Bfgs.Minimize(Css, init, scale) ?? throw new ArimaFitException();
            var hessian = Bfgs.Hessian(Css, css.Point, scale) ?? throw new ArimaFitException();
            var coefficients = css.Point;
            var variance = Inverse(hessian, scale, used);
            var (phi, theta) = Coefficients.Expand(coefficients, order, false);
            var model = new StateSpace(phi, theta, delta);
            var w = Adjusted(x, regressor, coefficients, narma);
            model.Filter(w);
            var residuals = new double[n];
            var (sigma2, _) = ConditionalSumOfSquares(w, order, phi, theta, ncond, residuals);
            var value = 2 * used * css.Value + used + used * Math.Log(2 * Math.PI);
            return new ArimaFit(order, coefficients, sigma2, -0.5 * value, double.NaN, new(variance), model, residuals, used, n);
        }

        if (conditionalFirst)
        {
            var css = Bfgs.Minimize(Css, init, scale) ?? throw new ArimaFitException();
            if (css.Converged)
            {
                init = css.Point;
            }
            if (!Coefficients.RootsOutside(Negated(init.AsSpan(0, order.P)), 1)
                || !Coefficients.RootsOutside(Negated(init.AsSpan(order.P + order.Q, order.SeasonalP)), 1))
            {
                throw new ArimaFitException();
            }
        }
        init = Coefficients.Untransformed(init, order);
        InvertMaBlocks(init, order);
        var ml = Bfgs.Minimize(Exact, init, scale) ?? throw new ArimaFitException();
        var coef = ml.Point;
        var before = (double[])coef.Clone();
        InvertMaBlocks(coef, order);
        var value0 = ml.Value;
        if (!coef.AsSpan().SequenceEqual(before))
        {
            value0 = Exact(coef);
        }
        var searched = (double[])coef.Clone();
        // R computes the covariance with every fit and fails the fit when it cannot; it costs more than the fit itself, so
        // it is computed when asked for (a null one meaning R's fit would have failed).
        var covariance = new Lazy<double[,]?>(() => Covariance(Exact, searched, scale, order, used), LazyThreadSafetyMode.None);
        coef = Coefficients.Transformed(coef, order);
        var (phiFinal, thetaFinal) = Coefficients.Expand(coef, order, false);
        var final = new StateSpace(phiFinal, thetaFinal, delta);
        var innovations = new double[n];
        var (finalSsq, _, _) = final.Filter(Adjusted(x, regressor, coef, narma), innovations);
        var twiceNegLogLik = 2 * used * value0 + used + used * Math.Log(2 * Math.PI);
        var aic = twiceNegLogLik + 2 * coef.Length + 2;
        return new ArimaFit(order, coef, finalSsq / used, -0.5 * twiceNegLogLik, aic, covariance, final, innovations, used, n);
    }

    /// <summary>
    /// The covariance of the coefficients: the inverse Hessian of the likelihood in the unconstrained parameters, carried to
    /// the coefficients through the transformation's Jacobian; null where R's <c>arima()</c> would stop.
    /// </summary>
    private static double[,]? Covariance(Func<double[], double> objective, double[] point, double[] scale, ArimaOrder order, int used)
    {
        try
        {
            var h = Bfgs.Hessian(objective, point, scale) ?? throw new ArimaFitException();
            var a = Coefficients.TransformJacobian(point, order);
            var inverse = Inverse(h, scale, used);
            var k = point.Length;
            var jacobian = Matrix<double>.Build.Dense(k, k, a);
            return jacobian.TransposeThisAndMultiply(Matrix<double>.Build.DenseOfArray(inverse) * jacobian).ToArray();
        }
        catch (ArimaFitException)
        {
            return null;
        }
    }

    /// <summary>The coefficients of y_t = Σ δ_i y_{t−i} + w_t that (1 − B)^d (1 − B^m)^D stands for.</summary>
    public static double[] DifferencingPolynomial(ArimaOrder order)
    {
        double[] poly = [1.0];
        for (var i = 0; i < order.D; i++)
        {
            poly = Multiply(poly, [1.0, -1.0]);
        }
        for (var i = 0; i < order.SeasonalD; i++)
        {
            var seasonal = new double[order.Period + 1];
            seasonal[0] = 1;
            seasonal[order.Period] = -1;
            poly = Multiply(poly, seasonal);
        }
        return [.. poly.Skip(1).Select(c => -c)];
    }

    /// <summary>The regressor of the model's constant: 1, 2, … n for a drift, all ones for a mean, none otherwise.</summary>
    public static double[]? Regressor(ArimaOrder order, int n) =>
        order.HasDrift ? [.. Enumerable.Range(1, n).Select(t => (double)t)]
        : order.HasMean ? [.. Enumerable.Repeat(1.0, n)]
        : null;

    /// <summary>
    /// The conditional sum of squares (R's <c>ARIMA_CSS</c>): the series differenced, the first <paramref name="ncond"/>
    /// residuals taken as zero. Returns the mean square and, when asked, writes the residuals.
    /// </summary>
    private static (double MeanSquare, int Count) ConditionalSumOfSquares(double[] y, ArimaOrder order, double[] phi, double[] theta,
        int ncond, double[]? residuals) =>
        OfDifferenced(DifferencedInPlace(y, order), phi, theta, ncond, residuals);

    /// <summary>The series differenced as the conditional sum of squares reads it: its first values kept, the rest differenced.</summary>
    private static double[] DifferencedInPlace(double[] y, ArimaOrder order)
    {
        var w = (double[])y.Clone();
        DifferenceInPlace(w, order);
        return w;
    }

    /// <summary>What <see cref="DifferencedInPlace"/> returns, written over the series.</summary>
    private static void DifferenceInPlace(Span<double> w, ArimaOrder order)
    {
        var n = w.Length;
        for (var i = 0; i < order.D; i++)
        {
            for (var l = n - 1; l > 0; l--)
            {
                w[l] -= w[l - 1];
            }
        }
        var ns = order.Period;
        for (var i = 0; i < order.SeasonalD; i++)
        {
            for (var l = n - 1; l >= ns; l--)
            {
                w[l] -= w[l - ns];
            }
        }
    }

    /// <summary>The conditional sum of squares of a series already differenced by <see cref="DifferencedInPlace"/>.</summary>
    private static (double MeanSquare, int Count) OfDifferenced(ReadOnlySpan<double> w, double[] phi, double[] theta, int ncond, double[]? residuals)
    {
        var n = w.Length;
        // Evaluated many times a fit: the residuals on the stack unless asked for or the series is long.
        Span<double> resid = residuals ?? (n <= 1024 ? stackalloc double[n] : new double[n]);
        resid[..Math.Min(ncond, n)].Clear();
        // A seasonal model's expanded polynomials are mostly zeros, and a zero coefficient takes nothing from a finite sum;
        // a series with a missing value takes every term, so that the value leaves every residual it reaches missing.
        var dense = !Quantiles.AllFinite(w);
        Span<int> arLags = stackalloc int[phi.Length];
        Span<int> maLags = stackalloc int[theta.Length];
        arLags = arLags[..(dense ? All(arLags) : ArmaLikelihood.NonZero(phi, arLags))];
        maLags = maLags[..(dense ? All(maLags) : ArmaLikelihood.NonZero(theta, maLags))];
        var ssq = 0.0;
        var nu = 0;
        for (var l = ncond; l < n; l++)
        {
            var tmp = w[l];
            foreach (var j in arLags)
            {
                tmp -= phi[j] * w[l - j - 1];
            }
            var upto = l - ncond;
            foreach (var j in maLags)
            {
                if (j >= upto)
                {
                    break;
                }
                tmp -= theta[j] * resid[l - j - 1];
            }
            resid[l] = tmp;
            if (!double.IsNaN(tmp))
            {
                nu++;
                ssq += tmp * tmp;
            }
        }
        return (ssq / nu, nu);
    }

    /// <summary>Writes every index, 0 to the length, and returns how many there are.</summary>
    private static int All(Span<int> indices)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = i;
        }
        return indices.Length;
    }

    /// <summary>
    /// The regression coefficient's start and standard error, by least squares through the origin on the differenced series
    /// and regressor (on the undifferenced ones when differencing leaves nothing to fit), as R's <c>arima()</c> starts it.
    /// </summary>
    private static (double Beta, double StandardError) RegressionStart(double[] x, double[] regressor, ArimaOrder order)
    {
        var dx = Difference(x, order);
        var dr = Difference(regressor, order);
        if (dx.Length > 1 && dr.Any(v => v != 0))
        {
            return ThroughOrigin(dx, dr);
        }
        return ThroughOrigin(x, regressor);
    }

    private static (double Beta, double StandardError) ThroughOrigin(double[] y, double[] x)
    {
        double sxy = 0, sxx = 0;
        var count = 0;
        for (var i = 0; i < y.Length; i++)
        {
            if (!double.IsNaN(y[i]))
            {
                sxy += x[i] * y[i];
                sxx += x[i] * x[i];
                count++;
            }
        }
        var beta = sxy / sxx;
        var rss = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            if (!double.IsNaN(y[i]))
            {
                var e = y[i] - beta * x[i];
                rss += e * e;
            }
        }
        return (beta, Math.Sqrt(rss / (count - 1) / sxx));
    }

    private static double[] Difference(double[] series, ArimaOrder order) =>
        DifferenceInto(series, order, new double[series.Length]).ToArray();

    /// <summary>
    /// The series differenced d times at lag 1, then D times at the season's lag (each value less the one a lag before),
    /// written into the buffer: the part of it that holds them.
    /// </summary>
    private static ReadOnlySpan<double> DifferenceInto(ReadOnlySpan<double> series, ArimaOrder order, Span<double> buffer)
    {
        var result = buffer[..series.Length];
        series.CopyTo(result);
        for (var i = 0; i < order.D + order.SeasonalD; i++)
        {
            var lag = i < order.D ? 1 : order.Period;
            var length = Math.Max(0, result.Length - lag);
            for (var t = 0; t < length; t++)
            {
                result[t] = result[t + lag] - result[t];
            }
            result = result[..length];
        }
        return result;
    }

    /// <summary>The series less the constant's regressor times its coefficient, written into <paramref name="into"/>.</summary>
    private static void AdjustInto(double[] x, double[] regressor, double beta, Span<double> into)
    {
        for (var i = 0; i < x.Length; i++)
        {
            into[i] = x[i] - regressor[i] * beta;
        }
    }

    private static double[] Adjusted(double[] x, double[]? regressor, double[] coefficients, int narma)
    {
        if (regressor is null)
        {
            return x;
        }
        var result = new double[x.Length];
        AdjustInto(x, regressor, coefficients[narma], result);
        return result;
    }

    /// <summary>
    /// The inverse of the Hessian times the observations used; R's <c>solve()</c> refuses a singular one. It is inverted in
    /// the optimiser's scaled parameters, where a mean or drift counted in billions and a coefficient near one are of a size:
    /// in their own units the matrix's condition says more of the series' unit than of the fit, and R refuses a series
    /// counted in millions whose model has both.
    /// </summary>
    private static double[,] Inverse(double[,] hessian, double[] scale, int used)
    {
        var k = hessian.GetLength(0);
        if (k == 0)
        {
            return new double[0, 0];
        }
        var matrix = Matrix<double>.Build.Dense(k, k, (i, j) => hessian[i, j] * scale[i] * scale[j] * used);
        var lu = matrix.LU();
        if (lu.Determinant == 0 || !double.IsFinite(lu.Determinant))
        {
            throw new ArimaFitException();
        }
        var inverse = lu.Inverse();
        var reciprocalCondition = 1 / (matrix.L1Norm() * inverse.L1Norm());
        if (!(reciprocalCondition >= 2.220446049250313e-16))
        {
            throw new ArimaFitException();
        }
        return Matrix<double>.Build.Dense(k, k, (i, j) => inverse[i, j] * scale[i] * scale[j]).ToArray();
    }

    private static void InvertMaBlocks(double[] coefficients, ArimaOrder order)
    {
        Coefficients.InvertMa(coefficients.AsSpan(order.P, order.Q));
        Coefficients.InvertMa(coefficients.AsSpan(order.P + order.Q + order.SeasonalP, order.SeasonalQ));
    }

    private static double[] Negated(ReadOnlySpan<double> coefficients)
    {
        var result = new double[coefficients.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = -coefficients[i];
        }
        return result;
    }

    private static double[] Multiply(double[] a, double[] b)
    {
        var result = new double[a.Length + b.Length - 1];
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < b.Length; j++)
            {
                result[i + j] += a[i] * b[j];
            }
        }
        return result;
    }

    private sealed class ArimaFitException : Exception;
}
