using CostInsights.Forecasting.Arima;
using CostInsights.Forecasting.Evaluation;
using CostInsights.Forecasting.Theta;
using EtsMethod = CostInsights.Forecasting.Ets.Ets;

namespace CostInsights.Forecasting.Tests.Reference;

/// <summary>
/// The stored reference forecasts of R's forecast package: complete, well formed, and as accurate on the benchmarks' test
/// months as R measured them (sMAPE; MASE scaled by the in-sample lag-12 naive error).
/// </summary>
public sealed class RReferenceTests(ITestOutputHelper output)
{
    private const int Horizon = 18;
    private static readonly string[] Methods = ["ets", "theta", "arima"];

    public static TheoryData<string, double, double, double, double, double, double, double, double> Sets => new()
    {
        // set: R ets, thetaf, auto.arima and the mean of the three, sMAPE / MASE each, as measured with R 4.2 and forecast 8.20.
        { "M3", 14.14, 0.865, 13.86, 0.864, 15.02, 0.868, 13.53, 0.828 },
        { "M1", 14.97, 1.074, 16.53, 1.091, 15.98, 1.122, 14.80, 1.039 },
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public void Every_series_has_each_method_s_forecast_with_ordered_bounds_and_its_accuracy_is_r_s(string set,
        double etsSmape, double etsMase, double thetaSmape, double thetaMase, double arimaSmape, double arimaMase, double meanSmape, double meanMase)
    {
        var (series, reference) = set == "M3" ? (BenchmarkData.M3Monthly, RReference.M3Monthly) : (BenchmarkData.M1Monthly, RReference.M1Monthly);
        reference.Count.ShouldBe(series.Count * Methods.Length);
        foreach (var forecast in reference.Values)
        {
            forecast.Point.Length.ShouldBe(Horizon);
            for (var h = 0; h < Horizon; h++)
            {
                forecast.Lo95[h].ShouldBeLessThanOrEqualTo(forecast.Lo80[h] + 1e-9, $"{forecast.SeriesId} {forecast.Method}");
                forecast.Lo80[h].ShouldBeLessThanOrEqualTo(forecast.Point[h] + 1e-9, $"{forecast.SeriesId} {forecast.Method}");
                forecast.Point[h].ShouldBeLessThanOrEqualTo(forecast.Hi80[h] + 1e-9, $"{forecast.SeriesId} {forecast.Method}");
                forecast.Hi80[h].ShouldBeLessThanOrEqualTo(forecast.Hi95[h] + 1e-9, $"{forecast.SeriesId} {forecast.Method}");
            }
        }
        reference.Values.Where(f => f.Method == "ets").ShouldAllBe(f => f.Model.StartsWith("ETS(", StringComparison.Ordinal));
        reference.Values.Where(f => f.Method == "arima").ShouldAllBe(f => f.Model.StartsWith("ARIMA(", StringComparison.Ordinal));

        (double Smape, double Mase) Score(Func<BenchmarkSeries, double[]> points) => (
            series.Average(s => Accuracy.Smape(s.Test[..Horizon], points(s))),
            series.Average(s => Accuracy.Mase(s.Test[..Horizon], points(s), Accuracy.SeasonalNaiveScale(s.Train, 12))));
        var ets = Score(s => reference[(s.Id, "ets")].Point);
        var theta = Score(s => reference[(s.Id, "theta")].Point);
        var arima = Score(s => reference[(s.Id, "arima")].Point);
        var mean = Score(s => [.. Enumerable.Range(0, Horizon).Select(h => Methods.Average(m => reference[(s.Id, m)].Point[h]))]);
        output.WriteLine($"{set}: ets {ets}, theta {theta}, arima {arima}, mean {mean}");
        // The published figures are rounded to 0.01 (sMAPE) and 0.001 (MASE).
        double[] measured = [ets.Smape, ets.Mase, theta.Smape, theta.Mase, arima.Smape, arima.Mase, mean.Smape, mean.Mase];
        double[] published = [etsSmape, etsMase, thetaSmape, thetaMase, arimaSmape, arimaMase, meanSmape, meanMase];
        for (var i = 0; i < measured.Length; i++)
        {
            measured[i].ShouldBe(published[i], i % 2 == 0 ? 0.006 : 0.0006, $"{set}: measure {i} of {string.Join(", ", measured)}");
        }
    }

    /// <summary>
    /// The product's Theta matches R's thetaf() series by series: point forecasts under 1% apart in the median, and the set's
    /// MASE within 0.005 of R's.
    /// </summary>
    [Theory]
    [InlineData("M3")]
    [InlineData("M1")]
    public void The_product_s_theta_matches_r_s_thetaf(string set)
    {
        var (median, mase, rMase) = Compare(set, "theta", (s, _) => ThetaMethod.Forecast(s.Train, 12, Horizon, [80, 95]).Points);
        output.WriteLine($"Theta on {set}: median |ours - R| / |R| = {median:P3}; MASE ours {mase:0.0000}, R {rMase:0.0000}");
        median.ShouldBeLessThan(0.01);
        mase.ShouldBe(rMase, 0.005);
    }

    /// <summary>
    /// The product's ETS matches R's ets() series by series: the same model for at least 90% of series, point forecasts under
    /// 1% apart in the median, 95% intervals of the same model as wide within 1% for nine steps in ten, and the set's MASE
    /// within 0.005 of R's. Where the models differ, the output says why: the AICc of each model as the product fits it (on
    /// R's scale), so a different choice shows as a different fit or a near tie.
    /// </summary>
    [Theory]
    [InlineData("M3")]
    [InlineData("M1")]
    public void The_product_s_ets_matches_r_s_ets(string set)
    {
        var different = new List<string>();
        var widths = new List<double>();
        var (median, mase, rMase) = Compare(set, "ets", (s, r) =>
        {
            var fit = EtsMethod.Select(s.Train, 12).ShouldNotBeNull(s.Id);
            if (fit.Spec.Name != r.Model)
            {
                // R's criterion leaves out the likelihood's constants: n·(log n − log 2π − 1).
                var n = s.Train.Length;
                var shift = n * (Math.Log(n) - Math.Log(2 * Math.PI) - 1);
                var rSpec = EtsMethod.Space(s.Train, 12).Single(spec => spec.Name == r.Model);
                var refit = EtsMethod.Fit(s.Train, 12, rSpec);
                different.Add($"{s.Id}: ours {fit.Spec.Name} AICc {fit.Aicc + shift:0.00}; R {r.Model} AICc {r.Aicc:0.00}, " +
                    $"which the product fits to {(refit is null ? "nothing" : $"{refit.Aicc + shift:0.00}")}");
            }
            var forecast = EtsMethod.Forecast(fit, Horizon, [80, 95]);
            if (fit.Spec.Name == r.Model)
            {
                var interval = forecast.At(95);
                foreach (var h in Enumerable.Range(0, Horizon))
                {
                    widths.Add(Math.Abs((interval.Upper[h] - interval.Lower[h]) / (r.Hi95[h] - r.Lo95[h]) - 1));
                }
            }
            return forecast.Points;
        });
        var same = 1 - (double)different.Count / (set == "M3" ? BenchmarkData.M3Monthly : BenchmarkData.M1Monthly).Count;
        var widthGap = widths.Order().ElementAt((int)(widths.Count * 0.9));
        output.WriteLine($"ETS on {set}: the same model as R for {same:P1} of series; median |ours - R| / |R| = {median:P3}; " +
            $"95% interval widths within {widthGap:P3} for nine steps in ten; MASE ours {mase:0.0000}, R {rMase:0.0000}");
        different.ForEach(output.WriteLine);
        same.ShouldBeGreaterThanOrEqualTo(0.9);
        median.ShouldBeLessThan(0.01);
        widthGap.ShouldBeLessThan(0.01);
        mase.ShouldBe(rMase, 0.005);
    }

    /// <summary>
    /// The product's ARIMA matches R's auto.arima() series by series: the same orders (and constant) for at least 80% of
    /// series, point forecasts under 1% apart in the median, and the set's MASE within 0.01 of R's. Where the orders differ,
    /// the output gives both models' AICc as the product fits them, so a different choice shows as a different fit or a tie.
    /// </summary>
    [Theory]
    [InlineData("M3")]
    [InlineData("M1")]
    public void The_product_s_arima_matches_r_s_auto_arima(string set)
    {
        var different = new List<string>();
        var widths = new List<double>();
        // The search fits some twenty models a series: the series are fitted in parallel first.
        var fits = new System.Collections.Concurrent.ConcurrentDictionary<string, ArimaModelFit?>();
        Parallel.ForEach(set == "M3" ? BenchmarkData.M3Monthly : BenchmarkData.M1Monthly, s => fits[s.Id] = AutoArima.Select(s.Train, 12));
        var (median, mase, rMase) = Compare(set, "arima", (s, r) =>
        {
            var fit = fits[s.Id].ShouldNotBeNull(s.Id);
            if (fit.Order.ToString() != r.Model)
            {
                different.Add($"{s.Id}: ours {fit.Order} AICc {fit.Criterion:0.00}; R {r.Model} AICc {r.Aicc:0.00}");
            }
            var forecast = fit.Forecast(Horizon, [80, 95]);
            var interval = forecast.At(95);
            widths.AddRange(interval.Upper.Select((u, h) =>
                Math.Abs((u - interval.Lower[h]) / (r.Hi95[h] - r.Lo95[h]) - 1)));
            return forecast.Points;
        });
        var same = 1 - (double)different.Count / (set == "M3" ? BenchmarkData.M3Monthly : BenchmarkData.M1Monthly).Count;
        widths.Sort();
        var medianWidth = widths[widths.Count / 2];
        output.WriteLine($"ARIMA on {set}: the same model as R for {same:P1} of series; median |ours - R| / |R| = {median:P3}; " +
            $"95% interval widths {medianWidth:P3} apart in the median; MASE ours {mase:0.0000}, R {rMase:0.0000}");
        different.ForEach(output.WriteLine);
        same.ShouldBeGreaterThanOrEqualTo(0.8);
        median.ShouldBeLessThan(0.01);
        medianWidth.ShouldBeLessThan(0.01);
        mase.ShouldBe(rMase, 0.01);
    }

    /// <summary>
    /// The product's forecasts of every series of a set beside R's: the median absolute relative difference of the points, and
    /// the set's MASE, ours and R's.
    /// </summary>
    private static (double Median, double Mase, double RMase) Compare(string set, string method,
        Func<BenchmarkSeries, RForecast, IReadOnlyList<double>> forecast)
    {
        var (series, reference) = set == "M3" ? (BenchmarkData.M3Monthly, RReference.M3Monthly) : (BenchmarkData.M1Monthly, RReference.M1Monthly);
        var differences = new List<double>();
        double ours = 0, theirs = 0;
        foreach (var s in series)
        {
            var r = reference[(s.Id, method)];
            var points = forecast(s, r);
            differences.AddRange(points.Select((p, h) => Math.Abs(p - r.Point[h]) / Math.Max(Math.Abs(r.Point[h]), 1e-9)));
            var scale = Accuracy.SeasonalNaiveScale(s.Train, 12);
            ours += Accuracy.Mase(s.Test[..Horizon], points, scale);
            theirs += Accuracy.Mase(s.Test[..Horizon], r.Point, scale);
        }
        differences.Count.ShouldBe(series.Count * Horizon);
        differences.Sort();
        return (differences[differences.Count / 2], ours / series.Count, theirs / series.Count);
    }
}
