namespace CostInsights.Forecasting;

/// <summary>What every method asks of a history before it forecasts: finite values, enough of them, and a horizon.</summary>
public static class History
{
    /// <summary>
    /// Throws an <see cref="ArgumentException"/> saying why when the history holds a value that is not a finite number (and
    /// where), has fewer than <paramref name="minimum"/> periods for <paramref name="method"/>, or the horizon is not positive.
    /// </summary>
    public static void Check(IReadOnlyList<double> history, int minimum, string method, int horizon = 1)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        for (var t = 0; t < history.Count; t++)
        {
            if (!double.IsFinite(history[t]))
            {
                throw new ArgumentException($"The history holds a value that is not a finite number, in period {t + 1} of {history.Count}.",
                    nameof(history));
            }
        }
        if (history.Count < minimum)
        {
            var periods = minimum == 1 ? "period" : "periods";
            throw new ArgumentException($"{method} needs at least {minimum} {periods} of history; it has {history.Count}.", nameof(history));
        }
    }
}
