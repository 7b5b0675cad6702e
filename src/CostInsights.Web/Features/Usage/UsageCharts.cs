using CostInsights.Core.Spend;
using CostInsights.Web.Features.Shell.Charts;

namespace CostInsights.Web.Features.Usage;

/// <summary>The explorer's chart: per-token spend of each period, stacked by group, the largest groups drawn and the rest as one.</summary>
public static class UsageCharts
{
    public const int GroupsDrawn = 8;
    public const string Others = "All others";

    public static ChartSpec Stacked(UsageExplorerView view)
    {
        var periods = Periods(view).ToList();
        var drawn = view.Groups.Take(GroupsDrawn).Select(g => g.Key).ToList();
        var rest = view.Groups.Count > GroupsDrawn ? view.Groups.Skip(GroupsDrawn).Select(g => g.Key).ToHashSet(StringComparer.Ordinal) : [];
        var byPeriod = view.Rows.ToLookup(r => r.Period);
        ChartSeries Series(string name, Func<string, bool> holds) => new(name, SeriesStyle.Column,
            [.. periods.Select(p => new ChartPoint(X(view, p), byPeriod[p].Where(r => holds(r.Key)).Sum(r => r.Sum.TokenCost)))]);
        IEnumerable<ChartSeries> series = drawn.Select(key => Series(key, k => k == key));
        if (rest.Count > 0)
        {
            series = series.Append(Series($"{Others} ({rest.Count})", rest.Contains));
        }
        return new ChartSpec
        {
            X = new ChartAxis(view.Grain switch { SpendGrain.Month => "Month (UTC)", SpendGrain.Week => "Week from Monday (UTC)", _ => "Day (UTC)" },
                view.Grain == SpendGrain.Month ? AxisUnit.Month : AxisUnit.Day),
            Y = new ChartAxis("Per-token spend (USD)", AxisUnit.Usd),
            Stacked = true,
            Series = [.. series],
        };
    }

    /// <summary>Every day, week or month the period touches, in order, empty ones too.</summary>
    public static IEnumerable<DateTime> Periods(UsageExplorerView view)
    {
        if (view.Filter is not { } filter)
        {
            yield break;
        }
        for (var p = SpendReadModel.PeriodOf(filter.From, view.Grain); p < filter.To; p = SpendReadModel.NextPeriod(p, view.Grain))
        {
            yield return p;
        }
    }

    private static ChartX X(UsageExplorerView view, DateTime period) => view.Grain == SpendGrain.Month ? ChartX.Month(period) : ChartX.Day(period);
}
