namespace CostInsights.Pricing;

/// <summary>A capacity offer reduced to its arithmetic: throughput of one unit and what a unit costs.</summary>
public sealed record CapacityTerms(
    decimal InputTokensPerSecond,
    decimal OutputTokensPerSecond,
    decimal RatePerUnitHour,
    int MinimumUnits = 1,
    int UnitIncrement = 1,
    decimal? RatePerComputeSecond = null)
{
    /// <summary>How many input tokens one output token weighs: the time one output token takes, in input tokens.</summary>
    public decimal OutputWeight => InputTokensPerSecond / OutputTokensPerSecond;

    /// <summary>An offer sold as tokens per minute of token-equivalents <c>I + w·O</c>.</summary>
    public static CapacityTerms FromTokensPerMinute(decimal tokensPerMinute, decimal outputWeight, decimal ratePerUnitHour, int minimumUnits = 1,
        int unitIncrement = 1) =>
        new(tokensPerMinute / 60m, tokensPerMinute / 60m / outputWeight, ratePerUnitHour, minimumUnits, unitIncrement);
}

/// <summary>What a token workload needs and costs under a capacity offer, and how that compares with per-token billing.</summary>
public sealed record CapacityQuote(
    decimal ComputeSeconds,
    int Units,
    decimal Utilisation,
    decimal ComputeTimeCost,
    decimal EffectiveInputPerMillion,
    decimal EffectiveOutputPerMillion);

/// <summary>
/// Conversion between the two billing schemes, as DESIGN.md sets it out: compute seconds a
/// workload needs, units to provision, the effective per-token price of compute-time billing,
/// sharing one capacity's cost, and the utilisation at which the two schemes cost the same.
/// </summary>
public static class CapacityConversion
{
    private const decimal Million = 1_000_000m;

    /// <summary><c>S = (I/θ_in + O/θ_out) / efficiency</c>.</summary>
    public static decimal ComputeSeconds(long inputTokens, long outputTokens, CapacityTerms offer, decimal efficiency = 1m) =>
        ComputeTimeCalculator.ComputeSeconds(inputTokens, outputTokens, new ComputeRates(offer.InputTokensPerSecond, offer.OutputTokensPerSecond, 0m),
            efficiency);

    /// <summary>
    /// Units for a peak load: <c>⌈peak_in/θ_in + peak_out/θ_out⌉</c>, at least the offer's minimum,
    /// above it in whole increments.
    /// </summary>
    public static int UnitsForPeak(decimal peakInputTokensPerSecond, decimal peakOutputTokensPerSecond, CapacityTerms offer)
    {
        var load = peakInputTokensPerSecond / offer.InputTokensPerSecond + peakOutputTokensPerSecond / offer.OutputTokensPerSecond;
        return RoundUp((int)Math.Ceiling(load), offer);
    }

    /// <summary>Units that do <paramref name="computeSeconds"/> of work in <paramref name="hours"/> while busy only <paramref name="utilisation"/> of the
    /// time.</summary>
    public static int UnitsFor(decimal computeSeconds, decimal hours, decimal utilisation, CapacityTerms offer)
    {
        if (utilisation is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(utilisation), "Utilisation is a share in (0, 1].");
        }
        return RoundUp((int)Math.Ceiling(computeSeconds / utilisation / (hours * 3600m)), offer);
    }

    /// <summary>Provisioned: <c>units · hours · rate</c>.</summary>
    public static decimal ProvisionedCost(int units, decimal hours, CapacityTerms offer) => units * hours * offer.RatePerUnitHour;

    /// <summary>Effective price of compute-time billing: <c>cost / (I + w·O) · 1e6</c> per token-equivalent; output costs w times input.</summary>
    public static (decimal Input, decimal Output) EffectivePricePerMillion(decimal computeTimeCost, long inputTokens, long outputTokens, decimal outputWeight)
    {
        var equivalents = inputTokens + outputWeight * outputTokens;
        if (equivalents == 0)
        {
            return (0m, 0m);
        }
        var perMillion = computeTimeCost / equivalents * Million;
        return (perMillion, perMillion * outputWeight);
    }

    /// <summary>The workload over a period under the offer: units for the utilisation given, what they cost, and the effective token prices.</summary>
    public static CapacityQuote Quote(long inputTokens, long outputTokens, decimal hours, decimal utilisation, CapacityTerms offer)
    {
        var seconds = ComputeSeconds(inputTokens, outputTokens, offer);
        decimal cost;
        int units;
        if (offer.RatePerComputeSecond is { } perSecond)
        {
            units = 0;
            cost = seconds * perSecond;
        }
        else
        {
            units = UnitsFor(seconds, hours, utilisation, offer);
            cost = ProvisionedCost(units, hours, offer);
        }
        var actualUtilisation = units == 0 ? 1m : seconds / (units * hours * 3600m);
        var (input, output) = EffectivePricePerMillion(cost, inputTokens, outputTokens, offer.OutputWeight);
        return new CapacityQuote(seconds, units, actualUtilisation, cost, input, output);
    }

    /// <summary>
    /// The share of provisioned capacity that must be busy for compute-time billing to cost what the
    /// same work costs per token: <c>(rate/3600) / (token cost / S)</c>. Above 1, per-token billing is
    /// always cheaper.
    /// </summary>
    public static decimal BreakevenUtilisation(decimal tokenCost, decimal computeSeconds, CapacityTerms offer)
    {
        if (tokenCost <= 0 || computeSeconds <= 0)
        {
            throw new ArgumentException("The workload must have a cost and take compute time.");
        }
        return offer.RatePerUnitHour / 3600m / (tokenCost / computeSeconds);
    }

    /// <summary>
    /// Splits a capacity's cost among its users by weight (compute seconds where known, else
    /// token-equivalents <c>I + w·O</c>), to the last digit: the parts sum to the whole.
    /// </summary>
    public static IReadOnlyDictionary<TKey, decimal> Share<TKey>(decimal total, IReadOnlyDictionary<TKey, decimal> weights) where TKey : notnull
    {
        var sum = weights.Values.Sum();
        if (weights.Count == 0 || sum <= 0)
        {
            throw new ArgumentException("Sharing needs at least one positive weight.", nameof(weights));
        }
        var shares = new Dictionary<TKey, decimal>();
        var given = 0m;
        var last = weights.Where(w => w.Value > 0).Last().Key;
        foreach (var (key, weight) in weights)
        {
            var share = key.Equals(last) ? 0m : Math.Round(total * weight / sum, 10);
            shares[key] = share;
            given += share;
        }
        shares[last] = total - given;
        return shares;
    }

    /// <summary>Token-equivalents of a workload: <c>I + w·O</c>.</summary>
    public static decimal TokenEquivalents(long inputTokens, long outputTokens, decimal outputWeight) => inputTokens + outputWeight * outputTokens;

    private static int RoundUp(int units, CapacityTerms offer)
    {
        if (units <= offer.MinimumUnits)
        {
            return offer.MinimumUnits;
        }
        var increment = Math.Max(1, offer.UnitIncrement);
        return offer.MinimumUnits + (int)Math.Ceiling((units - offer.MinimumUnits) / (decimal)increment) * increment;
    }
}
