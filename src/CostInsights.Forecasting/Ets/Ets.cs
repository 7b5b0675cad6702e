using CostInsights.Forecasting.Baselines;
using CostInsights.Forecasting.Decomposition;
using CostInsights.Forecasting.Optimisation;

namespace CostInsights.Forecasting.Ets;

/// <summary>
/// Exponential smoothing state space models, fitted and chosen as R's forecast package does it (<c>ets()</c>, version 8.20):
/// the smoothing parameters and every initial state by maximum likelihood with the Nash simplex from R's starting values,
/// within the usual bounds (10⁻⁴ ≤ β ≤ α ≤ 0.9999, γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.98) and the admissible region; the model by AICc
/// over the standard space (multiplicative forms only for positive data; additive error with multiplicative season left
/// out as numerically unstable). On M3 and M1 monthly it chooses R's model for every series. Forecasts are the models'
/// means, with normal intervals of their variances in closed form, as R's <c>forecast.ets()</c> gives them; a model
/// without them is simulated along 1,000 paths drawn with a fixed seed, so the same input gives the same output.
/// </summary>
public static class Ets
{
    private const int Paths = 1_000;
    internal const int Seed = 20_261_122;

    /// <summary>How many one-step forecasts the likelihood multiplies together before it takes their logarithm.</summary>
    private const int ProductFactors = 8;

    public static IEnumerable<EtsSpec> Space(IReadOnlyList<double> y, int season)
    {
        var positive = y.All(v => v > 0);
        var seasonal = season > 1 && y.Count >= 2 * season;
        foreach (var error in positive ? new[] { ErrorType.Additive, ErrorType.Multiplicative } : [ErrorType.Additive])
        {
            foreach (var trend in new[] { TrendType.None, TrendType.Additive, TrendType.Damped })
            {
                foreach (var s in seasonal
                    ? (positive ? new[] { SeasonType.None, SeasonType.Additive, SeasonType.Multiplicative } : [SeasonType.None,
                    SeasonType.Additive]) : [SeasonType.None])
                {
                    if (error == ErrorType.Additive && s == SeasonType.Multiplicative)
                    {
                        continue;
                    }
                    yield return new EtsSpec(error, trend, s);
                }
            }
        }
    }

    /// <summary>The model of the space with the lowest AICc, or null when none can be fitted.</summary>
    public static EtsFit? Select(IReadOnlyList<double> y, int season) =>
        Space(y, season).Select(spec => Fit(y, season, spec)).Where(f => f is not null).MinBy(f => f!.Aicc);

