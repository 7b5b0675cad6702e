using CostInsights.Forecasting.Arima;
using CostInsights.Forecasting.Baselines;
using CostInsights.Forecasting.Ensembles;
using CostInsights.Forecasting.Ets;
using CostInsights.Forecasting.Theta;
using MathNet.Numerics.Distributions;

namespace CostInsights.Forecasting.Auto;

/// <summary>
/// What the automatic method forecast, with which method, and why; with the chosen method's mean
/// absolute backtest error as a fraction of the series' mean level where a backtest could be run.
/// </summary>
public sealed record AutoForecast(Forecast Forecast, string Method, string Reason, double? BacktestError = null);

/// <summary>
/// The automatic method: the median of ETS, ARIMA and Theta, each fitted and chosen as R's forecast package does it,
/// and of the models trained across every series forecast together (<see cref="GlobalMember"/>: a LightGBM model's
/// forecast averaged with a linear autoregression's in logs): a combination of simple univariate models forecasts best
/// across the M competitions (Petropoulos and Svetunkov 2020), the global models improved it on both benchmarks'
/// validation months, and the median of the four (the mean of the middle two) improved it there again over their mean;
/// moved a fifth of the way from that median to the global models' forecast, it improved there once more (ADR 0043).
/// Its intervals lie about that point as far as the members' own do about theirs on average, then are calibrated by
/// split conformal prediction on backtests: each series' own history is forecast again from rolling origins (from two
/// seasons on, or from half of a shorter history; the members refitted there with the models chosen on the whole history;
/// the global model's is the one trained without the periods backtested), the errors are measured in the interval's own
/// half-widths, and the intervals of every series forecast together are scaled, step by step ahead (each step with the
/// errors of the steps either side), so that the backtests' errors would have fallen inside them as often as their level
/// says; then each group of series backtested alike (as many periods from as many origins, so histories of a like length)
/// is scaled once more so that its own backtests would have (Mondrian conformal prediction): short histories, whose models
/// understate their uncertainty most, are not calibrated by long ones. A higher level's interval reaches at least as much
/// further than a lower one's as a normal error's would.
/// Nothing in it was set by trying values on a benchmark's test part. Short histories fall back gracefully: one period
/// gives a flat forecast, up to five give drift. It never throws for a finite series and never returns NaN.
/// </summary>
public static class AutoForecaster
{
    /// <summary>How many origins the backtest rolls through, where the history is long enough.</summary>
    private const int RollingOrigins = 2;

    /// <summary>
    /// How far the members' median moves towards the global member's forecast: the global member learns from every series
    /// forecast together, and a median of four gives it no more than a local model's say. Chosen on the validation months of
    /// both benchmarks (ADR 0043) among tenths; backtests that choose their models again at each origin choose 0.1 to 0.2
    /// on the training months alone.
    /// </summary>
    private const double GlobalShare = 0.2;

    /// <summary>How many periods of history the members are combined from; fewer are extended by drift.</summary>
    private const int MinimumForMembers = 6;

    /// <summary>
    /// How many of a history's last periods its backtests forecast at most: windows of up to a horizon, each origin half a
    /// window before the next. The global model's backtests are forecast by its model trained without them.
    /// </summary>
    private static int BacktestReach(int horizon) => horizon + (RollingOrigins - 1) * Math.Max(1, horizon / 2);

    /// <summary>One series, calibrated by its own backtests alone.</summary>
    public static AutoForecast Forecast(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative = false) =>
        ForecastAll([history], season, horizon, levels, nonNegative)[0];

