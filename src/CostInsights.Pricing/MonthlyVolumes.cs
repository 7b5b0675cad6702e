namespace CostInsights.Pricing;

/// <summary>
/// Month-to-date token volumes per model, for graduated volume tiers: seeded with what was priced before
/// (loaded before pricing starts) and counting each usage as it is priced, in the order it is priced.
/// </summary>
public sealed class MonthlyVolumes(IReadOnlyDictionary<(string Provider, string Model, DateTime Month), long>? before = null)
{
    private readonly Dictionary<(string Provider, string Model, DateTime Month), long> _totals = before is null ? [] : new(before);

    /// <summary>The first instant of the month of a UTC time.</summary>
    public static DateTime MonthOf(DateTime t) => new(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The volume before this usage, and counts its tokens for the usage after it.</summary>
    public long MonthToDate(string provider, string model, DateTime occurredAt, long tokens, TokenRates rates)
    {
        if (rates.VolumeTiers.Count == 0)
        {
            return 0;
        }
        var key = (provider, model, MonthOf(occurredAt));
        var monthToDate = _totals.GetValueOrDefault(key);
        _totals[key] = monthToDate + tokens;
        return monthToDate;
    }
}
