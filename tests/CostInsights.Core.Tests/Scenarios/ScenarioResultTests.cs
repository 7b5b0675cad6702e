using CostInsights.Core.Scenarios;

namespace CostInsights.Core.Tests.Scenarios;

public sealed class ScenarioResultTests
{
    private static readonly DateTime January = new(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_totals_get_the_run_s_intervals_and_a_one_time_cost_moves_the_scenario_s_whole()
    {
        // Two months each: the baseline $100 and $200 reaching $20 either side at 80% and $40 at 95%; the scenario half of it.
        CostMonth Month(int h, decimal point, decimal reach) =>
            new(January.AddMonths(h), point, point - reach, point + reach, point - 2 * reach, point + 2 * reach);
        var result = new ScenarioResult([Month(0, 100m, 20m), Month(1, 200m, 20m)], [Month(0, 50m, 10m), Month(1, 100m, 10m)], 30m, null)
        {
            TotalShare80 = 0.9,
            TotalShare95 = 0.9,
        };

        // 0.9 × $40 = $36 either side of $300; at 95%, 0.9 × $80 = $72.
        (result.BaselineRange.Point, result.BaselineRange.Lower80, result.BaselineRange.Upper80).ShouldBe((300m, 264m, 336m));
        (result.BaselineRange.Lower95, result.BaselineRange.Upper95).ShouldBe((228m, 372m));
        // $150 plus the one-time $30, 0.9 × $20 = $18 either side.
        (result.ScenarioRange.Point, result.ScenarioRange.Lower80, result.ScenarioRange.Upper80).ShouldBe((180m, 162m, 198m));
        result.ScenarioRange.Point.ShouldBe(result.ScenarioTotal);

        var unshared = result with { TotalShare80 = null, TotalShare95 = null };
        unshared.BaselineRange.HasIntervals.ShouldBeFalse();
        unshared.ScenarioRange.Point.ShouldBe(180m);
    }
}
