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
        var set = SeriesSet.ReadLongCsv(new StringReader("value,t,split,series_id,extra\n3,2,train,A,z\n1,1,train,A,z\n9,3,test,A,z\n"));
        set.Single().Train.ShouldBe([1.0, 3.0]);
        set.Single().Test.ShouldBe([9.0]);
        set.Single().Month.ShouldBeNull();
        Should.Throw<FormatException>(() => SeriesSet.ReadLongCsv(new StringReader("series_id,split,t,value\nA,train\n"))).Message
            .ShouldBe("line 2: 2 fields where the header has 4");
        // As R's write.csv writes it: every text quoted, and a first column of row names.
        var quoted = SeriesSet.ReadLongCsv(new StringReader("\"\",\"series_id\",\"split\",\"t\",\"value\"\n\"1\",\"N \"\"1\"\"\",\"train\",1,5\n" +
            "\"2\",\"N \"\"1\"\"\",\"test\",2,6\n")).Single();
        (quoted.Id, quoted.Train.Single(), quoted.Test.Single()).ShouldBe(("N \"1\"", 5.0, 6.0));
        Should.Throw<FormatException>(() => SeriesSet.ReadLongCsv(new StringReader("series_id,split,t,value\n\"A,B\",train,1,5\n"))).Message
            .ShouldBe("line 2: 5 fields where the header has 4");
        foreach (var (rows, message) in new[]
        {
            ("A,train,1,5\nA,train,1,6\nA,test,2,7", "series 'A' has period 1 twice"),
            ("A,train,1,5\nA,train,2,6\nA,test,1,7", "series 'A': test period 1 comes before its last training period, 2"),
            ("A,train,1,5\nA,train,3,6\nA,test,4,7", "series 'A' skips from period 1 to 3; every period needs a value"),
            ("A,train,1,5\nA,test,2,7\nB,train,1,5", "series 'B' has no test periods"),
            ("A,test,2,7", "series 'A' has no training periods"),
        })
        {
            Should.Throw<FormatException>(() => SeriesSet.ReadLongCsv(new StringReader($"series_id,split,t,value\n{rows}\n"))).Message.ShouldBe(message);
        }
        // A value that parses but is not finite would fail every method that forecasts series together.
        foreach (var value in new[] { "NaN", "Infinity", "1e400" })
        {
            Should.Throw<FormatException>(() => SeriesSet.ReadLongCsv(new StringReader($"series_id,split,t,value\nA,train,1,5\nA,train,2,{value}\n")))
                .Message.ShouldBe($"line 3: value '{value}' is not a finite number");
        }
    }

    [Fact]
    public void A_month_column_gives_the_month_of_the_first_period_to_forecast_and_validation_moves_it_back()
    {
        var csv = "series_id,split,t,month,value\n" + string.Join("\n", Enumerable.Range(1, 30).Select(t =>
            $"A,{(t > 26 ? "test" : "train")},{t},{(t + 10) % 12 + 1},{t}"));
        var series = SeriesSet.ReadLongCsv(new StringReader(csv)).Single();
        // Period 27 is month (27 + 10) % 12 + 1 = 2; four periods earlier, period 23 is month 10.
        series.Month.ShouldBe(2);
        series.Validation().ShouldNotBeNull().Month.ShouldBe(10);
        series.Validation()!.Test.ShouldBe([23.0, 24, 25, 26]);
        // The second fold forecasts the four periods before those, from the 18 before them; there is no room for a seventh.
        var second = series.Validation(2).ShouldNotBeNull();
        second.Train.Length.ShouldBe(18);
        second.Test.ShouldBe([19.0, 20, 21, 22]);
        second.Month.ShouldBe(6);
        series.Validation(6).ShouldNotBeNull().Train.ShouldBe([1.0, 2]);
        series.Validation(7).ShouldBeNull();
        Should.Throw<ArgumentOutOfRangeException>(() => series.Validation(0));
        Should.Throw<FormatException>(() => SeriesSet.ReadLongCsv(new StringReader("series_id,split,t,month,value\nA,test,1,13,5\n")))
            .Message.ShouldBe("line 2: month '13' is not a month from 1 to 12");
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
