using CostInsights.Forecasting.Ets;

namespace CostInsights.Forecasting.Tests.Ets;

public sealed class EtsTests
{
    private static double[] Simulate(int n, int seed, Func<int, double, double> next)
    {
        var random = new Random(seed);
        double Noise() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return [.. Enumerable.Range(0, n).Select(t => next(t, Noise()))];
    }

    [Fact]
    public void The_ann_recursion_by_hand()
    {
        // ANN, α = 0.5, ℓ₀ = 10 on y = 12, 8: μ₁ = 10, e₁ = 2, ℓ₁ = 11; μ₂ = 11, e₂ = −3, ℓ₂ = 9.5; then a flat forecast of 9.5
        var fit = new EtsFit(new EtsSpec(ErrorType.Additive, TrendType.None, SeasonType.None), 1, 0.5, 0, 0, 1, 9.5, 0, [0], 1, 0, 0, 3);
        var forecast = CostInsights.Forecasting.Ets.Ets.Forecast(fit, 3, [95]);
        forecast.Points.ShouldBe([9.5, 9.5, 9.5]);
        forecast.Method.ShouldBe("ets ANN");
        // ANN's variance h steps ahead is σ²(1 + (h − 1)α²): its 95% interval is ±1.96σ, then ±1.96σ√1.25, ±1.96σ√1.5.
        (forecast.At(95).Upper[0] - 9.5).ShouldBe(1.959964, 1e-6);
        (9.5 - forecast.At(95).Lower[2]).ShouldBe(1.959964 * Math.Sqrt(1.5), 1e-6);
    }

    [Fact]
    public void Simulated_paths_take_the_seeded_draws_in_order_whatever_was_simulated_before()
    {
        // ANM (no closed form: simulated) with ℓ = 9.5, a season of one at 1 and σ = 2: path p's first value is ℓ plus σ times
        // the stream's draw p·h (h draws a path), so the one-step interval is ℓ plus σ times the quantiles of every h-th draw;
        // a longer simulation before changes nothing.
        var fit = new EtsFit(new EtsSpec(ErrorType.Additive, TrendType.None, SeasonType.Multiplicative), 1, 0.5, 0, 0.1, 1, 9.5, 0, [1], 2, 0, 0, 3);
        const int horizon = 3;
        var normal = new MathNet.Numerics.Distributions.Normal(0, 2, new Random(CostInsights.Forecasting.Ets.Ets.Seed));
        var firstSteps = Enumerable.Range(0, 1_000 * horizon).Select(_ => normal.Sample()).Where((_, i) => i % horizon == 0)
            .Select(e => 9.5 + e).Order().ToArray();
        CostInsights.Forecasting.Ets.Ets.Forecast(fit, 24, [80]);
        // Six years of months ahead are drawn anew rather than kept; the draws kept are the same afterwards.
        CostInsights.Forecasting.Ets.Ets.Forecast(fit, 72, [80]).At(80).Upper.ShouldAllBe(u => double.IsFinite(u));
        var forecast = CostInsights.Forecasting.Ets.Ets.Forecast(fit, horizon, [80]);
        forecast.At(80).Lower[0].ShouldBe(Quantiles.OfSorted(firstSteps, 0.1));
        forecast.At(80).Upper[0].ShouldBe(Quantiles.OfSorted(firstSteps, 0.9));
    }

    /// <summary>
    /// The closed-form means and variances of classes 2 and 3 (multiplicative error; additive or multiplicative season, with
    /// a trend, damped or not) agree with 200,000 paths simulated through the model's own recursions, 1 to 18 months ahead.
    /// </summary>
    [Theory]
    [InlineData(ErrorType.Multiplicative, TrendType.Additive, SeasonType.Additive)]
    [InlineData(ErrorType.Multiplicative, TrendType.None, SeasonType.Multiplicative)]
    [InlineData(ErrorType.Multiplicative, TrendType.Additive, SeasonType.Multiplicative)]
    [InlineData(ErrorType.Multiplicative, TrendType.Damped, SeasonType.Multiplicative)]
    public void Closed_form_means_and_variances_agree_with_simulated_paths(ErrorType error, TrendType trend, SeasonType season)
    {
        var fit = CostInsights.Forecasting.Ets.Ets.Fit(BenchmarkData.AirPassengers, 12, new EtsSpec(error, trend, season)).ShouldNotBeNull();
        // A larger error than the fit's, so that the terms in σ⁴ that tell class 3 from a linear model matter.
        fit = fit with { Sigma = 0.08, Gamma = Math.Max(fit.Gamma, 0.2) };
        const int horizon = 18, paths = 200_000;
        var (mean, variance) = EtsVariance.Of(fit, horizon).ShouldNotBeNull();
        var random = new Random(7);
        var sum = new double[horizon];
        var squares = new double[horizon];
        for (var p = 0; p < paths; p++)
        {
            var state = new EtsEngine.State(fit.Level, fit.Trend, (double[])fit.Seasonals.Clone());
            for (var h = 0; h < horizon; h++)
            {
                var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                var y = EtsEngine.Mean(fit.Spec, fit.Phi, state) * (1 + fit.Sigma * z);
                (sum[h], squares[h]) = (sum[h] + y, squares[h] + y * y);
                EtsEngine.Step(fit.Spec, fit.Alpha, fit.Beta, fit.Gamma, fit.Phi, state, y);
            }
        }
        foreach (var h in new[] { 0, 5, 11, 17 })
        {
            var simulatedMean = sum[h] / paths;
            var simulatedVariance = squares[h] / paths - simulatedMean * simulatedMean;
            mean[h].ShouldBe(simulatedMean, simulatedMean * 0.002, $"mean {h + 1} ahead");
            variance[h].ShouldBe(simulatedVariance, simulatedVariance * 0.03, $"variance {h + 1} ahead");
        }
    }

