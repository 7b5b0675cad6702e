namespace CostInsights.Forecasting.Evaluation;

/// <summary>The M4 competition's accuracy and interval measures for one forecast.</summary>
public static class Accuracy
{
    /// <summary>sMAPE on the 0–200 scale: the mean of <c>200·|y − f| / (|y| + |f|)</c>.</summary>
    public static double Smape(IReadOnlyList<double> actual, IReadOnlyList<double> forecast) =>
        actual.Select((y, i) => Math.Abs(y) + Math.Abs(forecast[i]) == 0 ? 0 : 200 * Math.Abs(y - forecast[i]) / (Math.Abs(y) + Math.Abs(forecast[i])))
            .Average();

    /// <summary>The in-sample mean absolute error of the seasonal naive forecast, the scale of MASE and MSIS.</summary>
    public static double SeasonalNaiveScale(IReadOnlyList<double> train, int season)
    {
        var m = train.Count > season ? season : 1;
        return Enumerable.Range(m, train.Count - m).Select(t => Math.Abs(train[t] - train[t - m])).DefaultIfEmpty(0).Average();
    }

    public static double Mase(IReadOnlyList<double> actual, IReadOnlyList<double> forecast, double scale) =>
        scale == 0 ? 0 : actual.Select((y, i) => Math.Abs(y - forecast[i])).Average() / scale;

    /// <summary>Share of actual values inside the interval.</summary>
    public static double Coverage(IReadOnlyList<double> actual, IReadOnlyList<double> lower, IReadOnlyList<double> upper) =>
        actual.Select((y, i) => y >= lower[i] && y <= upper[i] ? 1.0 : 0.0).Average();

    /// <summary>Mean scaled interval score at level <c>1 − a</c>: width plus <c>2/a</c> times each miss, over the scale.</summary>
    public static double Msis(IReadOnlyList<double> actual, IReadOnlyList<double> lower, IReadOnlyList<double> upper, double a, double scale) =>
        scale == 0 ? 0 : actual.Select((y, i) =>
            upper[i] - lower[i] + (y < lower[i] ? 2 / a * (lower[i] - y) : 0) + (y > upper[i] ? 2 / a * (y - upper[i]) : 0)).Average() / scale;
}
