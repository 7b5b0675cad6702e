using System.Globalization;

namespace CostInsights.Core;

/// <summary>How the product writes amounts in US dollars, prices and token counts, whatever the culture of the machine.</summary>
public static class Amounts
{
    /// <summary>Dollars and cents, the sign before the dollar: <c>-$1,234.50</c>.</summary>
    public static string Usd(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// Dollars to the hundredth of a cent where the amount has one, for prices per million tokens and the cost of a few
    /// requests: <c>$0.075</c>, <c>$15.00</c>.
    /// </summary>
    public static string PreciseUsd(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Round(Math.Abs(amount), 4).ToString("#,##0.00##", CultureInfo.InvariantCulture);

    public static string Tokens(long count) => count.ToString("#,##0", CultureInfo.InvariantCulture);

    /// <summary>A count and its noun, plural but for one: <c>1 budget alert</c>, <c>1,200 rows</c>.</summary>
    public static string Count(long count, string noun, string? plural = null) =>
        $"{Tokens(count)} {(count == 1 ? noun : plural ?? noun + "s")}";
}
