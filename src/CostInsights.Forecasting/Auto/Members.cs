using CostInsights.Forecasting.Arima;
using CostInsights.Forecasting.Ensembles;
using CostInsights.Forecasting.Ets;
using CostInsights.Forecasting.Theta;

namespace CostInsights.Forecasting.Auto;

/// <summary>
/// The members as chosen on the whole history: the ETS model, the ARIMA model, and Theta (which chooses nothing). A
/// member that cannot be fitted is left out of the combination.
/// </summary>
internal sealed class Members(IReadOnlyList<double> history, int season, EtsFit? ets, ArimaModelFit? arima, GlobalMember? learned)
{
    /// <summary>
    /// How far the members' median moves towards the global member's forecast: the global member learns from every series
    /// forecast together, and a median of four gives it no more than a local model's say. Chosen on the validation months of
    /// both benchmarks (ADR 0043) among tenths; backtests that choose their models again at each origin choose 0.1 to 0.2
    /// on the training months alone.
    /// </summary>
    private const double GlobalShare = 0.2;

    public static Members Choose(IReadOnlyList<double> history, int season, GlobalMember? learned) =>
        new(history, season, Try(() => Ets.Ets.Select(history, season)), Try(() => AutoArima.Select(history, season)), learned);

    /// <summary>What the combination is made of, for the forecast's reason.</summary>
    public string Describe()
    {
        var names = new List<string>();
        if (ets is not null)
        {
            names.Add(ets.Spec.Name);
        }
        if (arima is not null)
        {
            names.Add(arima.Order.ToString());
        }
        names.Add("Theta");
        var global = learned?.CanForecast(history) == true;
        if (global)
        {
            names.Add(learned!.Averages(history) ? "the global models (LightGBM averaged with a log-autoregression)" : "the global LightGBM model");
        }
        var median = $"the median of {(names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}")}";
        return global ? $"{median}, moved {GlobalShare * 100:0}% of the way to the global forecast" : median;
    }

    /// <summary>The members' combined forecast from the whole history.</summary>
    public Forecast? Forecast(int horizon, IReadOnlyList<double> levels) =>
        Combined(ets, arima, Try(() => ThetaMethod.Forecast(history, season, horizon, levels)), learned?.Forecast(history), horizon, levels);

    /// <summary>The members' combined forecast from a part of the history, each refitted there with its chosen model.</summary>
    public Forecast? ForecastFrom(IReadOnlyList<double> past, int horizon, IReadOnlyList<double> levels) => Combined(
        ets is null ? null : Try(() => Ets.Ets.Fit(past, season, ets.Spec)),
        arima is null ? null : Try(() => AutoArima.Fit(past, arima.Order)),
        Try(() => ThetaMethod.Forecast(past, season, horizon, levels)), learned?.ForecastFrom(past, horizon), horizon, levels);

    /// <summary>
    /// The median of the members that could be fitted, in intervals as wide as theirs on average; an explosive ETS model's
    /// interval (<see cref="EtsFit.Explosive"/>) is left out of that average where another member has one. Where the global
    /// member forecasts, the point moves <see cref="GlobalShare"/> of the way from that median to its forecast, the
    /// intervals with it.
    /// </summary>
    private static Forecast? Combined(EtsFit? ets, ArimaModelFit? arima, Forecast? theta, Forecast? global, int horizon, IReadOnlyList<double> levels)
    {
        var forecasts = new List<Forecast>();
        var names = new List<string>();
        if (ets is not null)
        {
            forecasts.Add(Ets.Ets.Forecast(ets, horizon, levels));
            names.Add("ets");
        }
        if (arima is not null)
        {
            forecasts.Add(arima.Forecast(horizon, levels));
            names.Add("arima");
        }
        if (theta is not null)
        {
            forecasts.Add(theta);
            names.Add("theta");
        }
        if (global is not null)
        {
            forecasts.Add(global);
            names.Add("lightgbm");
        }
        if (forecasts.Count == 0)
        {
            return null;
        }
        // An explosive ETS model, the first member, votes on the point; the others set the widths.
        var median = Ensemble.MedianWithMeanWidths(string.Join("+", names), forecasts, ets?.Explosive == true ? forecasts[1..] : null);
        return global is null ? median
            : median.MovedTo([.. median.Points.Select((p, h) => (1 - GlobalShare) * p + GlobalShare * global.Points[h])]);
    }

    private static T? Try<T>(Func<T?> fit) where T : class
    {
        try
        {
            return fit();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
