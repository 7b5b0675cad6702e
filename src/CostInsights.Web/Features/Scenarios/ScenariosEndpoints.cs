using CostInsights.Core.Users;
using Microsoft.AspNetCore.Mvc;

namespace CostInsights.Web.Features.Scenarios;

/// <summary>The scenario comparison as CSV; the pages do the rest.</summary>
public static class ScenariosEndpoints
{
    public static IEndpointRouteBuilder MapScenariosEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/scenarios/compare.csv",
            async ([FromQuery] long[] ids, ScenariosData data, CancellationToken cancellationToken) =>
        {
            var comparison = await data.CompareAsync(ids, cancellationToken);
            return Results.File(Exports.TableExport.Csv(ScenarioComparison.Headers, comparison.Rows()), Exports.TableExport.CsvContentType,
                "scenario-comparison.csv");
        }).RequireAuthorization(AppPolicies.ReadDashboards);
        return app;
    }
}
