namespace CostInsights.Web.Features.Shell.Charts;

/// <summary>What a chart draws: its axes with titles and units, its series, and marked values.</summary>
public sealed record ChartSpec
{
    public required ChartAxis X { get; init; }
    public required ChartAxis Y { get; init; }
    public required IReadOnlyList<ChartSeries> Series { get; init; }

    /// <summary>Columns of one x stacked on each other rather than side by side.</summary>
    public bool Stacked { get; init; }

    public int Height { get; init; } = 360;
    public IReadOnlyList<ChartMarker> Markers { get; init; } = [];
}

/// <summary>How an axis's values are written: months as "Jan 2027", days as "2 Feb 2027", money as dollars, tokens as K, M and B.</summary>
public enum AxisUnit
{
    Category,
    Month,

    /// <summary>Days, or weeks by their first day, on a time axis.</summary>
    Day,
    Usd,
    Tokens,
    Count,
}

public sealed record ChartAxis(string Title, AxisUnit Unit, decimal? Min = null);

public enum SeriesStyle
{
    Line,
    DashedLine,
    Column,

    /// <summary>A shaded band between each point's <see cref="ChartPoint.Low"/> and <see cref="ChartPoint.High"/>.</summary>
    Band,

    /// <summary>Points only, no line between them.</summary>
    Points,
}

/// <summary>One series. <paramref name="Color"/> ties a band to its line; left out, each series gets a colour of its own.</summary>
public sealed record ChartSeries(string Name, SeriesStyle Style, IReadOnlyList<ChartPoint> Points, string? Color = null);

public readonly record struct ChartPoint(ChartX X, decimal? Y, decimal? Low = null, decimal? High = null)
{
    public static ChartPoint Range(ChartX x, decimal low, decimal high) => new(x, null, low, high);
}

/// <summary>A place on the x axis: a month, a number or a category's name.</summary>
public readonly record struct ChartX
{
    private ChartX(double? number, string? category) => (Number, Category) = (number, category);

    public double? Number { get; }
    public string? Category { get; }

    public static ChartX Month(DateTime month) =>
        new(new DateTimeOffset(DateTime.SpecifyKind(month, DateTimeKind.Utc)).ToUnixTimeMilliseconds(), null);

    /// <summary>A day, or the first day of a week, on a <see cref="AxisUnit.Day"/> axis.</summary>
    public static ChartX Day(DateTime day) => Month(day);

    public static ChartX Of(double number) => new(number, null);

    public static ChartX Of(string category) => new(null, category);

    /// <summary>The month or day a <see cref="Month"/> or <see cref="Day"/> value stands for.</summary>
    public DateTime AsDate() => DateTimeOffset.FromUnixTimeMilliseconds((long)(Number ?? 0)).UtcDateTime;
}

/// <summary>A labelled line across the chart: at an x (a vertical line) or at a y (a horizontal one).</summary>
public sealed record ChartMarker(string Label, ChartX? AtX = null, decimal? AtY = null);

/// <summary>A click on a point or a column: which series, which point.</summary>
public sealed record ChartClick(ChartSeries Series, ChartPoint Point);
