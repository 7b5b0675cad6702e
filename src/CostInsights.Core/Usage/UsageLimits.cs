namespace CostInsights.Core.Usage;

/// <summary>
/// What a usage row or cost line may hold, whatever format it came in: names that fit their
/// columns, times this century and not ahead of the clock, counts that sum without overflowing.
/// </summary>
public static class UsageLimits
{
    /// <summary>Characters a provider name may have.</summary>
    public const int ProviderLength = 100;

    /// <summary>Characters a model, team, project or application name may have.</summary>
    public const int NameLength = 200;

    /// <summary>Usage before this is refused: no language model was billed before it, and a year 0001 is a broken clock.</summary>
    public static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The column and reason when a name is longer than its limit, or null when it fits.</summary>
    public static (string Column, string Reason)? TooLong(string column, string? value, int limit) =>
        value is { Length: var length } && length > limit
            ? (column, $"is {length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters long; at most {limit} are allowed")
            : null;

    /// <summary>The sum of counts, or <see cref="long.MaxValue"/> when it would pass it: a sum of counts never wraps to a negative.</summary>
    public static long Sum(long a, long b, long c = 0, long d = 0)
    {
        var sum = (Int128)a + b + c + d;
        return sum > long.MaxValue ? long.MaxValue : (long)sum;
    }
}
