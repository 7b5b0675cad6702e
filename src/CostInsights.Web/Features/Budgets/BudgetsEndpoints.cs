using CostInsights.Core.Users;
using CostInsights.Web.Features.Exports;

namespace CostInsights.Web.Features.Budgets;

public static class BudgetsEndpoints
{
    private static readonly string[] Headers =
        ["month", "for", "team", "budget_usd", "actual_usd", "forecast_usd", "forecast_high_80_usd", "status"];

    public static IEndpointRouteBuilder MapBudgetsEndpoints(this IEndpointRouteBuilder app)
    {
        // The page's export: every budget from last month on, as the page lists them. The current month's actual is to date;
        // a month still ahead has none.
        app.MapGet("/budgets/export", async (string? format, BudgetsData data, CancellationToken cancellationToken) =>
        {
            var view = await data.LoadAsync(cancellationToken);
            var cells = view.Statuses.Select(s => (IReadOnlyList<object?>)[new MonthCell(s.Month), BudgetText.For(s), s.Team, new UsdCell(s.Budget),
                s.Month > view.CurrentMonth ? null : new UsdCell(s.Actual), s.Forecast is { } f ? new UsdCell(f) : null,
                s.ForecastHigh80 is { } high ? new UsdCell(high) : null, BudgetText.Status(s)]);
            return TableExport.File(format, $"budgets-{view.CurrentMonth:yyyy-MM}", Headers, cells, "Budgets");
        }).RequireAuthorization(AppPolicies.ReadDashboards);
        return app;
    }
}
