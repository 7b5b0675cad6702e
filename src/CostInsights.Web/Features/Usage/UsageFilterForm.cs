using System.Globalization;
using CostInsights.Core.Spend;
using CostInsights.Core.Usage;
using CostInsights.Web.Features.Shell;
using Microsoft.AspNetCore.WebUtilities;

namespace CostInsights.Web.Features.Usage;

/// <summary>
/// The explorer's view as it travels in the address, so that it can be bookmarked, shared and exported: a named
/// period (<c>period=last-3</c>) or days from and to (to inclusive; <c>day</c> for one); exact values to filter by,
/// empty for all; what spend is grouped by and over what grain. Without a period it shows the last 3 months; a period
/// is at most three years.
/// </summary>
public sealed record UsageFilterForm(string? From, string? To, string? Provider, string? Model, string? Team, string? Project, string? Tag, string? Day,
    string? Period = null, string? Application = null, string? By = null, string? Grain = null, string? TagKey = null)
{
    public const int MaxDays = 3 * 366;

    /// <summary>No values: the default period, everything in it.</summary>
    public static readonly UsageFilterForm Empty = new(null, null, null, null, null, null, null, null);
    public const string DefaultPeriod = "last-3";

    public static UsageFilterForm FromQuery(IQueryCollection query) => new(
        Value(query, "from"), Value(query, "to"), Value(query, "provider"), Value(query, "model"), Value(query, "team"),
        Value(query, "project"), Value(query, "tag"), Value(query, "day"), Value(query, "period"), Value(query, "application"), Value(query, "by"),
        Value(query, "grain"), Value(query, "tagkey"));

    public static UsageFilterForm FromUri(string uri) =>
        FromQuery(new QueryCollection(QueryHelpers.ParseQuery(new Uri(uri).Query)));

    /// <summary>The named period in force, or null when the view has days of its own.</summary>
    public PeriodPreset? Preset => (Day ?? From ?? To) is null ? Periods.Find(Period) ?? Periods.Find(DefaultPeriod) : null;

    public SpendDimension Dimension => Enum.TryParse<SpendDimension>(By, true, out var by) && by != SpendDimension.Total ? by : SpendDimension.Provider;

    /// <summary>The chosen grain, or the one that suits the period: days up to 45 of them, weeks up to about six months, then months.</summary>
    public SpendGrain GrainFor(UsageFilter filter) => Enum.TryParse<SpendGrain>(Grain, true, out var grain) ? grain
        : (filter.To - filter.From).TotalDays switch { <= 45 => SpendGrain.Day, <= 190 => SpendGrain.Week, _ => SpendGrain.Month };

    /// <summary>The filter, or why the address does not make one.</summary>
    public (UsageFilter? Filter, string? Problem) Resolve(DateTime today)
    {
        if (Preset is { } preset)
        {
            var (start, end) = Periods.Resolve(preset, today);
            return (Filter(start, end), null);
        }
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
        var stop = (to ?? today).AddDays(1);
        var first = from ?? stop.AddDays(-30);
        if (first >= stop)
        {
            return (null, "The period starts after it ends.");
        }
        if ((stop - first).TotalDays > MaxDays)
        {
            return (null, $"The period is longer than {MaxDays} days; choose a shorter one.");
        }
        return (Filter(first, stop), null);
    }

    private UsageFilter Filter(DateTime from, DateTime to) => new(from, to, Provider, Model, Team, Project, Tag, Application);

    /// <summary>The address of this view with some values replaced.</summary>
    public string Link(string path, params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>
        {
            ["period"] = Period,
            ["from"] = From,
            ["to"] = To,
            ["day"] = Day,
            ["provider"] = Provider,
            ["model"] = Model,
            ["team"] = Team,
            ["project"] = Project,
            ["application"] = Application,
            ["tag"] = Tag,
            ["by"] = By,
            ["tagkey"] = TagKey,
            ["grain"] = Grain,
        };
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }
        return QueryHelpers.AddQueryString(path, values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    /// <summary>The address of this view over another period: a preset's key, or custom days.</summary>
    public string WithPeriod(string path, string? preset, DateTime from, DateTime to) => preset is not null
        ? Link(path, ("period", preset), ("from", null), ("to", null), ("day", null))
        : Link(path, ("period", null), ("from", Periods.Iso(from)), ("to", Periods.Iso(to.AddDays(-1))), ("day", null));

    /// <summary>The address of the export of this view: its days always written out, so the file is what the page showed.</summary>
    public string Export(string path, UsageFilter filter) =>
        Link(path, ("period", null), ("day", null), ("from", Periods.Iso(filter.From)), ("to", Periods.Iso(filter.To.AddDays(-1))), ("by", null),
            ("grain", null), ("tagkey", null));

    private static string? Value(IQueryCollection query, string key) =>
        query[key].ToString().Trim() is { Length: > 0 } value ? value : null;
}
