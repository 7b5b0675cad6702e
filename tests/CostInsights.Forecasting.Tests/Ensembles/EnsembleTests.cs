using CostInsights.Forecasting.Ensembles;

namespace CostInsights.Forecasting.Tests.Ensembles;

public sealed class EnsembleTests
{
    private static Forecast F(double point, double lower, double upper) => new("f", [point], [new PredictionInterval(95, [lower], [upper])]);

    [Fact]
    public void Points_and_bounds_are_combined_step_by_step()
    {
        var forecasts = new[] { F(10, 8, 12), F(20, 15, 25), F(60, 50, 70) };
        var mean = Ensemble.Mean("mean", forecasts);
        mean.Points.ShouldBe([30.0]);
        (mean.At(95).Lower[0], mean.At(95).Upper[0]).ShouldBe((73.0 / 3, 107.0 / 3));
        var median = Ensemble.Median("median", forecasts);
        median.Points.ShouldBe([20.0]);
        (median.At(95).Lower[0], median.At(95).Upper[0]).ShouldBe((15.0, 25.0));
    }
}
