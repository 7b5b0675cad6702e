using System.Globalization;

namespace CostInsights.Web.Features.Shell;

/// <summary>A period chosen by name, relative to today, as the address carries it (<c>period=last-3</c>).</summary>
public sealed record PeriodPreset(string Key, string Label, Func<DateTime, DateTime> Start);

/// <summary>
/// The periods the cost pages offer: this month, the last 3, 6 and 12 months (this one so far and those before it),
/// year to date, or any days from and to (custom). Each runs to the end of today, UTC.
/// </summary>
public static class Periods
{
    public const string Custom = "custom";

    public static readonly IReadOnlyList<PeriodPreset> Presets =
    [
        new("this-month", "This month", today => MonthOf(today)),
        new("last-3", "Last 3 months", today => MonthOf(today).AddMonths(-2)),
        new("last-6", "Last 6 months", today => MonthOf(today).AddMonths(-5)),
        new("last-12", "Last 12 months", today => MonthOf(today).AddMonths(-11)),
        new("ytd", "Year to date", today => new DateTime(today.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
    ];

    public static PeriodPreset? Find(string? key) => Presets.FirstOrDefault(p => p.Key == key);

    /// <summary>The preset's period: its first day and the day after today.</summary>
    public static (DateTime From, DateTime To) Resolve(PeriodPreset preset, DateTime today) => (preset.Start(today.Date), today.Date.AddDays(1));

    /// <summary>A period as people say it: "Sep 2026 to 1 Dec 2026", or one day, or one month.</summary>
    public static string Describe(DateTime from, DateTime to)
    {
        var last = to.AddDays(-1);
        if (to - from == TimeSpan.FromDays(1))
        {
            return Day(from);
        }
        if (from.Day == 1 && to.Day == 1 && from.AddMonths(1) == to)
        {
            return from.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        }
        return $"{Day(from)} to {Day(last)}";
    }

    public static string Day(DateTime day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Iso(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTime MonthOf(DateTime day) => new(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc);
}
