using System.Globalization;
using CostInsights.Core.Usage;
using Microsoft.AspNetCore.WebUtilities;

namespace CostInsights.Web.Features.Usage;

/// <summary>
/// The explorer's filters as they travel in the address (so a view can be shared and exported):
/// from and to are days, to inclusive; the rest are exact values, empty for all. The period
/// defaults to the last 30 days and is capped at three years.
/// </summary>
public sealed record UsageFilterForm(string? From, string? To, string? Provider, string? Model, string? Team, string? Project, string? Tag, string? Day)
{
    public const int MaxDays = 3 * 366;

    public static UsageFilterForm FromQuery(IQueryCollection query) => new(
        Value(query, "from"), Value(query, "to"), Value(query, "provider"), Value(query, "model"), Value(query, "team"),
        Value(query, "project"), Value(query, "tag"), Value(query, "day"));

    /// <summary>The filter, or why the address does not make one.</summary>
    public (UsageFilter? Filter, string? Problem) Resolve(DateTime today)
    {
        DateTime? Parse(string? text) => DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : null;
        var from = Parse(Day ?? From);
        var to = Parse(Day ?? To);
        if ((Day ?? From) is not null && from is null)
        {
            return (null, $"'{Day ?? From}' is not a date: use YYYY-MM-DD.");
        }
        if ((Day ?? To) is not null && to is null)
        {
            return (null, $"'{Day ?? To}' is not a date: use YYYY-MM-DD.");
        }
        var latest = today.AddYears(1);
        foreach (var date in new[] { from, to })
        {
            if (date is { } d && (d < UsageLimits.Earliest || d > latest))
            {
                return (null, $"{d:yyyy-MM-dd} is outside the dates usage can have: choose a day from {UsageLimits.Earliest:yyyy-MM-dd} to " +
                    $"{latest:yyyy-MM-dd}.");
            }
        }
        var end = (to ?? today).AddDays(1);
        var start = from ?? end.AddDays(-30);
        if (start >= end)
        {
            return (null, "The period starts after it ends.");
        }
        if ((end - start).TotalDays > MaxDays)
        {
            return (null, $"The period is longer than {MaxDays} days; choose a shorter one.");
        }
        return (new UsageFilter(start, end, Provider, Model, Team, Project, Tag), null);
    }

    /// <summary>The address of this view with some values replaced.</summary>
    public string Link(string path, params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>
        {
            ["from"] = From,
            ["to"] = To,
            ["provider"] = Provider,
            ["model"] = Model,
            ["team"] = Team,
            ["project"] = Project,
            ["tag"] = Tag,
            ["day"] = Day,
        };
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }
        return QueryHelpers.AddQueryString(path, values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    private static string? Value(IQueryCollection query, string key) =>
        query[key].ToString().Trim() is { Length: > 0 } value ? value : null;
}
