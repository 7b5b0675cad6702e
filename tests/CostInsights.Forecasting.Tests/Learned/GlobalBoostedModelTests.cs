using CostInsights.Forecasting.Learned;

namespace CostInsights.Forecasting.Tests.Learned;

public sealed class GlobalBoostedModelTests
{
    private static readonly double[] Levels = [80, 95];

    /// <summary>Series of different sizes sharing one seasonal shape and growth, with a little noise, from a fixed seed.</summary>
    private static List<double[]> Family(int count, int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var size = 10 + 10_000 * random.NextDouble();
            return Enumerable.Range(0, length).Select(t => size * (1 + 0.01 * t) * (1 + 0.4 * Math.Sin(2 * Math.PI * t / 12))
                * (1 + 0.02 * (random.NextDouble() - 0.5))).ToArray();
        })];
    }

    [Fact]
    public void A_shape_shared_by_series_of_any_size_is_learned_and_forecast_at_each_series_scale()
    {
        var family = Family(60, 72, 7);
        var forecasts = GlobalBoostedModel.Forecast([.. family.Select(s => s[..60])], 12, 12, Levels);
        for (var i = 0; i < family.Count; i++)
        {
            var forecast = forecasts[i].ShouldNotBeNull();
            var actual = family[i][60..];
            var error = actual.Select((a, h) => Math.Abs(forecast.Points[h] - a) / a).Average();
            error.ShouldBeLessThan(0.05, $"series {i}: mean absolute percentage error");
            var band = forecast.At(95);
            for (var h = 0; h < 12; h++)
            {
                band.Lower[h].ShouldBeLessThanOrEqualTo(forecast.At(80).Lower[h]);
                band.Upper[h].ShouldBeGreaterThanOrEqualTo(forecast.At(80).Upper[h]);
            }
        }
    }

    [Fact]
    public void The_model_does_not_depend_on_the_order_of_the_series()
    {
        var family = Family(30, 48, 11);
        var forward = GlobalBoostedModel.Forecast([.. family], 12, 6, Levels);
        var backward = GlobalBoostedModel.Forecast([.. Enumerable.Reverse(family)], 12, 6, Levels);
        for (var i = 0; i < family.Count; i++)
        {
            forward[i]!.Points.ShouldBe(backward[family.Count - 1 - i]!.Points);
            forward[i]!.At(95).Upper.ShouldBe(backward[family.Count - 1 - i]!.At(95).Upper);
        }
    }

    [Fact]
    public void A_series_too_short_to_describe_gets_no_forecast_while_the_others_do()
    {
        var family = Family(20, 48, 3);
        IReadOnlyList<double>[] histories = [.. family, [1, 2, 3, 4, 5]];
        var forecasts = GlobalBoostedModel.Forecast(histories, 12, 6, Levels);
        forecasts[^1].ShouldBeNull();
        forecasts.Take(20).ShouldAllBe(f => f != null && f.Points.All(double.IsFinite));
    }

    /// <summary>
    /// Backtests reach further back than the horizon; the model that forecasts them must not have learned from the periods
    /// they forecast, or their errors would look smaller than a real forecast's and the intervals calibrated on them too narrow.
    /// </summary>
    [Fact]
    public void Backtests_are_forecast_by_a_model_that_never_saw_the_periods_they_forecast()
    {
        const int horizon = 6, reach = 9;
        var family = Family(30, 72, 5);
        var changed = family.Select(s => s.Select((v, t) => t >= s.Length - reach ? 3 * v : v).ToArray()).ToList();
        var before = GlobalBoostedModel.Train([.. family], 12, horizon, Levels, reach).ShouldNotBeNull();
        var after = GlobalBoostedModel.Train([.. changed], 12, horizon, Levels, reach).ShouldNotBeNull();
        var horizonOnly = GlobalBoostedModel.Train([.. changed], 12, horizon, Levels).ShouldNotBeNull();
        var moved = 0;
        for (var i = 0; i < family.Count; i++)
        {
            var past = family[i][..^reach];
            after.ForecastFrom(past, horizon).ShouldNotBeNull().Points.ShouldBe(before.ForecastFrom(past, horizon)!.Points);
            moved += horizonOnly.ForecastFrom(past, horizon)!.Points.SequenceEqual(before.ForecastFrom(past, horizon)!.Points) ? 0 : 1;
        }
        // Held out for the horizon alone, the model learned from the periods a backtest this far back forecasts.
        moved.ShouldBeGreaterThan(0);
    }
}
