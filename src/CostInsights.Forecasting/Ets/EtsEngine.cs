using System.Runtime.CompilerServices;

namespace CostInsights.Forecasting.Ets;

/// <summary>
/// The ETS recursions (Hyndman, Koehler, Ord and Snyder 2008, table 2.3) for additive and
/// multiplicative errors, no, additive or damped trend, and no, additive or multiplicative
/// seasonality. One step: <c>μ_t</c> from the states, the error, then the new states.
/// </summary>
internal static class EtsEngine
{
    public sealed class State(double level, double trend, double[] seasonals)
    {
        public double Level = level;
        public double Trend = trend;
        /// <summary>Ring of the last m seasonal states; <see cref="Next"/> is the one for the coming period.</summary>
        public double[] Seasonals = seasonals;
        public int Next;

        public State Copy() => new(Level, Trend, (double[])Seasonals.Clone()) { Next = Next };
    }

    /// <summary>The one-step forecast from the states.</summary>
    public static double Mean(EtsSpec spec, double phi, State s)
    {
        var trended = s.Level + TrendPart(spec, phi, s.Trend);
        return WithSeason(spec, trended, spec.Season == SeasonType.None ? 0 : s.Seasonals[s.Next]);
    }

    /// <summary>Advances the states by one observation; returns the error (relative for multiplicative error).</summary>
    public static double Step(EtsSpec spec, double alpha, double beta, double gamma, double phi, State s, double y) =>
        Advance(spec, alpha, beta, gamma, phi, ref s.Level, ref s.Trend, s.Seasonals, ref s.Next, y, out _);

    /// <summary>
    /// <see cref="Step"/> on states the caller holds (in locals, where a likelihood runs it thousands of times a fit);
    /// <paramref name="mu"/> is the one-step forecast the observation is measured against.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Advance(EtsSpec spec, double alpha, double beta, double gamma, double phi, ref double level, ref double trend,
        double[] seasonals, ref int next, double y, out double mu)
    {
        var trendPart = TrendPart(spec, phi, trend);
        var t = level + trendPart;
        var season = spec.Season == SeasonType.None ? 0 : seasonals[next];
        mu = WithSeason(spec, t, season);
        double e, newLevel, newTrend, newSeason = season;
        if (spec.Error == ErrorType.Additive)
        {
            e = y - mu;
            switch (spec.Season)
            {
                case SeasonType.Multiplicative:
                    newLevel = t + alpha * e / season;
                    newTrend = trendPart + beta * e / season;
                    newSeason = season + gamma * e / t;
                    break;
                default:
                    newLevel = t + alpha * e;
                    newTrend = trendPart + beta * e;
                    if (spec.Season == SeasonType.Additive)
                    {
                        newSeason = season + gamma * e;
                    }
                    break;
            }
        }
        else
        {
            e = (y - mu) / mu;
            switch (spec.Season)
            {
                case SeasonType.Additive:
                    newLevel = t + alpha * mu * e;
                    newTrend = trendPart + beta * mu * e;
                    newSeason = season + gamma * mu * e;
                    break;
                case SeasonType.Multiplicative:
                    newLevel = t * (1 + alpha * e);
                    newTrend = trendPart + beta * t * e;
                    newSeason = season * (1 + gamma * e);
                    break;
                default:
                    newLevel = t * (1 + alpha * e);
                    newTrend = trendPart + beta * t * e;
                    break;
            }
        }
        level = newLevel;
        trend = spec.Trend == TrendType.None ? 0 : newTrend;
        if (spec.Season != SeasonType.None)
        {
            seasonals[next] = newSeason;
            next = (next + 1) % seasonals.Length;
        }
        return e;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TrendPart(EtsSpec spec, double phi, double trend) => spec.Trend switch
    {
        TrendType.Additive => trend,
        TrendType.Damped => phi * trend,
        _ => 0,
    };

    /// <summary>The one-step forecast from the level with its trend and the season's state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double WithSeason(EtsSpec spec, double trended, double season) => spec.Season switch
    {
        SeasonType.Additive => trended + season,
        SeasonType.Multiplicative => trended * season,
        _ => trended,
    };
}
