using CostInsights.Core.Budgets;
using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using CostInsights.Web.Features.Shell;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Budgets;

/// <summary>What the Budgets page shows: the budgets from last month on, the newest alerts, the teams a budget can be for, and this month.</summary>
public sealed record BudgetsView(IReadOnlyList<BudgetStatus> Statuses, IReadOnlyList<BudgetAlert> Alerts, IReadOnlyList<string> Teams, DateTime CurrentMonth)
{
    /// <summary>The months a budget can start in: last month and the 24 after it.</summary>
    public IReadOnlyList<DateTime> StartMonths => [.. Enumerable.Range(-1, BudgetService.MaxMonths + 1).Select(CurrentMonth.AddMonths)];
}

/// <summary>How the page and its export name a budget's scope and status.</summary>
public static class BudgetText
{
    public static string For(BudgetStatus s) => s.Team is null ? "All teams" : $"team {s.Team}";

    public static string Status(BudgetStatus s) =>
        s.ActualOver ? "over budget" : s.ForecastOver ? "forecast over budget" : s.AtRisk ? "at risk" : "within budget";
}

/// <summary>A budget as the form holds it: for a team or all (null), from a month, for some months, an amount a month.</summary>
public sealed class BudgetForm
{
    public string? Team { get; set; }
    public DateTime Month { get; set; }
    public int Months { get; set; } = 12;
    public decimal? Amount { get; set; }

    public string Describe() =>
        $"{Money.Usd(Amount ?? 0m)} a month for {(string.IsNullOrEmpty(Team) ? "all teams" : $"team {Team}")} from {Money.MonthLabel(Month)}, " +
        Money.Count(Months, "month");
}

/// <summary>The Budgets page's reads and changes, one database context per operation.</summary>
public sealed class BudgetsData(IDbContextFactory<CostInsightsDbContext> contexts, TimeProvider time)
{
    public async Task<BudgetsView> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var budgets = new BudgetService(db, time);
        var current = RollupAccumulator.MonthOf(time.GetUtcNow().UtcDateTime);
        var teams = await db.MonthlyRollups.Select(r => r.Team).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        return new BudgetsView(await budgets.StatusAsync(current.AddMonths(-1), cancellationToken), await budgets.AlertsAsync(10, cancellationToken),
            teams, current);
    }

    /// <summary>Null when saved, else why not.</summary>
    public async Task<string?> SetAsync(BudgetForm form, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await new BudgetService(db, time).SetAsync(form.Team, form.Month, form.Months, form.Amount ?? 0m, cancellationToken);
    }

    public async Task DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await new BudgetService(db, time).DeleteAsync(id, cancellationToken);
    }
}
