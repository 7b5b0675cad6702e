using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Jobs;
using CostInsights.Core.Usage.Formats;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Jobs;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CostInsights.Web.Features.Ingestion;

/// <summary>The batch a posted body became, and where to follow it.</summary>
public sealed record QueuedBatch(long BatchId, string Format, string Status);

/// <summary>
/// <c>POST /api/usage</c>: a body of usage (a JSON array or a JSON Lines stream of the project's
/// rows, or any format the Ingestion page reads, named by <c>?format=</c>) becomes an ingestion
/// batch run by the same job as an upload; <c>GET /api/usage/batches/{id}</c> follows it.
/// </summary>
public static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/usage").WithTags("Usage");
        api.MapPost("/", PostAsync)
            .RequireAuthorization(AppPolicies.IngestUsage)
            .DisableAntiforgery()
            .WithName("PostUsage")
            .WithSummary("Queues usage for ingestion (admins, or an API key scoped to write); returns the batch id.");
        api.MapGet("/batches/{id:long}", GetAsync)
            .RequireAuthorization(AppPolicies.IngestUsage)
            .WithName("GetUsageBatch")
            .WithSummary("An ingestion batch's status and counts.");
        return app;
    }

    private static async Task<Results<Accepted<QueuedBatch>, ProblemHttpResult>> PostAsync(
        HttpContext http, string? format, string? name, UsageIngestionService ingestion, JobStarter jobs, IOptions<IngestionOptions> options,
            CancellationToken cancellationToken)
    {
        if (format is not null && !UsageFormats.All.Contains(format))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown format",
                detail: $"'format' must be one of {string.Join(", ", UsageFormats.All)}; it was '{format}'.");
        }
        var max = options.Value.MaxUploadBytes;
        if (http.Request.ContentLength > max)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"A body may be up to {max:N0} bytes.");
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }
        IngestionBatch batch;
        try
        {
            batch = await ingestion.QueueFileAsync(http.Request.Body, name ?? UploadName(http.Request), http.User.Identity?.Name ?? "api", cancellationToken,
                format);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"A body may be up to {max:N0} bytes.");
        }
        jobs.Start(JobIds.IngestUsage);
        return TypedResults.Accepted($"/api/usage/batches/{batch.Id}", new QueuedBatch(batch.Id, batch.Format, batch.Status.ToString()));
    }

    /// <summary>
    /// The name a posted body is listed under: the file name its Content-Disposition gives, else
    /// <c>api-upload</c> with the extension of its content type (none when the type says nothing;
    /// the batch then takes its detected format's).
    /// </summary>
    private static string UploadName(HttpRequest request)
    {
        if (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            && (disposition.FileNameStar.Value ?? disposition.FileName.Value)?.Trim('"') is { Length: > 0 } given)
        {
            return given;
        }
        var type = request.ContentType ?? "";
        bool Is(string part) => type.Contains(part, StringComparison.OrdinalIgnoreCase);
        return "api-upload" + (Is("ndjson") || Is("jsonl") ? ".jsonl" : Is("json") ? ".json" : Is("csv") ? ".csv" : Is("gzip") ? ".gz" : Is("zip")
            ? ".zip" : Is("parquet") ? ".parquet" : "");
    }

    private static async Task<Results<Ok<IngestionBatchView>, NotFound>> GetAsync(long id, CostInsightsDbContext db, CancellationToken cancellationToken)
    {
        var batch = await db.IngestionBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        return batch is null ? TypedResults.NotFound() : TypedResults.Ok(new IngestionBatchView(batch.Id, batch.FileName, batch.Format, batch.Status.ToString(),
            batch.RowsRead, batch.RowsAccepted, batch.RowsDuplicate, batch.RowsRejected, batch.Error, batch.CreatedAt, batch.FinishedAt));
    }
}

/// <summary>An ingestion batch as the API shows it.</summary>
public sealed record IngestionBatchView(long Id, string FileName, string Format, string Status, long RowsRead, long RowsAccepted, long RowsDuplicate,
    long RowsRejected, string? Error, DateTime CreatedAt, DateTime? FinishedAt);
