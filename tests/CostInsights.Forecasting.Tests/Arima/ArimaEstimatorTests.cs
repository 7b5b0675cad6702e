using CostInsights.Forecasting.Arima;
using CostInsights.Forecasting.Decomposition;

namespace CostInsights.Forecasting.Tests.Arima;

/// <summary>
/// The ARIMA building blocks against R 4.2.2 on M3 series N1402's 50 training months: every figure below was printed by R
/// (stats::arima, stl, urca::ur.kpss, forecast:::seas.heuristic) for the same series.
/// </summary>
public sealed class ArimaEstimatorTests
{
    private static double[] Series => BenchmarkData.M3Monthly.Single(s => s.Id == "N1402").Train;

    [Fact]
    public void An_airline_model_with_an_ar_term_is_fitted_to_r_s_coefficients_likelihood_and_variances()
    {
        // arima(y, order = c(1, 1, 1), seasonal = list(order = c(0, 1, 1), period = 12)). R's likelihood has a diffuse prior
        // of finite variance on the differencing states where the product's is exact, a relative 1e-6 apart; the seasonal MA
        // at −0.99998 is where that shows most.
        var fit = ArimaEstimator.Fit(Series, new ArimaOrder(1, 1, 1, 0, 1, 1, 12, false), ArimaMethod.ConditionalThenExact).ShouldNotBeNull();
        fit.Coefficients[0].ShouldBe(-0.216521838383493, 1e-5);
        fit.Coefficients[1].ShouldBe(-0.774097893460998, 1e-5);
        fit.Coefficients[2].ShouldBe(-0.999976274515222, 1e-5);
        fit.LogLikelihood.ShouldBe(-343.199614338119, 1e-4);
        fit.Sigma2.ShouldBe(4083165.88814537, 4083165.88814537 * 1e-6);
        var covariance = fit.Covariance.Value.ShouldNotBeNull();
        covariance[0, 0].ShouldBe(0.0313907180562195, 1e-5);
        covariance[1, 1].ShouldBe(0.0114247502381775, 1e-5);
        covariance[2, 2].ShouldBe(0.1018629781421146, 1e-5);
    }

    [Fact]
    public void The_fast_likelihood_of_a_differenced_series_is_the_kalman_filter_s_on_the_undifferenced_one()
    {
        // ARIMA(2,0,1)(1,0,1)[12] on the series' first differences: the Chandrasekhar recursions against the full filter.
        var y = Series;
        double[] w = [.. y.Skip(1).Select((v, t) => v - y[t] - 40)];
        var (phi, theta) = Coefficients.Expand([0.3, -0.2, 0.4, 0.5, -0.6], new ArimaOrder(2, 0, 1, 1, 0, 1, 12, false), false);
        var fast = ArmaLikelihood.Evaluate(w, phi, theta);
        var full = new StateSpace(phi, theta, []).Filter(w);
        fast.Count.ShouldBe(full.Count);
        fast.Ssq.ShouldBe(full.Ssq, full.Ssq * 1e-10);
        fast.SumLog.ShouldBe(full.SumLog, 1e-9);
    }

    [Fact]
    public void A_drift_fitted_by_conditional_sum_of_squares_is_r_s()
    {
        // arima(y, order = c(1, 1, 0), xreg = 1:length(y), method = "CSS")
        var fit = ArimaEstimator.Fit(Series, new ArimaOrder(1, 1, 0, 0, 0, 0, 12, true), ArimaMethod.ConditionalSumOfSquares).ShouldNotBeNull();
        fit.Coefficients[0].ShouldBe(-0.59755034191367, 1e-8);
        fit.Coefficients[1].ShouldBe(-3.13406696701156, 1e-6);
        fit.Sigma2.ShouldBe(5664714.91915952, 1e-2);
        double.IsNaN(fit.Aic).ShouldBeTrue();
    }

    [Fact]
    public void Stl_with_a_seasonal_window_of_11_gives_r_s_seasonal_and_trend()
    {
        // stl(y, s.window = 11): the first five seasonal and trend values.
        var parts = Stl.Decompose(Series, 12, 11);
        double[] seasonal = [-136.7797109123255, 236.4513021300153, -768.6413212070123, -83.7117085299474, -205.9293950180152];
        double[] trend = [3023.23616954492, 3039.17989641616, 3055.12362328740, 3071.06735015864, 3089.67342038640];
        for (var i = 0; i < 5; i++)
        {
            parts.Seasonal[i].ShouldBe(seasonal[i], 1e-9);
            parts.Trend[i].ShouldBe(trend[i], 1e-9);
            (parts.Seasonal[i] + parts.Trend[i] + parts.Remainder[i]).ShouldBe(Series[i], 1e-9);
        }
    }

    [Fact]
    public void The_unit_root_tests_give_r_s_statistics()
    {
        var y = Series;
        // forecast:::seas.heuristic(y), and urca::ur.kpss(diff(y), type = "mu", use.lag = trunc(3 * sqrt(49) / 13))@teststat
        Differencing.SeasonalStrength(y, 12).ShouldBe(0.227584688873323, 1e-12);
        Differencing.Kpss([.. y.Skip(1).Select((v, t) => v - y[t])]).ShouldBe(0.0295007885449736, 1e-12);
    }

    [Fact]
    public void A_decomposition_needs_more_than_two_seasons()
    {
        Should.Throw<ArgumentException>(() => Stl.Decompose([.. Enumerable.Range(0, 24).Select(i => (double)i)], 12, 11))
            .Message.ShouldContain("more than two periods");
        Differencing.Seasonal([.. Enumerable.Range(0, 24).Select(i => (double)(i % 12))], 12).ShouldBe(0);
    }

    [Fact]
    public void Ma_roots_inside_the_unit_circle_are_flipped_outside()
    {
        // 1 + 2.5z + z² = (1 + 2z)(1 + 0.5z): the root −0.5 is inside; flipped, (1 + 0.5z)² = 1 + z + 0.25z².
        double[] ma = [2.5, 1.0];
        Coefficients.RootsOutside(ma, 1.0).ShouldBeFalse();
        Coefficients.InvertMa(ma);
        ma[0].ShouldBe(1.0, 1e-12);
        ma[1].ShouldBe(0.25, 1e-12);
        Coefficients.RootsOutside(ma, 1.01).ShouldBeTrue();
        Coefficients.RootsOutside([-0.995], 1.01).ShouldBeFalse();
    }

    [Fact]
    public void The_stationary_covariance_solves_the_state_equation()
    {
        // P = T P Tᵀ + R Rᵀ for an ARMA(2,1) in Harvey's form: T has φ down its first column and ones above the diagonal.
        double[] phi = [0.5, -0.3];
        double[] theta = [0.4];
        var p = StationaryCovariance.Of(phi, theta, 2);
        double[,] t = { { 0.5, 1 }, { -0.3, 0 } };
        double[] r = [1, 0.4];
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                var tpt = 0.0;
                for (var k = 0; k < 2; k++)
                {
                    for (var l = 0; l < 2; l++)
                    {
                        tpt += t[i, k] * p[k + 2 * l] * t[j, l];
                    }
                }
                p[i + 2 * j].ShouldBe(tpt + r[i] * r[j], 1e-12);
            }
        }
    }
}
