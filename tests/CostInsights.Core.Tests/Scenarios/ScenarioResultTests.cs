using CostInsights.Core.Forecasts;
using CostInsights.Core.Scenarios;

namespace CostInsights.Core.Tests.Scenarios;

public sealed class ScenarioResultTests
{
    private static readonly DateTime January = new(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A month's cost reaching <paramref name="reach"/> either side of its point at 80%, twice that at 95%.</summary>
    private static ForecastPoint Month(int h, decimal point, decimal reach) =>
        new(January.AddMonths(h), point, point - reach, point + reach, point - 2 * reach, point + 2 * reach);

    [Fact]
    public void The_totals_get_the_run_s_intervals_and_a_one_time_cost_moves_the_scenario_s_whole()
    {
        // Two months each: the baseline $100 and $200 reaching $20 either side at 80% and $40 at 95%; the scenario half of it.
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

    [Fact]
    public void The_saving_is_taken_at_each_bound_of_the_volumes_and_its_low_end_can_be_a_loss()
    {
        // The scenario is half the baseline at every bound: each month saves $50 or $100, reaching $10 either side at 80%.
        var half = new ScenarioResult([Month(0, 100m, 20m), Month(1, 200m, 20m)], [Month(0, 50m, 10m), Month(1, 100m, 10m)], 30m, null)
        {
            TotalShare80 = 0.9,
            TotalShare95 = 0.9,
        };

        // $150 less the one-time $30; 0.9 × $20 = $18 either side at 80%, 0.9 × $40 = $36 at 95%.
        var saving = half.SavingRange;
        (saving.Point, saving.Lower80, saving.Upper80, saving.Lower95, saving.Upper95).ShouldBe((120m, 102m, 138m, 84m, 156m));
        saving.Point.ShouldBe(half.Saving);
        // Subtracting the totals' intervals as if they strayed apart would have given $66 to $174 at 80%.
        (half.BaselineRange.Lower80 - half.ScenarioRange.Upper80).ShouldBe(66m);

        // A flat $100 a month (capacity bought whatever the volumes): the low volumes cost the baseline $20 less than the scenario.
        ForecastPoint Flat(int h) => new(January.AddMonths(h), 100m, 100m, 100m, 100m, 100m);
        var flat = half with { Scenario = [Flat(0), Flat(1)], OneTimeCost = 0m };
        (flat.SavingRange.Point, flat.SavingRange.Lower80, flat.SavingRange.Upper80).ShouldBe((100m, 64m, 136m));
        var loss = flat with { Baseline = [Month(0, 100m, 20m), Month(1, 100m, 20m)] };
        (loss.SavingRange.Point, loss.SavingRange.Lower80, loss.SavingRange.Lower95).ShouldBe((0m, -36m, -72m), "a saving's low end is not held at zero");

        (half with { TotalShare80 = null, TotalShare95 = null }).SavingRange.HasIntervals.ShouldBeFalse();
    }
}
