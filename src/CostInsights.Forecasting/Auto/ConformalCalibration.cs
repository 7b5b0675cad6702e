using MathNet.Numerics.Distributions;

namespace CostInsights.Forecasting.Auto;

/// <summary>
/// Split conformal calibration of the automatic method's intervals: factors that scale each interval about its point so that
/// the backtests' errors would have fallen inside it as often as its level says, step by step ahead and then for each group
/// of series backtested alike.
/// </summary>
internal static class ConformalCalibration
{
    /// <summary>
    /// The conformal factor of each step ahead, from the backtests' errors that many steps ahead and one step either side: how
    /// far forecasts go wrong changes smoothly with the horizon, and pooling neighbouring steps keeps a run of a few dozen
    /// series from giving one month a narrow interval and the next a wide one by the chance of a few errors. A step no
    /// backtest reached, or too few did, takes the factor of the step before it.
    /// </summary>
    public static double[] StepScales((int Step, double Score)[] scores, double level, int horizon)
    {
        var byStep = scores.ToLookup(s => s.Step, s => s.Score);
        var scales = new double[horizon];
        var previous = 1.0;
        for (var h = 0; h < horizon; h++)
        {
            scales[h] = previous = byStep.Contains(h)
                ? ConformalScale([.. byStep[h - 1], .. byStep[h], .. byStep[h + 1]], level) ?? previous
                : previous;
        }
        return scales;
    }

    /// <summary>
    /// For each group of series backtested alike, at each level, the step factors times one more factor, so that the group's
    /// own backtest errors would have fallen inside its step-calibrated intervals as often as the level says; the step
    /// factors alone for a group with too few errors to say.
    /// </summary>
    public static Dictionary<(int Length, int Origins), IReadOnlyDictionary<double, double[]>> GroupScales(IEnumerable<Backtested> backtests,
        IReadOnlyDictionary<double, double[]> steps) =>
        backtests.GroupBy(b => b.Group).ToDictionary(g => g.Key, IReadOnlyDictionary<double, double[]> (g) => steps.ToDictionary(p => p.Key, p =>
        {
            var factor = ConformalScale([.. g.SelectMany(b => b.Standardised[p.Key]).Select(s => s.Score / p.Value[s.Step])], p.Key) ?? 1;
            return p.Value.Select(f => f * factor).ToArray();
        }));

    /// <summary>
    /// At each level, the share of a forecast's interval half-widths, added up over its months, that an interval of the
    /// months' total needs: the split-conformal quantile, over every backtest origin of the run, of the total's error over
    /// the months it forecast in its calibrated half-widths added up (on the side it fell). Where months' errors offset, the
    /// share is below one; where they run the same way further than single months' intervals reach, above. A level with too
    /// few origins to say has none.
    /// </summary>
    public static Dictionary<double, double> TotalShares(IEnumerable<Backtested> backtests,
        IReadOnlyDictionary<(int Length, int Origins), IReadOnlyDictionary<double, double[]>> groups, IEnumerable<double> levels)
    {
        var shares = new Dictionary<double, double>();
        var list = backtests.ToList();
        foreach (var level in levels)
        {
            var scores = list.SelectMany(b => b.Paths.Select(path =>
            {
                var (scales, (below, above)) = (groups[b.Group][level], path.Reach[level]);
                var error = path.Errors.Sum();
                var reach = Enumerable.Range(0, path.Errors.Length).Sum(i => scales[i] * (error >= 0 ? above[i] : below[i]));
                return reach > 0 ? Math.Abs(error) / reach : error == 0 ? 0 : double.PositiveInfinity;
            })).ToArray();
            if (Quantile(scores, level) is { } share && double.IsFinite(share))
            {
                shares[level] = share;
            }
        }
        return shares;
    }

    /// <summary>
    /// The split-conformal factor for one level: the ⌈(N + 1)·level⌉-th smallest of the N standardised backtest errors over
    /// the normal quantile of that level, so that intervals scaled by it would have held that share of the errors; null when
    /// there are too few errors to say.
    /// </summary>
    private static double? ConformalScale(double[] standardised, double level)
    {
        var scale = Quantile(standardised, level) / NormalQuantile(level);
        return scale is { } s && double.IsFinite(s) && s > 0 ? s : null;
    }

    /// <summary>The ⌈(N + 1)·level⌉-th smallest of N scores, which a new score exceeds at most 1 − level of the time; null for too few.</summary>
    private static double? Quantile(double[] scores, double level)
    {
        var rank = (int)Math.Ceiling((scores.Length + 1) * level / 100);
        return scores.Length == 0 || rank > scores.Length ? null : scores.Order().ElementAt(rank - 1);
    }

    /// <summary>
    /// Each interval rescaled about the point forecast by its level's factor at each step, then widened where needed so that
    /// a higher level's interval reaches at least as much further than a lower level's as a normal error's would (at 95%,
    /// 1.53 times as far from the point as at 80%). Forecast errors have tails at least as heavy as the normal's, and factors
    /// calibrated on few errors can otherwise leave a 95% interval hardly wider than the 80% one, or crossing it.
    /// </summary>
    public static Forecast Calibrated(Forecast f, IReadOnlyDictionary<double, double[]> scales)
    {
        var scaled = new Dictionary<double, PredictionInterval>();
        PredictionInterval? inner = null;
        foreach (var i in f.Intervals.OrderBy(i => i.Level))
        {
            double Factor(int h) => scales.TryGetValue(i.Level, out var s) ? s[h] : 1;
            var lower = new double[f.Points.Count];
            var upper = new double[f.Points.Count];
            var tail = inner is null ? 0 : NormalQuantile(i.Level) / NormalQuantile(inner.Level);
            for (var h = 0; h < f.Points.Count; h++)
            {
                var (below, above) = (Factor(h) * (f.Points[h] - i.Lower[h]), Factor(h) * (i.Upper[h] - f.Points[h]));
                if (inner is not null)
                {
                    var (innerBelow, innerAbove) = (f.Points[h] - inner.Lower[h], inner.Upper[h] - f.Points[h]);
                    below = Math.Max(below, Math.Max(innerBelow, tail * innerBelow));
                    above = Math.Max(above, Math.Max(innerAbove, tail * innerAbove));
                }
                (lower[h], upper[h]) = (f.Points[h] - below, f.Points[h] + above);
            }
            scaled[i.Level] = inner = new PredictionInterval(i.Level, lower, upper);
        }
        return f with { Intervals = [.. f.Intervals.Select(i => scaled[i.Level])] };
    }

    /// <summary>The standard normal quantile that a two-sided interval of this level in percent reaches.</summary>
    public static double NormalQuantile(double level) => Normal.InvCDF(0, 1, 0.5 + level / 200);
}
