namespace CostInsights.Core.Budgets;

/// <summary>
/// A month in which actual spend, or the newest forecast, crossed a budget. Written once per scope,
/// month and kind, however often the check runs.
/// </summary>
public sealed class BudgetAlert
{
    public const string Actual = "actual";
    public const string Forecast = "forecast";

    public long Id { get; set; }
    /// <summary>The team, or null for the whole company.</summary>
    public string? Team { get; set; }
    /// <summary><c>total</c> or <c>team:NAME</c>: unique with the month and kind, where a null team could not be.</summary>
    public required string Scope { get; set; }
    public DateTime Month { get; set; }
    public required string Kind { get; set; }
    public decimal Budget { get; set; }
    /// <summary>The actual spend, or the forecast, that crossed it.</summary>
    public decimal Amount { get; set; }
    public DateTime CreatedAt { get; set; }
}
