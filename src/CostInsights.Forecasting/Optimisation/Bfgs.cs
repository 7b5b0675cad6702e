namespace CostInsights.Forecasting.Optimisation;

/// <summary>
/// The BFGS variable-metric method of Nash's Compact Numerical Methods (algorithm 21), the one R's <c>optim</c> runs for
/// <c>method = "BFGS"</c> and so the one its <c>arima()</c> fits with: gradients by central differences of step 1e-3 on
/// the scaled parameters, a backtracking line search (steps cut to a fifth until the decrease is a 1e-4 share of the
/// projected one), a reset of the inverse Hessian whenever it stops pointing downhill, and a stop once the value
/// changes by less than the relative tolerance. A fit meant to match R's makes the same moves with it.
/// </summary>
public static class Bfgs
{
    private const double StepReduction = 0.2;
    private const double AcceptableShare = 0.0001;
    private const double RelativeTest = 10.0;
    private const double GradientStep = 1e-3;

    /// <summary>R's default relative tolerance, the square root of the double epsilon.</summary>
    public static readonly double DefaultTolerance = Math.Sqrt(2.220446049250313e-16);

    /// <summary>
    /// Minimises <paramref name="objective"/> from <paramref name="start"/>, or returns null where R's <c>optim</c> stops
    /// with an error: a value not finite at the start, or a difference quotient that is not finite.
    /// </summary>
    /// <param name="objective">The function to minimise; it may read but must not keep the array it is given.</param>
    /// <param name="scale">Each parameter's typical size (R's <c>parscale</c>): the search moves in units of it.</param>
    /// <param name="maxIterations">Gradient evaluations allowed (R's <c>maxit</c>, 100 by default); 0 only evaluates.</param>
    public static Minimum? Minimize(Func<double[], double> objective, IReadOnlyList<double> start, IReadOnlyList<double> scale,
        int maxIterations = 100, double? tolerance = null)
    {
        var reltol = tolerance ?? DefaultTolerance;
        var n = start.Count;
        var scaled = new Scaled(objective, scale);
        var b = new double[n];
        for (var i = 0; i < n; i++)
        {
            b[i] = start[i] / scale[i];
        }
        if (maxIterations <= 0)
        {
            return new Minimum(scaled.Unscale(b), scaled.Value(b), true);
        }
        var f = scaled.Value(b);
        if (!double.IsFinite(f))
        {
            return null;
        }
        var fmin = f;
        var g = new double[n];
        if (!scaled.Gradient(b, g))
        {
            return null;
        }
        var t = new double[n];
        var x = new double[n];
        var c = new double[n];
        var bInv = new double[n, n];
        var gradients = 1;
        var iterations = 1;
        var lastReset = gradients;
        int unchanged;
        do
        {
            if (lastReset == gradients)
            {
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < i; j++)
                    {
                        bInv[i, j] = 0.0;
                    }
                    bInv[i, i] = 1.0;
                }
            }
            for (var i = 0; i < n; i++)
            {
                x[i] = b[i];
                c[i] = g[i];
            }
            var projected = 0.0;
            for (var i = 0; i < n; i++)
            {
                var s = 0.0;
                for (var j = 0; j <= i; j++)
                {
                    s -= bInv[i, j] * g[j];
                }
                for (var j = i + 1; j < n; j++)
                {
                    s -= bInv[j, i] * g[j];
                }
                t[i] = s;
                projected += s * g[i];
            }
            if (projected < 0.0)
            {
                var step = 1.0;
                var accepted = false;
                do
                {
                    unchanged = 0;
                    for (var i = 0; i < n; i++)
                    {
                        b[i] = x[i] + step * t[i];
                        if (RelativeTest + x[i] == RelativeTest + b[i])
                        {
                            unchanged++;
                        }
                    }
                    if (unchanged < n)
                    {
                        f = scaled.Value(b);
                        accepted = double.IsFinite(f) && f <= fmin + projected * step * AcceptableShare;
                        if (!accepted)
                        {
                            step *= StepReduction;
                        }
                    }
                }
                while (!(unchanged == n || accepted));
                var enough = f > double.NegativeInfinity && Math.Abs(f - fmin) > reltol * (Math.Abs(fmin) + reltol);
                if (!enough)
                {
                    unchanged = n;
                    fmin = f;
                }
                if (unchanged < n)
                {
                    fmin = f;
                    if (!scaled.Gradient(b, g))
                    {
                        return null;
                    }
                    gradients++;
                    iterations++;
                    var d1 = 0.0;
                    for (var i = 0; i < n; i++)
                    {
                        t[i] *= step;
                        c[i] = g[i] - c[i];
                        d1 += t[i] * c[i];
                    }
                    if (d1 > 0)
                    {
                        UpdateInverse(bInv, t, c, x, d1, n);
                    }
                    else
                    {
                        lastReset = gradients;
                    }
                }
                else if (lastReset < gradients)
                {
                    unchanged = 0;
                    lastReset = gradients;
                }
            }
            else
            {
                unchanged = 0;
                if (lastReset == gradients)
                {
                    unchanged = n;
                }
                else
                {
                    lastReset = gradients;
                }
            }
            if (iterations >= maxIterations)
            {
                break;
            }
            if (gradients - lastReset > 2 * n)
            {
                lastReset = gradients;
            }
        }
        while (unchanged != n || lastReset != gradients);
        return new Minimum(scaled.Unscale(b), fmin, iterations < maxIterations);
    }

    /// <summary>
    /// The Hessian of <paramref name="objective"/> at <paramref name="point"/> as R's <c>optimHess</c> computes it: central
    /// differences of the central-difference gradient, made symmetric; null when a difference quotient is not finite. Each
    /// step is taken on the scaled parameter, as R documents its steps, where R's code takes it in the parameter's own units:
    /// a mean of 10¹² moved by 0.001 changes the likelihood by less than its rounding, and the Hessian of a series counted in
    /// billions came out singular, so its models were passed over. Scaled, the step is the same share of the parameter's
    /// standard error in any unit; coefficients, whose scale is one, are stepped as R steps them.
    /// </summary>
    public static double[,]? Hessian(Func<double[], double> objective, IReadOnlyList<double> point, IReadOnlyList<double> scale)
    {
        var n = point.Count;
        var scaled = new Scaled(objective, scale);
        var p = new double[n];
        for (var i = 0; i < n; i++)
        {
            p[i] = point[i] / scale[i];
        }
        var up = new double[n];
        var down = new double[n];
        var h = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            var eps = GradientStep;
            p[i] += eps;
            var ok = scaled.Gradient(p, up);
            p[i] -= 2 * eps;
            ok &= scaled.Gradient(p, down);
            p[i] += eps;
            if (!ok)
            {
                return null;
            }
            for (var j = 0; j < n; j++)
            {
                h[i, j] = (up[j] - down[j]) / (2 * eps * scale[i] * scale[j]);
            }
        }
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var mean = 0.5 * (h[i, j] + h[j, i]);
                h[i, j] = h[j, i] = mean;
            }
        }
        return h;
    }

    private static void UpdateInverse(double[,] bInv, double[] t, double[] c, double[] x, double d1, int n)
    {
        var d2 = 0.0;
        for (var i = 0; i < n; i++)
        {
            var s = 0.0;
            for (var j = 0; j <= i; j++)
            {
                s += bInv[i, j] * c[j];
            }
            for (var j = i + 1; j < n; j++)
            {
                s += bInv[j, i] * c[j];
            }
            x[i] = s;
            d2 += s * c[i];
        }
        d2 = 1.0 + d2 / d1;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                bInv[i, j] += (d2 * t[i] * t[j] - x[i] * t[j] - t[i] * x[j]) / d1;
            }
        }
    }

    /// <summary>The objective on parameters divided by their scale, as R's optim hands them to it.</summary>
    private sealed class Scaled(Func<double[], double> objective, IReadOnlyList<double> scale)
    {
        private readonly double[] _point = new double[scale.Count];

        public double[] Unscale(double[] b)
        {
            var point = new double[b.Length];
            for (var i = 0; i < b.Length; i++)
            {
                point[i] = b[i] * scale[i];
            }
            return point;
        }

        public double Value(double[] b)
        {
            for (var i = 0; i < b.Length; i++)
            {
                _point[i] = b[i] * scale[i];
            }
            return objective(_point);
        }

        /// <summary>Central differences of step 1e-3 on each scaled parameter; false when one is not finite.</summary>
        public bool Gradient(double[] b, double[] g)
        {
            for (var i = 0; i < b.Length; i++)
            {
                _point[i] = b[i] * scale[i];
            }
            for (var i = 0; i < b.Length; i++)
            {
                _point[i] = (b[i] + GradientStep) * scale[i];
                var up = objective(_point);
                _point[i] = (b[i] - GradientStep) * scale[i];
                var down = objective(_point);
                _point[i] = b[i] * scale[i];
                g[i] = (up - down) / (2 * GradientStep);
                if (!double.IsFinite(g[i]))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
