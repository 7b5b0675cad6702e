using CostInsights.Core.Data;
using CostInsights.Core.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Ingestion;

public static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder app)
    {
        // The row of one batch, swapped in by htmx while the batch runs.
        app.MapGet("/ingestion/batches/{id:long}/row", async Task<Results<RazorComponentResult<BatchRow>, NotFound>> (long id, CostInsightsDbContext db, CancellationToken cancellationToken) =>
        {
            var batch = await db.IngestionBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
            return batch is null ? TypedResults.NotFound() : new RazorComponentResult<BatchRow>(new { Batch = batch });
        }).RequireAuthorization(AppPolicies.Administer);
        return app;
    }
}
