using MathNet.Numerics.Distributions;

namespace CostInsights.Forecasting.Ets;

/// <summary>
/// The standard normal draws of ETS's simulated paths, in the order the paths take them. Every simulation starts the same
/// seeded stream, so its draws are the same numbers whatever the model: they are drawn once, for the longest simulation
/// asked for yet, and each model scales them by its σ (to the bit what drawing them anew with that σ gives).
/// </summary>
internal static class StandardDraws
{
    /// <summary>The most draws kept between simulations (1,000 paths five years of months ahead); longer ones draw anew.</summary>
    private const int MostKept = 60_000;

    private static readonly Lock Drawing = new();
    private static double[] s_drawn = [];

    /// <summary>At least the first <paramref name="count"/> draws of the stream seeded with ETS's seed.</summary>
    public static ReadOnlySpan<double> First(int count)
    {
        var drawn = Volatile.Read(ref s_drawn);
        if (drawn.Length >= count)
        {
            return drawn;
        }
        if (count > MostKept)
        {
            return Draw(count);
        }
        lock (Drawing)
        {
            if (s_drawn.Length < count)
            {
                Volatile.Write(ref s_drawn, Draw(count));
            }
            return s_drawn;
        }
    }

    private static double[] Draw(int count)
    {
        var normal = new Normal(0, 1, new Random(Ets.Seed));
        var draws = new double[count];
        for (var i = 0; i < count; i++)
        {
            draws[i] = normal.Sample();
        }
        return draws;
    }
}
