using MathNet.Numerics.Distributions;

namespace CostInsights.Forecasting.Ets;

/// <summary>
/// The standard normal draws of ETS's simulated paths, in the order the paths take them. Every simulation starts the same
/// seeded stream, so its draws are the same numbers whatever the model: they are drawn once, for the longest simulation
/// asked for yet, and each model scales them by its σ (to the bit what drawing them anew with that σ gives).
/// </summary>
internal static class StandardDraws
{
    private static readonly Lock Drawing = new();
    private static double[] s_drawn = [];

    /// <summary>At least the first <paramref name="count"/> draws of the stream seeded with <paramref name="seed"/>.</summary>
    public static ReadOnlySpan<double> First(int count, int seed)
    {
        var drawn = Volatile.Read(ref s_drawn);
        if (drawn.Length >= count)
        {
            return drawn;
        }
        lock (Drawing)
        {
            if (s_drawn.Length < count)
            {
                var normal = new Normal(0, 1, new Random(seed));
                var more = new double[count];
                for (var i = 0; i < count; i++)
                {
                    more[i] = normal.Sample();
                }
                Volatile.Write(ref s_drawn, more);
            }
            return s_drawn;
        }
    }
}
