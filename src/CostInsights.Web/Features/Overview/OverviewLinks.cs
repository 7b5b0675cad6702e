using CostInsights.Core.Scenarios;
using CostInsights.Core.Spend;
using CostInsights.Web.Features.Shell;
using CostInsights.Web.Features.Usage;

namespace CostInsights.Web.Features.Overview;

/// <summary>Where the Overview's months, days, providers and growers lead: the Usage page narrowed to them.</summary>
public static class OverviewLinks
{
    /// <summary>Usage of one month or day, by team (by model when narrowed to a team), narrowed to the values given.</summary>
    public static string Usage(DateTime start, SpendGrain grain, params (string Key, string? Value)[] narrow)
    {
        var end = SpendReadModel.NextPeriod(start, grain);
        return UsageFilterForm.Empty.Link("/usage", [("from", Periods.Iso(start)), ("to", Periods.Iso(end.AddDays(-1))),
            ("by", narrow.Any(n => n.Key == "team") ? "model" : "team"), .. narrow]);
    }

    /// <summary>Last month's usage of the team or model that grew.</summary>
    public static string Growth(DateTime currentMonth, Growth growth) =>
        growth.Kind == "model" && ModelRef.TryParse(growth.Name) is { } model
            ? Usage(currentMonth.AddMonths(-1), SpendGrain.Month, ("provider", model.Provider), ("model", model.Model))
            : Usage(currentMonth.AddMonths(-1), SpendGrain.Month, ("team", growth.Name));
}
