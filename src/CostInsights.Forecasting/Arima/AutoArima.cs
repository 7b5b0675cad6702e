using MathNet.Numerics.Distributions;

namespace CostInsights.Forecasting.Arima;

/// <summary>
/// Seasonal ARIMA with its orders chosen as R's <c>auto.arima()</c> chooses them (Hyndman and Khandakar 2008), with its
/// defaults: the differences from the seasonal-strength and KPSS tests (<see cref="Differencing"/>), a drift or mean
/// where one difference or none is taken, then a stepwise search from ARIMA(2,d,2)(1,D,1) that moves p, q, P, Q by one
/// (and the constant in and out) while the AICc improves, at most 94 models, never past p or q of 5 or P or Q of 2.
/// Models with a root within 1.01 of the unit circle, or whose coefficients' variances come out negative, are passed over.
/// On long series (over 150 points) the search ranks models by conditional sum of squares and refits the best exactly.
/// </summary>
public static class AutoArima
{
    private const int MaxModels = 94;
    private const int MaxP = 5;
    private const int MaxQ = 5;
    private const int MaxSeasonalP = 2;
    private const int MaxSeasonalQ = 2;
    private const int ApproximateAbove = 150;

    /// <summary>The chosen model, or null when no candidate could be fitted.</summary>
    public static ArimaModelFit? Select(IReadOnlyList<double> y, int period)
    {
        History.Check(y, 1, "ARIMA");
        var n = y.Count;
        var m = Math.Max(1, period);
        if (Differencing.IsConstant(y))
        {
            var order = new ArimaOrder(0, 0, 0, 0, 0, 0, m, true);
            return ArimaModelFit.Fixed(y, order, y.Average());
        }
        var maxP = Math.Min(MaxP, n / 3);
        var maxQ = Math.Min(MaxQ, n / 3);
        var maxSP = m > 1 ? Math.Min(MaxSeasonalP, n / 3 / m) : 0;
        var maxSQ = m > 1 ? Math.Min(MaxSeasonalQ, n / 3 / m) : 0;
        var seasonalD = m > 1 && n > 2 * m ? Differencing.Seasonal(y, m) : 0;
        var dx = seasonalD > 0 ? Differencing.Lagged(y.ToArray(), m) : [.. y];
        var d = Differencing.Ordinary(dx);
        for (var i = 0; i < d; i++)
        {
            dx = Differencing.Lagged(dx, 1);
        }
        if (dx.Length == 0)
        {
            return null;
        }
        if (Differencing.IsConstant(dx))
        {
            return Degenerate(y, d, seasonalD, m, dx);
        }
        if (m > 1)
        {
            maxP = maxSP > 0 ? Math.Min(maxP, m - 1) : maxP;
            maxQ = maxSQ > 0 ? Math.Min(maxQ, m - 1) : maxQ;
        }
        var search = new Search(y, m, d, seasonalD, n <= 3, n > ApproximateAbove || m > 12);
        return search.Run(maxP, maxQ, maxSP, maxSQ);
    }

    /// <summary>The given orders fitted to a history as the search fits its candidates; null when they cannot be.</summary>
    public static ArimaModelFit? Fit(IReadOnlyList<double> y, ArimaOrder order)
    {
        History.Check(y, 1, "ARIMA");
        var fit = ArimaEstimator.Fit(y, order, ArimaMethod.ConditionalThenExact);
        return fit is null ? null : new ArimaModelFit(fit, ArimaModelFit.UnbiasedVariance(fit, y.Count), double.NaN);
    }

    /// <summary>Forecasts with the chosen model and normal prediction intervals at the given levels (percent).</summary>
    public static Forecast Forecast(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative = false)
    {
        History.Check(history, 1, "ARIMA", horizon);
        var fit = Select(history, season) ?? throw new ArgumentException("No ARIMA model could be fitted to this history.", nameof(history));
        var forecast = fit.Forecast(horizon, levels);
        return nonNegative ? forecast.FloorAtZero() : forecast;
    }

    private static ArimaModelFit Degenerate(IReadOnlyList<double> y, int d, int seasonalD, int m, double[] dx)
    {
        if (seasonalD > 0 && d == 0)
        {
            return ArimaModelFit.Fixed(y, new ArimaOrder(0, 0, 0, 0, 1, 0, m, true), dx.Average() / m);
        }
        if (seasonalD > 0 || d == 2)
        {
            return ArimaModelFit.Fixed(y, new ArimaOrder(0, d, 0, 0, seasonalD, 0, m, false), null);
        }
        return ArimaModelFit.Fixed(y, new ArimaOrder(0, d, 0, 0, 0, 0, m, true), dx.Average());
    }

    /// <summary>The stepwise search, remembering every model tried and its criterion.</summary>
    private sealed class Search(IReadOnlyList<double> y, int m, int d, int seasonalD, bool useAic, bool approximate)
    {
        private readonly List<(ArimaOrder Order, double Criterion)> _tried = [];
        private double _offset;

