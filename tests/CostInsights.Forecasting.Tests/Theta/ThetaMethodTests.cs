using CostInsights.Forecasting.Ets;
using CostInsights.Forecasting.Theta;
using EtsMethod = CostInsights.Forecasting.Ets.Ets;

namespace CostInsights.Forecasting.Tests.Theta;

public sealed class ThetaMethodTests
{
    [Fact]
    public void Theta_equals_r_s_ses_with_half_the_regression_drift_on_a_non_seasonal_series()
    {
        double[] y = [10, 12, 11, 14, 13, 16, 15, 18, 17, 20];
        var forecast = ThetaMethod.Forecast(y, season: 1, horizon: 3, levels: [95]);
        // SES as R's ses() fits it: ETS(A,N,N).
        var ses = EtsMethod.Fit(y, 1, new EtsSpec(ErrorType.Additive, TrendType.None, SeasonType.None)).ShouldNotBeNull();
        // OLS slope of y on 0..9: Σ(t−4.5)(y−14.6)/Σ(t−4.5)² = 83/82.5 = 1.00606…; half of it is the drift.
        var b = 83.0 / 82.5 / 2;
        for (var h = 1; h <= 3; h++)
        {
            var expected = ses.Level + b * (h - 1 + (1 - Math.Pow(1 - ses.Alpha, y.Length)) / ses.Alpha);
            forecast.Points[h - 1].ShouldBe(expected, 1e-9);
        }
        forecast.Method.ShouldBe("theta");
    }

    [Fact]
    public void A_seasonal_series_is_adjusted_and_re_seasonalised()
    {
        var air = BenchmarkData.AirPassengers;
        var forecast = ThetaMethod.Forecast(air, 12, 12, [80, 95]);
        forecast.Method.ShouldContain("seasonal");
        // July (peak) above November (trough) in the forecast year, as in every year of the data.
        forecast.Points[6].ShouldBeGreaterThan(forecast.Points[10]);
        forecast.At(95).Upper[0].ShouldBeGreaterThan(forecast.At(80).Upper[0]);
    }
}
