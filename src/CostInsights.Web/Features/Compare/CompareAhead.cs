using CostInsights.Core.Forecasts;
using CostInsights.Pricing;

namespace CostInsights.Web.Features.Compare;

/// <summary>A forecast month of a workload under both schemes, each with the cost at the forecast's low and high 80% bounds.</summary>
public sealed record AheadMonth(DateTime Month, long InputTokens, long OutputTokens, decimal TokenCost, decimal TokenLow80, decimal TokenHigh80,
    decimal ComputeTimeCost, decimal ComputeTimeLow80, decimal ComputeTimeHigh80, int Units)
{
    public bool ComputeTimeCheaper => ComputeTimeCost < TokenCost;
}

/// <summary>
/// The newest forecast of a workload priced both ways, month by month: per token, its forecast per-token spend with that forecast's
/// 80% interval (as the Forecasts page gives it); under compute time, the capacity the forecast volumes need at the target
/// utilisation, in whole units, quoted at the point and at the volumes' low and high 80% bounds.
/// </summary>
public sealed record CompareAhead(DateTime RunAt, IReadOnlyList<AheadMonth> Months)
{
    public decimal TokenTotal => Months.Sum(m => m.TokenCost);

    public decimal ComputeTimeTotal => Months.Sum(m => m.ComputeTimeCost);

    /// <summary>
    /// The months of the series' input and output tokens and per-token spend forecast in one run, under the offer; null when the run
    /// forecast one of the three not at all (a workload too new or too small to forecast).
    /// </summary>
    public static CompareAhead? Of(DateTime runAt, IReadOnlyList<ForecastPoint>? input, IReadOnlyList<ForecastPoint>? output,
        IReadOnlyList<ForecastPoint>? spend, CapacityTerms offer, decimal utilisation)
    {
        if (input is not { Count: > 0 } || output is null || spend is null)
        {
            return null;
        }
        var months = new List<AheadMonth>();
        foreach (var i in input)
        {
            if (output.FirstOrDefault(o => o.Month == i.Month) is not { } o || spend.FirstOrDefault(s => s.Month == i.Month) is not { } s)
            {
                continue;
            }
            var hours = DateTime.DaysInMonth(i.Month.Year, i.Month.Month) * 24m;
            CapacityQuote Quote(decimal inputTokens, decimal outputTokens) =>
                CapacityConversion.Quote(Tokens(inputTokens), Tokens(outputTokens), hours, utilisation, offer);
            var point = Quote(i.Point, o.Point);
            months.Add(new AheadMonth(i.Month, Tokens(i.Point), Tokens(o.Point), s.Point, s.Lower80, s.Upper80,
                point.ComputeTimeCost, Quote(i.Lower80, o.Lower80).ComputeTimeCost, Quote(i.Upper80, o.Upper80).ComputeTimeCost, point.Units));
        }
        return months.Count == 0 ? null : new CompareAhead(runAt, months);
    }

    /// <summary>A forecast count of tokens, whole and never below none.</summary>
    private static long Tokens(decimal forecast) => (long)Math.Round(Math.Max(0m, forecast));
}
