using CostInsights.Forecasting.Optimisation;

namespace CostInsights.Forecasting.Tests.Optimisation;

public sealed class NelderMeadTests
{
    [Fact]
    public void Rosenbrocks_valley_is_followed_to_its_minimum_at_one_one()
    {
        // f(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1); the classic test of a simplex search.
        var minimum = NelderMead.Minimize(p => Math.Pow(1 - p[0], 2) + 100 * Math.Pow(p[1] - p[0] * p[0], 2), [-1.2, 1.0], [0.1, 0.1], 1e-12, 10_000);
        minimum.Converged.ShouldBeTrue();
        minimum.Point[0].ShouldBe(1, 1e-3);
        minimum.Point[1].ShouldBe(1, 1e-3);
        minimum.Value.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void Running_out_of_evaluations_returns_the_best_vertex_so_far_not_the_start()
    {
        var calls = 0;
        static double Rosenbrock(double[] p) => Math.Pow(1 - p[0], 2) + 100 * Math.Pow(p[1] - p[0] * p[0], 2);
        var minimum = NelderMead.Minimize(p => { calls++; return Rosenbrock(p); }, [-1.2, 1.0], [0.1, 0.1], 1e-12, 20);
        minimum.Converged.ShouldBeFalse();
        calls.ShouldBeLessThanOrEqualTo(20 + 3);
        minimum.Value.ShouldBeLessThan(Rosenbrock([-1.2, 1.0]));
        minimum.Value.ShouldBe(Rosenbrock(minimum.Point), 1e-12);
    }
}
