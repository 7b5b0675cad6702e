namespace CostInsights.Forecasting.Decomposition;

/// <summary>
/// The M3/M4 competitions' seasonality test and classical multiplicative decomposition: a series
/// is seasonal when its autocorrelation at the seasonal lag is significant at 90%, and is then
/// adjusted by seasonal indices from ratios to a centred moving average.
/// </summary>
public static class Seasonality
{
    /// <summary>Sample autocorrelation at lag <paramref name="k"/>.</summary>
    public static double Autocorrelation(IReadOnlyList<double> y, int k)
    {
        var n = y.Count;
        var mean = y.Average();
        double numerator = 0, denominator = 0;
        for (var t = 0; t < n; t++)
        {
            var d = y[t] - mean;
            denominator += d * d;
            if (t + k < n)
            {
                numerator += d * (y[t + k] - mean);
            }
        }
        return denominator == 0 ? 0 : numerator / denominator;
    }

    /// <summary>
    /// Seasonal when <c>|r_m| &gt; 1.645 · √((1 + 2 Σ_{k&lt;m} r_k²) / n)</c>, and the series is at least
    /// <paramref name="minimumLength"/> long (three seasons unless given, as the M competitions test); a season of 1 is never seasonal.
    /// </summary>
    public static bool IsSeasonal(IReadOnlyList<double> y, int season, int? minimumLength = null)
    {
        if (season <= 1 || y.Count < (minimumLength ?? 3 * season))
        {
            return false;
        }
        var sum = 0.0;
        for (var k = 1; k < season; k++)
        {
            var r = Autocorrelation(y, k);
            sum += r * r;
        }
        var limit = 1.645 * Math.Sqrt((1 + 2 * sum) / y.Count);
        return Math.Abs(Autocorrelation(y, season)) > limit;
    }

    /// <summary>
    /// Multiplicative seasonal indices, one per position in the season (index 0 is the position of
    /// the first observation), averaging to 1: ratios of the series to its centred moving average.
    /// </summary>
    public static double[] MultiplicativeIndices(IReadOnlyList<double> y, int season)
    {
        var indices = Average(y, season, (value, average) => average == 0 ? null : value / average);
        var mean = indices.Average();
        return mean == 0 ? [.. Enumerable.Repeat(1.0, season)] : [.. indices.Select(i => i / mean)];
    }

    /// <summary>Additive seasonal effects, one per position, summing to 0: differences from the centred moving average.</summary>
    public static double[] AdditiveIndices(IReadOnlyList<double> y, int season)
    {
        var effects = Average(y, season, (value, average) => value - average);
        var mean = effects.Average();
        return [.. effects.Select(e => e - mean)];
    }

    /// <summary>The mean by position in the season of <paramref name="compare"/>(value, centred moving average).</summary>
    private static double[] Average(IReadOnlyList<double> y, int season, Func<double, double, double?> compare)
    {
        var n = y.Count;
        var sums = new double[season];
        var counts = new int[season];
        var half = season / 2;
        for (var t = half; t < n - half; t++)
        {
            var total = 0.0;
            if (season % 2 == 0)
            {
                // 2×m moving average: half weights on both ends.
                total = 0.5 * y[t - half] + 0.5 * y[t + half];
                for (var j = t - half + 1; j < t + half; j++)
                {
                    total += y[j];
                }
            }
            else
            {
                for (var j = t - half; j <= t + half; j++)
                {
                    total += y[j];
                }
            }
            if (compare(y[t], total / season) is { } value)
            {
                sums[t % season] += value;
                counts[t % season]++;
            }
        }
        return [.. sums.Select((s, i) => counts[i] == 0 ? double.NaN : s / counts[i]).Select((v, i) => double.IsNaN(v) ? Neutral(compare) : v)];
    }

    private static double Neutral(Func<double, double, double?> compare) => compare(1, 1) ?? 1;

    /// <summary>The indices when the series tests seasonal (see <see cref="IsSeasonal"/>) and is positive; otherwise all ones.</summary>
    public static double[] IndicesIfSeasonal(IReadOnlyList<double> y, int season, int? minimumLength = null)
    {
        if (season <= 1)
        {
            return [1.0];
        }
        return IsSeasonal(y, season, minimumLength) && y.All(v => v > 0) ? MultiplicativeIndices(y, season) : [.. Enumerable.Repeat(1.0, season)];
    }
}
