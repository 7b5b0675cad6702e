using CostInsights.Core.Data;
using CostInsights.Core.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Costs;

/// <summary>One month's cost for one value of a dimension, under both billing schemes.</summary>
public sealed record MonthlyCost(string Month, string Key, decimal TokenCost, decimal? ComputeCost, bool ComputeCostIsEstimated, long InputTokens,
    long OutputTokens, long CachedInputTokens, long Requests);

public static class CostsApi
{
    private static readonly string[] Dimensions = ["provider", "model", "team", "total"];

    public static IEndpointRouteBuilder MapCostsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(AppPolicies.ReadDashboards).WithTags("Costs");
        api.MapGet("/costs", GetMonthlyAsync)
            .WithName("GetMonthlyCosts")
            .WithSummary("Actual monthly costs by provider, model, team or in total, read from the monthly rollups.");
        return app;
    }

    private static async Task<Results<Ok<List<MonthlyCost>>, ProblemHttpResult>> GetMonthlyAsync(
        CostInsightsDbContext db, string? by, DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        by = (by ?? "provider").ToLowerInvariant();
        if (!Dimensions.Contains(by))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown dimension",
                detail: $"'by' must be one of {string.Join(", ", Dimensions)}; it was '{by}'.");
        }
        var query = db.MonthlyRollups.AsNoTracking();
        if (from is { } f)
        {
            var start = DateTime.SpecifyKind(new DateTime(f.Year, f.Month, 1), DateTimeKind.Utc);
            query = query.Where(r => r.PeriodStart >= start);
        }
        if (to is { } t)
        {
            var end = DateTime.SpecifyKind(new DateTime(t.Year, t.Month, 1), DateTimeKind.Utc);
            query = query.Where(r => r.PeriodStart <= end);
        }
        var rows = await query.ToListAsync(cancellationToken);
        var result = rows
            .GroupBy(r => (r.PeriodStart, Key: by switch { "model" => $"{r.Provider}/{r.Model}", "team" => r.Team, "total" => "total", _ => r.Provider }))
            .OrderBy(g => g.Key.PeriodStart).ThenBy(g => g.Key.Key, StringComparer.Ordinal)
            .Select(g => new MonthlyCost(
                g.Key.PeriodStart.ToString("yyyy-MM"), g.Key.Key,
                g.Sum(r => r.TokenCost),
                g.Any(r => r.ComputeCost is not null) ? g.Sum(r => r.ComputeCost ?? 0m) : null,
                g.Any(r => r.ComputeCostIsEstimated),
                g.Sum(r => r.InputTokens), g.Sum(r => r.OutputTokens), g.Sum(r => r.CachedInputTokens), g.Sum(r => r.Requests)))
            .ToList();
        return TypedResults.Ok(result);
    }
}
