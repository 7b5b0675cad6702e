using CostInsights.Core.Forecasts;

namespace CostInsights.Core.Scenarios;

/// <summary>A month's cost: the point and its 80% and 95% bounds.</summary>
public sealed record CostMonth(DateTime Month, decimal Point, decimal Lower80, decimal Upper80, decimal Lower95, decimal Upper95);

/// <summary>
/// A scenario's months beside the baseline's, its one-time cost, and what it saves. The baseline is the
/// forecast's per-token spend, unless <paramref name="ContractInBaseline"/>: then today's contract bills its models.
/// </summary>
public sealed record ScenarioResult(IReadOnlyList<CostMonth> Baseline, IReadOnlyList<CostMonth> Scenario, decimal OneTimeCost, decimal? QualityRetention,
    bool ContractInBaseline = false)
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

    private ForecastTotal Range(IReadOnlyList<CostMonth> months) => ForecastTotal.Of(
        [.. months.Select(m => new ForecastPoint(m.Month, m.Point, m.Lower80, m.Upper80, m.Lower95, m.Upper95))], TotalShare80, TotalShare95);

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
