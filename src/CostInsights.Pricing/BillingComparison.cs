namespace CostInsights.Pricing;

/// <summary>One month of a workload: its tokens and what they cost per token.</summary>
public sealed record MonthlyWorkload(DateTime Month, long InputTokens, long OutputTokens, decimal TokenCost);

/// <summary>The same month under both schemes.</summary>
public sealed record ComparedMonth(
    DateTime Month, long InputTokens, long OutputTokens, decimal TokenCost, decimal ComputeTimeCost,
    int Units, decimal Utilisation, decimal EffectiveInputPerMillion, decimal EffectiveOutputPerMillion, decimal ComputeSeconds);

/// <summary>Monthly cost at a monthly volume, for both schemes; volume in millions of token-equivalents <c>I + w·O</c>.</summary>
public sealed record CostCurvePoint(decimal MillionTokenEquivalents, decimal TokenCost, decimal ComputeTimeCost);

/// <summary>A workload's months under both schemes and its cost curve.</summary>
/// <param name="BreakevenMillionTokenEquivalents">The smallest monthly volume from which compute-time billing costs less; null when it never does in the
/// range.</param>
/// <param name="TokenCostPerMillionEquivalents">Per-token cost of one token-equivalent at the workload's mix of input and output.</param>
public sealed record BillingComparisonResult(
    IReadOnlyList<ComparedMonth> Months,
    IReadOnlyList<CostCurvePoint> Curve,
    decimal? BreakevenMillionTokenEquivalents,
    decimal TokenCostPerMillionEquivalents,
    decimal OutputWeight);

/// <summary>
/// Prices a workload's months under a capacity offer beside what they cost per token, and draws
/// both schemes' monthly cost against monthly volume to find the breakeven. Provisioned capacity is
/// sized for each month's compute seconds at the target utilisation, in whole units.
/// </summary>
public static class BillingComparison
{
    private const decimal Million = 1_000_000m;

    public static BillingComparisonResult Compare(IReadOnlyList<MonthlyWorkload> months, CapacityTerms offer, decimal targetUtilisation, int curvePoints = 40)
    {
        var w = offer.OutputWeight;
        var compared = months.Select(m =>
        {
            var hours = (decimal)DateTime.DaysInMonth(m.Month.Year, m.Month.Month) * 24m;
            var quote = CapacityConversion.Quote(m.InputTokens, m.OutputTokens, hours, targetUtilisation, offer);
            return new ComparedMonth(m.Month, m.InputTokens, m.OutputTokens, m.TokenCost, quote.ComputeTimeCost, quote.Units, quote.Utilisation,
                quote.EffectiveInputPerMillion, quote.EffectiveOutputPerMillion, quote.ComputeSeconds);
        }).ToList();

        var input = months.Sum(m => m.InputTokens);
        var output = months.Sum(m => m.OutputTokens);
        var equivalents = input + w * output;
        var perMillion = equivalents == 0 ? 0m : months.Sum(m => m.TokenCost) / equivalents * Million;
        // Share of token-equivalents that are input, to turn a volume back into input and output tokens.
        var inputShare = equivalents == 0 ? 1m : input / equivalents;
        var largest = compared.Count == 0 ? 0m : compared.Max(m => m.InputTokens + w * m.OutputTokens);
        var top = Math.Max(largest * 2m, Million);
        var curve = Enumerable.Range(0, curvePoints + 1).Select(i =>
        {
            var volume = top * i / curvePoints;
            return Point(volume, inputShare, w, perMillion, offer, targetUtilisation);
        }).ToList();
        return new BillingComparisonResult(compared, curve, Breakeven(top, inputShare, w, perMillion, offer, targetUtilisation), perMillion, w);
    }

    private static CostCurvePoint Point(decimal volume, decimal inputShare, decimal w, decimal perMillion, CapacityTerms offer, decimal utilisation)
    {
        var inputTokens = (long)(volume * inputShare);
        var outputTokens = w == 0 ? 0 : (long)(volume * (1 - inputShare) / w);
        var quote = CapacityConversion.Quote(inputTokens, outputTokens, 730m, utilisation, offer);
        return new CostCurvePoint(volume / Million, volume / Million * perMillion, quote.ComputeTimeCost);
    }

    /// <summary>Bisection on volume for where compute-time first costs no more than per-token billing.</summary>
    private static decimal? Breakeven(decimal top, decimal inputShare, decimal w, decimal perMillion, CapacityTerms offer, decimal utilisation)
    {
        bool Cheaper(decimal volume)
        {
            var p = Point(volume, inputShare, w, perMillion, offer, utilisation);
            return p.ComputeTimeCost <= p.TokenCost;
        }
        var high = top * 50m;
        if (perMillion <= 0 || !Cheaper(high))
        {
            return null;
        }
        var low = 0m;
        for (var i = 0; i < 60 && high - low > 1m; i++)
        {
            var mid = (low + high) / 2m;
            if (Cheaper(mid))
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }
        return Math.Round(high / Million, 3);
    }
}
