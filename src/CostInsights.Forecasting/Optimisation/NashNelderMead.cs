namespace CostInsights.Forecasting.Optimisation;

/// <summary>
/// The Nelder–Mead variant of Nash's Compact Numerical Methods (algorithm 19), the one R's <c>optim</c> and the forecast
/// package's <c>ets()</c> run: one step size for every axis (a tenth of the largest start value), reflection 1, contraction
/// ½, expansion 2, a shrink towards the best vertex only when both fail, and a stop once the simplex's values differ by
/// less than the tolerance relative to the first value. A fit meant to match R's makes the same moves with it.
/// </summary>
public static class NashNelderMead
{
    /// <summary>What a vertex the objective cannot evaluate counts as.</summary>
    private const double Big = 1.0e35;

    /// <summary>R's default relative tolerance, the square root of the double epsilon.</summary>
    public static readonly double DefaultTolerance = Math.Sqrt(2.220446049250313e-16);

    /// <param name="objective">The function to minimise; it may read but must not keep the array it is given.</param>
    /// <param name="start">The first vertex; the objective must be finite there.</param>
    /// <param name="maxEvaluations">How many times the objective may be evaluated (R's <c>maxit</c>).</param>
    public static Minimum Minimize(Func<double[], double> objective, IReadOnlyList<double> start, double tolerance, int maxEvaluations)
    {
        var n = start.Count;
        var point = start.ToArray();
        var first = objective(point);
        if (!double.IsFinite(first))
        {
            return new Minimum(point, double.PositiveInfinity, false);
        }
        var tolerated = tolerance * (Math.Abs(first) + tolerance);
        var vertices = new double[n + 1][];
        var values = new double[n + 1];
        vertices[0] = [.. point];
        values[0] = first;
        var step = Math.Max(0.0, point.Max(v => 0.1 * Math.Abs(v)));
        if (step == 0)
        {
            step = 0.1;
        }
        // The simplex's size, against which a shrink must make it smaller, counts each axis's last step tried.
        var oldSize = 0.0;
        for (var j = 1; j <= n; j++)
        {
            vertices[j] = [.. point];
            var trial = step;
            while (vertices[j][j - 1] == point[j - 1])
            {
                vertices[j][j - 1] = point[j - 1] + trial;
                trial *= 10;
            }
            oldSize += trial;
        }
        var evaluations = 1;
        var lowest = 0;
        var centroid = new double[n];
        var moved = new double[n];
        var recompute = true;
        while (true)
        {
            if (recompute)
            {
                for (var j = 0; j <= n; j++)
                {
                    if (j != lowest)
                    {
                        values[j] = Evaluate(objective, vertices[j]);
                        evaluations++;
                    }
                }
                recompute = false;
            }
            var low = values[lowest];
            var high = low;
            var highest = lowest;
            for (var j = 0; j <= n; j++)
            {
                if (j == lowest)
                {
                    continue;
                }
                if (values[j] < low)
                {
                    (lowest, low) = (j, values[j]);
                }
                if (values[j] > high)
                {
                    (highest, high) = (j, values[j]);
                }
            }
            if (high <= low + tolerated || evaluations > maxEvaluations)
            {
                return new Minimum(vertices[lowest], values[lowest], high <= low + tolerated);
            }
            for (var i = 0; i < n; i++)
            {
                var sum = -vertices[highest][i];
                for (var j = 0; j <= n; j++)
                {
                    sum += vertices[j][i];
                }
                centroid[i] = sum / n;
            }
            for (var i = 0; i < n; i++)
            {
                moved[i] = 2 * centroid[i] - vertices[highest][i];
            }
            var reflected = Evaluate(objective, moved);
            evaluations++;
            if (reflected < low)
            {
                // Expand beyond the reflection; keep whichever of the two is better.
                var reflection = (double[])moved.Clone();
                for (var i = 0; i < n; i++)
                {
                    moved[i] = 2 * reflection[i] - centroid[i];
                }
                var expanded = Evaluate(objective, moved);
                evaluations++;
                if (expanded < reflected)
                {
                    Array.Copy(moved, vertices[highest], n);
                    values[highest] = expanded;
                }
                else
                {
                    Array.Copy(reflection, vertices[highest], n);
                    values[highest] = reflected;
                }
                continue;
            }
            if (reflected < high)
            {
                Array.Copy(moved, vertices[highest], n);
                values[highest] = reflected;
            }
            for (var i = 0; i < n; i++)
            {
                moved[i] = 0.5 * vertices[highest][i] + 0.5 * centroid[i];
            }
            var contracted = Evaluate(objective, moved);
            evaluations++;
            if (contracted < values[highest])
            {
                Array.Copy(moved, vertices[highest], n);
                values[highest] = contracted;
            }
            else if (reflected >= high)
            {
                // Shrink every vertex halfway towards the best, and stop if the simplex no longer gets smaller.
                recompute = true;
                var size = 0.0;
                for (var j = 0; j <= n; j++)
                {
                    if (j == lowest)
                    {
                        continue;
                    }
                    for (var i = 0; i < n; i++)
                    {
                        vertices[j][i] = 0.5 * (vertices[j][i] - vertices[lowest][i]) + vertices[lowest][i];
                        size += Math.Abs(vertices[j][i] - vertices[lowest][i]);
                    }
                }
                if (size >= oldSize)
                {
                    return new Minimum(vertices[lowest], values[lowest], false);
                }
                oldSize = size;
            }
        }
    }

    private static double Evaluate(Func<double[], double> objective, double[] point)
    {
        var value = objective(point);
        return double.IsFinite(value) ? value : Big;
    }
}
