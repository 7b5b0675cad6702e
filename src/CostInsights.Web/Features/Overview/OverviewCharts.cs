using CostInsights.Core.Spend;
using CostInsights.Web.Features.Shell.Charts;

namespace CostInsights.Web.Features.Overview;

/// <summary>The Overview's two charts, from its model.</summary>
public static class OverviewCharts
{
    private static readonly ChartAxis Spend = new("Spend (USD)", AxisUnit.Usd);

    /// <summary>The last 12 complete months' spend, then the newest forecast with its bands.</summary>
    public static ChartSpec Outlook(OverviewModel model) => ForecastChartSpec.Build([.. model.History], model.Forecast, Spend);

    /// <summary>Each month's or day's spend of the period stacked by provider, the largest provider first.</summary>
    public static ChartSpec ByProvider(OverviewModel model) => new()
    {
        X = model.Grain == SpendGrain.Month ? new ChartAxis("Month (UTC)", AxisUnit.Month) : new ChartAxis("Day (UTC)", AxisUnit.Day),
        Y = Spend,
        Stacked = true,
        Series = [.. model.Providers.Select(p => new ChartSeries(p, SeriesStyle.Column,
            [.. model.Spend.Select(s => new ChartPoint(model.Grain == SpendGrain.Month ? ChartX.Month(s.Start) : ChartX.Day(s.Start), s.ByProvider[p]))]))],
    };
}
