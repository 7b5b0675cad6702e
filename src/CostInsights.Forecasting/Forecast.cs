namespace CostInsights.Forecasting;

/// <summary>Point forecasts for the next <c>h</c> periods with prediction intervals at the requested levels.</summary>
public sealed record Forecast(string Method, IReadOnlyList<double> Points, IReadOnlyList<PredictionInterval> Intervals)
{
    public int Horizon => Points.Count;

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
