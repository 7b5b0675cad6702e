using CostInsights.Core.Forecasts;

namespace CostInsights.Web.Features.Shell;

/// <summary>
/// ApexCharts options for actuals followed by a forecast with shaded 80% and 95% bands, on a
/// datetime axis so that both fall in calendar order; the forecast line starts from the last actual.
/// </summary>
public static class ForecastChartOptions
{
    public static object Build(string id, IReadOnlyList<(DateTime Month, decimal Value)> actuals, IReadOnlyList<ForecastPoint> forecast, string yTitle,
        bool money)
    {
        static long At(DateTime m) => new DateTimeOffset(m, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var actual = actuals.Select(a => new { x = At(a.Month), y = Math.Round(a.Value, 2) }).ToList();
        var line = forecast.Select(p => new { x = At(p.Month), y = Math.Round(p.Point, 2) }).ToList();
        if (actual.Count > 0)
        {
            line.Insert(0, actual[^1]);
        }
        return new
        {
            chart = new { id, type = "rangeArea", height = 380, toolbar = new { show = true }, animations = new { enabled = false } },
            series = new object[]
            {
                new { type = "rangeArea", name = "95% interval",
                    data = forecast.Select(p => new { x = At(p.Month), y = new[] { Math.Round(p.Lower95, 2), Math.Round(p.Upper95, 2) } }) },
                new { type = "rangeArea", name = "80% interval",
                    data = forecast.Select(p => new { x = At(p.Month), y = new[] { Math.Round(p.Lower80, 2), Math.Round(p.Upper80, 2) } }) },
                new { type = "line", name = "Actual", data = actual },
                new { type = "line", name = "Forecast", data = line },
            },
            colors = new[] { "#9ec5fe", "#6ea8fe", "#212529", "#0d6efd" },
            fill = new { opacity = new[] { 0.35, 0.45, 1, 1 } },
            stroke = new { curve = "straight", width = new[] { 0, 0, 2, 2 }, dashArray = new[] { 0, 0, 0, 5 } },
            markers = new { size = new[] { 0, 0, 3, 3 } },
            xaxis = new { type = "datetime", title = new { text = "Month (UTC)" }, labels = new { datetimeUTC = true, format = "MMM yyyy" } },
            yaxis = new { title = new { text = yTitle }, min = 0 },
            tooltip = new { x = new { format = "MMM yyyy" } },
            dataLabels = new { enabled = false },
            legend = new { position = "top", horizontalAlign = "left" },
            costinsights = new { valueFormat = money ? "usd" : "count" },
        };
    }
}
