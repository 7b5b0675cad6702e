using CostInsights.Core.Forecasts;
using CostInsights.Core.Scenarios;
using CostInsights.Web.Features.Shell.Charts;

namespace CostInsights.Web.Features.Scenarios;

/// <summary>
/// The scenario pages' charts: one scenario against the baseline with both 80% bands; saved scenarios side by side. A scenario
/// with a one-time cost has its breakeven marked: the month its savings have paid that cost back.
/// </summary>
public static class ScenarioCharts
{
    private const string BaselineColor = "#79706e";
    private const string ScenarioColor = "#59a14f";
    private static readonly ChartAxis Months = new("Month (UTC)", AxisUnit.Month);
    private static readonly ChartAxis Cost = new("Cost (USD)", AxisUnit.Usd, 0);

    public static ChartSpec AgainstBaseline(ScenarioResult result) => new()
    {
        X = Months,
        Y = Cost,
        Height = 340,
        Series =
        [
            new("Baseline 80% interval", SeriesStyle.Band, Band(result.Baseline), "#c9c3c1"),
            new("Scenario 80% interval", SeriesStyle.Band, Band(result.Scenario), "#a8d5a0"),
            new("Baseline", SeriesStyle.DashedLine, Line(result.Baseline), BaselineColor),
            new("Scenario", SeriesStyle.Line, Line(result.Scenario), ScenarioColor),
        ],
        Markers = [.. Payback(result, "Pays back")],
    };

    public static ChartSpec Compared(ScenarioComparison comparison) => new()
    {
        X = Months,
        Y = Cost,
        Series =
        [
            new("Baseline", SeriesStyle.DashedLine, Line(comparison.Runs[0].Result.Baseline), BaselineColor),
            .. comparison.Runs.Select(r => new ChartSeries(r.Scenario.Name, SeriesStyle.Line, Line(r.Result.Scenario))),
        ],
        Markers = [.. comparison.Runs.SelectMany(r => Payback(r.Result, $"{r.Scenario.Name} pays back"))],
    };

    /// <summary>The breakeven of a scenario with a one-time cost, where it falls within the months shown.</summary>
    private static IEnumerable<ChartMarker> Payback(ScenarioResult result, string label) =>
        result is { OneTimeCost: > 0, PaybackMonth: { } month } ? [new ChartMarker(label, AtX: ChartX.Month(month))] : [];

    private static ChartPoint[] Band(IReadOnlyList<ForecastPoint> months) =>
        [.. months.Select(m => ChartPoint.Range(ChartX.Month(m.Month), m.Lower80, m.Upper80))];

    private static ChartPoint[] Line(IReadOnlyList<ForecastPoint> months) => [.. months.Select(m => new ChartPoint(ChartX.Month(m.Month), m.Point))];
}