        public ArimaModelFit? Run(int maxP, int maxQ, int maxSP, int maxSQ)
        {
            if (approximate)
            {
                var nullModel = ArimaEstimator.Fit(y, Order(0, 0, 0, 0, d + seasonalD == 0), ArimaMethod.ConditionalThenExact);
                _offset = nullModel is null ? 0 : -2 * nullModel.LogLikelihood - y.Count * Math.Log(nullModel.Sigma2);
            }
            var constant = d + seasonalD <= 1;
            var startP = y.Count < 10 ? 1 : 2;
            var startQ = startP;
            var startSP = y.Count < 10 ? 0 : 1;
            int p = Math.Min(startP, maxP), q = Math.Min(startQ, maxQ), sp = Math.Min(startSP, maxSP), sq = Math.Min(startSP, maxSQ);
            var best = Try(Order(p, q, sp, sq, constant));
            if (Better(Try(Order(0, 0, 0, 0, constant)), ref best))
            {
                (p, q, sp, sq) = (0, 0, 0, 0);
            }
            if (maxP > 0 || maxSP > 0)
            {
                var (ap, asp) = (maxP > 0 ? 1 : 0, m > 1 && maxSP > 0 ? 1 : 0);
                if (Better(Try(Order(ap, 0, asp, 0, constant)), ref best))
                {
                    (p, q, sp, sq) = (ap, 0, asp, 0);
                }
            }
            if (maxQ > 0 || maxSQ > 0)
            {
                var (aq, asq) = (maxQ > 0 ? 1 : 0, m > 1 && maxSQ > 0 ? 1 : 0);
                if (Better(Try(Order(0, aq, 0, asq, constant)), ref best))
                {
                    (p, q, sp, sq) = (0, aq, 0, asq);
                }
            }
            if (constant && Better(Try(Order(0, 0, 0, 0, false)), ref best))
            {
                (p, q, sp, sq) = (0, 0, 0, 0);
            }
            var allowConstant = constant;
            var started = 0;
            while (started < _tried.Count && _tried.Count < MaxModels)
            {
                started = _tried.Count;
                var moved = false;
                foreach (var (dp, dq, dsp, dsq) in Moves)
                {
                    var (np, nq, nsp, nsq) = (p + dp, q + dq, sp + dsp, sq + dsq);
                    if (np < 0 || nq < 0 || nsp < 0 || nsq < 0 || np > maxP || nq > maxQ || nsp > maxSP || nsq > maxSQ)
                    {
                        continue;
                    }
                    var order = Order(np, nq, nsp, nsq, constant);
                    if (!IsNew(order))
                    {
                        continue;
                    }
                    if (_tried.Count >= MaxModels)
                    {
                        moved = true;
                        break;
                    }
                    if (Better(Try(order), ref best))
                    {
                        (p, q, sp, sq) = (np, nq, nsp, nsq);
                        moved = true;
                        break;
                    }
                }
                if (moved || !allowConstant)
                {
                    continue;
                }
                var toggled = Order(p, q, sp, sq, !constant);
                if (IsNew(toggled) && _tried.Count < MaxModels && Better(Try(toggled), ref best))
                {
                    constant = !constant;
                }
            }
            if (approximate && best.Fit is not null)
            {
                foreach (var (order, _) in _tried.OrderBy(t => t.Criterion))
                {
                    var exact = Evaluate(order, ArimaMethod.ConditionalThenExact);
                    if (double.IsFinite(exact.Criterion) && exact.Fit!.CovarianceIsValid)
                    {
                        best = exact;
                        break;
                    }
                }
            }
            return best.Fit is null || !double.IsFinite(best.Criterion) ? null : best.Fit;
        }

        /// <summary>R's order of moves: seasonal orders first, down before up, then the non-seasonal ones likewise.</summary>
        private static readonly (int P, int Q, int SP, int SQ)[] Moves =
        [
            (0, 0, -1, 0), (0, 0, 0, -1), (0, 0, 1, 0), (0, 0, 0, 1), (0, 0, -1, -1), (0, 0, -1, 1), (0, 0, 1, -1), (0, 0, 1, 1),
            (-1, 0, 0, 0), (0, -1, 0, 0), (1, 0, 0, 0), (0, 1, 0, 0), (-1, -1, 0, 0), (-1, 1, 0, 0), (1, -1, 0, 0), (1, 1, 0, 0),
        ];

        private ArimaOrder Order(int p, int q, int sp, int sq, bool constant) => new(p, d, q, sp, seasonalD, sq, m, constant);

        private bool IsNew(ArimaOrder order) => !_tried.Any(t => t.Order == order);

        private (ArimaModelFit? Fit, double Criterion) Try(ArimaOrder order)
        {
            var result = Evaluate(order, approximate ? ArimaMethod.ConditionalSumOfSquares : ArimaMethod.ConditionalThenExact);
            _tried.Add((order, result.Criterion));
            return result;
        }

