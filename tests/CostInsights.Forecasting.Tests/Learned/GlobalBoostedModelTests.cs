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

    /// <summary>
    /// Series that share a calendar (a December peak) but whose own last years are too noisy to show it well: told each
    /// series' months, the model forecasts the peak in the right month across series; not told, it can only guess the month
    /// from each series' own noisy seasons.
    /// </summary>
    [Fact]
    public void Told_the_calendar_the_model_learns_a_month_every_series_shares()
    {
        const int horizon = 12;
        var random = new Random(17);
        var phases = new List<int>();
        var histories = new List<double[]>();
        var expected = new List<double[]>();
        for (var i = 0; i < 80; i++)
        {
            // The month after the history: series end in any month.
            var next = i % 12;
            var length = 40 + i % 9;
            var level = Enumerable.Range(0, length + horizon).Select(t => ((next + t - length) % 12 + 12) % 12 == 11 ? 150.0 : 100).ToArray();
            phases.Add(next);
            histories.Add([.. level[..length].Select(v => v + 120 * (random.NextDouble() - 0.5))]);
            expected.Add(level[length..]);
        }
        // How far the forecasts are from the expected values, without the noise.
        double Error(IReadOnlyList<Forecast?> forecasts) =>
            forecasts.Select((f, i) => f!.Points.Select((p, h) => Math.Abs(p - expected[i][h])).Average()).Average();
        var told = Error(GlobalBoostedModel.Forecast([.. histories], 12, horizon, Levels, phases));
        var untold = Error(GlobalBoostedModel.Forecast([.. histories], 12, horizon, Levels));
        told.ShouldBeLessThan(0.8 * untold, $"with the calendar {told:0.00}, without {untold:0.00}");
        Should.Throw<ArgumentException>(() => GlobalBoostedModel.Forecast([.. histories], 12, horizon, Levels, [.. phases.Select(p => p + 12)]));
    }

    [Fact]
    public void A_part_of_a_history_is_placed_in_the_season_from_the_end_of_the_whole()
    {
        // The whole history of 48 ends in December (the next period is January, phase 0): its first 47 end in November.
        GlobalBoostedModel.PhaseAt(0, 48, 47, 12).ShouldBe(11);
        GlobalBoostedModel.PhaseAt(3, 48, 24, 12).ShouldBe(3);
        GlobalBoostedModel.PhaseAt(3, 48, 23, 12).ShouldBe(2);
        GlobalBoostedModel.PhaseAt(null, 48, 24, 12).ShouldBeNull();
    }
}
