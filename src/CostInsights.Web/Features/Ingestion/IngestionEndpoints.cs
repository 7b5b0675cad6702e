using CostInsights.Core.Data;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Exports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Ingestion;

public static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder app)
    {
        // The row of one batch, swapped in by htmx while the batch runs.
        app.MapGet("/ingestion/batches/{id:long}/row",
            async Task<Results<RazorComponentResult<BatchRow>, NotFound>> (long id, CostInsightsDbContext db, CancellationToken cancellationToken) =>
        {
            var batch = await db.IngestionBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
            return batch is null ? TypedResults.NotFound() : new RazorComponentResult<BatchRow>(new { Batch = batch });
        }).RequireAuthorization(AppPolicies.Administer);

        // Every kept rejected row of a batch, to fix and upload again.
        app.MapGet("/ingestion/batches/{id:long}/rejected.csv",
            async Task<Results<FileContentHttpResult, NotFound>> (long id, CostInsightsDbContext db, CancellationToken cancellationToken) =>
        {
            var batch = await db.IngestionBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
            if (batch is null)
            {
                return TypedResults.NotFound();
            }
            var rows = await db.RejectedRows.AsNoTracking().Where(r => r.IngestionBatchId == id).OrderBy(r => r.LineNumber).ToListAsync(cancellationToken);
            var csv = TableExport.Csv(["file", "line", "column", "reason"],
                rows.Select(r => (IReadOnlyList<object?>)[batch.FileName, r.LineNumber, r.Column, r.Reason]));
            return TypedResults.File(csv, TableExport.CsvContentType, $"rejected-rows-batch-{id}.csv");
        }).RequireAuthorization(AppPolicies.Administer);
        return app;
    }
}
