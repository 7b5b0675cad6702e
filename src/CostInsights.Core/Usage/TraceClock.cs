using System.Globalization;

namespace CostInsights.Core.Usage;

/// <summary>
/// The clock of a request trace that counts time from its own start (seconds or milliseconds after it, as public traces
/// are published) rather than giving dates: the moment it starts, set with the mapping, places each request in time.
/// </summary>
internal sealed class TraceClock(DateTime origin, long ticksPerUnit)
{
    /// <summary>The clock, or the reason the origin and unit given cannot make one.</summary>
    public static (TraceClock? Clock, string? Error) Parse(string? origin, string? unit, string setLabel)
    {
        if (origin is null)
        {
            return (null, $"{setLabel} {UsageFieldMapping.TimestampUnit}={unit}: set {UsageFieldMapping.TimestampOrigin} too, the moment the trace " +
                "starts, which its timestamps count from.");
        }
        if (!DateTimeOffset.TryParse(origin, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var start) || !origin.Contains('-', StringComparison.Ordinal))
        {
            return (null, $"{setLabel} {UsageFieldMapping.TimestampOrigin}={Excerpt.Of(origin, 40)}: not a date; write the moment the trace " +
                "starts as ISO 8601, e.g. 2026-03-01T00:00:00Z.");
        }
        long? ticks = (unit ?? "s") switch
        {
            "s" => TimeSpan.TicksPerSecond,
            "ms" => TimeSpan.TicksPerMillisecond,
            _ => null,
        };
        return ticks is { } perUnit
            ? (new TraceClock(start.UtcDateTime, perUnit), null)
            : (null, $"{setLabel} {UsageFieldMapping.TimestampUnit}={Excerpt.Of(unit!, 40)}: use s for seconds or ms for milliseconds.");
    }

    /// <summary>The moment a count of units after the origin names, in ISO 8601; null when the text is no such count.</summary>
    public string? Moment(string text)
    {
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }
        var ticks = count * ticksPerUnit;
        return ticks <= (DateTime.MaxValue - origin).Ticks
            ? origin.AddTicks((long)ticks).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : null;
    }
}
