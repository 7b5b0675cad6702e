using CostInsights.Forecasting.Ssa;

namespace CostInsights.Forecasting.Tests.Ssa;

public sealed class SingularSpectrumTests
{
    [Fact]
    public void A_noiseless_sum_of_sines_is_continued_exactly()
    {
        static double Signal(int t) => 3 * Math.Sin(2 * Math.PI * t / 12) + 1.5 * Math.Sin(2 * Math.PI * t / 5 + 0.7);
        var y = Enumerable.Range(0, 96).Select(Signal).ToArray();
        var fit = SingularSpectrum.Fit(y, window: 30);
        fit.Rank.ShouldBe(4); // two sines, two components each
        var (points, _) = SingularSpectrum.Project(fit, 24);
        for (var h = 0; h < 24; h++)
        {
            points[h].ShouldBe(Signal(96 + h), 1e-6);
        }
    }

    [Fact]
    public void A_linear_trend_is_extended_exactly()
    {
        var y = Enumerable.Range(0, 40).Select(t => 5.0 + 0.75 * t).ToArray();
        var fit = SingularSpectrum.Fit(y, window: 12);
        fit.Rank.ShouldBe(2);
        var (points, spread) = SingularSpectrum.Project(fit, 6);
        for (var h = 0; h < 6; h++)
        {
            points[h].ShouldBe(5.0 + 0.75 * (40 + h), 1e-6);
        }
        spread.ShouldAllBe(s => s < 1e-6); // nothing left unexplained
    }

    [Fact]
    public void An_explosive_recurrence_is_stabilised()
    {
        // Growth of 10% a period fits a root at 1.1: left alone, ten more periods would multiply the
        // forecast by 1.1¹⁰ ≈ 2.6. Stabilised onto the unit circle, it settles instead.
        var y = Enumerable.Range(0, 40).Select(t => Math.Pow(1.1, t)).ToArray();
        var (points, _) = SingularSpectrum.Project(SingularSpectrum.Fit(y, 10, rank: 1), 60);
        points[59].ShouldBeLessThan(points[49] * 1.05);
        points.ShouldAllBe(p => double.IsFinite(p));
    }

    [Fact]
    public void A_window_longer_than_half_the_series_is_refused()
    {
        Should.Throw<ArgumentException>(() => SingularSpectrum.Fit([1, 2, 3, 4, 5, 6], 5)).Message.ShouldContain("between 2 and half the series");
    }
}
