using MathNet.Numerics.Statistics;

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
        if (values.Count < 2)
        {
            return new(values[0], 0);
        }
        var (mean, variance) = values.MeanVariance();
        return new(mean, Math.Sqrt(variance / values.Count));
    }
}
