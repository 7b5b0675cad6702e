namespace CostInsights.Forecasting.Ensembles;

/// <summary>Forecast combinations: the mean or median of several methods' points and bounds, step by step.</summary>
public static class Ensemble
{
    public static Forecast Mean(string name, IReadOnlyList<Forecast> forecasts) => Combine(name, forecasts, values => values.Average());

    public static Forecast Median(string name, IReadOnlyList<Forecast> forecasts) => Combine(name, forecasts, MedianOf);

    /// <summary>
    /// The median of the points at each step, and about it each interval the members' mean distances from their own points
    /// to their bounds: a point no one wild member can pull, in intervals as wide as the mean's that always hold it. A bound
    /// that lies past its member's own point (an interval from a biased model's errors can) counts as no distance. Where
    /// <paramref name="widths"/> names some members, only theirs set the widths (a member whose interval says nothing still
    /// votes on the point).
    /// </summary>
    public static Forecast MedianWithMeanWidths(string name, IReadOnlyList<Forecast> forecasts, IReadOnlyList<Forecast>? widths = null)
    {
        var median = Combine(name, forecasts, MedianOf);
        var horizon = median.Horizon;
        var wide = widths is { Count: > 0 } ? widths : forecasts;
        double[] Bound(double level, int side) => [.. Enumerable.Range(0, horizon).Select(h => median.Points[h] + side * wide.Average(f =>
            Math.Max(0, side * ((side < 0 ? f.At(level).Lower[h] : f.At(level).Upper[h]) - f.Points[h]))))];
        return median with { Intervals = [.. median.Intervals.Select(i => new PredictionInterval(i.Level, Bound(i.Level, -1), Bound(i.Level, 1)))] };
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

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
