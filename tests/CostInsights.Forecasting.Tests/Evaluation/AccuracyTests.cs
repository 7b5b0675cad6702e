using CostInsights.Forecasting.Evaluation;

namespace CostInsights.Forecasting.Tests.Evaluation;

public sealed class AccuracyTests
{
    [Fact]
    public void Smape_is_on_the_0_to_200_scale()
    {
        // 200·|100−110|/(100+110) = 9.5238…; 200·|50−40|/(50+40) = 22.2222… → mean 15.873…
        Accuracy.Smape([100, 50], [110, 40]).ShouldBe((2000.0 / 210 + 2000.0 / 90) / 2, 1e-12);
    }

    [Fact]
    public void Mase_and_msis_are_scaled_by_the_in_sample_seasonal_naive_error()
    {
        // Season 2: |3−1| and |4−2| → scale 2. Errors 1 and 3 → MAE 2 → MASE 1.
        double[] train = [1, 2, 3, 4];
        var scale = Accuracy.SeasonalNaiveScale(train, 2);
        scale.ShouldBe(2);
        Accuracy.Mase([5, 6], [4, 9], scale).ShouldBe(1);
        // Interval [4, 6] twice, actuals 5 (inside) and 7 (1 above): widths 2 + 2, penalty 2/0.05 × 1 = 40 → (2 + 42) / 2 / 2 = 11
        Accuracy.Msis([5, 7], [4, 4], [6, 6], 0.05, scale).ShouldBe(11);
        Accuracy.Coverage([5, 7], [4, 4], [6, 6]).ShouldBe(0.5);
    }

    [Fact]
    public void The_long_csv_needs_its_columns_and_numbers()
    {
        Should.Throw<FormatException>(() => SeriesSet.ReadLongCsv(new StringReader("id,split,t,value\n"))).Message.ShouldContain("missing column 'series_id'");
        Should.Throw<FormatException>(() => SeriesSet.ReadLongCsv(new StringReader("series_id,split,t,value\nA,train,1,x\n"))).Message.ShouldContain("line 2");
        var set = SeriesSet.ReadLongCsv(new StringReader("value,t,split,series_id,extra\n3,2,train,A,z\n1,1,train,A,z\n9,1,test,A,z\n"));
        set.Single().Train.ShouldBe([1.0, 3.0]);
        set.Single().Test.ShouldBe([9.0]);
    }
}

public sealed class MethodNeedsTests
{
    [Fact]
    public void Every_method_states_the_history_it_needs_and_forecasts_from_that_much()
    {
        Evaluator.Needs.Keys.ShouldBe(Evaluator.Methods.Keys, ignoreOrder: true);
        foreach (var (name, needs) in Evaluator.Needs)
        {
            var length = Math.Max(1, needs.MinimumHistory(12));
            var history = Enumerable.Range(0, length).Select(t => 100.0 + 3 * t).ToArray();
            var forecast = Evaluator.Methods[name](history, 12, 6, [80, 95]);
            forecast.Points.Count.ShouldBe(6, name);
            forecast.Points.ShouldAllBe(p => double.IsFinite(p), name);
        }
    }
}
