namespace CostInsights.Forecasting.Ets;

/// <summary>
/// The forecast means and variances of ETS models in closed form, as R's <c>forecast.ets()</c> gives them (Hyndman, Koehler,
/// Ord and Snyder 2008, ch. 6): class 1 (additive error and components) and class 2 (multiplicative error, additive
/// components) from the forecasts' responses to one error, class 3 (multiplicative error and season) from the moments of
/// the states' product. Null for other models (an additive error with a multiplicative season), and for a multiplicative
/// error as large as the level (σ ≥ 1): such a model no longer describes positive values, its variance grows by a factor of
/// (1 + σ²) ≥ 2 a step, and a normal interval of that variance says nothing; the quantiles of its simulated paths do.
/// </summary>
internal static class EtsVariance
{
    public static (double[] Mean, double[] Variance)? Of(EtsFit fit, int horizon)
    {
        if (fit.Explosive)
        {
            return null;
        }
        var sigma2 = fit.Sigma * fit.Sigma;
        return (fit.Spec.Error, fit.Spec.Season) switch
        {
            (_, SeasonType.Multiplicative) when fit.Spec.Error == ErrorType.Multiplicative => Class3(fit, horizon, sigma2),
            (_, SeasonType.Multiplicative) => null,
            (ErrorType.Additive, _) => Class1(fit, horizon, sigma2),
            _ => Class2(fit, horizon, sigma2),
        };
    }

    /// <summary>σ²(1 + Σ_{j&lt;h} c_j²), with c_j how far one unit of error moves the forecast j steps later.</summary>
    private static (double[], double[]) Class1(EtsFit fit, int horizon, double sigma2)
    {
        var (mean, response) = Responses(fit, horizon);
        var variance = new double[horizon];
        var sum = 1.0;
        for (var h = 0; h < horizon; h++)
        {
            variance[h] = sigma2 * sum;
            sum += h + 1 < horizon ? response[h + 1] * response[h + 1] : 0;
        }
        return (mean, variance);
    }

