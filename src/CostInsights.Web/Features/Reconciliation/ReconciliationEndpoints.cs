using CostInsights.Core.Users;
using CostInsights.Web.Features.Exports;

namespace CostInsights.Web.Features.Reconciliation;

public static class ReconciliationEndpoints
{
    private static readonly string[] Headers =
        ["day", "provider", "model", "charge", "billed_usd", "priced_usd", "difference_usd", "tokens", "status", "what_explains_it"];

    public static IEndpointRouteBuilder MapReconciliationEndpoints(this IEndpointRouteBuilder app)
    {
        // The page's export: every charge of the month shown (the newest with a cost report when none is named).
        app.MapGet("/reconciliation/export", async (string? month, string? format, ReconciliationData data, CancellationToken cancellationToken) =>
        {
            var view = await data.LoadAsync(month, cancellationToken);
            if (view.Month is not { } reconciled || view.Problem is not null)
            {
                return Results.NotFound();
            }
            var cells = reconciled.Charges.Select(c => (IReadOnlyList<object?>)[c.Day, c.Provider, c.Model, c.ChargeClass,
                c.Billed is { } b ? new UsdCell(b) : null, c.Priced is { } p ? new UsdCell(p) : null, new UsdCell(c.Difference), c.Tokens,
                ReconciliationData.Label(c.Status), c.Finding]);
            return TableExport.File(format, $"reconciliation-{ReconciliationData.MonthKey(reconciled.Month)}", Headers, cells, "Reconciliation");
        }).RequireAuthorization(AppPolicies.PlanSpend);
        return app;
    }
}
