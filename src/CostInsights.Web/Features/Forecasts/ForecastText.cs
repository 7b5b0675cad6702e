using System.Globalization;
using CostInsights.Core.Forecasts;
using CostInsights.Web.Features.Shell;
using CostInsights.Web.Features.Shell.Charts;

namespace CostInsights.Web.Features.Forecasts;

/// <summary>How a forecast of one measure is written: money to the cent, counts whole, and the sentences around it.</summary>
public sealed class ForecastText(SeriesForecast forecast)
{
    public bool IsMoney => ForecastMeasures.IsMoney(forecast.Measure);

    public string Unit => IsMoney ? "USD" : forecast.Measure == ForecastMeasures.Requests ? "requests" : "tokens";

    public string Value(decimal v) => IsMoney ? Money.Usd(Math.Round(v, 2)) : Money.Tokens((long)Math.Round(v));

    public string Sum => Value(forecast.Total.Point);

    /// <summary>The total's interval at 80% or 95%, or null where the run could not calibrate one.</summary>
    public string? TotalInterval(int level) => (level == 80 ? (forecast.Total.Lower80, forecast.Total.Upper80)
        : (forecast.Total.Lower95, forecast.Total.Upper95)) is ({ } lower, { } upper) ? $"{Value(lower)} – {Value(upper)}" : null;

    public string Title => $"{SeriesKeys.Describe(forecast.Series)}: {ForecastMeasures.Describe(forecast.Measure)}, next {forecast.Points.Count} months";

    public string Method => MethodName(forecast.Method);

    /// <summary>
    /// A method as the page names it: the forecasting library's short names spelled out, and a combination of its members
    /// (its reason says which) named for the automatic method that chose it.
    /// </summary>
    public static string MethodName(string method)
    {
        if (method.EndsWith(ForecastService.PricedVolumes, StringComparison.Ordinal))
        {
            return $"{MethodName(method[..^ForecastService.PricedVolumes.Length])}, on the forecast volumes at their prices";
        }
        return method.Contains('+', StringComparison.Ordinal) ? "Automatic" : method switch
        {
            "snaive" => "Seasonal naive (the same month a year before)",
            "drift" => "Drift (the last month plus the average change)",
            "flat" => "Flat (the last month repeated)",
            "damped" => "Damped trend",
            "ets" => "ETS (exponential smoothing)",
            "arima" => "ARIMA",
            "theta" => "Theta",
            "lightgbm" => "Global LightGBM model",
            _ => method,
        };
    }

    public string Reason => string.IsNullOrWhiteSpace(forecast.Reason) ? "" : char.ToUpperInvariant(forecast.Reason[0]) + forecast.Reason[1..] + ".";

    public string Accuracy => forecast.BacktestError is { } error
        ? $"Tested on this series' own past, forecasts made this way were off by {error.ToString("0%", CultureInfo.InvariantCulture)} on average."
        : "This series' history is too short to test the method on its own past yet (that takes seven months).";

    public static string OffBy(decimal forecast, decimal actual) =>
        actual == 0 ? "–" : ((forecast - actual) / actual).ToString("+0%;-0%", CultureInfo.InvariantCulture);

    public string ExportLink(string format) =>
        $"/forecasts/export?series={Uri.EscapeDataString(forecast.Series)}&measure={Uri.EscapeDataString(forecast.Measure)}&format={format}";

    public ChartSpec Chart() => ForecastChartSpec.Build([.. forecast.History.Select(h => (h.Month, h.Value))], forecast.Points,
        IsMoney ? new ChartAxis("Spend (USD)", AxisUnit.Usd) : new ChartAxis(char.ToUpperInvariant(Unit[0]) + Unit[1..], AxisUnit.Tokens));
}
