namespace CostInsights.Forecasting.Arima;

/// <summary>
/// A seasonal ARIMA(p,d,q)(P,D,Q)[m] model's orders, and whether it has a constant: a mean when nothing is differenced, a
/// drift when one difference is taken (none with more, as R's <c>auto.arima</c>).
/// </summary>
public readonly record struct ArimaOrder(int P, int D, int Q, int SeasonalP, int SeasonalD, int SeasonalQ, int Period, bool Constant)
{
    /// <summary>How many ARMA coefficients the model has.</summary>
    public int ArmaCount => P + Q + SeasonalP + SeasonalQ;

    /// <summary>Differences taken in all, seasonal ones included.</summary>
    public int Differences => D + SeasonalD;

    /// <summary>Whether the constant is a drift (a slope in time) rather than a mean.</summary>
    public bool HasDrift => Constant && Differences == 1;

    /// <summary>Whether the constant is a mean.</summary>
    public bool HasMean => Constant && Differences == 0;

    /// <summary>The model as R's forecast package names it, e.g. "ARIMA(0,1,1)(0,1,1)[12]" or "ARIMA(1,1,0) with drift".</summary>
    public override string ToString()
    {
        var name = $"ARIMA({P},{D},{Q})";
        if (Period > 1 && SeasonalP + SeasonalD + SeasonalQ > 0)
        {
            name += $"({SeasonalP},{SeasonalD},{SeasonalQ})[{Period}]";
        }
        if (HasDrift)
        {
            return name + " with drift";
        }
        if (HasMean)
        {
            return name + " with non-zero mean";
        }
        return Differences == 0 ? name + " with zero mean" : name;
    }
}
