namespace CostInsights.Forecasting.Ensembles;

/// <summary>Forecast combinations: the mean or median of several methods' points and bounds, step by step.</summary>
public static class Ensemble
{
    public static Forecast Mean(string name, IReadOnlyList<Forecast> forecasts) => Combine(name, forecasts, values => values.Average());

    public static Forecast Median(string name, IReadOnlyList<Forecast> forecasts) => Combine(name, forecasts, values =>
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    });

    private static Forecast Combine(string name, IReadOnlyList<Forecast> forecasts, Func<IEnumerable<double>, double> combine)
    {
        if (forecasts.Count == 0)
        {
            throw new ArgumentException("A combination needs at least one forecast.", nameof(forecasts));
        }
        var horizon = forecasts[0].Horizon;
        double[] Step(Func<Forecast, IReadOnlyList<double>> select) =>
            [.. Enumerable.Range(0, horizon).Select(h => combine(forecasts.Select(f => select(f)[h])))];
        var intervals = forecasts[0].Intervals.Select(i => new PredictionInterval(i.Level,
            Step(f => f.At(i.Level).Lower), Step(f => f.At(i.Level).Upper))).ToList();
        return new Forecast(name, Step(f => f.Points), intervals);
    }
}
