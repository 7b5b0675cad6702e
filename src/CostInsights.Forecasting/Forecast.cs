namespace CostInsights.Forecasting;

/// <summary>Point forecasts for the next <c>h</c> periods with prediction intervals at the requested levels.</summary>
public sealed record Forecast(string Method, IReadOnlyList<double> Points, IReadOnlyList<PredictionInterval> Intervals)
{
    public int Horizon => Points.Count;

    /// <summary>
    /// At each level, the share of the periods' interval reaches, added up, that an interval of their total needs, where a
    /// method calibrated it (the automatic method, on its run's backtests); null where none did, since intervals of single
    /// periods do not add up to an interval of their total.
    /// </summary>
    public IReadOnlyDictionary<double, double>? TotalShares { get; init; }

    /// <summary>
    /// The total of the first <paramref name="periods"/> periods and its interval at <paramref name="level"/>: their points
    /// added up, the bounds reaching below and above by the level's share of their intervals' reaches added up (<see
    /// cref="TotalReach"/>). Null where no share was calibrated for the level.
    /// </summary>
    public (double Total, double Lower, double Upper)? TotalInterval(double level, int periods)
    {
        if (TotalShares is null || !TotalShares.TryGetValue(level, out var share))
        {
            return null;
        }
        var band = At(level);
        var months = Enumerable.Range(0, Math.Min(periods, Horizon)).ToList();
        var total = months.Sum(h => Points[h]);
        return (total, total - TotalReach(share, months.Select(h => Points[h] - band.Lower[h])),
            total + TotalReach(share, months.Select(h => band.Upper[h] - Points[h])));
    }

    /// <summary>
    /// How far the interval of a total reaches on one side: the share of its periods' reaches added up, and never less than
    /// the square root of their squares added up, which independent errors would reach (a forecast's errors from one origin
    /// do not offset more than independent ones).
    /// </summary>
    public static double TotalReach(double share, IEnumerable<double> reaches)
    {
        var (sum, squares) = reaches.Aggregate((Sum: 0.0, Squares: 0.0), (a, r) => (a.Sum + r, a.Squares + r * r));
        return Math.Max(share * sum, Math.Sqrt(squares));
    }

    /// <summary>
    /// The forecast with points and bounds below zero raised to zero, for a series that cannot go negative (spend, tokens):
    /// every bound is raised, so a lower bound never ends above its upper one.
    /// </summary>
    public Forecast FloorAtZero() => this with
    {
        Points = [.. Points.Select(p => Math.Max(0, p))],
        Intervals = [.. Intervals.Select(i => i with { Lower = [.. i.Lower.Select(v => Math.Max(0, v))], Upper = [.. i.Upper.Select(v => Math.Max(0, v))] })],
    };

    /// <summary>
    /// The forecast with new points, each bound as far from its new point as from its old one (a bound on its point stays
    /// on it exactly).
    /// </summary>
    public Forecast MovedTo(IReadOnlyList<double> points)
    {
        double[] Moved(IReadOnlyList<double> bound) => [.. bound.Select((b, h) => points[h] + (b - Points[h]))];
        return this with { Points = points, Intervals = [.. Intervals.Select(i => new PredictionInterval(i.Level, Moved(i.Lower), Moved(i.Upper)))] };
    }

    public PredictionInterval At(double level) =>
        Intervals.FirstOrDefault(i => Math.Abs(i.Level - level) < 1e-9)
        ?? throw new ArgumentException($"No {level}% interval was computed.", nameof(level));
}

/// <summary>Lower and upper bounds per horizon step at one level, in percent (80, 95...).</summary>
public sealed record PredictionInterval(double Level, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper);
