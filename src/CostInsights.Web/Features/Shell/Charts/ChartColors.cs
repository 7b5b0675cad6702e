using System.Globalization;

namespace CostInsights.Web.Features.Shell.Charts;

/// <summary>
/// A distinct colour for each series: a ten-colour palette told apart by most colour-blind readers,
/// then hues spaced by the golden angle. A series that names its colour keeps it, and the palette
/// skips that colour for the others.
/// </summary>
public static class ChartColors
{
    public static readonly IReadOnlyList<string> Palette =
        ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    /// <summary>The colour of the page's text: near black on light, near white on dark, for what is read as plain fact (actuals).</summary>
    public const string Text = "text";

    public static IReadOnlyList<string> For(IReadOnlyList<ChartSeries> series, bool dark = false)
    {
        var taken = series.Where(s => s.Color is not null).Select(s => s.Color!.ToLowerInvariant()).ToHashSet();
        var free = Palette.Where(c => !taken.Contains(c)).GetEnumerator();
        var extra = 0;
        return [.. series.Select(s => s.Color switch
        {
            Text => TextColor(dark),
            { } named => named,
            null => free.MoveNext() ? free.Current : Hue(extra++),
        })];
    }

    /// <summary>The page's text colour in the light or the dark theme.</summary>
    public static string TextColor(bool dark) => dark ? "#e6e6e6" : "#333333";

    private static string Hue(int n) => string.Create(CultureInfo.InvariantCulture, $"hsl({n * 137.508 % 360:0}, 55%, 50%)");
}