    /// <summary>
    /// One model, fitted as R's <c>ets()</c> fits it: the parameters and every initial state (level, trend, and all seasonal
    /// states but the one their sum fixes) by maximum likelihood, from R's starting values, with the Nash simplex.
    /// </summary>
    public static EtsFit? Fit(IReadOnlyList<double> y, int season, EtsSpec spec)
    {
        var m = spec.Season == SeasonType.None ? 1 : season;
        var n = y.Count;
        var trended = spec.Trend != TrendType.None;
        var seasonal = spec.Season != SeasonType.None;
        var damped = spec.Trend == TrendType.Damped;
        var k = 1 + (trended ? 1 : 0) + (seasonal ? 1 : 0) + (damped ? 1 : 0) + 1 + (trended ? 1 : 0) + (seasonal ? m - 1 : 0) + 1;
        if (n <= k + 1 || (spec.IsMultiplicative && y.Any(v => v <= 0)))
        {
            return null;
        }
        var (level0, trend0, seasonals0) = InitialStates(y, m, spec);

        // Parameters in R's order: α, β, γ, φ (each only when the model has it), ℓ₀, b₀, then the seasonal states from the
        // one before the first observation backwards, all but the first period's, which the others fix.
        const double Lower = 1e-4, Upper = 0.9999;
        var alpha0 = Lower + 0.2 * (Upper - Lower) / m;
        var start = new List<double> { alpha0 };
        if (trended) { start.Add(Lower + 0.1 * (Math.Min(Upper, alpha0) - Lower)); }
        if (seasonal) { start.Add(Lower + 0.05 * (Math.Min(Upper, 1 - alpha0) - Lower)); }
        if (damped) { start.Add(0.8 + 0.99 * (0.98 - 0.8)); }
        start.Add(level0);
        if (trended) { start.Add(trend0); }
        for (var j = m - 1; seasonal && j >= 1; j--)
        {
            start.Add(seasonals0[j]);
        }

        var scratch = new EtsEngine.State(0, 0, new double[m]);
        var values = y.ToArray();
        (double A, double B, double G, double P) Parameters(double[] p)
        {
            var i = 0;
            var a = p[i++];
            var b = trended ? p[i++] : 0;
            var g = seasonal ? p[i++] : 0;
            var f = damped ? p[i] : 1;
            return (a, b, g, f);
        }
        // Loads the initial states of a parameter vector; false when they are not admissible (a seasonal factor below 0).
        bool Load(double[] p, EtsEngine.State state)
        {
            var i = 1 + (trended ? 1 : 0) + (seasonal ? 1 : 0) + (damped ? 1 : 0);
            state.Level = p[i++];
            state.Trend = trended ? p[i++] : 0;
            state.Next = 0;
            if (!seasonal)
            {
                state.Seasonals[0] = 0;
                return true;
            }
            var sum = 0.0;
            for (var j = m - 1; j >= 1; j--)
            {
                state.Seasonals[j] = p[i++];
                sum += state.Seasonals[j];
            }
            state.Seasonals[0] = spec.Season == SeasonType.Multiplicative ? m - sum : -sum;
            if (spec.Season == SeasonType.Multiplicative)
            {
                foreach (var factor in state.Seasonals)
                {
                    if (factor < 0)
                    {
                        return false;
                    }
                }
            }
            return true;
        }

        double Objective(double[] p)
        {
            var (a, b, g, f) = Parameters(p);
            if (a < Lower || a > Upper || (trended && (b < Lower || b > Math.Min(a, Upper))) || (seasonal && (g < Lower || g > Math.Min(1 - a, Upper)))
                || (damped && (f < 0.8 || f > 0.98)) || !Admissible(a, b, g, f, m) || !Load(p, scratch))
            {
                return double.PositiveInfinity;
            }
            var fit = Likelihood(values, spec, a, b, g, f, scratch);
            // R's criterion: n·log(SSE) (+ 2·Σ log|μ| with multiplicative errors), without the constants.
            return fit.Criterion + n * Math.Log(n);
        }

        var best = NashNelderMead.Minimize(Objective, start, NashNelderMead.DefaultTolerance, 2_000).Point;
        if (!double.IsFinite(Objective(best)))
        {
            return null;
        }
        var (alpha, beta, gamma, phi) = Parameters(best);
        var state = new EtsEngine.State(0, 0, new double[m]);
        Load(best, state);
        var result = Likelihood(values, spec, alpha, beta, gamma, phi, state);
        if (!double.IsFinite(result.Criterion) || result.Criterion >= 1e12)
        {
            return null;
        }
        var logL = -0.5 * result.Criterion - 0.5 * n * (Math.Log(2 * Math.PI) + 1);
        var aicc = -2 * logL + 2 * k + 2.0 * k * (k + 1) / (n - k - 1);
        // σ² as R estimates it: the squared errors over the observations less the parameters estimated (all but σ itself).
        var sigma = Math.Sqrt(result.Sse / (n - (k - 1)));
        return new EtsFit(spec, m, alpha, beta, gamma, phi, state.Level, state.Trend, Ordered(state), sigma, logL, aicc, k);
    }

    /// <summary>
    /// The forecast's means and normal intervals of its variances in closed form, as R gives them (<see cref="EtsVariance"/>);
    /// a model with none (an additive error with a multiplicative season) has points along the noiseless path and intervals
    /// from simulated paths.
    /// </summary>
    public static Forecast Forecast(EtsFit fit, int horizon, IReadOnlyList<double> levels, bool nonNegative = false)
    {
        if (!(fit.Sigma >= 0 && double.IsFinite(fit.Sigma)))
        {
            throw new ArgumentException($"The model's error standard deviation ({fit.Sigma}) is not a finite number of zero or more.", nameof(fit));
        }
        var forecast = EtsVariance.Of(fit, horizon) is { } moments && moments.Mean.Concat(moments.Variance).All(double.IsFinite)
            ? Baseline.Build($"ets {fit.Spec}", moments.Mean, [.. moments.Variance.Select(Math.Sqrt)], levels, nonNegative: false)
            : Simulated(fit, horizon, levels);
        return nonNegative ? forecast.FloorAtZero() : forecast;
    }

