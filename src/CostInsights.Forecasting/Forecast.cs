namespace CostInsights.Forecasting;

/// <summary>Point forecasts for the next <c>h</c> periods with prediction intervals at the requested levels.</summary>
public sealed record Forecast(string Method, IReadOnlyList<double> Points, IReadOnlyList<PredictionInterval> Intervals)
{
    public int Horizon => Points.Count;

    public PredictionInterval At(double level) =>
        Intervals.FirstOrDefault(i => Math.Abs(i.Level - level) < 1e-9)
        ?? throw new ArgumentException($"No {level}% interval was computed.", nameof(level));
}

/// <summary>Lower and upper bounds per horizon step at one level, in percent (80, 95...).</summary>
public sealed record PredictionInterval(double Level, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper);
