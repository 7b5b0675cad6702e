using CostInsights.Forecasting.Optimisation;

namespace CostInsights.Forecasting.Tests.Optimisation;

public sealed class BfgsTests
{
    private static double Rosenbrock(double[] p) => Math.Pow(1 - p[0], 2) + 100 * Math.Pow(p[1] - p[0] * p[0], 2);

    [Fact]
    public void Rosenbrocks_valley_ends_where_r_s_optim_ends_it()
    {
        // R 4.2: optim(c(-1.2, 1), rosenbrock, method = "BFGS") stops at (0.999804433231397, 0.999608380623481),
        // value 3.82738275610795e-08, after 38 gradients: the same moves give the same point to rounding.
        var minimum = Bfgs.Minimize(Rosenbrock, [-1.2, 1.0], [1.0, 1.0]).ShouldNotBeNull();
        minimum.Converged.ShouldBeTrue();
        minimum.Point[0].ShouldBe(0.999804433231397, 1e-12);
        minimum.Point[1].ShouldBe(0.999608380623481, 1e-12);
        minimum.Value.ShouldBe(3.82738275610795e-08, 1e-15);
    }

    [Fact]
    public void A_start_the_objective_cannot_evaluate_is_refused_rather_than_searched_from()
    {
        Bfgs.Minimize(p => p[0] < 0 ? double.NaN : p[0] * p[0], [-1.0], [1.0]).ShouldBeNull();
    }

    [Fact]
    public void The_hessian_of_a_quadratic_is_its_matrix_and_is_symmetric()
    {
        // f = 3x² + 2xy + 5y²: Hessian [[6, 2], [2, 10]] everywhere; central differences are exact on a quadratic.
        var h = Bfgs.Hessian(p => 3 * p[0] * p[0] + 2 * p[0] * p[1] + 5 * p[1] * p[1], [0.3, -0.7], [1.0, 2.0]).ShouldNotBeNull();
        h[0, 0].ShouldBe(6, 1e-6);
        h[1, 1].ShouldBe(10, 1e-6);
        h[0, 1].ShouldBe(2, 1e-6);
        h[1, 0].ShouldBe(h[0, 1]);
    }

    [Fact]
    public void Running_out_of_iterations_says_it_did_not_converge()
    {
        var minimum = Bfgs.Minimize(Rosenbrock, [-1.2, 1.0], [1.0, 1.0], maxIterations: 5).ShouldNotBeNull();
        minimum.Converged.ShouldBeFalse();
        minimum.Value.ShouldBeLessThan(Rosenbrock([-1.2, 1.0]));
    }
}
