namespace CostInsights.Forecasting;

/// <summary>Sample quantiles interpolated between the neighbouring order statistics (R's default, type 7).</summary>
public static class Quantiles
{
    /// <summary>The p-quantile of values sorted in ascending order; 0 of none.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }
        var position = p * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>
    /// The p-quantile of unsorted values, the same number <see cref="OfSorted"/> gives once they are sorted, found by
    /// selecting the two order statistics it needs rather than by sorting: a few quantiles of thousands of simulated values
    /// cost a pass or two over them each. The values are reordered; 0 of none.
    /// </summary>
    public static double Of(Span<double> values, double p)
    {
        if (values.Length == 0)
        {
            return 0;
        }
        if (!AllFinite(values))
        {
            values.Sort();
            return OfSorted(values.ToArray(), p);
        }
        var position = p * (values.Length - 1);
        var below = (int)Math.Floor(position);
        var low = Select(values, below);
        if (below + 1 >= values.Length)
        {
            return low;
        }
        // Selection leaves every value after the k-th no smaller than it: the next order statistic is the least of them.
        var high = double.PositiveInfinity;
        foreach (var value in values[(below + 1)..])
        {
            high = Math.Min(high, value);
        }
        return low + (position - below) * (high - low);
    }

    /// <summary>
    /// The k-th smallest value (from 0), by Hoare's selection with a median-of-three pivot; afterwards no value before index k
    /// is larger than it and none after is smaller. The values must be finite.
    /// </summary>
    private static double Select(Span<double> a, int k)
    {
        var (lo, hi) = (0, a.Length - 1);
        while (hi > lo)
        {
            var mid = lo + (hi - lo) / 2;
            if (a[mid] < a[lo])
            {
                (a[mid], a[lo]) = (a[lo], a[mid]);
            }
            if (a[hi] < a[lo])
            {
                (a[hi], a[lo]) = (a[lo], a[hi]);
            }
            if (a[hi] < a[mid])
            {
                (a[hi], a[mid]) = (a[mid], a[hi]);
            }
            var pivot = a[mid];
            var (i, j) = (lo, hi);
            while (i <= j)
            {
                while (a[i] < pivot)
                {
                    i++;
                }
                while (a[j] > pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }
            // Now a[lo..j] ≤ pivot ≤ a[i..hi], and whatever lies between equals the pivot.
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return a[k];
            }
        }
        return a[k];
    }

    /// <summary>Whether every value is a finite number.</summary>
    internal static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }
        return true;
    }
}
