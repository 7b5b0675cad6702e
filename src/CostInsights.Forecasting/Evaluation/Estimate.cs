namespace CostInsights.Forecasting.Evaluation;

/// <summary>A mean over series and its standard error: the spread of the values over the square root of their count.</summary>
public readonly record struct Estimate(double Mean, double StandardError)
{
    /// <summary>The mean of the values and its standard error; the error is zero for fewer than two values.</summary>
    public static Estimate Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return new(double.NaN, double.NaN);
        }
        var mean = values.Average();
        if (values.Count < 2)
        {
            return new(mean, 0);
        }
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return new(mean, Math.Sqrt(variance / values.Count));
    }
}
