using System.Globalization;
using CostInsights.Core.Spend;
using CostInsights.Core.Usage;
using CostInsights.Core.Users;
using Microsoft.AspNetCore.Http.HttpResults;

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
            .WithSummary("Actual monthly costs by provider, model, team or in total, summed by the spend read model from the monthly rollups.");
        return app;
    }

    private static async Task<Results<Ok<List<MonthlyCost>>, ProblemHttpResult>> GetMonthlyAsync(
        SpendReadModel spend, string? by, DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        by = (by ?? "provider").ToLowerInvariant();
        if (!Dimensions.Contains(by))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown dimension",
                detail: $"'by' must be one of {string.Join(", ", Dimensions)}; it was '{by}'.");
        }
        var start = from is { } f ? MonthOf(f) : UsageLimits.Earliest;
        var end = to is { } t ? MonthOf(t).AddMonths(1) : MonthOf(DateTime.MaxValue);
        if (start >= end)
        {
            return TypedResults.Ok(new List<MonthlyCost>());
        }
        var dimension = Enum.Parse<SpendDimension>(by, ignoreCase: true);
        var rows = await spend.ReadAsync(new SpendQuery(new UsageFilter(start, end), SpendGrain.Month, dimension), cancellationToken);
        return TypedResults.Ok(rows.Select(r => new MonthlyCost(r.Period.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            dimension == SpendDimension.Total ? "total" : r.Key, r.Sum.TokenCost, r.HasCompute ? r.Sum.ComputeCost : null, r.ComputeIsEstimated,
            r.Sum.InputTokens, r.Sum.OutputTokens, r.Sum.CachedInputTokens, r.Sum.Requests)).ToList());
    }

    private static DateTime MonthOf(DateTime at) => DateTime.SpecifyKind(new DateTime(at.Year, at.Month, 1), DateTimeKind.Utc);
}
