using CostInsights.Forecasting.Smoothing;

namespace CostInsights.Forecasting.Tests.Smoothing;

public sealed class SimpleExponentialSmoothingTests
{
    [Fact]
    public void The_fit_minimises_the_squared_one_step_errors()
    {
        double[] y = [3, 5, 4, 6, 5, 7, 6, 8];
        var fit = SimpleExponentialSmoothing.Fit(y);
        var best = SimpleExponentialSmoothing.Sse(y, fit.Alpha, fit.InitialLevel);
        // No nearby α or initial level does better.
        foreach (var (da, dl) in new[] { (0.02, 0.0), (-0.02, 0.0), (0.0, 0.1), (0.0, -0.1) })
        {
            var alpha = Math.Clamp(fit.Alpha + da, 1e-4, 1 - 1e-4);
            SimpleExponentialSmoothing.Sse(y, alpha, fit.InitialLevel + dl).ShouldBeGreaterThanOrEqualTo(best - 1e-9);
        }
    }

    [Fact]
    public void The_level_follows_the_recursion()
    {
        // α = 0.5, ℓ₀ = 2: ℓ₁ = 2 + 0.5(4 − 2) = 3; ℓ₂ = 3 + 0.5(6 − 3) = 4.5; SSE = 2² + 3² = 13
        SimpleExponentialSmoothing.Sse([4, 6], 0.5, 2).ShouldBe(13);
    }
}
