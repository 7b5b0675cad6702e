using System.Globalization;
using CostInsights.Core.Data;
using CostInsights.Core.Reconciliation;
using CostInsights.Web.Features.Shell.Charts;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Reconciliation;

/// <summary>What the Reconciliation page shows: the months with billed lines, and the month chosen reconciled (none without any).</summary>
public sealed record ReconciliationView(IReadOnlyList<DateTime> Months, MonthReconciliation? Month, string? Problem);

/// <summary>The Reconciliation page's reads, one database context per read.</summary>
public sealed class ReconciliationData(IDbContextFactory<CostInsightsDbContext> contexts)
{
    /// <summary>The month asked for as <c>yyyy-MM</c>, or the newest with billed lines; a month without any says so and shows the newest.</summary>
    public async Task<ReconciliationView> LoadAsync(string? month, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var service = new ReconciliationService(db);
        var months = await service.MonthsAsync(cancellationToken);
        if (months.Count == 0)
        {
            return new ReconciliationView(months, null, null);
        }
        var asked = ParseMonth(month);
        var named = asked is { } a ? a.ToString("MMMM yyyy", CultureInfo.InvariantCulture) : "the month asked for";
        var problem = month is not null && (asked is null || !months.Contains(asked.Value))
            ? $"No cost report bills {named}: showing the newest month that has one."
            : null;
        var chosen = problem is null && asked is { } m ? m : months[0];
        return new ReconciliationView(months, await service.ForMonthAsync(chosen, cancellationToken), problem);
    }

    /// <summary>A charge's status as the page and the export name it.</summary>
    public static string Label(ChargeStatus status) => status switch
    {
        ChargeStatus.Matches => "as priced",
        ChargeStatus.Differs => "differs",
        ChargeStatus.NoUsage => "no usage",
        ChargeStatus.NotBilled => "not billed",
        _ => "not per token",
    };

    public static string MonthKey(DateTime month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static DateTime? ParseMonth(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var m)
            ? DateTime.SpecifyKind(m, DateTimeKind.Utc)
            : null;

    /// <summary>Each day's billed and priced totals side by side.</summary>
    public static ChartSpec Daily(MonthReconciliation month)
    {
        var days = month.Charges.GroupBy(c => c.Day).OrderBy(g => g.Key).ToList();
        return new ChartSpec
        {
            X = new ChartAxis("Day (UTC)", AxisUnit.Day),
            Y = new ChartAxis("Amount (USD)", AxisUnit.Usd),
            Height = 300,
            Series =
            [
                new("Billed", SeriesStyle.Column, [.. days.Select(d => new ChartPoint(ChartX.Day(d.Key), d.Sum(c => c.Billed ?? 0)))]),
                new("Priced from usage", SeriesStyle.Column, [.. days.Select(d => new ChartPoint(ChartX.Day(d.Key), d.Sum(c => c.Priced ?? 0)))]),
            ],
        };
    }
}