    [Fact]
    public void Aicc_picks_a_level_only_model_for_a_level_only_series()
    {
        // A random walk plus noise around zero (negative values, so only additive models compete).
        var level = 0.0;
        var y = Simulate(400, 1, (t, e) => { level += 0.3 * e; return level + e; });
        var fit = CostInsights.Forecasting.Ets.Ets.Select(y, 12)!;
        fit.Spec.Error.ShouldBe(ErrorType.Additive);
        fit.Spec.Season.ShouldBe(SeasonType.None);
        fit.Spec.Trend.ShouldBe(TrendType.None);
        fit.Alpha.ShouldBe(0.26, 0.12); // the generating α is 0.3/1.3·… about 0.26 for this signal-to-noise
    }

    [Fact]
    public void Aicc_picks_additive_seasonality_for_a_seasonal_series()
    {
        var y = Simulate(240, 2, (t, e) => 5 * Math.Sin(2 * Math.PI * t / 12) + 0.02 * t + e);
        var fit = CostInsights.Forecasting.Ets.Ets.Select(y, 12)!;
        fit.Spec.Season.ShouldBe(SeasonType.Additive);
        fit.Seasonals.Length.ShouldBe(12);
    }

    [Fact]
    public void Multiplicative_forms_only_for_positive_data()
    {
        double[] withZero = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
        CostInsights.Forecasting.Ets.Ets.Space(withZero, 12).ShouldAllBe(s => !s.IsMultiplicative);
        CostInsights.Forecasting.Ets.Ets.Space([.. withZero.Select(v => v + 1)], 12).ShouldContain(s => s.IsMultiplicative);
    }
}

public sealed class EtsAirPassengersTests
{
    [Fact]
    public void Air_passengers_gets_multiplicative_seasonality_and_a_sane_next_year()
    {
        // The series' seasonal swing grows with its level, which is why R's ets() and the textbooks give it a
        // multiplicative season. The next year's total then lies between the last year's (5,714) and 30% above it.
        var air = BenchmarkData.AirPassengers;
        var fit = CostInsights.Forecasting.Ets.Ets.Select(air, 12)!;
        fit.Spec.Season.ShouldBe(SeasonType.Multiplicative);
        fit.Spec.Error.ShouldBe(ErrorType.Multiplicative);
        var next = CostInsights.Forecasting.Ets.Ets.Forecast(fit, 12, [95]).Points.Sum();
        next.ShouldBeInRange(5_714, 5_714 * 1.3);
        air[^12..].Sum().ShouldBe(5_714);
    }
}

public sealed class EtsAgainstRForecastTests
{
    /// <summary>
    /// R's ets() reports −2 log L without the Gaussian constants: n·log(SSE) where the full likelihood has
    /// n·log(SSE/n) + n·(1 + log 2π). Ours is the full one, so R's = ours + n·log n − n·(1 + log 2π).
    /// </summary>
    private static readonly double RConstant = 144 * Math.Log(144) - 144 * (1 + Math.Log(2 * Math.PI));

    // Published output of R's forecast package on AirPassengers (the same 144 values as fma's airpass):
    // ses(airpass): ETS(A,N,N), alpha = 0.9999, l = 111.9892, sigma 33.8299, AIC 1733.787, AICc 1733.958;
    // holt(airpass): ETS(A,A,N), alpha = 0.9999, beta = 1e-04, l = 119.7517, b = 1.5963, sigma 34.0125, AICc 1737.729.
    // Ours is fitted by a different optimiser from different starting values, so agreement is to within
    // half a unit of AICc (a likelihood ratio of e^0.25) rather than to the printed digits.
    [Fact]
    public void Ses_on_air_passengers_matches_rs_ets_ann()
    {
        var fit = CostInsights.Forecasting.Ets.Ets.Fit(BenchmarkData.AirPassengers, 12, new EtsSpec(ErrorType.Additive, TrendType.None, SeasonType.None))!;
        fit.Parameters.ShouldBe(3);
        (fit.Aicc + RConstant).ShouldBe(1733.958, 0.5, $"alpha {fit.Alpha} level {fit.Level}");
        fit.Alpha.ShouldBeGreaterThan(0.99);
        // With alpha at its bound the next value is the last one, as R's 431.9958.
        CostInsights.Forecasting.Ets.Ets.Forecast(fit, 1, [80]).Points[0].ShouldBe(431.9958, 0.5);
    }

    [Fact]
    public void Holt_on_air_passengers_matches_rs_ets_aan()
    {
        var fit = CostInsights.Forecasting.Ets.Ets.Fit(BenchmarkData.AirPassengers, 12, new EtsSpec(ErrorType.Additive, TrendType.Additive, SeasonType.None))!;
        fit.Parameters.ShouldBe(5);
        (fit.Aicc + RConstant).ShouldBe(1737.729, 0.5, $"alpha {fit.Alpha} beta {fit.Beta}");
        fit.Alpha.ShouldBeGreaterThan(0.99);
        fit.Beta.ShouldBeLessThan(0.01);
    }
}
