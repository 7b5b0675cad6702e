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
        var damped = TrendPart(spec, phi, s);
        var trended = s.Level + damped;
        return spec.Season switch
        {
            SeasonType.Additive => trended + s.Seasonals[s.Next],
            SeasonType.Multiplicative => trended * s.Seasonals[s.Next],
            _ => trended,
        };
    }

    /// <summary>Advances the states by one observation; returns the error (relative for multiplicative error).</summary>
    public static double Step(EtsSpec spec, double alpha, double beta, double gamma, double phi, State s, double y)
    {
        var trendPart = TrendPart(spec, phi, s);
        var t = s.Level + trendPart;
        var season = spec.Season == SeasonType.None ? 0 : s.Seasonals[s.Next];
        var mu = spec.Season switch { SeasonType.Additive => t + season, SeasonType.Multiplicative => t * season, _ => t };
        double e, level, trend, newSeason = season;
        if (spec.Error == ErrorType.Additive)
        {
            e = y - mu;
            switch (spec.Season)
            {
                case SeasonType.Multiplicative:
                    level = t + alpha * e / season;
                    trend = trendPart + beta * e / season;
                    newSeason = season + gamma * e / t;
                    break;
                default:
                    level = t + alpha * e;
                    trend = trendPart + beta * e;
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
                    level = t + alpha * mu * e;
                    trend = trendPart + beta * mu * e;
                    newSeason = season + gamma * mu * e;
                    break;
                case SeasonType.Multiplicative:
                    level = t * (1 + alpha * e);
                    trend = trendPart + beta * t * e;
                    newSeason = season * (1 + gamma * e);
                    break;
                default:
                    level = t * (1 + alpha * e);
                    trend = trendPart + beta * t * e;
                    break;
            }
        }
        s.Level = level;
        s.Trend = spec.Trend == TrendType.None ? 0 : trend;
        if (spec.Season != SeasonType.None)
        {
            s.Seasonals[s.Next] = newSeason;
            s.Next = (s.Next + 1) % s.Seasonals.Length;
        }
        return e;
    }

    private static double TrendPart(EtsSpec spec, double phi, State s) => spec.Trend switch
    {
        TrendType.Additive => s.Trend,
        TrendType.Damped => phi * s.Trend,
        _ => 0,
    };
}