        /// <summary>
        /// Whether the candidate beats the best so far and, since only then does it matter, whether its coefficients'
        /// covariance can be estimated with no negative variance (R's <c>checkarima</c>); a model that fails that check is
        /// remembered as passed over.
        /// </summary>
        private bool Better((ArimaModelFit? Fit, double Criterion) candidate, ref (ArimaModelFit? Fit, double Criterion) best)
        {
            if (!(candidate.Criterion < best.Criterion))
            {
                return false;
            }
            if (!candidate.Fit!.CovarianceIsValid)
            {
                var index = _tried.FindLastIndex(t => t.Order == candidate.Fit.Order);
                _tried[index] = (candidate.Fit.Order, double.PositiveInfinity);
                return false;
            }
            best = candidate;
            return true;
        }

        /// <summary>R's <c>myarima</c>: the fit, its AICc (or AIC for three points or fewer), infinite for a model to pass over.</summary>
        private (ArimaModelFit? Fit, double Criterion) Evaluate(ArimaOrder order, ArimaMethod method)
        {
            var fit = ArimaEstimator.Fit(y, order, method);
            if (fit is null)
            {
                return (null, double.PositiveInfinity);
            }
            var nstar = y.Count - order.D - order.SeasonalD * m;
            var npar = fit.Coefficients.Length + 1;
            var aic = method == ArimaMethod.ConditionalSumOfSquares ? _offset + nstar * Math.Log(fit.Sigma2) + 2 * npar : fit.Aic;
            var criterion = useAic ? aic : aic + 2.0 * npar * (npar + 1) / (nstar - npar - 1);
            if (double.IsNaN(criterion))
            {
                criterion = double.PositiveInfinity;
            }
            var sigma2 = ArimaModelFit.UnbiasedVariance(fit, y.Count);
            var (phi, theta) = Coefficients.Expand(fit.Coefficients, order, false);
            var negligible = 1e-8;
            if (!Coefficients.RootsOutside(Negate(phi), 1.01, negligible) || !Coefficients.RootsOutside(theta, 1.01, negligible))
            {
                criterion = double.PositiveInfinity;
            }
            var model = new ArimaModelFit(fit, sigma2, criterion);
            // Fits by conditional sum of squares are ranked all together later, so they are checked at once (cheaply).
            if (method == ArimaMethod.ConditionalSumOfSquares && !model.CovarianceIsValid)
            {
                criterion = double.PositiveInfinity;
            }
            return (model, criterion);
        }

        private static double[] Negate(double[] c) => [.. c.Select(v => -v)];
    }
}

/// <summary>A model <see cref="AutoArima"/> chose: its orders, its AICc, and what it forecasts.</summary>
public sealed class ArimaModelFit
{
    private readonly ArimaFit _fit;
    private readonly double _sigma2;

    internal ArimaModelFit(ArimaFit fit, double sigma2, double criterion)
    {
        _fit = fit;
        _sigma2 = sigma2;
        Criterion = criterion;
    }

    public ArimaOrder Order => _fit.Order;

    /// <summary>The AICc the search ranked the model by.</summary>
    public double Criterion { get; }

    /// <summary>The coefficients in R's order: ar, ma, sar, sma, then the mean or drift.</summary>
    public IReadOnlyList<double> Coefficients => _fit.Coefficients;

    /// <summary>Whether the coefficients' covariance could be estimated and has no negative variance.</summary>
    internal bool CovarianceIsValid
    {
        get
        {
            var covariance = _fit.Covariance.Value;
            if (covariance is null)
            {
                return false;
            }
            for (var i = 0; i < covariance.GetLength(0); i++)
            {
                if (!(covariance[i, i] >= 0))
                {
                    return false;
                }
            }
            return true;
        }
    }

    public Forecast Forecast(int horizon, IReadOnlyList<double> levels)
    {
        var (mean, se) = _fit.Forecast(horizon, _sigma2);
        var intervals = levels.Select(level =>
        {
            var z = Normal.InvCDF(0, 1, 0.5 * (1 + level / 100));
            return new PredictionInterval(level, [.. mean.Select((p, h) => p - z * se[h])], [.. mean.Select((p, h) => p + z * se[h])]);
        }).ToList();
        return new Forecast("ARIMA", mean, intervals);
    }

    /// <summary>The residual variance with the degrees of freedom the coefficients took (R's <c>auto.arima</c> adjustment).</summary>
    internal static double UnbiasedVariance(ArimaFit fit, int n)
    {
        var nstar = n - fit.Order.D - fit.Order.SeasonalD * fit.Order.Period;
        var npar = fit.Coefficients.Length + 1;
        return fit.Residuals.Where(r => !double.IsNaN(r)).Sum(r => r * r) / (nstar - npar + 1);
    }

    internal static ArimaModelFit Fixed(IReadOnlyList<double> y, ArimaOrder order, double? constant)
    {
        var fit = ArimaEstimator.FitFixed(y, order, constant);
        return new ArimaModelFit(fit, fit.Sigma2, double.NaN);
    }
}
