namespace CostInsights.Forecasting.Tests;

public sealed class QuantilesTests
{
    [Fact]
    public void Type_7_quantiles_interpolate_between_the_neighbouring_order_statistics()
    {
        double[] sorted = [1, 2, 4, 8];
        Quantiles.OfSorted(sorted, 0).ShouldBe(1);
        Quantiles.OfSorted(sorted, 1).ShouldBe(8);
        // Position 0.5 · 3 = 1.5: half way from 2 to 4.
        Quantiles.OfSorted(sorted, 0.5).ShouldBe(3);
        Quantiles.OfSorted([], 0.5).ShouldBe(0);
    }

    [Fact]
    public void Selecting_gives_the_very_number_sorting_gives_whatever_the_order_and_the_ties()
    {
        var random = new Random(7);
        double[] levels = [0, 0.025, 0.1, 0.5, 0.9, 0.975, 1];
        for (var trial = 0; trial < 500; trial++)
        {
            var count = 1 + random.Next(60);
            // Few distinct values in some trials, so that ties and runs of the pivot are exercised.
            var distinct = trial % 3 == 0 ? 1 + random.Next(4) : 1_000;
            var values = Enumerable.Range(0, count).Select(_ => (double)random.Next(distinct) - random.NextDouble() * (distinct > 10 ? 1 : 0)).ToArray();
            var sorted = values.Order().ToArray();
            foreach (var p in levels)
            {
                var scrambled = values.ToArray();
                Quantiles.Of(scrambled, p).ShouldBe(Quantiles.OfSorted(sorted, p), $"trial {trial}, p {p}");
                scrambled.Order().ShouldBe(sorted);
            }
        }
    }

    [Fact]
    public void Values_that_are_not_finite_are_sorted_as_sorting_orders_them()
    {
        double[] values = [3, double.PositiveInfinity, 1, double.NaN, 2];
        var sorted = values.Order().ToArray();
        Quantiles.Of(values.ToArray(), 0.5).ShouldBe(Quantiles.OfSorted(sorted, 0.5));
        Quantiles.Of(values.ToArray(), 0).ShouldBe(double.NaN);
    }
}
