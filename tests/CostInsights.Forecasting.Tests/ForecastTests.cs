namespace CostInsights.Forecasting.Tests;

public sealed class ForecastTests
{
    [Fact]
    public void Moving_the_points_moves_each_bound_as_far_and_keeps_a_bound_on_its_point_on_it()
    {
        // 0.1 + 0.2 is not 0.3 in binary: a bound moved by adding the points' difference lands beside the new point.
        var forecast = new Forecast("m", [0.1, 10], [new PredictionInterval(80, [0.1, 7], [0.1, 14])]);

        var moved = forecast.MovedTo([0.3, 12]);

        moved.Points.ShouldBe([0.3, 12]);
        moved.At(80).Lower.ShouldBe([0.3, 9]);
        moved.At(80).Upper.ShouldBe([0.3, 16]);
        moved.Method.ShouldBe("m");
    }
}
