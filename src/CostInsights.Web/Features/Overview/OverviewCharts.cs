using CostInsights.Web.Features.Shell.Charts;

namespace CostInsights.Web.Features.Overview;

/// <summary>The Overview's two charts, from its model.</summary>
public static class OverviewCharts
{
    private static readonly ChartAxis Spend = new("Spend (USD)", AxisUnit.Usd);

    /// <summary>Complete months' spend, then the newest forecast with its bands.</summary>
    public static ChartSpec Outlook(OverviewModel model) => ForecastChartSpec.Build(
        [.. model.Months.Where(m => m.Month < model.CurrentMonth).Select(m => (m.Month, m.Total))], model.Forecast, Spend);

    /// <summary>Each month's spend stacked by provider, the largest provider first.</summary>
    public static ChartSpec ByProvider(OverviewModel model) => new()
    {
        X = new ChartAxis("Month (UTC)", AxisUnit.Month),
        Y = Spend,
        Stacked = true,
        Series = [.. model.Providers.Select(p => new ChartSeries(p, SeriesStyle.Column,
            [.. model.Months.Select(m => new ChartPoint(ChartX.Month(m.Month), m.ByProvider[p]))]))],
    };
}
