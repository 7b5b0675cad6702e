using CostInsights.Core.Forecasts;

namespace CostInsights.Core.Tests.Forecasts;

public sealed class ForecastTotalTests
{
    private static readonly DateTime January = new(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Two months: $100 (80%: $90 to $120; 95%: $80 to $140) and $200 (80%: $150 to $230; 95%: $100 to $260).</summary>
    private static readonly ForecastPoint[] Months =
    [
        new(January, 100m, 90m, 120m, 80m, 140m),
        new(January.AddMonths(1), 200m, 150m, 230m, 100m, 260m),
    ];

    [Fact]
    public void Each_bound_reaches_from_the_total_by_its_share_of_the_months_reaches_added_up()
    {
        var total = ForecastTotal.Of(Months, 0.9, 0.95);

        total.Point.ShouldBe(300m);
        // 80%: the months reach 10 + 50 below and 20 + 30 above; 0.9 of each.
        (total.Lower80, total.Upper80).ShouldBe((246m, 345m));
        // 95%: 20 + 100 below and 40 + 60 above; 0.95 of each.
        (total.Lower95, total.Upper95).ShouldBe((186m, 395m));
        total.HasIntervals.ShouldBeTrue();
    }

    [Fact]
    public void A_total_never_reaches_less_than_independent_months_errors_would()
    {
        var total = ForecastTotal.Of(Months, 0.1, 0);

        // 80%: 0.1 × (10 + 50) is less than √(10² + 50²) = 50.990195; above, √(20² + 30²) = 36.055513.
        (total.Lower80, total.Upper80).ShouldBe((249.009805m, 336.055513m));
        // 95%: √(20² + 100²) = 101.980390 below, √(40² + 60²) = 72.111026 above.
        (total.Lower95, total.Upper95).ShouldBe((198.019610m, 372.111026m));
    }

    [Fact]
    public void A_lower_bound_stops_at_zero_and_a_total_without_shares_has_no_interval()
    {
        var wide = ForecastTotal.Of(Months, 5, 6);
        wide.Lower80.ShouldBe(0m);
        wide.Upper80.ShouldBe(550m);

        var none = ForecastTotal.Of(Months, null, null);
        none.Point.ShouldBe(300m);
        (none.Lower80, none.Upper80, none.Lower95, none.Upper95).ShouldBe((null, null, null, null));
        none.HasIntervals.ShouldBeFalse();
        ForecastTotal.Of(Months, double.NaN, 0.8).HasIntervals.ShouldBeFalse();
    }
}