    /// <summary>
    /// Every series of a run, in parallel, with their intervals calibrated together on all their backtests. The result is the
    /// same for the same input, whatever the order the series are fitted in. <paramref name="period"/> names one period in
    /// the reasons given (a month, where the series are monthly).
    /// </summary>
    public static IReadOnlyList<AutoForecast> ForecastAll(IReadOnlyList<IReadOnlyList<double>> histories, int season, int horizon,
        IReadOnlyList<double> levels, bool nonNegative = false, string period = "period", CancellationToken cancellationToken = default)
    {
        foreach (var history in histories)
        {
            History.Check(history, 0, "The automatic method", horizon);
        }
        var levelSet = levels.Contains(95) ? levels : [.. levels, 95];
        var learned = TrainGlobalModel(histories, season, horizon, levelSet);
        var results = new Fitted[histories.Count];
        Parallel.For(0, histories.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => results[i] = Fit(histories[i], season, horizon, levelSet, learned, period));
        var backtests = results.Select(r => r.Backtest).OfType<Backtested>().ToList();
        var steps = levels.ToDictionary(l => l, l => StepScales([.. backtests.SelectMany(b => b.Standardised[l])], l, horizon));
        var groups = GroupScales(backtests, steps);
        return [.. results.Select(r =>
        {
            var scales = r.Backtest is { } b ? groups[b.Group] : steps;
            var forecast = r.Calibrate ? Calibrated(r.Forecast, scales) : r.Forecast;
            forecast = forecast with { Intervals = [.. forecast.Intervals.Where(i => levels.Contains(i.Level))] };
            return new AutoForecast(nonNegative ? forecast.FloorAtZero() : forecast, r.Method, r.Reason, r.Backtest?.Error);
        })];
    }

