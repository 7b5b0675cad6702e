using CostInsights.Core.Users;
using CostInsights.Web.Features.Exports;
using Microsoft.AspNetCore.Mvc;

namespace CostInsights.Web.Features.Scenarios;

/// <summary>The scenario comparison's export; the pages do the rest.</summary>
public static class ScenariosEndpoints
{
    public static IEndpointRouteBuilder MapScenariosEndpoints(this IEndpointRouteBuilder app)
    {
        // CSV, one table, has the months; the workbook has the totals on a sheet of its own, as the page's Totals table gives them.
        app.MapGet("/scenarios/compare/export",
            async ([FromQuery] long[] ids, string? format, ScenariosData data, CancellationToken cancellationToken) =>
        {
            var comparison = await data.CompareAsync(ids, cancellationToken);
            return TableExport.File(format, "scenario-comparison", [new ExportSheet("Months", ScenarioComparison.Headers, comparison.Rows()),
                new ExportSheet("Totals", ScenarioComparison.TotalHeaders, comparison.TotalRows())]);
        }).RequireAuthorization(AppPolicies.ReadDashboards);
        return app;
    }
}
