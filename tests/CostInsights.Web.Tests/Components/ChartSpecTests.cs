using CostInsights.Web.Features.Shell.Charts;

namespace CostInsights.Web.Tests.Components;

public sealed class ChartSpecTests
{
    private static readonly DateTime May = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(25)]
    public void Every_series_gets_a_colour_of_its_own(int count)
    {
        var series = Enumerable.Range(0, count).Select(i => new ChartSeries($"s{i}", SeriesStyle.Column, [])).ToList();
        ChartColors.For(series).Distinct().Count().ShouldBe(count);
    }

    [Fact]
    public void A_named_colour_is_kept_and_the_others_avoid_it()
    {
        var series = new[]
        {
            new ChartSeries("a", SeriesStyle.Line, []),
            new ChartSeries("band", SeriesStyle.Band, [], ChartColors.Palette[1]),
            new ChartSeries("b", SeriesStyle.Line, []),
        };
        ChartColors.For(series).ShouldBe([ChartColors.Palette[0], ChartColors.Palette[1], ChartColors.Palette[2]]);
    }

    [Fact]
    public void A_month_travels_as_its_first_instant_in_utc_and_comes_back()
    {
        var x = ChartX.Month(May);
        x.Number.ShouldBe(new DateTimeOffset(May).ToUnixTimeMilliseconds());
        x.AsDate().ShouldBe(May);
    }

    [Fact]
    public void Options_carry_axis_titles_units_bands_and_stacking()
    {
        var spec = new ChartSpec
        {
            X = new ChartAxis("Month (UTC)", AxisUnit.Month),
            Y = new ChartAxis("Spend (USD)", AxisUnit.Usd, Min: 0),
            Stacked = true,
            Series =
            [
                new("<b>team</b>", SeriesStyle.Column, [new ChartPoint(ChartX.Month(May), 12.345m)]),
                new("80% interval", SeriesStyle.Band, [ChartPoint.Range(ChartX.Month(May), 1.111m, 2.226m)]),
            ],
            Markers = [new ChartMarker("Budget", AtY: 100m)],
        };
        var options = ApexOptions.Build("spend", spec, dark: true);

        options["chart"]!["id"]!.GetValue<string>().ShouldBe("spend");
        options["chart"]!["type"]!.GetValue<string>().ShouldBe("rangeArea");
        options["chart"]!["stacked"]!.GetValue<bool>().ShouldBeTrue();
        options["theme"]!["mode"]!.GetValue<string>().ShouldBe("dark");
        options["xaxis"]!["type"]!.GetValue<string>().ShouldBe("datetime");
        options["xaxis"]!["title"]!["text"]!.GetValue<string>().ShouldBe("Month (UTC)");
        options["yaxis"]!["title"]!["text"]!.GetValue<string>().ShouldBe("Spend (USD)");
        options["units"]!["y"]!.GetValue<string>().ShouldBe("usd");
        options["units"]!["x"]!.GetValue<string>().ShouldBe("month");
        var series = options["series"]!.AsArray();
        series[0]!["name"]!.GetValue<string>().ShouldBe("<b>team</b>");
        series[0]!["type"]!.GetValue<string>().ShouldBe("bar");
        series[0]!["data"]![0]!["y"]!.GetValue<decimal>().ShouldBe(12.35m);
        series[1]!["type"]!.GetValue<string>().ShouldBe("rangeArea");
        series[1]!["data"]![0]!["y"]!.AsArray().Select(v => v!.GetValue<decimal>()).ShouldBe([1.11m, 2.23m]);
        options["annotations"]!["yaxis"]![0]!["label"]!["text"]!.GetValue<string>().ShouldBe("Budget");
        // A marker's label reads in the dark theme: light text on a dark ground, not ApexCharts' white on white.
        var label = options["annotations"]!["yaxis"]![0]!["label"]!["style"]!;
        (label["background"]!.GetValue<string>(), label["color"]!.GetValue<string>()).ShouldBe(("#1b2230", "#e6e6e6"));
    }

    [Fact]
    public void A_month_marker_s_label_lies_towards_the_middle_of_the_chart_so_neither_edge_cuts_it()
    {
        var months = Enumerable.Range(0, 12).Select(i => May.AddMonths(i)).ToList();
        ChartSpec Marked(DateTime at) => new()
        {
            X = new ChartAxis("Month (UTC)", AxisUnit.Month),
            Y = new ChartAxis("Cost (USD)", AxisUnit.Usd),
            Series = [new("Baseline", SeriesStyle.Line, [.. months.Select(m => new ChartPoint(ChartX.Month(m), 1m))])],
            Markers = [new ChartMarker("Pays back", AtX: ChartX.Month(at))],
        };
        string Anchor(DateTime at) => ApexOptions.Build("c", Marked(at), dark: false)["annotations"]!["xaxis"]![0]!["label"]!["textAnchor"]!
            .GetValue<string>();

        (Anchor(months[1]), Anchor(months[5]), Anchor(months[6]), Anchor(months[11])).ShouldBe(("start", "start", "end", "end"));
    }
}
