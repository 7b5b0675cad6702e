using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Jobs;
using CostInsights.Core.Usage.Formats;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Exports;
using CostInsights.Web.Features.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Ingestion;

public static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder app)
    {
        // The Ingestion page's upload: the browser posts the file here, so that it never travels through the circuit.
        app.MapPost("/ingestion/upload", UploadAsync).RequireAuthorization(AppPolicies.Administer);

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

    private static async Task<Results<Ok<UploadedBatch>, ProblemHttpResult>> UploadAsync(HttpRequest request, UsageIngestionService ingestion,
        SourceMappingService mappings, JobStarter jobs, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Refused("Send the file as multipart/form-data, in a field named file.");
        }
        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return Refused("Choose a usage file to upload: the file sent was empty or missing.");
        }
        var format = form["format"].ToString() is { Length: > 0 } named ? named : null;
        if (format is not null && !UsageFormats.All.Contains(format))
        {
            return Refused($"'{format}' is not a format the product reads; choose one of {string.Join(", ", UsageFormats.All)}, or let it detect.");
        }
        var mapping = form["mapping"].ToString() is { Length: > 0 } chosen ? chosen : null;
        if (mapping is not null && await mappings.FindAsync(mapping, cancellationToken) is null)
        {
            return Refused($"There is no column mapping named '{mapping}'.");
        }
        await using var stream = file.OpenReadStream();
        var batch = await ingestion.QueueFileAsync(stream, file.FileName, request.HttpContext.User.Identity?.Name ?? "unknown", cancellationToken, format,
            mapping);
        jobs.Start(JobIds.IngestUsage);
        return TypedResults.Ok(new UploadedBatch(batch.Id, $"{file.FileName} is queued as batch #{batch.Id}. Its progress shows below."));
    }

    private static ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not uploaded", detail: detail);
}

/// <summary>An uploaded file's batch, and the sentence the page shows for it.</summary>
public sealed record UploadedBatch(long Id, string Message);
