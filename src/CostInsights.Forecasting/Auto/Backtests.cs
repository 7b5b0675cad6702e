namespace CostInsights.Forecasting.Auto;

/// <summary>
/// The backtest's mean absolute error as a fraction of the level, how many periods it forecast from how many origins, at
/// each level its errors in interval half-widths, and each origin's forecast path.
/// </summary>
internal sealed record Backtested(double? Error, int Length, int Origins, IReadOnlyDictionary<double, (int Step, double Score)[]> Standardised,
    IReadOnlyList<BacktestPath> Paths)
{
    /// <summary>The series backtested alike: as many periods from as many origins.</summary>
    public (int Length, int Origins) Group => (Length, Origins);
}

/// <summary>
/// One origin's forecast in a backtest: its error at each step ahead, and at each level how far the interval reached below
/// and above the point there, before calibration.
/// </summary>
internal sealed record BacktestPath(double[] Errors, IReadOnlyDictionary<double, (double[] Below, double[] Above)> Reach);

/// <summary>
/// The automatic method's backtests: the combination forecasts the last periods of each history again from rolling origins,
/// so that its intervals can be calibrated on errors it would have made.
/// </summary>
internal static class Backtests
{
    /// <summary>How many origins the backtest rolls through, where the history is long enough.</summary>
    private const int RollingOrigins = 2;

    /// <summary>
    /// How many of a history's last periods its backtests forecast at most: windows of up to a horizon, each origin half a
    /// window before the next. The global model's backtests are forecast by its model trained without them.
    /// </summary>
    public static int Reach(int horizon) => horizon + (RollingOrigins - 1) * Math.Max(1, horizon / 2);

    /// <summary>
    /// The combination's forecasts of the history's last periods from rolling origins, its members refitted there with the
    /// models chosen on the whole history: the mean absolute error as a fraction of the actual level, and at each level each
    /// error in half-widths of that level's interval times the level's normal quantile (so that a standard normal error,
    /// measured against a correct interval, scores its own absolute value).
    /// </summary>
    public static Backtested? Run(IReadOnlyList<double> history, int season, int horizon,
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
        var paths = new List<BacktestPath>();
        var standardised = levels.ToDictionary(l => l, _ => new List<(int, double)>());
        var quantiles = levels.ToDictionary(l => l, ConformalCalibration.NormalQuantile);
        foreach (var origin in origins)
        {
            var forecast = members.ForecastFrom(history.Take(origin).ToArray(), length, levels);
            if (forecast is null)
            {
                return null;
            }
            var path = new BacktestPath(new double[length],
                levels.ToDictionary(l => l, _ => (Below: new double[length], Above: new double[length])));
            paths.Add(path);
            for (var i = 0; i < length; i++)
            {
                var error = path.Errors[i] = history[origin + i] - forecast.Points[i];
                errors.Add(Math.Abs(error));
                foreach (var level in levels)
                {
                    var band = forecast.At(level);
                    var (below, above) = path.Reach[level];
                    (below[i], above[i]) = (forecast.Points[i] - band.Lower[i], band.Upper[i] - forecast.Points[i]);
                    var halfWidth = error >= 0 ? above[i] : below[i];
                    var z = quantiles[level];
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
            standardised.ToDictionary(p => p.Key, p => p.Value.ToArray()), paths);
    }

    /// <summary>
    /// How many periods a backtest forecasts from at least: two seasons, so that seasonal members can be refitted there, where
    /// that is no more than half the history; else half the history, and never fewer periods than the members are combined
    /// from. A history of a year or two (a new team's spend) is backtested too, so that its intervals are calibrated by the
    /// errors of forecasts as short of data as its own, not left as narrow as models fitted to little data make them (a
    /// member whose model cannot be refitted on so few periods is left out of that backtest).
    /// </summary>
    private static int EarliestOrigin(int count, int season) =>
        Math.Min(2 * Math.Max(season, 1), Math.Max(AutoForecaster.MinimumForMembers, (count + 1) / 2));
}
