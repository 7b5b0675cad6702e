using CostInsights.Core.Usage;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Exports;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Usage;

/// <summary>The explorer's exports: its records as CSV, and its costs as FOCUS 1.2 CSV, streamed.</summary>
public static class UsageExports
{
    private static readonly string[] RecordColumns =
    [
        "timestamp", "provider", "model", "team", "project", "application", "tags", "input_tokens", "output_tokens", "cached_tokens",
        "cache_write_5m_tokens", "cache_write_1h_tokens", "reasoning_tokens", "requests", "service_tier", "batch", "token_cost_usd", "unpriced",
        "compute_cost_usd", "compute_cost_estimated", "ingestion_batch",
    ];

    public static IEndpointRouteBuilder MapUsageExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/usage/export.csv", (HttpContext context, UsageQuery usage, TimeProvider time) =>
            ExportAsync(context, time, "usage", RecordColumns,
                filter => usage.Records(filter).OrderBy(r => r.OccurredAt).ThenBy(r => r.Id).AsAsyncEnumerable().Select(RecordRow)))
            .RequireAuthorization(AppPolicies.ReadDashboards);
        app.MapGet("/usage/focus.csv", (HttpContext context, UsageQuery usage, TimeProvider time) =>
            ExportAsync(context, time, "usage-focus-1.2", FocusExport.Columns, filter => FocusExport.RowsAsync(
                usage.SlicesAsync(filter, cancellationToken: context.RequestAborted), usage.CostLines(filter).AsAsyncEnumerable(), context.RequestAborted)))
            .RequireAuthorization(AppPolicies.ReadDashboards);
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, TimeProvider time, string name, IReadOnlyList<string> columns,
        Func<UsageFilter, IAsyncEnumerable<IReadOnlyList<object?>>> rows)
    {
        var (filter, problem) = UsageFilterForm.FromQuery(context.Request.Query).Resolve(time.GetUtcNow().UtcDateTime.Date);
        if (filter is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a usable filter", detail: problem);
        }
        context.Response.ContentType = TableExport.CsvContentType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{filter.From:yyyy-MM-dd}-to-{filter.To.AddDays(-1):yyyy-MM-dd}.csv\"";
        await TableExport.WriteCsvAsync(context.Response.Body, columns, rows(filter), context.RequestAborted);
        return TypedResults.Empty;
    }

    private static IReadOnlyList<object?> RecordRow(UsageRecord r) =>
    [
        r.OccurredAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), r.Provider, r.Model, r.Team, r.Project, r.Application,
        string.Join(';', UsageTags.Split(r.Tags)), r.InputTokens, r.OutputTokens, r.CachedInputTokens, r.CacheWrite5mTokens, r.CacheWrite1hTokens,
        r.ReasoningTokens, r.Requests, r.ServiceTier, r.IsBatch, new UsdCell(r.TokenCost), r.IsUnpriced,
        r.ComputeCost is { } compute ? new UsdCell(compute) : null, r.ComputeCostIsEstimated, r.IngestionBatchId,
    ];
}
