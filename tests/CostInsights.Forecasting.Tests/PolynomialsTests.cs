namespace CostInsights.Forecasting.Tests;

public sealed class PolynomialsTests
{
    [Theory]
    // (z − 0.5)(z + 0.8) = z² + 0.3z − 0.4: roots 0.5 and −0.8, inside.
    [InlineData(new[] { 1.0, 0.3, -0.4 }, true)]
    // (z − 1.5)(z − 0.2) = z² − 1.7z + 0.3: a root at 1.5, outside.
    [InlineData(new[] { 1.0, -1.7, 0.3 }, false)]
    // z² + 0.25: roots ±0.5i, inside.
    [InlineData(new[] { 1.0, 0.0, 0.25 }, true)]
    // z² + 1: roots ±i on the circle, not strictly inside.
    [InlineData(new[] { 1.0, 0.0, 1.0 }, false)]
    public void Roots_inside_the_unit_circle_are_told_from_roots_outside_or_on_it(double[] highestFirst, bool inside)
    {
        Polynomials.RootsInsideUnitCircle(highestFirst.AsSpan().ToArray()).ShouldBe(inside);
    }

    [Fact]
    public void A_root_on_the_circle_within_the_tolerance_counts_as_inside_only_when_asked()
    {
        double[] onCircle = [1.0, 0.0, 1.0 + 1e-12];
        Polynomials.RootsInsideUnitCircle([.. onCircle], 1e-10, acceptOnCircle: true).ShouldBeTrue();
        Polynomials.RootsInsideUnitCircle([.. onCircle], 1e-10).ShouldBeFalse();
        Polynomials.RootsInsideUnitCircle([1.0, 0.0, 1.1], 1e-10, acceptOnCircle: true).ShouldBeFalse();
    }
}
