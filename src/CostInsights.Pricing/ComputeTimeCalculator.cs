namespace CostInsights.Pricing;

/// <summary>Compute-time arithmetic from DESIGN: seconds a token workload needs, and what they cost.</summary>
public static class ComputeTimeCalculator
{
    /// <summary><c>S = (I/θ_in + O/θ_out) / efficiency</c>.</summary>
    public static decimal ComputeSeconds(long inputTokens, long outputTokens, ComputeRates rates, decimal efficiency = 1m)
    {
        if (rates.InputTokensPerSecond <= 0 || rates.OutputTokensPerSecond <= 0)
        {
            throw new ArgumentException("Throughput must be positive.", nameof(rates));
        }
        if (efficiency is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(efficiency), "Efficiency is a share in (0, 1].");
        }
        var seconds = inputTokens / rates.InputTokensPerSecond + outputTokens / rates.OutputTokensPerSecond;
        return efficiency == 1m ? seconds : seconds / efficiency;
    }

    /// <summary>On-demand compute-time cost: <c>S · rate_per_second</c>.</summary>
    public static decimal Cost(decimal computeSeconds, ComputeRates rates) => computeSeconds * rates.RatePerComputeSecond;
}