    /// <summary>(1 + σ²)θ_h − μ_h², with θ_1 = μ_1² and θ_h = μ_h² + σ² Σ_{j&lt;h} c_j² θ_{h−j}.</summary>
    private static (double[], double[]) Class2(EtsFit fit, int horizon, double sigma2)
    {
        var (mean, response) = Responses(fit, horizon);
        var theta = new double[horizon];
        var variance = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            theta[h] = mean[h] * mean[h];
            for (var j = 1; j <= h; j++)
            {
                theta[h] += sigma2 * response[j] * response[j] * theta[h - j];
            }
            variance[h] = Math.Max(0, (1 + sigma2) * theta[h] - mean[h] * mean[h]);
        }
        return (mean, variance);
    }

    /// <summary>
    /// The noiseless path, and at each step j the forecast's move there when the first step's error adds one unit (exact for
    /// additive components: the states are linear in the error).
    /// </summary>
    private static (double[] Mean, double[] Response) Responses(EtsFit fit, int horizon)
    {
        var path = new EtsEngine.State(fit.Level, fit.Trend, (double[])fit.Seasonals.Clone());
        var shocked = path.Copy();
        var mean = new double[horizon];
        var response = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            mean[h] = EtsEngine.Mean(fit.Spec, fit.Phi, path);
            var moved = EtsEngine.Mean(fit.Spec, fit.Phi, shocked);
            response[h] = moved - mean[h];
            EtsEngine.Step(fit.Spec, fit.Alpha, fit.Beta, fit.Gamma, fit.Phi, path, mean[h]);
            EtsEngine.Step(fit.Spec, fit.Alpha, fit.Beta, fit.Gamma, fit.Phi, shocked, h == 0 ? moved + 1 : moved);
        }
        return (mean, response);
    }

    /// <summary>
    /// Class 3: with x the level (and trend) and z the seasonal states, most recent first, y = (w₁′x)(w₂′z)(1 + ε),
    /// x ← (F₁ + G₁ε)x and z ← (F₂ + G₂ε)z. The mean and covariance of vec(xz′) step forward through
    /// F = F₂⊗F₁, K = F₂⊗G₁ + G₂⊗F₁ and G = G₂⊗G₁ (E ε² = σ², E ε⁴ = 3σ⁴); the forecast's mean is w₁′E[xz′]w₂ and its
    /// variance (1 + σ²)·H V H′ + σ²μ², H = w₂′⊗w₁′. The damped trend enters w₁, F₁ and G₁ through φ.
    /// </summary>
    private static (double[], double[]) Class3(EtsFit fit, int horizon, double sigma2)
    {
        var m = fit.Seasonals.Length;
        var trended = fit.Spec.Trend != TrendType.None;
        var phi = fit.Spec.Trend == TrendType.Damped ? fit.Phi : 1;
        var (w1, f1, g1, x) = trended
            ? (new[] { 1, phi }, new[,] { { 1, phi }, { 0, phi } },
                new[,] { { fit.Alpha, fit.Alpha * phi }, { fit.Beta, fit.Beta * phi } }, new[] { fit.Level, fit.Trend })
            : (new[] { 1.0 }, new[,] { { 1.0 } }, new[,] { { fit.Alpha } }, new[] { fit.Level });
        var f2 = new double[m, m];
        var g2 = new double[m, m];
        f2[0, m - 1] = 1;
        g2[0, m - 1] = fit.Gamma;
        for (var i = 1; i < m; i++)
        {
            f2[i, i - 1] = 1;
        }
        var w2 = new double[m];
        w2[m - 1] = 1;
        // The fit keeps the season's states from the one the next period takes to the most recent; z is most recent first.
        var z = Enumerable.Range(0, m).Select(i => fit.Seasonals[m - 1 - i]).ToArray();

        var k1 = x.Length;
        var size = k1 * m;
        var f = Matrix.Kronecker(f2, f1);
        var g = Matrix.Kronecker(g2, g1);
        var k = Matrix.Add(Matrix.Kronecker(f2, g1), Matrix.Kronecker(g2, f1));
        var h = Matrix.KroneckerRow(w2, w1);
        // vec(xz′) stacks the columns of the k₁ × m matrix: entry i + k₁·j is x_i z_j.
        var mean = new double[size];
        for (var j = 0; j < m; j++)
        {
            for (var i = 0; i < k1; i++)
            {
                mean[i + k1 * j] = x[i] * z[j];
            }
        }
        var covariance = new double[size, size];
        var means = new double[horizon];
        var variances = new double[horizon];
        for (var step = 0; step < horizon; step++)
        {
            var mu = Matrix.Dot(h, mean);
            means[step] = mu;
            variances[step] = Math.Max(0, (1 + sigma2) * Matrix.Quadratic(h, covariance) + sigma2 * mu * mu);
            var outer = Matrix.Outer(mean);
            var second = Matrix.Add(covariance, outer);
            var next = Matrix.Sandwich(f, covariance, f);
            var spread = Matrix.Add(Matrix.Add(Matrix.Sandwich(f, covariance, g), Matrix.Sandwich(g, covariance, f)),
                Matrix.Add(Matrix.Sandwich(k, second, k), Matrix.Scale(sigma2, Matrix.Sandwich(g, Matrix.Add(Matrix.Scale(3, covariance),
                    Matrix.Scale(2, outer)), g))));
            covariance = Matrix.Add(next, Matrix.Scale(sigma2, spread));
            mean = Matrix.Add(Matrix.Times(f, mean), Matrix.Scale(sigma2, Matrix.Times(g, mean)));
        }
        return (means, variances);
    }

    /// <summary>The little dense algebra class 3 needs; products skip the zeros of the sparse left factors.</summary>
    private static class Matrix
    {
        public static double[,] Kronecker(double[,] a, double[,] b)
        {
            var (ar, ac, br, bc) = (a.GetLength(0), a.GetLength(1), b.GetLength(0), b.GetLength(1));
            var result = new double[ar * br, ac * bc];
            for (var i = 0; i < ar; i++)
            {
                for (var j = 0; j < ac; j++)
                {
                    if (a[i, j] == 0)
                    {
                        continue;
                    }
                    for (var p = 0; p < br; p++)
                    {
                        for (var q = 0; q < bc; q++)
                        {
                            result[i * br + p, j * bc + q] = a[i, j] * b[p, q];
                        }
                    }
                }
            }
            return result;
        }

        public static double[] KroneckerRow(double[] a, double[] b) => [.. a.SelectMany(x => b.Select(y => x * y))];

        public static double[,] Add(double[,] a, double[,] b)
        {
            var result = (double[,])a.Clone();
            for (var i = 0; i < a.GetLength(0); i++)
            {
                for (var j = 0; j < a.GetLength(1); j++)
                {
                    result[i, j] += b[i, j];
                }
            }
            return result;
        }

        public static double[] Add(double[] a, double[] b) => [.. a.Select((x, i) => x + b[i])];

        public static double[,] Scale(double s, double[,] a)
        {
            var result = (double[,])a.Clone();
            for (var i = 0; i < a.GetLength(0); i++)
            {
                for (var j = 0; j < a.GetLength(1); j++)
                {
                    result[i, j] *= s;
                }
            }
            return result;
        }

        public static double[] Scale(double s, double[] a) => [.. a.Select(x => s * x)];

        public static double[] Times(double[,] a, double[] v)
        {
            var result = new double[a.GetLength(0)];
            for (var i = 0; i < a.GetLength(0); i++)
            {
                for (var j = 0; j < a.GetLength(1); j++)
                {
                    if (a[i, j] != 0)
                    {
                        result[i] += a[i, j] * v[j];
                    }
                }
            }
            return result;
        }

        /// <summary>A·S·B′.</summary>
        public static double[,] Sandwich(double[,] a, double[,] s, double[,] b)
        {
            var n = s.GetLength(0);
            var left = new double[a.GetLength(0), n];
            for (var i = 0; i < a.GetLength(0); i++)
            {
                for (var k = 0; k < n; k++)
                {
                    if (a[i, k] == 0)
                    {
                        continue;
                    }
                    for (var j = 0; j < n; j++)
                    {
                        left[i, j] += a[i, k] * s[k, j];
                    }
                }
            }
            var result = new double[a.GetLength(0), b.GetLength(0)];
            for (var j = 0; j < b.GetLength(0); j++)
            {
                for (var k = 0; k < n; k++)
                {
                    if (b[j, k] == 0)
                    {
                        continue;
                    }
                    for (var i = 0; i < a.GetLength(0); i++)
                    {
                        result[i, j] += left[i, k] * b[j, k];
                    }
                }
            }
            return result;
        }

        public static double[,] Outer(double[] v)
        {
            var result = new double[v.Length, v.Length];
            for (var i = 0; i < v.Length; i++)
            {
                for (var j = 0; j < v.Length; j++)
                {
                    result[i, j] = v[i] * v[j];
                }
            }
            return result;
        }

        public static double Dot(double[] a, double[] b) => a.Select((x, i) => x * b[i]).Sum();

        public static double Quadratic(double[] h, double[,] s)
        {
            var sum = 0.0;
            for (var i = 0; i < h.Length; i++)
            {
                if (h[i] == 0)
                {
                    continue;
                }
                for (var j = 0; j < h.Length; j++)
                {
                    sum += h[i] * s[i, j] * h[j];
                }
            }
            return sum;
        }
    }
}
