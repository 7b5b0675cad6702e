using CostInsights.Core.Forecasts;

namespace CostInsights.Core.Scenarios;

/// <summary>
/// A scenario's months of cost, each with its 80% and 95% bounds, beside the baseline's, its one-time cost, and what it saves.
/// The baseline is the forecast's per-token spend, unless <paramref name="ContractInBaseline"/>: then today's contract bills its models.
/// </summary>
public sealed record ScenarioResult(IReadOnlyList<ForecastPoint> Baseline, IReadOnlyList<ForecastPoint> Scenario, decimal OneTimeCost,
    decimal? QualityRetention, bool ContractInBaseline = false)
{
    /// <summary>The forecast run's shares of the months' reaches that the interval of their total needs (<see cref="ForecastTotal"/>).</summary>
    public double? TotalShare80 { get; init; }

    /// <summary>As <see cref="TotalShare80"/>, at 95%.</summary>
    public double? TotalShare95 { get; init; }

    public decimal BaselineTotal => Baseline.Sum(m => m.Point);

    /// <summary>The baseline's total with its intervals, where the forecast run calibrated them.</summary>
    public ForecastTotal BaselineRange => Range(Baseline);

    /// <summary>The scenario's total, its one-time cost included, with its intervals where the forecast run calibrated them.</summary>
    public ForecastTotal ScenarioRange => Range(Scenario).Plus(OneTimeCost);

    public decimal ScenarioTotal => Scenario.Sum(m => m.Point) + OneTimeCost;

    /// <summary>Baseline minus scenario over the period, the one-time cost included: positive when the scenario saves.</summary>
    public decimal Saving => BaselineTotal - ScenarioTotal;

    /// <summary>
    /// The saving with its intervals, where the forecast run calibrated them. The baseline and the scenario price the same volumes, so
    /// their bounds cannot be subtracted as if they strayed apart: each month's saving is taken at each bound of its volumes, the low and
    /// the high volumes priced both ways, its interval reaching from the least of the two savings to the greatest. The months then add up
    /// as the totals' do, and the one-time cost, which has no uncertainty of its own, comes off the whole. A saving can be a loss, so
    /// its lower bound is not held at zero.
    /// </summary>
    public ForecastTotal SavingRange
    {
        get
        {
            var months = Baseline.Zip(Scenario, (b, s) =>
            {
                decimal At(Func<ForecastPoint, decimal> bound) => bound(b) - bound(s);
                // Where a lever's cost steps with volume (capacity bought in whole units), the saving need not move one way with
                // the volumes; each interval then holds the point and the narrower interval too.
                decimal[] at80 = [At(m => m.Point), At(m => m.Lower80), At(m => m.Upper80)];
                decimal[] at95 = [.. at80, At(m => m.Lower95), At(m => m.Upper95)];
                return new ForecastPoint(b.Month, at80[0], at80.Min(), at80.Max(), at95.Min(), at95.Max());
            }).ToList();
            return ForecastTotal.Of(months, TotalShare80, TotalShare95, floor: null).Plus(-OneTimeCost);
        }
    }

    private ForecastTotal Range(IReadOnlyList<ForecastPoint> months) => ForecastTotal.Of(months, TotalShare80, TotalShare95);

    /// <summary>The first month whose cumulative saving covers the one-time cost; null if none within the period.</summary>
    public DateTime? PaybackMonth
    {
        get
        {
            var cumulative = -OneTimeCost;
            for (var i = 0; i < Baseline.Count; i++)
            {
                cumulative += Baseline[i].Point - Scenario[i].Point;
                if (cumulative >= 0 && (OneTimeCost > 0 || Baseline[i].Point > Scenario[i].Point))
                {
                    return Baseline[i].Month;
                }
            }
            return null;
        }
    }
}