    /// <summary>Point forecasts along the noiseless path; intervals from simulated paths.</summary>
    private static Forecast Simulated(EtsFit fit, int horizon, IReadOnlyList<double> levels)
    {
        var start = new EtsEngine.State(fit.Level, fit.Trend, (double[])fit.Seasonals.Clone());
        var points = new double[horizon];
        var path = start.Copy();
        for (var h = 0; h < horizon; h++)
        {
            points[h] = EtsEngine.Mean(fit.Spec, fit.Phi, path);
            EtsEngine.Step(fit.Spec, fit.Alpha, fit.Beta, fit.Gamma, fit.Phi, path, points[h]);
        }
        var shocks = StandardDraws.First(Paths * horizon);
        var draws = new double[horizon][];
        for (var h = 0; h < horizon; h++)
        {
            draws[h] = new double[Paths];
        }
        for (var p = 0; p < Paths; p++)
        {
            var s = start.Copy();
            for (var h = 0; h < horizon; h++)
            {
                var mu = EtsEngine.Mean(fit.Spec, fit.Phi, s);
                var e = fit.Sigma * shocks[p * horizon + h];
                var y = fit.Spec.Error == ErrorType.Additive ? mu + e : mu * (1 + e);
                draws[h][p] = y;
                EtsEngine.Step(fit.Spec, fit.Alpha, fit.Beta, fit.Gamma, fit.Phi, s, y);
            }
        }
        var intervals = levels.Select(level =>
        {
            var tail = (1 - level / 100) / 2;
            var lower = draws.Select(d => Quantiles.Of(d, tail)).ToArray();
            var upper = draws.Select(d => Quantiles.Of(d, 1 - tail)).ToArray();
            return new PredictionInterval(level, lower, upper);
        }).ToList();
        return new Forecast($"ets {fit.Spec}", points, intervals);
    }

    /// <summary>ETS with the model chosen by AICc, or damped/SES on series too short for the space.</summary>
    public static Forecast Auto(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative = false)
    {
        History.Check(history, 5, "ETS", horizon);
        var fit = Select(history, season)
            ?? throw new ArgumentException($"No ETS model can be fitted to these {history.Count} periods: too few for its parameters, or too erratic.",
                nameof(history));
        return Forecast(fit, horizon, levels, nonNegative);
    }

    /// <summary>
    /// R's criterion and the sum of squared errors, running the states through the observations with
    /// <see cref="EtsEngine.Advance"/>, the states in locals (the optimiser calls this thousands of times a fit). The states
    /// are left where the last observation put them.
    /// </summary>
    private static (double Criterion, double Sse) Likelihood(double[] y, EtsSpec spec, double a, double b, double g, double f,
        EtsEngine.State state)
    {
        var multiplicativeError = spec.Error == ErrorType.Multiplicative;
        var (level, trend, next) = (state.Level, state.Trend, state.Next);
        var seasonals = state.Seasonals;
        double sse = 0, logMu = 0, product = 1;
        var factors = 0;
        foreach (var value in y)
        {
            var e = EtsEngine.Advance(spec, a, b, g, f, ref level, ref trend, seasonals, ref next, value, out var mu);
            if (multiplicativeError)
            {
                if (mu <= 0 || !double.IsFinite(mu))
                {
                    return (1e12, double.PositiveInfinity);
                }
                // Σ log μ as the log of products of a few μ at a time: one logarithm in eight, the likelihood's costliest
                // step, and a product of eight numbers within 1e±30 of one can neither overflow nor underflow.
                if (mu is > 1e-30 and < 1e30)
                {
                    product *= mu;
                    if (++factors == ProductFactors)
                    {
                        logMu += Math.Log(product);
                        (product, factors) = (1, 0);
                    }
                }
                else
                {
                    logMu += Math.Log(mu);
                }
            }
            if (!double.IsFinite(e))
            {
                return (1e12, double.PositiveInfinity);
            }
            sse += e * e;
        }
        logMu += factors > 0 ? Math.Log(product) : 0;
        (state.Level, state.Trend, state.Next) = (level, trend, next);
        var n = y.Length;
        return (n * Math.Log(Math.Max(sse, 1e-300) / n) + 2 * logMu, sse);
    }

    /// <summary>
    /// Whether the parameters make a forecastable model (Hyndman et al. 2008, ch. 10), as R's <c>ets()</c> checks besides the
    /// usual bounds: for a seasonal model, every root of its characteristic polynomial inside the unit circle, tested by the
    /// Schur–Cohn recursion rather than by finding the roots.
    /// </summary>
    private static bool Admissible(double alpha, double beta, double gamma, double phi, int m)
    {
        if (phi < 0 || phi > 1 + 1e-8)
        {
            return false;
        }
        if (m == 1)
        {
            return alpha >= 1 - 1 / phi && alpha <= 1 + 1 / phi && beta >= alpha * (phi - 1) && beta <= (1 + phi) * (2 - alpha);
        }
        if (gamma < Math.Max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha
            || alpha < 1 - 1 / phi - gamma * (1 - m + phi + phi * m) / (2 * phi * m) || beta < -(1 - phi) * (gamma / m + alpha))
        {
            return false;
        }
        // z^(m+1) + (α+β−φ) z^m + (α+β−αφ) z^(m−1) + … + (α+β−αφ) z^2 + (α+β−αφ+γ−1) z + φ(1−α−γ), highest power first.
        Span<double> c = stackalloc double[m + 2];
        c[0] = 1;
        c[1] = alpha + beta - phi;
        for (var i = 2; i < m; i++)
        {
            c[i] = alpha + beta - alpha * phi;
        }
        c[m] = alpha + beta - alpha * phi + gamma - 1;
        c[m + 1] = phi * (1 - alpha - gamma);
        // A root on the unit circle, within R's tolerance, is admitted.
        return Polynomials.RootsInsideUnitCircle(c, 1e-10, acceptOnCircle: true);
    }

