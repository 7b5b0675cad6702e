using CostInsights.Forecasting.Smoothing;

namespace CostInsights.Forecasting.Tests.Smoothing;

public sealed class DampedTrendTests
{
    [Fact]
    public void The_projection_follows_the_damped_sum_and_the_class_one_variance()
    {
        // ℓ = 100, b = 10, φ = 0.9: h=1 → 100 + 0.9·10 = 109; h=2 → 100 + (0.9 + 0.81)·10 = 117.1
        var fit = new DampedFit(Alpha: 0.5, Beta: 0.2, Phi: 0.9, Level: 100, Trend: 10, Sigma: 2);
        var (points, spread) = DampedTrend.Project(fit, 2);
        points[0].ShouldBe(109, 1e-12);
        points[1].ShouldBe(117.1, 1e-12);
        // σ at h=1; at h=2: σ√(1 + c₁²), c₁ = α(1 + β·φ) = 0.5 × 1.18 = 0.59 → 2√1.3481
        spread[0].ShouldBe(2, 1e-12);
        spread[1].ShouldBe(2 * Math.Sqrt(1 + 0.59 * 0.59), 1e-12);
    }

    [Fact]
    public void A_straight_line_is_fitted_and_extended_within_the_bounds()
    {
        var y = Enumerable.Range(0, 40).Select(t => 50.0 + 2 * t).ToArray();
        var fit = DampedTrend.Fit(y);
        fit.Phi.ShouldBeInRange(0.8, 0.98);
        fit.Alpha.ShouldBeInRange(0, 1);
        var (points, _) = DampedTrend.Project(fit, 1);
        // The next value of the line is 130; damping takes a little of the slope off.
        points[0].ShouldBe(130, 1.0);
    }

    [Fact]
    public void Holt_keeps_the_whole_slope_where_the_damped_trend_takes_some_off()
    {
        // A line with a little noise: Holt's φ = 1 extends it 12 steps on (to about 50 + 2·51 = 152);
        // the damped trend, φ ≤ 0.98, falls short of it.
        var y = Enumerable.Range(0, 40).Select(t => 50.0 + 2 * t + (t % 2 == 0 ? 0.5 : -0.5)).ToArray();
        var holt = DampedTrend.Fit(y, damped: false);
        holt.Phi.ShouldBe(1);
        var (linear, _) = DampedTrend.Project(holt, 12);
        linear[^1].ShouldBe(152, 1.5);
        var (damped, _) = DampedTrend.Project(DampedTrend.Fit(y), 12);
        damped[^1].ShouldBeLessThan(linear[^1] - 1);
        DampedTrend.Holt(y, 12, 12, [80]).Method.ShouldBe("holt");
    }
}
