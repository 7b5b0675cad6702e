namespace CostInsights.Forecasting;

/// <summary>Root tests on real polynomials, without finding the roots.</summary>
public static class Polynomials
{
    /// <summary>
    /// Whether every root of c₀zⁿ + c₁zⁿ⁻¹ + … + cₙ (highest power first, c₀ ≠ 0) lies strictly inside the unit circle, by
    /// the Schur–Cohn recursion; <paramref name="c"/> is overwritten. A reflection coefficient of modulus between 1 and
    /// 1 + <paramref name="tolerance"/> is a root on the circle, which counts as inside only when
    /// <paramref name="acceptOnCircle"/> says so.
    /// </summary>
    public static bool RootsInsideUnitCircle(Span<double> c, double tolerance = 0, bool acceptOnCircle = false)
    {
        for (var degree = c.Length - 1; degree >= 1; degree--)
        {
            var reflection = c[degree] / c[0];
            if (!(Math.Abs(reflection) <= 1 + tolerance))
            {
                return false;
            }
            if (Math.Abs(reflection) >= 1)
            {
                return acceptOnCircle;
            }
            for (var i = 0; i <= degree / 2; i++)
            {
                var (front, back) = (c[i], c[degree - i]);
                c[i] = front - reflection * back;
                c[degree - i] = back - reflection * front;
            }
        }
        return true;
    }
}
