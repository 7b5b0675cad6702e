using CostInsights.Forecasting.Learned;

namespace CostInsights.Forecasting.Auto;

/// <summary>
/// The automatic method's member learned across every series forecast together: the LightGBM model's forecast, its point
/// averaged with the global log-autoregression's where that can forecast the series (its last two years positive), its
/// intervals the LightGBM model's, moved with the point. The two learn differently (trees on features, one linear model in
/// logs) and their mean forecast both benchmarks' validation months better than either (ADR 0028).
/// </summary>
internal sealed class GlobalMember(GlobalBoostedModel boosted, GlobalLogAutoregression? linear)
{
    /// <summary>Both models, or none where LightGBM's could not be trained; backtests reach back <paramref name="leftOut"/> periods.</summary>
    public static GlobalMember? Train(IReadOnlyList<IReadOnlyList<double>> histories, int season, int horizon, IReadOnlyList<double> levels,
        int leftOut)
    {
        var linear = Task.Run(() => GlobalLogAutoregression.Train(histories, horizon, leftOut));
        var boosted = GlobalBoostedModel.Train(histories, season, horizon, levels, leftOut);
        return boosted is null ? null : new GlobalMember(boosted, linear.GetAwaiter().GetResult());
    }

    public bool CanForecast(IReadOnlyList<double> history) => boosted.CanForecast(history);

    /// <summary>Whether the linear model joins the LightGBM model's forecast of this history.</summary>
    public bool Averages(IReadOnlyList<double> history) => linear is not null && GlobalLogAutoregression.CanForecast(history);

    public Forecast? Forecast(IReadOnlyList<double> history) => Averaged(boosted.Forecast(history), linear?.Forecast(history));

    public Forecast? ForecastFrom(IReadOnlyList<double> past, int horizon) =>
        Averaged(boosted.ForecastFrom(past, horizon), linear?.ForecastFrom(past, horizon));

    private static Forecast? Averaged(Forecast? boosted, double[]? linear)
    {
        if (boosted is null || linear is null)
        {
            return boosted;
        }
        return boosted.MovedTo([.. boosted.Points.Select((p, h) => (p + linear[h]) / 2)]) with { Method = "lightgbm+linear" };
    }
}
