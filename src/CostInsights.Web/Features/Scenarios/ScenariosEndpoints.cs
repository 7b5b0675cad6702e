using CostInsights.Core.Data;
using CostInsights.Core.Scenarios;
using CostInsights.Core.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Scenarios;

public static class ScenariosEndpoints
{
    public static IEndpointRouteBuilder MapScenariosEndpoints(this IEndpointRouteBuilder app)
    {
        // htmx posts the form on every change and swaps in the result.
        app.MapPost("/scenarios/preview",
            async ([FromForm] ScenarioForm form, ScenarioService scenarios, CostInsightsDbContext db, CancellationToken cancellationToken) =>
        {
            var (result, error) = await RunAsync(form, scenarios, db, cancellationToken);
            return new RazorComponentResult<ScenarioResultView>(new { Result = result, Error = error, ChartId = $"scenario-chart-{Guid.NewGuid():N}" });
        }).RequireAuthorization(AppPolicies.BuildScenarios);

        app.MapPost("/scenarios/save",
            async ([FromForm] ScenarioForm form, ScenarioService scenarios, CostInsightsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var (levers, error) = form.ToLevers(await OffersAsync(db, cancellationToken));
            if (levers is null || string.IsNullOrWhiteSpace(form.Name))
            {
                return Results.LocalRedirect("/scenarios?problem=" + Uri.EscapeDataString(error ?? "Give the scenario a name to save it."));
            }
            var id = await scenarios.SaveAsync(form.Name, levers, http.User.Identity?.Name ?? "unknown", cancellationToken);
            return Results.LocalRedirect($"/scenarios?id={id}&saved=1");
        }).RequireAuthorization(AppPolicies.BuildScenarios);

        app.MapPost("/scenarios/delete", async ([FromForm] long id, ScenarioService scenarios, CancellationToken cancellationToken) =>
        {
            await scenarios.DeleteAsync(id, cancellationToken);
            return Results.LocalRedirect("/scenarios");
        }).RequireAuthorization(AppPolicies.BuildScenarios);
        app.MapPost("/scenarios/clone", async ([FromForm] long id, ScenarioService scenarios, HttpContext http, CancellationToken cancellationToken) =>
        {
            var copy = await scenarios.CloneAsync(id, http.User.Identity?.Name ?? "unknown", cancellationToken);
            return Results.LocalRedirect(copy is null ? "/scenarios" : $"/scenarios?id={copy}");
        }).RequireAuthorization(AppPolicies.BuildScenarios);

        app.MapGet("/scenarios/compare.csv",
            async ([FromQuery] long[] ids, ScenarioService scenarios, CostInsightsDbContext db, CancellationToken cancellationToken) =>
        {
            var comparison = await ScenarioComparison.LoadAsync(ids, scenarios, db, cancellationToken);
            return Results.File(Exports.TableExport.Csv(ScenarioComparison.Headers, comparison.Rows()), Exports.TableExport.CsvContentType,
                "scenario-comparison.csv");
        }).RequireAuthorization(AppPolicies.ReadDashboards);
        return app;
    }

    /// <summary>The form's scenario run on the newest forecast, or why it cannot be.</summary>
    public static async Task<(ScenarioResult? Result, string? Error)> RunAsync(ScenarioForm form, ScenarioService scenarios, CostInsightsDbContext db,
        CancellationToken cancellationToken)
    {
        var (levers, error) = form.ToLevers(await OffersAsync(db, cancellationToken));
        if (levers is null)
        {
            return (null, error);
        }
        var baseline = await scenarios.BaselineAsync(cancellationToken);
        return baseline.IsEmpty
            ? (null, "There is no forecast to build on yet: run one on the Forecasts page.")
            : (await scenarios.RunAsync(baseline, levers, cancellationToken), null);
    }

    public static async Task<IReadOnlyList<Core.PriceSheets.CapacityOffer>> OffersAsync(CostInsightsDbContext db, CancellationToken cancellationToken) =>
        await db.CapacityOffers.AsNoTracking()
            .Where(o => Core.PriceSheets.PricesInForce.SheetIds(db).Contains(o.PriceSheetId))
            .OrderBy(o => o.Provider).ThenBy(o => o.Model).ThenBy(o => o.Id)
            .ToListAsync(cancellationToken);
}
