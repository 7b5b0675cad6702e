using CostInsights.Forecasting.Baselines;

namespace CostInsights.Forecasting.Tests.Baselines;

public sealed class BaselineTests
{
    private static readonly double[] Levels = [80, 95];

    [Fact]
    public void Seasonal_naive_repeats_the_last_season_with_widening_steps()
    {
        // Season 4: 10 20 30 40 | 12 22 32 42. Seasonal differences: 2, 2, 2, 2 → σ = 2.
        double[] history = [10, 20, 30, 40, 12, 22, 32, 42];
        var forecast = Baseline.SeasonalNaive(history, season: 4, horizon: 6, Levels);
        forecast.Points.ShouldBe([12, 22, 32, 42, 12, 22]);
        var i95 = forecast.At(95);
        // h = 1..4: 1.959964 × 2 × √1; h = 5, 6: × √2.
        i95.Upper[0].ShouldBe(12 + 1.959964 * 2, 1e-5);
        i95.Upper[4].ShouldBe(12 + 1.959964 * 2 * Math.Sqrt(2), 1e-5);
        forecast.At(80).Lower[0].ShouldBe(12 - 1.281552 * 2, 1e-5);
    }

    [Fact]
    public void Drift_extends_the_average_change_with_the_textbook_interval()
    {
        // 1, 3, 4, 8: drift = (8 − 1) / 3 = 7/3; residuals of the differences 2, 1, 4 about 7/3:
        // −1/3, −4/3, 5/3 → Σr² = 42/9, σ² = (42/9) / 2 = 7/3.
        double[] history = [1, 3, 4, 8];
        var forecast = Baseline.NaiveWithDrift(history, horizon: 2, Levels);
        forecast.Points[0].ShouldBe(8 + 7.0 / 3, 1e-12);
        forecast.Points[1].ShouldBe(8 + 14.0 / 3, 1e-12);
        var sigma = Math.Sqrt(7.0 / 3);
        forecast.At(95).Upper[1].ShouldBe(forecast.Points[1] + 1.959964 * sigma * Math.Sqrt(2 * (1 + 2.0 / 3)), 1e-5);
    }

    [Fact]
    public void Spend_never_goes_below_zero()
    {
        double[] falling = [100, 60, 30, 5];
        var forecast = Baseline.NaiveWithDrift(falling, horizon: 3, Levels, nonNegative: true);
        forecast.Points.ShouldAllBe(p => p >= 0);
        forecast.At(95).Lower.ShouldAllBe(v => v >= 0);
    }

    [Fact]
    public void Too_short_a_history_is_refused_with_what_is_needed()
    {
        Should.Throw<ArgumentException>(() => Baseline.SeasonalNaive([1, 2, 3], 12, 1, Levels)).Message
            .ShouldStartWith("Seasonal naive (a season of 12) needs at least 12 periods of history; it has 3.");
        Should.Throw<ArgumentException>(() => Baseline.NaiveWithDrift([5], 1, Levels)).Message.ShouldContain("needs at least 2 periods of history; it has 1");
        Should.Throw<ArgumentException>(() => Baseline.NaiveWithDrift([1, double.NaN], 1, Levels)).Message
            .ShouldContain("not a finite number, in period 2 of 2");
    }
}
