using System.Text;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using CostInsights.Core.Users;

namespace CostInsights.Web.Features.PriceSheets;

public static class PriceSheetEndpoints
{
    /// <summary>Downloadable templates of the project's CSV formats.</summary>
    public static IEndpointRouteBuilder MapPriceSheetEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/templates").RequireAuthorization(AppPolicies.Administer);
        group.MapGet("/price-sheet.csv", () => Results.File(Encoding.UTF8.GetBytes(PriceSheetCsv.Template), "text/csv", "price-sheet-template.csv"));
        group.MapGet("/usage.csv", () => Results.File(Encoding.UTF8.GetBytes(UsageCsv.Template), "text/csv", "usage-template.csv"));
        group.MapGet("/compute-usage.csv",
            () => Results.File(Encoding.UTF8.GetBytes(Core.Usage.Formats.ComputeUsageCsv.Template), "text/csv", "compute-usage-template.csv"));
        return app;
    }
}