    /// <summary>
    /// The initial states as R's <c>ets()</c> starts from them: seasonal factors of the first season's periods (see
    /// <see cref="SeasonalComponent"/>), kept above 0.01 when multiplicative; level and trend by
    /// least squares on the first max(10, 2m) seasonally adjusted values (the level alone their mean).
    /// </summary>
    private static (double Level, double Trend, double[] Seasonals) InitialStates(IReadOnlyList<double> y, int m, EtsSpec spec)
    {
        var seasonals = new double[m];
        var adjusted = y.ToArray();
        if (spec.Season != SeasonType.None)
        {
            var seasonal = SeasonalComponent(y, m, spec.Season);
            for (var t = 0; t < adjusted.Length; t++)
            {
                adjusted[t] = spec.Season == SeasonType.Multiplicative ? y[t] / Math.Max(seasonal[t], 1e-2) : y[t] - seasonal[t];
            }
            Array.Copy(seasonal, seasonals, m);
            if (spec.Season == SeasonType.Multiplicative)
            {
                // The factors fitted are all but the first period's, each at least 0.01, summing to no more than m.
                for (var j = 1; j < m; j++)
                {
                    seasonals[j] = Math.Max(seasonals[j], 1e-2);
                }
                var sum = seasonals.Skip(1).Sum();
                if (sum > m)
                {
                    var scale = seasonals.Skip(1).Sum(v => v + 1e-2);
                    for (var j = 1; j < m; j++)
                    {
                        seasonals[j] /= scale;
                    }
                }
            }
        }
        var count = Math.Min(Math.Max(10, 2 * m), adjusted.Length);
        if (spec.Trend == TrendType.None)
        {
            return (adjusted.Take(count).Average(), 0, seasonals);
        }
        // Least squares on t = 1…count: the intercept is the level before the first observation.
        var meanT = (count + 1) / 2.0;
        var meanY = adjusted.Take(count).Average();
        double sxy = 0, sxx = 0;
        for (var t = 1; t <= count; t++)
        {
            sxy += (t - meanT) * (adjusted[t - 1] - meanY);
            sxx += (t - meanT) * (t - meanT);
        }
        var slope = sxx == 0 ? 0 : sxy / sxx;
        var level = meanY - slope * meanT;
        if (Math.Abs(level + slope) < 1e-8)
        {
            (level, slope) = (level * (1 + 1e-3), slope * (1 - 1e-3));
        }
        return (level, slope, seasonals);
    }

    /// <summary>
    /// The seasonal part of each observation: from a classical decomposition when the history holds three seasons, else (as
    /// R does) what is left of the series once a straight line fitted with one pair of Fourier terms is taken out.
    /// </summary>
    private static double[] SeasonalComponent(IReadOnlyList<double> y, int m, SeasonType season)
    {
        var n = y.Count;
        if (n >= 3 * m)
        {
            var figure = season == SeasonType.Multiplicative ? Seasonality.MultiplicativeIndices(y, m) : Seasonality.AdditiveIndices(y, m);
            return [.. Enumerable.Range(0, n).Select(t => figure[t % m])];
        }
        var design = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, 4, (t, j) => j switch
        {
            0 => 1.0,
            1 => t + 1.0,
            2 => Math.Sin(2 * Math.PI * (t + 1) / m),
            _ => Math.Cos(2 * Math.PI * (t + 1) / m),
        });
        var coefficients = design.QR().Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfEnumerable(y));
        var (intercept, slope) = (coefficients[0], coefficients[1]);
        return [.. Enumerable.Range(0, n).Select(t => season == SeasonType.Multiplicative
            ? y[t] / (intercept + slope * (t + 1))
            : y[t] - intercept - slope * (t + 1))];
    }

    /// <summary>The seasonal states in order from the one used next.</summary>
    private static double[] Ordered(EtsEngine.State s) =>
        [.. Enumerable.Range(0, s.Seasonals.Length).Select(i => s.Seasonals[(s.Next + i) % s.Seasonals.Length])];
}
