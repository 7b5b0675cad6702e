using CostInsights.Forecasting.Evaluation;

namespace CostInsights.Forecasting.Tests.Evaluation;

public sealed class PairedDifferenceTests
{
    private static readonly double[] Levels = [80];

    [Fact]
    public void The_standard_error_is_the_spread_of_the_values_over_the_root_of_their_count()
    {
        // 1, 2, 3, 6: mean 3, sample variance (4 + 1 + 0 + 9) / 3 = 14/3, standard error sqrt(14/3 / 4).
        var estimate = Estimate.Of([1, 2, 3, 6]);

        estimate.Mean.ShouldBe(3);
        estimate.StandardError.ShouldBe(Math.Sqrt(14.0 / 12), 1e-12);
        Estimate.Of([5]).ShouldBe(new Estimate(5, 0));
        double.IsNaN(Estimate.Of([]).Mean).ShouldBeTrue();
    }

    [Fact]
    public void Differences_are_taken_series_by_series_over_the_series_both_methods_forecast()
    {
        // The method is worse than the reference by 1, 2 and 3 sMAPE points on the first three series; the fourth, which the
        // reference could not forecast, is left out of the pairing, whatever the method scored there.
        var reference = Score("reference", [new(10, 1.0, [1], 5), new(20, 2.0, [1], 5), new(30, 3.0, [1], 5), null]);
        var method = Score("method", [new(11, 0.9, [1], 5), new(22, 2.0, [0], 5), new(33, 3.3, [1], 5), new(99, 9, [0], 5)]);

        var difference = PairedDifference.Of(reference, method);

        difference.Method.ShouldBe("method");
        difference.Reference.ShouldBe("reference");
        difference.Series.ShouldBe(3);
        difference.Smape.Mean.ShouldBe(2, 1e-12);
        difference.Smape.StandardError.ShouldBe(Math.Sqrt(1.0 / 3), 1e-12);
        difference.Mase.Mean.ShouldBe(0.2 / 3, 1e-12);
    }

    [Fact]
    public void Scores_of_different_benchmarks_are_not_paired()
    {
        var three = Score("a", [new(1, 1, [1], 1), new(1, 1, [1], 1), new(1, 1, [1], 1)]);
        var two = Score("b", [new(1, 1, [1], 1), new(1, 1, [1], 1)]);

        Should.Throw<ArgumentException>(() => PairedDifference.Of(three, two)).Message.ShouldContain("only scores of the same benchmark");
    }

    [Fact]
    public void The_harness_keeps_each_series_scores_in_the_benchmarks_order_and_the_coverages_standard_error()
    {
        // A flat series and a rising one: the naive forecast is exact on the first and wrong on the second.
        IReadOnlyList<BenchmarkSeries> series =
        [
            new("flat", [5, 5, 5, 5, 5, 5], [5, 5, 5]),
            new("rising", [1, 2, 3, 4, 5, 6], [7, 8, 9]),
        ];

        var score = Evaluator.Evaluate("drift", Evaluator.Methods["drift"], series, 1, Levels);
        var naive = Evaluator.Evaluate("snaive", Evaluator.Methods["snaive"], series, 1, Levels);

        score.BySeries.Count.ShouldBe(2);
        score.BySeries[0]!.Smape.ShouldBe(0);
        score.BySeries[1]!.Smape.ShouldBe(0, 1e-9, "drift carries the rise on exactly");
        naive.BySeries[1]!.Smape.ShouldBeGreaterThan(10);
        var coverages = naive.BySeries.Select(s => s!.Coverage[0]).ToArray();
        naive.CoverageError[80].ShouldBe(Estimate.Of(coverages).StandardError, 1e-12);
        PairedDifference.Of(score, naive).Smape.Mean.ShouldBe((naive.BySeries[1]!.Smape - score.BySeries[1]!.Smape) / 2, 1e-9);
    }

    private static MethodScore Score(string name, SeriesScore?[] bySeries) =>
        new(name, bySeries.Count(s => s is not null), 0, 0, new Dictionary<double, double>(), 0, 0, 0, new Dictionary<double, double>(), bySeries);
}
