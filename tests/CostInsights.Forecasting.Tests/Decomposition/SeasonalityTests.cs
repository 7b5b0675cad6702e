using CostInsights.Forecasting.Decomposition;

namespace CostInsights.Forecasting.Tests.Decomposition;

public sealed class SeasonalityTests
{
    [Fact]
    public void Air_passengers_is_seasonal_and_its_indices_average_one()
    {
        var air = BenchmarkData.AirPassengers;
        Seasonality.IsSeasonal(air, 12).ShouldBeTrue();
        var indices = Seasonality.MultiplicativeIndices(air, 12);
        indices.Average().ShouldBe(1, 1e-12);
        // July's index is the year's highest, November's the lowest (1949-01 is position 0).
        Array.IndexOf(indices, indices.Max()).ShouldBe(6);
        Array.IndexOf(indices, indices.Min()).ShouldBe(10);
    }

    [Fact]
    public void A_trend_without_seasons_is_not_seasonal()
    {
        var random = new Random(3);
        var y = Enumerable.Range(0, 60).Select(t => 100 + 0.5 * t + random.NextDouble()).ToArray();
        Seasonality.IsSeasonal(y, 12).ShouldBeFalse();
        Seasonality.IndicesIfSeasonal(y, 12).ShouldAllBe(i => i == 1);
    }

    [Fact]
    public void Autocorrelation_at_lag_zero_is_one()
    {
        Seasonality.Autocorrelation([1, 3, 2, 5, 4], 0).ShouldBe(1, 1e-12);
    }
}
