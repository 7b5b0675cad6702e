namespace CostInsights.Forecasting.Ets;

public enum ErrorType { Additive, Multiplicative }

public enum TrendType { None, Additive, Damped }

public enum SeasonType { None, Additive, Multiplicative }

/// <summary>One model of the ETS family, named as in Hyndman et al. (2008): ANN, AAdA, MAM…</summary>
public sealed record EtsSpec(ErrorType Error, TrendType Trend, SeasonType Season)
{
    public override string ToString()
    {
        var error = Error == ErrorType.Additive ? "A" : "M";
        var trend = Trend switch { TrendType.None => "N", TrendType.Additive => "A", _ => "Ad" };
        var season = Season switch { SeasonType.None => "N", SeasonType.Additive => "A", _ => "M" };
        return error + trend + season;
    }

    /// <summary>The model as R's forecast package names it: ETS(M,Ad,M).</summary>
    public string Name
    {
        get
        {
            var name = ToString();
            return $"ETS({name[0]},{name[1..^1]},{name[^1]})";
        }
    }

    public bool IsMultiplicative => Error == ErrorType.Multiplicative || Season == SeasonType.Multiplicative;
}

/// <summary>A fitted ETS model: parameters, states at the end of the data, and its information criterion.</summary>
public sealed record EtsFit(
    EtsSpec Spec, int Season, double Alpha, double Beta, double Gamma, double Phi,
    double Level, double Trend, double[] Seasonals, double Sigma, double LogLikelihood, double Aicc, int Parameters)
{
    /// <summary>
    /// Whether its multiplicative error is as large as the level (σ ≥ 1): such a model no longer describes positive values,
    /// its variance grows by a factor of (1 + σ²) ≥ 2 a step, and its simulated paths spread without bound; its interval
    /// says nothing of how far the series may go.
    /// </summary>
    public bool Explosive => Spec.Error == ErrorType.Multiplicative && Sigma >= 1;
}