    /// <summary>
    /// The global model, or none where LightGBM's native library cannot be loaded (a machine without the OpenMP runtime):
    /// the other members still forecast.
    /// </summary>
    private static GlobalMember? TrainGlobalModel(IReadOnlyList<IReadOnlyList<double>> histories, int season, int horizon,
        IReadOnlyList<double> levels)
    {
        try
        {
            return GlobalMember.Train(histories, season, horizon, levels, BacktestReach(horizon));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
            || e.InnerException is DllNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// One series' forecast before calibration, its backtest where one could be run, and whether it is the combination the
    /// run's backtests calibrate (with or without a backtest of its own).
    /// </summary>
    private sealed record Fitted(Forecast Forecast, string Method, string Reason, Backtested? Backtest, bool Calibrate);

    /// <summary>
    /// The backtest's mean absolute error as a fraction of the level, how many periods it forecast from how many origins, and at
    /// each level its errors in interval half-widths.
    /// </summary>
    private sealed record Backtested(double? Error, int Length, int Origins, IReadOnlyDictionary<double, (int Step, double Score)[]> Standardised)
    {
        /// <summary>The series backtested alike: as many periods from as many origins.</summary>
        public (int Length, int Origins) Group => (Length, Origins);
    }

    private static Fitted Fit(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, GlobalMember? learned,
        string period)
    {
        var n = history.Count;
        if (n == 0)
        {
            var zero = new double[horizon];
            return new Fitted(new Forecast("flat", zero, [.. levels.Select(l => new PredictionInterval(l, zero, zero))]), "flat",
                $"no history yet: nothing is forecast until the first {period} is in", null, false);
        }
        if (n == 1)
        {
            var flat = Enumerable.Repeat(history[0], horizon).ToArray();
            return new Fitted(new Forecast("flat", flat, [.. levels.Select(l => new PredictionInterval(l, flat, flat))]), "flat",
                $"one {period} of history: the forecast repeats it, and no interval can be estimated yet", null, false);
        }
        if (n < MinimumForMembers)
        {
            return new Fitted(Baseline.NaiveWithDrift(history, horizon, levels), "drift",
                $"{n} {period}s of history: too few to fit a smoothing model, so the last value is extended by the average change", null, false);
        }
        var members = Members.Choose(history, season, learned);
        var forecast = members.Forecast(horizon, levels)
            ?? throw new ArgumentException("None of ETS, ARIMA, Theta and the global model can fit this history.", nameof(history));
        var backtest = Backtest(history, season, horizon, levels, members);
        var reason = $"{members.Describe()}, a combination that forecasts best across benchmarks";
        if (backtest is not null)
        {
            // The backtest's error is the forecast's BacktestError, stated where it is shown; the reason says what was tested.
            reason += $"; its intervals are calibrated on forecasts of the series' last {backtest.Length} {period}s from {Origins(backtest.Origins)}";
        }
        return new Fitted(forecast, forecast.Method, reason, backtest, true);
    }

    private static string Origins(int count) => count == 1 ? "one origin" : $"{count} rolling origins";

    /// <summary>
    /// The combination's forecasts of the history's last periods from rolling origins, its members refitted there with the
    /// models chosen on the whole history: the mean absolute error as a fraction of the actual level, and at each level each
    /// error in half-widths of that level's interval times the level's normal quantile (so that a standard normal error,
    /// measured against a correct interval, scores its own absolute value).
    /// </summary>
    private static Backtested? Backtest(IReadOnlyList<double> history, int season, int horizon,
        IReadOnlyList<double> levels, Members members)
    {
        var n = history.Count;
        var earliest = EarliestOrigin(n, season);
        var length = Math.Min(Math.Min(horizon, Math.Max(season, n / 4)), n - earliest);
        if (length <= 0)
        {
            return null;
        }
        var step = Math.Max(1, length / 2);
        var origins = Enumerable.Range(0, RollingOrigins).Select(k => n - length - k * step).Where(o => o >= earliest).ToList();
        var errors = new List<double>();
        var standardised = levels.ToDictionary(l => l, _ => new List<(int, double)>());
        foreach (var origin in origins)
        {
            var forecast = members.ForecastFrom(history.Take(origin).ToArray(), length, levels);
            if (forecast is null)
            {
                return null;
            }
            for (var i = 0; i < length; i++)
            {
                var error = history[origin + i] - forecast.Points[i];
                errors.Add(Math.Abs(error));
                foreach (var level in levels)
                {
                    var band = forecast.At(level);
                    var halfWidth = error >= 0 ? band.Upper[i] - forecast.Points[i] : forecast.Points[i] - band.Lower[i];
                    var z = NormalQuantile(level);
                    standardised[level].Add((i, halfWidth > 0 ? Math.Abs(error) / halfWidth * z : error == 0 ? 0 : double.PositiveInfinity));
                }
            }
        }
        if (errors.Count == 0)
        {
            return null;
        }
        var actual = history.Skip(n - length).Select(Math.Abs).Average();
        return new Backtested(actual > 0 ? errors.Average() / actual : null, length, origins.Count,
            standardised.ToDictionary(p => p.Key, p => p.Value.ToArray()));
    }

    /// <summary>
    /// How many periods a backtest forecasts from at least: two seasons, so that seasonal members can be refitted there, where
    /// that is no more than half the history; else half the history, and never fewer periods than the members are combined
    /// from. A history of a year or two (a new team's spend) is backtested too, so that its intervals are calibrated by the
    /// errors of forecasts as short of data as its own, not left as narrow as models fitted to little data make them (a
    /// member whose model cannot be refitted on so few periods is left out of that backtest).
    /// </summary>
    private static int EarliestOrigin(int count, int season) =>
        Math.Min(2 * Math.Max(season, 1), Math.Max(MinimumForMembers, (count + 1) / 2));

    /// <summary>
    /// The conformal factor of each step ahead, from the backtests' errors that many steps ahead and one step either side: how
    /// far forecasts go wrong changes smoothly with the horizon, and pooling neighbouring steps keeps a run of a few dozen
    /// series from giving one month a narrow interval and the next a wide one by the chance of a few errors. A step no
    /// backtest reached, or too few did, takes the factor of the step before it.
    /// </summary>
    internal static double[] StepScales((int Step, double Score)[] scores, double level, int horizon)
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
    private static Dictionary<(int Length, int Origins), IReadOnlyDictionary<double, double[]>> GroupScales(IEnumerable<Backtested> backtests,
        IReadOnlyDictionary<double, double[]> steps) =>
        backtests.GroupBy(b => b.Group).ToDictionary(g => g.Key, IReadOnlyDictionary<double, double[]> (g) => steps.ToDictionary(p => p.Key, p =>
        {
            var factor = ConformalScale([.. g.SelectMany(b => b.Standardised[p.Key]).Select(s => s.Score / p.Value[s.Step])], p.Key) ?? 1;
            return p.Value.Select(f => f * factor).ToArray();
        }));

    /// <summary>
    /// The split-conformal factor for one level: the ⌈(N + 1)·level⌉-th smallest of the N standardised backtest errors over
    /// the normal quantile of that level, so that intervals scaled by it would have held that share of the errors; null when
    /// there are too few errors to say.
    /// </summary>
    private static double? ConformalScale(double[] standardised, double level)
    {
        var rank = (int)Math.Ceiling((standardised.Length + 1) * level / 100);
        if (standardised.Length == 0 || rank > standardised.Length)
        {
            return null;
        }
        var sorted = standardised.Order().ToArray();
        var scale = sorted[rank - 1] / NormalQuantile(level);
        return double.IsFinite(scale) && scale > 0 ? scale : null;
    }

    /// <summary>
    /// Each interval rescaled about the point forecast by its level's factor at each step, then widened where needed so that
    /// a higher level's interval reaches at least as much further than a lower level's as a normal error's would (at 95%,
    /// 1.53 times as far from the point as at 80%). Forecast errors have tails at least as heavy as the normal's, and factors
    /// calibrated on few errors can otherwise leave a 95% interval hardly wider than the 80% one, or crossing it.
    /// </summary>
    private static Forecast Calibrated(Forecast f, IReadOnlyDictionary<double, double[]> scales)
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
    private static double NormalQuantile(double level) => Normal.InvCDF(0, 1, 0.5 + level / 200);

    /// <summary>
    /// The members as chosen on the whole history: the ETS model, the ARIMA model, and Theta (which chooses nothing). A
    /// member that cannot be fitted is left out of the combination.
    /// </summary>
    private sealed class Members(IReadOnlyList<double> history, int season, EtsFit? ets, ArimaModelFit? arima, GlobalMember? learned)
    {
        public static Members Choose(IReadOnlyList<double> history, int season, GlobalMember? learned) =>
            new(history, season, Try(() => Ets.Ets.Select(history, season)), Try(() => AutoArima.Select(history, season)), learned);

        /// <summary>What the combination is made of, for the forecast's reason.</summary>
        public string Describe()
        {
            var names = new List<string>();
            if (ets is not null)
            {
                names.Add(ets.Spec.Name);
            }
            if (arima is not null)
            {
                names.Add(arima.Order.ToString());
            }
            names.Add("Theta");
            var global = learned?.CanForecast(history) == true;
            if (global)
            {
                names.Add(learned!.Averages(history) ? "the global models (LightGBM averaged with a log-autoregression)" : "the global LightGBM model");
            }
            var median = $"the median of {(names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}")}";
            return global ? $"{median}, moved {GlobalShare * 100:0}% of the way to the global forecast" : median;
        }

        /// <summary>The members' combined forecast from the whole history.</summary>
        public Forecast? Forecast(int horizon, IReadOnlyList<double> levels) =>
            Combined(ets, arima, Try(() => ThetaMethod.Forecast(history, season, horizon, levels)), learned?.Forecast(history), horizon, levels);

        /// <summary>The members' combined forecast from a part of the history, each refitted there with its chosen model.</summary>
        public Forecast? ForecastFrom(IReadOnlyList<double> past, int horizon, IReadOnlyList<double> levels) => Combined(
            ets is null ? null : Try(() => Ets.Ets.Fit(past, season, ets.Spec)),
            arima is null ? null : Try(() => AutoArima.Fit(past, arima.Order)),
            Try(() => ThetaMethod.Forecast(past, season, horizon, levels)), learned?.ForecastFrom(past, horizon), horizon, levels);

        /// <summary>
        /// The median of the members that could be fitted, in intervals as wide as theirs on average; an explosive ETS model's
        /// interval (<see cref="EtsFit.Explosive"/>) is left out of that average where another member has one. Where the global
        /// member forecasts, the point moves <see cref="GlobalShare"/> of the way from that median to its forecast, the
        /// intervals with it.
        /// </summary>
        private static Forecast? Combined(EtsFit? ets, ArimaModelFit? arima, Forecast? theta, Forecast? global, int horizon, IReadOnlyList<double> levels)
        {
            var forecasts = new List<Forecast>();
            var names = new List<string>();
            if (ets is not null)
            {
                forecasts.Add(Ets.Ets.Forecast(ets, horizon, levels));
                names.Add("ets");
            }
            if (arima is not null)
            {
                forecasts.Add(arima.Forecast(horizon, levels));
                names.Add("arima");
            }
            if (theta is not null)
            {
                forecasts.Add(theta);
                names.Add("theta");
            }
            if (global is not null)
            {
                forecasts.Add(global);
                names.Add("lightgbm");
            }
            if (forecasts.Count == 0)
            {
                return null;
            }
            // An explosive ETS model, the first member, votes on the point; the others set the widths.
            var median = Ensemble.MedianWithMeanWidths(string.Join("+", names), forecasts, ets?.Explosive == true ? forecasts[1..] : null);
            return global is null ? median
                : median.MovedTo([.. median.Points.Select((p, h) => (1 - GlobalShare) * p + GlobalShare * global.Points[h])]);
        }

        private static T? Try<T>(Func<T?> fit) where T : class
        {
            try
            {
                return fit();
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }
}
