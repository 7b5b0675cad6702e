using CostInsights.Forecasting.Ensembles;

namespace CostInsights.Forecasting.Tests.Ensembles;

public sealed class EnsembleTests
{
    private static Forecast F(double point, double lower, double upper) => new("f", [point], [new PredictionInterval(95, [lower], [upper])]);

    [Fact]
    public void Points_and_bounds_are_combined_step_by_step()
    {
        var forecasts = new[] { F(10, 8, 12), F(20, 15, 25), F(60, 50, 70) };
        var mean = Ensemble.Mean("mean", forecasts);
        mean.Points.ShouldBe([30.0]);
        (mean.At(95).Lower[0], mean.At(95).Upper[0]).ShouldBe((73.0 / 3, 107.0 / 3));
        var median = Ensemble.Median("median", forecasts);
        median.Points.ShouldBe([20.0]);
        (median.At(95).Lower[0], median.At(95).Upper[0]).ShouldBe((15.0, 25.0));
    }

    [Fact]
    public void The_median_point_takes_intervals_as_wide_as_the_members_on_average_below_and_above()
    {
        // Points 10, 20, 60: the median is 20. Below their points the members reach 1, 5 and 10 (mean 16/3); above, 4, 5, 10.
        var forecasts = new[] { F(10, 9, 14), F(20, 15, 25), F(60, 50, 70) };
        var combined = Ensemble.MedianWithMeanWidths("median", forecasts);
        combined.Points.ShouldBe([20.0]);
        combined.At(95).Lower[0].ShouldBe(20 - 16.0 / 3, 1e-12);
        combined.At(95).Upper[0].ShouldBe(20 + 19.0 / 3, 1e-12);
        // One wild member moves the mean's point, not the median's.
        Ensemble.MedianWithMeanWidths("median", [.. forecasts[..2], F(6000, 5990, 6010)]).Points.ShouldBe([20.0]);
    }

    [Fact]
    public void Members_named_for_the_widths_set_them_alone_while_every_member_votes_on_the_point()
    {
        // The first member's interval reaches 9,990 below and above its point: it still votes (the median of 10, 20, 60, 70
        // is 40), but the other three set the widths (below 5, 10, 10; above 5, 10, 10).
        var wild = F(10, -9980, 10_000);
        var others = new[] { F(20, 15, 25), F(60, 50, 70), F(70, 60, 80) };
        var combined = Ensemble.MedianWithMeanWidths("median", [wild, .. others], others);
        combined.Points.ShouldBe([40.0]);
        combined.At(95).Lower[0].ShouldBe(40 - 25.0 / 3, 1e-12);
        combined.At(95).Upper[0].ShouldBe(40 + 25.0 / 3, 1e-12);
        // Naming none leaves every member's width in.
        Ensemble.MedianWithMeanWidths("median", [wild, .. others], []).At(95).Upper[0].ShouldBe(40 + 10_015.0 / 4, 1e-9);
    }

    [Fact]
    public void A_member_whose_interval_lies_past_its_own_point_widens_nothing_on_that_side()
    {
        // The third member's interval (62 to 70) lies wholly above its point, 60: below, it reaches 0, not -2.
        var combined = Ensemble.MedianWithMeanWidths("median", [F(10, 9, 14), F(20, 15, 25), F(60, 62, 70)]);
        combined.At(95).Lower[0].ShouldBe(20 - 6.0 / 3, 1e-12);
        combined.At(95).Upper[0].ShouldBe(20 + 19.0 / 3, 1e-12);
        // However far past: the point stays inside.
        var biased = Ensemble.MedianWithMeanWidths("median", [F(10, 30, 40), F(20, 40, 50)]);
        biased.At(95).Lower[0].ShouldBe(biased.Points[0]);
        biased.At(95).Upper[0].ShouldBe(biased.Points[0] + 30);
    }
}
