using CostInsights.Forecasting.Arima;
using CostInsights.Forecasting.Learned;

namespace CostInsights.Forecasting.Tests.Robustness;

/// <summary>
/// Token counts run to billions a month and costs to fractions of a cent: a model must forecast a series alike whatever unit
/// it is counted in, and one series idle for a while must not change how every other series of the run is forecast.
/// </summary>
public sealed class UnitOfMeasureTests
{
    private static readonly double[] Levels = [80, 95];

    [Theory]
    [InlineData(1e-3)]
    [InlineData(1e9)]
    public void Arima_chooses_the_same_model_and_forecast_in_any_unit(double unit)
    {
        var withCoefficientsAndConstant = 0;
        foreach (var series in BenchmarkData.M3Monthly.Take(60))
        {
            var original = AutoArima.Select(series.Train, 12).ShouldNotBeNull();
            var scaled = AutoArima.Select([.. series.Train.Select(v => v * unit)], 12).ShouldNotBeNull();
            scaled.Order.ShouldBe(original.Order, series.Id);
            var (a, b) = (original.Forecast(6, Levels), scaled.Forecast(6, Levels));
            for (var h = 0; h < 6; h++)
            {
                // The likelihood is the same up to a constant, but the optimiser stops on a change relative to its value, as R's
                // does, so a fit in another unit stops a little sooner or later on a flat likelihood: within 2%, not more.
                (b.Points[h] / unit).ShouldBe(a.Points[h], Math.Abs(a.Points[h]) * 0.02, $"{series.Id}, step {h + 1}");
                (b.At(95).Upper[h] / unit).ShouldBe(a.At(95).Upper[h], Math.Abs(a.At(95).Upper[h]) * 0.02, $"{series.Id}, step {h + 1}");
            }
            withCoefficientsAndConstant += original.Order.Constant && original.Order.ArmaCount > 0 ? 1 : 0;
        }
        // The models whose covariance mixes a coefficient near one with a constant in the series' unit are the ones at stake.
        withCoefficientsAndConstant.ShouldBeGreaterThan(5);
    }

    [Fact]
    public void A_series_idle_for_a_season_is_measured_in_its_own_size_not_in_its_unit()
    {
        var random = new Random(9);
        var family = Enumerable.Range(0, 30).Select(_ => Enumerable.Range(0, 60)
            .Select(t => 1_000 * (1 + 0.3 * Math.Sin(2 * Math.PI * t / 12)) * (1 + 0.1 * (random.NextDouble() - 0.5))).ToArray()).ToList();
        // Counted in millions, used for two years, idle for fourteen months, then used again over the months held out.
        double[] idle = [.. Enumerable.Range(0, 60).Select(t => t is >= 24 and < 54 ? 0 : 5e6 * (1 + 0.3 * Math.Sin(2 * Math.PI * t / 12)))];
        var alone = GlobalBoostedModel.Forecast([.. family], 12, 6, Levels);
        var together = GlobalBoostedModel.Forecast([.. family, idle], 12, 6, Levels);
        together[^1].ShouldNotBeNull();
        // Its return after a year idle is a large error for its size, one among the run's 31 series, and the 95% bounds feel
        // it; counted in its own unit (millions), it widened every other series' interval a millionfold.
        for (var i = 0; i < family.Count; i++)
        {
            double Width(Forecast? f) => f.ShouldNotBeNull().At(95).Upper.Zip(f!.At(95).Lower, (u, l) => u - l).Average();
            Width(together[i]).ShouldBeLessThan(10 * Width(alone[i]), $"series {i}: its 95% interval, with the idle series in the run and without");
        }
    }
}
