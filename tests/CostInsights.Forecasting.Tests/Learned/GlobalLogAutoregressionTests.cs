using CostInsights.Forecasting.Learned;

namespace CostInsights.Forecasting.Tests.Learned;

public sealed class GlobalLogAutoregressionTests
{
    /// <summary>Series of different sizes that grow by 1% a month with one multiplicative seasonal shape, exactly.</summary>
    private static List<double[]> Family(int count, int length) => [.. Enumerable.Range(0, count).Select(i =>
        Enumerable.Range(0, length).Select(t => (5 + 1_000.0 * i) * Math.Pow(1.01, t) * (1 + 0.3 * Math.Sin(2 * Math.PI * (t + i) / 12))).ToArray())];

    [Fact]
    public void A_shape_that_is_linear_in_logs_is_learned_across_series_and_forecast_at_each_series_scale()
    {
        var family = Family(40, 72);
        var model = GlobalLogAutoregression.Train([.. family.Select(s => s[..60])], 12, 12).ShouldNotBeNull();
        for (var i = 0; i < family.Count; i++)
        {
            var forecast = model.Forecast(family[i][..60]).ShouldNotBeNull();
            forecast.Length.ShouldBe(12);
            for (var h = 0; h < 12; h++)
            {
                forecast[h].ShouldBe(family[i][60 + h], family[i][60 + h] * 1e-4, $"series {i}, {h + 1} ahead");
            }
        }
    }

    [Fact]
    public void Backtests_are_forecast_by_coefficients_that_never_saw_the_periods_held_out()
    {
        var family = Family(30, 72);
        // The last 18 months of one series turn upside down: the full model learns from them, the early one must not.
        var changed = family.Select(s => s.ToArray()).ToList();
        for (var t = 54; t < 72; t++)
        {
            changed[0][t] = 1_000 / changed[0][t];
        }
        var plain = GlobalLogAutoregression.Train([.. family], 12, 18).ShouldNotBeNull();
        var held = GlobalLogAutoregression.Train([.. changed], 12, 18).ShouldNotBeNull();
        var past = family[5][..54];
        // The same up to the order the sums were added in (the changed series sorts elsewhere).
        held.ForecastFrom(past, 12).ShouldNotBeNull().ShouldBe(plain.ForecastFrom(past, 12).ShouldNotBeNull(), 1e-6);
        held.Forecast(family[5]).ShouldNotBeNull().ShouldNotBe(plain.Forecast(family[5]).ShouldNotBeNull());
        plain.ForecastFrom(past, 13).ShouldBeNull("no further than the horizon it was trained for");
    }

    [Fact]
    public void A_series_with_a_value_that_is_not_positive_in_its_last_two_years_is_left_to_the_other_models()
    {
        var family = Family(20, 48);
        var model = GlobalLogAutoregression.Train([.. family], 12, 12).ShouldNotBeNull();
        var zero = family[3].ToArray();
        zero[^5] = 0;
        var negative = family[4].ToArray();
        negative[^24] = -1;
        var early = family[6].ToArray();
        early[^25] = 0;
        model.Forecast(zero).ShouldBeNull();
        model.Forecast(negative).ShouldBeNull();
        model.Forecast(family[7][..23]).ShouldBeNull("shorter than its lags");
        model.Forecast(early).ShouldNotBeNull("the zero lies before the window it reads");
        GlobalLogAutoregression.Train([[0, 0, 0], [.. Enumerable.Repeat(-5.0, 40)]], 12, 12).ShouldBeNull("no window of positive values to learn from");
    }

    [Fact]
    public void The_model_does_not_depend_on_the_order_of_the_series_and_stays_finite_on_hostile_ones()
    {
        var family = Family(25, 40);
        family.Add([.. Enumerable.Repeat(7.0, 40)]);
        family.Add([.. Enumerable.Range(0, 40).Select(t => t % 2 == 0 ? 1e-300 : 1e300)]);
        var forward = GlobalLogAutoregression.Train([.. family], 12, 18).ShouldNotBeNull();
        var backward = GlobalLogAutoregression.Train([.. Enumerable.Reverse(family)], 12, 18).ShouldNotBeNull();
        foreach (var series in family.Take(26))
        {
            var points = forward.Forecast(series).ShouldNotBeNull();
            points.ShouldBe(backward.Forecast(series).ShouldNotBeNull());
            points.ShouldAllBe(p => double.IsFinite(p) && p > 0);
        }
        forward.Forecast(family[^1]).ShouldBeNull("its values vanish against their scale: no finite log");
    }
}
