using CostInsights.Core.Forecasts;

namespace CostInsights.Web.Features.Shell.Charts;

/// <summary>
/// Actuals followed by a forecast with its 80% and 95% bands, month by month; the forecast line
/// starts from the last actual, so the two join.
/// </summary>
public static class ForecastChartSpec
{
    private const string ForecastColor = "#4e79a7";

    public static ChartSpec Build(IReadOnlyList<(DateTime Month, decimal Value)> actuals, IReadOnlyList<ForecastPoint> forecast, ChartAxis y)
    {
        var actual = actuals.Select(a => new ChartPoint(ChartX.Month(a.Month), a.Value)).ToList();
        var line = forecast.Select(p => new ChartPoint(ChartX.Month(p.Month), p.Point)).ToList();
        if (actual.Count > 0)
        {
            line.Insert(0, actual[^1]);
        }
        return new ChartSpec
        {
            X = new ChartAxis("Month (UTC)", AxisUnit.Month),
            Y = y with { Min = 0 },
            Height = 380,
            Series =
            [
                new("95% interval", SeriesStyle.Band, [.. forecast.Select(p => ChartPoint.Range(ChartX.Month(p.Month), p.Lower95, p.Upper95))], "#a9c4e2"),
                new("80% interval", SeriesStyle.Band, [.. forecast.Select(p => ChartPoint.Range(ChartX.Month(p.Month), p.Lower80, p.Upper80))], "#7aa3cf"),
                new("Actual", SeriesStyle.Line, actual, ChartColors.Text),
                new("Forecast", SeriesStyle.DashedLine, line, ForecastColor),
            ],
        };
    }
}
