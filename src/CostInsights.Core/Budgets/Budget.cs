namespace CostInsights.Core.Budgets;

/// <summary>A monthly amount for one team, or for the whole company when <see cref="Team"/> is null.</summary>
public sealed class Budget
{
    public long Id { get; set; }
    public string? Team { get; set; }
    public DateTime Month { get; set; }
    public decimal Amount { get; set; }
}
