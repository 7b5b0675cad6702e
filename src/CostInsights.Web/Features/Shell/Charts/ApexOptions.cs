using System.Text.Json.Nodes;

namespace CostInsights.Web.Features.Shell.Charts;

/// <summary>
/// Turns a <see cref="ChartSpec"/> into ApexCharts options. What cannot travel as JSON (the
/// formatters of each unit, and escaping every name as text) is added by <c>wwwroot/js/charts.js</c>
/// from the <c>units</c> entry.
/// </summary>
public static class ApexOptions
{
    /// <summary>The window width, in CSS pixels, below which a chart is laid out for a phone.</summary>
    private const int NarrowScreen = 600;

    public static JsonObject Build(string id, ChartSpec spec, bool dark)
    {
        var colors = ChartColors.For(spec.Series, dark);
        var hasColumns = spec.Series.Any(s => s.Style == SeriesStyle.Column);
        var type = spec.Series.Any(s => s.Style == SeriesStyle.Band) ? "rangeArea" : hasColumns ? "bar" : "line";
        return new JsonObject
        {
            ["chart"] = new JsonObject
            {
                ["id"] = id,
                ["type"] = type,
                ["height"] = spec.Height,
                ["stacked"] = spec.Stacked,
                ["background"] = "transparent",
                ["fontFamily"] = "inherit",
                ["toolbar"] = new JsonObject { ["show"] = true },
                ["animations"] = new JsonObject { ["enabled"] = false },
                ["zoom"] = new JsonObject { ["enabled"] = spec.X.Unit != AxisUnit.Category },
            },
            ["theme"] = new JsonObject { ["mode"] = dark ? "dark" : "light" },
            ["series"] = new JsonArray([.. spec.Series.Select(Series)]),
            ["colors"] = new JsonArray([.. colors.Select(c => (JsonNode)c)]),
            ["fill"] = new JsonObject { ["opacity"] = new JsonArray([.. spec.Series.Select(s => (JsonNode)Opacity(s.Style))]) },
            ["stroke"] = new JsonObject
            {
                ["curve"] = "straight",
                ["width"] = new JsonArray([.. spec.Series.Select(s => (JsonNode)(s.Style is SeriesStyle.Line or SeriesStyle.DashedLine ? 2 : 0))]),
                ["dashArray"] = new JsonArray([.. spec.Series.Select(s => (JsonNode)(s.Style == SeriesStyle.DashedLine ? 5 : 0))]),
            },
            ["markers"] = new JsonObject
            {
                ["size"] = new JsonArray([.. spec.Series.Select(s => (JsonNode)(s.Style switch
                {
                    SeriesStyle.Points => 5,
                    SeriesStyle.Line or SeriesStyle.DashedLine => 3,
                    _ => 0,
                }))]),
            },
            ["xaxis"] = XAxis(spec.X),
            ["yaxis"] = YAxis(spec.Y),
            ["annotations"] = Annotations(spec, dark),
            ["dataLabels"] = new JsonObject { ["enabled"] = false },
            ["legend"] = new JsonObject { ["position"] = "top", ["horizontalAlign"] = "left", ["showForSingleSeries"] = true },
            // On a phone the legend wraps into the zoom toolbar's corner, so it goes below the chart there.
            ["responsive"] = new JsonArray(new JsonObject
            {
                ["breakpoint"] = NarrowScreen,
                ["options"] = new JsonObject { ["legend"] = new JsonObject { ["position"] = "bottom", ["horizontalAlign"] = "center" } },
            }),
            ["plotOptions"] = new JsonObject { ["bar"] = new JsonObject { ["columnWidth"] = "60%" } },
            ["tooltip"] = new JsonObject { ["shared"] = !hasColumns || spec.Stacked, ["intersect"] = false },
            ["units"] = new JsonObject { ["x"] = Unit(spec.X.Unit), ["y"] = Unit(spec.Y.Unit) },
        };
    }

    private static double Opacity(SeriesStyle style) => style switch
    {
        SeriesStyle.Band => 0.3,
        SeriesStyle.Column => 0.9,
        _ => 1,
    };

