namespace CostInsights.Forecasting.Optimisation;

/// <summary>The best point a minimisation found, its value, and whether the simplex converged.</summary>
public readonly record struct Minimum(double[] Point, double Value, bool Converged);

/// <summary>
/// The Nelder–Mead downhill simplex (reflection, expansion, contraction and shrink towards the best
/// vertex), on plain arrays so that a fit of thousands of evaluations allocates next to nothing. It
/// stops when the spread of the vertices' values, relative to their size, falls below the tolerance,
/// or after the allowed number of evaluations; either way it returns the best vertex seen.
/// </summary>
public static class NelderMead
{
    private const double Jitter = 1e-10;

    /// <param name="objective">The function to minimise; it may read but must not keep the array it is given.</param>
    /// <param name="start">The first vertex.</param>
    /// <param name="step">Each other vertex is the first moved by this much along one axis.</param>
    public static Minimum Minimize(Func<double[], double> objective, IReadOnlyList<double> start, IReadOnlyList<double> step, double tolerance,
        int maxEvaluations)
    {
        var n = start.Count;
        var vertices = new double[n + 1][];
        var values = new double[n + 1];
        for (var v = 0; v <= n; v++)
        {
            vertices[v] = [.. start];
            if (v > 0)
            {
                vertices[v][v - 1] += step[v - 1];
            }
            values[v] = objective(vertices[v]);
        }
        var centroid = new double[n];
        var trial = new double[n];
        var evaluations = n + 1;
        while (true)
        {
            var (lowest, highest, nextHighest) = Rank(values);
            if (2 * Math.Abs(values[highest] - values[lowest]) / (Math.Abs(values[highest]) + Math.Abs(values[lowest]) + Jitter) < tolerance)
            {
                return new Minimum(vertices[lowest], values[lowest], true);
            }
            Centroid(vertices, highest, centroid);
            var reflected = TryMove(objective, -1.0, vertices, values, highest, centroid, trial);
            evaluations++;
            if (reflected <= values[lowest])
            {
                TryMove(objective, 2.0, vertices, values, highest, centroid, trial);
                evaluations++;
            }
            else if (reflected >= values[nextHighest])
            {
                var worst = values[highest];
                var contracted = TryMove(objective, 0.5, vertices, values, highest, centroid, trial);
                evaluations++;
                if (contracted >= worst)
                {
                    for (var v = 0; v <= n; v++)
                    {
                        if (v == lowest)
                        {
                            continue;
                        }
                        for (var i = 0; i < n; i++)
                        {
                            vertices[v][i] = (vertices[v][i] + vertices[lowest][i]) * 0.5;
                        }
                        values[v] = objective(vertices[v]);
                    }
                    evaluations += n + 1;
                }
            }
            if (evaluations >= maxEvaluations)
            {
                var best = Rank(values).Lowest;
                return new Minimum(vertices[best], values[best], false);
            }
        }
    }

    private static (int Lowest, int Highest, int NextHighest) Rank(double[] values)
    {
        int lowest = 0, highest = values[0] > values[1] ? 0 : 1, nextHighest = 1 - highest;
        for (var v = 0; v < values.Length; v++)
        {
            if (values[v] <= values[lowest])
            {
                lowest = v;
            }
            if (values[v] > values[highest])
            {
                nextHighest = highest;
                highest = v;
            }
            else if (values[v] > values[nextHighest] && v != highest)
            {
                nextHighest = v;
            }
        }
        return (lowest, highest, nextHighest);
    }

    /// <summary>The mean of every vertex but the worst.</summary>
    private static void Centroid(double[][] vertices, int highest, double[] centroid)
    {
        Array.Clear(centroid);
        for (var v = 0; v < vertices.Length; v++)
        {
            if (v == highest)
            {
                continue;
            }
            for (var i = 0; i < centroid.Length; i++)
            {
                centroid[i] += vertices[v][i];
            }
        }
        for (var i = 0; i < centroid.Length; i++)
        {
            centroid[i] *= 1.0 / (vertices.Length - 1);
        }
    }

    /// <summary>Moves the worst vertex to centroid + scale × (worst − centroid) if that is better there; returns the value there.</summary>
    private static double TryMove(Func<double[], double> objective, double scale, double[][] vertices, double[] values, int highest, double[] centroid,
        double[] trial)
    {
        for (var i = 0; i < trial.Length; i++)
        {
            trial[i] = (vertices[highest][i] - centroid[i]) * scale + centroid[i];
        }
        var value = objective(trial);
        if (value < values[highest])
        {
            Array.Copy(trial, vertices[highest], trial.Length);
            values[highest] = value;
        }
        return value;
    }
}
