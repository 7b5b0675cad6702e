namespace CostInsights.Forecasting.Learned;

/// <summary>
/// An order of a run's series that depends on their values alone, so that a model trained across them is the same whatever
/// order they were given in.
/// </summary>
internal static class SeriesFingerprint
{
    /// <summary>FNV-1a over the phase and the values' bits: the same for the same series, in any run.</summary>
    public static ulong Of(IReadOnlyList<double> history, int? phase = null)
    {
        var hash = (14695981039346656037UL ^ (ulong)(phase ?? -1)) * 1099511628211UL;
        foreach (var v in history)
        {
            hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(v)) * 1099511628211UL;
        }
        return hash;
    }

    /// <summary>The indices of the series, in the order of their fingerprints (ties, identical series, in their given order).</summary>
    public static IEnumerable<int> Order(IReadOnlyList<IReadOnlyList<double>> histories, IReadOnlyList<int>? phases = null) =>
        Enumerable.Range(0, histories.Count).OrderBy(i => Of(histories[i], phases?[i])).ThenBy(i => i);
}