    private static JsonObject Series(ChartSeries series) => new()
    {
        ["name"] = series.Name,
        ["type"] = series.Style switch
        {
            SeriesStyle.Band => "rangeArea",
            SeriesStyle.Column => "bar",
            SeriesStyle.Points => "scatter",
            _ => "line",
        },
        ["data"] = new JsonArray([.. series.Points.Select(p => (JsonNode)Point(series.Style, p))]),
    };

    private static JsonObject Point(SeriesStyle style, ChartPoint point) => new()
    {
        ["x"] = X(point.X),
        ["y"] = style == SeriesStyle.Band
            ? new JsonArray(Round(point.Low), Round(point.High))
            : Round(point.Y),
    };

    private static JsonNode? X(ChartX x) => x.Category is { } c ? JsonValue.Create(c) : JsonValue.Create(x.Number);

    // To the cent as the tables beside the charts write it.
    private static JsonNode? Round(decimal? value) => value is { } v ? JsonValue.Create(Math.Round(v, 2, MidpointRounding.AwayFromZero)) : null;

    private static JsonObject XAxis(ChartAxis axis)
    {
        var x = new JsonObject
        {
            ["type"] = axis.Unit switch
            {
                AxisUnit.Month or AxisUnit.Day => "datetime",
                AxisUnit.Category => "category",
                _ => "numeric",
            },
            ["title"] = new JsonObject { ["text"] = axis.Title },
        };
        if (axis.Unit == AxisUnit.Month)
        {
            x["labels"] = new JsonObject { ["datetimeUTC"] = true, ["format"] = "MMM yyyy" };
        }
        if (axis.Unit == AxisUnit.Day)
        {
            x["labels"] = new JsonObject { ["datetimeUTC"] = true, ["format"] = "d MMM" };
        }
        return x;
    }

    private static JsonObject YAxis(ChartAxis axis)
    {
        var y = new JsonObject { ["title"] = new JsonObject { ["text"] = axis.Title } };
        if (axis.Min is { } min)
        {
            y["min"] = min;
        }
        return y;
    }

    private static JsonObject Annotations(ChartSpec spec, bool dark) => new()
    {
        ["xaxis"] = new JsonArray([.. spec.Markers.Where(m => m.AtX is not null).Select(m => (JsonNode)new JsonObject
        {
            ["x"] = X(m.AtX!.Value),
            ["borderColor"] = "#59a14f",
            ["label"] = new JsonObject
            {
                ["text"] = m.Label,
                ["orientation"] = "horizontal",
                ["textAnchor"] = Anchor(spec, m.AtX.Value),
                ["style"] = LabelStyle(dark),
            },
        })]),
        ["yaxis"] = new JsonArray([.. spec.Markers.Where(m => m.AtY is not null).Select(m => (JsonNode)new JsonObject
        {
            ["y"] = m.AtY,
            ["borderColor"] = "#e15759",
            ["strokeDashArray"] = 4,
            ["label"] = new JsonObject { ["text"] = m.Label, ["style"] = LabelStyle(dark) },
        })]),
    };

    /// <summary>
    /// A marker's label in the page's colours: ApexCharts draws it on white whatever the theme, and in the dark theme writes
    /// on it in white.
    /// </summary>
    /// <summary>
    /// Where a marker's label sits against its line: to the right of a line in the chart's first half, to the left of one in its
    /// second, so that a label near either edge is neither drawn over the y-axis's values nor cut at the chart's side. A category
    /// axis keeps the label centred.
    /// </summary>
    private static string Anchor(ChartSpec spec, ChartX at)
    {
        var xs = spec.Series.SelectMany(s => s.Points).Select(p => p.X.Number).OfType<double>().ToList();
        if (at.Number is not { } x || xs.Count == 0)
        {
            return "middle";
        }
        return x - xs.Min() <= (xs.Max() - xs.Min()) / 2 ? "start" : "end";
    }

    private static JsonObject LabelStyle(bool dark) => new()
    {
        ["background"] = dark ? "#1b2230" : "#ffffff",
        ["color"] = ChartColors.TextColor(dark),
    };

    private static string Unit(AxisUnit unit) => unit switch
    {
        AxisUnit.Month => "month",
        AxisUnit.Day => "day",
        AxisUnit.Usd => "usd",
        AxisUnit.Tokens => "tokens",
        AxisUnit.Count => "count",
        _ => "category",
    };
}
