using System.Globalization;
using CostInsights.Core;

namespace CostInsights.Web.Features.Shell;

/// <summary>How the product writes amounts (US dollars), token counts and times (UTC), whatever the server's culture.</summary>
public static class Money
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Usd(decimal amount) => Amounts.Usd(amount);

    public static string Usd(decimal? amount) => amount is { } a ? Usd(a) : "–";

    public static string Tokens(long count) => Amounts.Tokens(count);

    /// <inheritdoc cref="Amounts.Count"/>
    public static string Count(long count, string noun, string? plural = null) => Amounts.Count(count, noun, plural);

    public static string MonthLabel(DateTime month) => month.ToString("MMM yyyy", Invariant);

    /// <summary>What share <paramref name="part"/> is of <paramref name="whole"/> (<c>12%</c>), or a dash when the whole is nothing.</summary>
    public static string Share(decimal part, decimal whole, string format = "0%") => whole == 0 ? "–" : (part / whole).ToString(format, Invariant);

    public static string Utc(DateTime? time) => time is { } t ? t.ToString("yyyy-MM-dd HH:mm", Invariant) + " UTC" : "never";
}
