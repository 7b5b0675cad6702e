using System.Globalization;

namespace CostInsights.Web.Features.Shell;

/// <summary>
/// Numbers read from a page's address, where anyone can type anything: a value that is not a whole
/// number in range reads as absent, so the page shows its default instead of failing.
/// </summary>
public static class QueryValue
{
    public static long? Long(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A number that may be far past its range (a page number): clamped into it, or null when it is not a number at all.</summary>
    public static int? Clamped(string? text, int min, int max) =>
        decimal.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? (int)Math.Clamp(value, min, max) : null;

    public static long[] Longs(string[]? texts) => [.. (texts ?? []).Select(Long).OfType<long>()];
}
