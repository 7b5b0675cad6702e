using CostInsights.Forecasting.Baselines;

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
/// further than a lower one's as a normal error's would. The same backtests give the share of the months' reaches, added
/// up, that an interval of their total needs (<see cref="Forecast.TotalShares"/>; ADR 0053).
/// Nothing in it was set by trying values on a benchmark's test part. Short histories fall back gracefully: one period
/// gives a flat forecast, up to five give drift. It never throws for a finite series and never returns NaN.
/// </summary>
public static class AutoForecaster
{
    /// <summary>How many periods of history the members are combined from; fewer are extended by drift.</summary>
    internal const int MinimumForMembers = 6;

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
        var steps = levels.ToDictionary(l => l, l => ConformalCalibration.StepScales([.. backtests.SelectMany(b => b.Standardised[l])], l, horizon));
        var groups = ConformalCalibration.GroupScales(backtests, steps);
        var shares = ConformalCalibration.TotalShares(backtests, groups, levels);
        return [.. results.Select(r =>
        {
            var scales = r.Backtest is { } b ? groups[b.Group] : steps;
            var forecast = r.Calibrate ? ConformalCalibration.Calibrated(r.Forecast, scales) : r.Forecast;
            forecast = forecast with
            {
                Intervals = [.. forecast.Intervals.Where(i => levels.Contains(i.Level))],
                TotalShares = r.Calibrate && shares.Count > 0 ? shares : null,
            };
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
            return GlobalMember.Train(histories, season, horizon, levels, Backtests.Reach(horizon));
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
        var backtest = Backtests.Run(history, season, horizon, levels, members);
        var reason = $"{members.Describe()}, a combination that forecasts best across benchmarks";
        if (backtest is not null)
        {
            // The backtest's error is the forecast's BacktestError, stated where it is shown; the reason says what was tested.
            reason += $"; its intervals are calibrated on forecasts of the series' last {backtest.Length} {period}s from {Origins(backtest.Origins)}";
        }
        return new Fitted(forecast, forecast.Method, reason, backtest, true);
    }

    private static string Origins(int count) => count == 1 ? "one origin" : $"{count} rolling origins";
}
