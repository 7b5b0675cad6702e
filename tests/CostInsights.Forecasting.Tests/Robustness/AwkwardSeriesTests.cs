using CostInsights.Forecasting.Arima;
using CostInsights.Forecasting.Auto;
using CostInsights.Forecasting.Baselines;
using CostInsights.Forecasting.Smoothing;
using CostInsights.Forecasting.Ssa;
using CostInsights.Forecasting.Theta;
using EtsMethod = CostInsights.Forecasting.Ets.Ets;

namespace CostInsights.Forecasting.Tests.Robustness;

/// <summary>
/// Every method, on generated series of the kinds real usage produces and benchmarks do not (zeros, negatives, a constant,
/// months missing, one to three points, hundreds of points, values near 10¹²), returns a finite forecast with finite,
/// ordered bounds, or says why it cannot (an <see cref="ArgumentException"/> naming the reason); never NaN, never another
/// exception.
/// </summary>
public sealed class AwkwardSeriesTests(ITestOutputHelper output)
{
    private const int Horizon = 18;
    private static readonly double[] Levels = [80, 95];

    private delegate Forecast Method(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels, bool nonNegative);

    private static readonly (string Name, Method Run)[] Methods =
    [
        ("auto", (h, s, n, l, nn) => AutoForecaster.Forecast(h, s, n, l, nn).Forecast),
        ("ets", EtsMethod.Auto),
        ("arima", AutoArima.Forecast),
        ("theta", ThetaMethod.Forecast),
        ("optimised theta", ThetaMethod.Optimised),
        ("damped trend", DampedTrend.Forecast),
        ("holt", DampedTrend.Holt),
        ("ses", SimpleExponentialSmoothing.Forecast),
        ("ssa", SingularSpectrum.Forecast),
        ("seasonal naive", Baseline.SeasonalNaive),
        ("drift", (h, s, n, l, nn) => Baseline.NaiveWithDrift(h, n, l, nn)),
        ("naive2", Baseline.Naive2),
    ];

    public static TheoryData<string> MethodNames => [.. Methods.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(MethodNames))]
    public void Every_awkward_series_gets_a_finite_forecast_or_a_reason(string name)
    {
        var method = Methods.Single(m => m.Name == name).Run;
        var refused = new List<string>();
        foreach (var (kind, series) in Series())
        {
            foreach (var nonNegative in new[] { false, true })
            {
                Forecast forecast;
                try
                {
                    forecast = method(series, 12, Horizon, Levels, nonNegative);
                }
                catch (ArgumentException e)
                {
                    e.Message.ShouldNotBeNullOrWhiteSpace($"{name} on {kind}");
                    refused.Add(e.Message);
                    continue;
                }
                catch (Exception e)
                {
                    throw new ShouldAssertException($"{name} on {kind} ({series.Length} points) threw {e.GetType().Name}: {e.Message}", e);
                }
                forecast.Points.Count.ShouldBe(Horizon, $"{name} on {kind}");
                forecast.Points.ShouldAllBe(p => double.IsFinite(p), $"{name} on {kind}: points {string.Join(", ", forecast.Points)}");
                if (nonNegative)
                {
                    forecast.Points.ShouldAllBe(p => p >= 0, $"{name} on {kind}, asked for no negative forecasts");
                }
                foreach (var interval in forecast.Intervals)
                {
                    for (var h = 0; h < Horizon; h++)
                    {
                        double.IsFinite(interval.Lower[h]).ShouldBeTrue($"{name} on {kind}: {interval.Level}% lower bound at {h + 1}");
                        double.IsFinite(interval.Upper[h]).ShouldBeTrue($"{name} on {kind}: {interval.Level}% upper bound at {h + 1}");
                        interval.Lower[h].ShouldBeLessThanOrEqualTo(interval.Upper[h], $"{name} on {kind}: {interval.Level}% bounds at {h + 1}");
                    }
                }
            }
        }
        foreach (var reason in refused.GroupBy(r => r))
        {
            output.WriteLine($"{name} refused {reason.Count()} series: {reason.Key}");
        }
    }

    /// <summary>
    /// Every finite awkward series forecast together, as a forecast run forecasts a company's series: the global model then
    /// trains across values from 10⁻⁹ to 10¹², zeros and sign changes, and every series still gets a finite forecast with
    /// ordered bounds, two years ahead too.
    /// </summary>
    [Theory]
    [InlineData(18)]
    [InlineData(24)]
    public void Awkward_series_forecast_together_each_get_a_finite_forecast(int horizon)
    {
        var series = Series().Where(s => s.Series.All(double.IsFinite)).ToList();
        foreach (var nonNegative in new[] { false, true })
        {
            var forecasts = AutoForecaster.ForecastAll([.. series.Select(s => (IReadOnlyList<double>)s.Series)], 12, horizon, Levels, nonNegative);
            forecasts.Count.ShouldBe(series.Count);
            for (var i = 0; i < series.Count; i++)
            {
                var (kind, forecast) = (series[i].Kind, forecasts[i].Forecast);
                forecast.Points.Count.ShouldBe(horizon, kind);
                forecast.Points.ShouldAllBe(p => double.IsFinite(p) && (!nonNegative || p >= 0), $"{kind}: {string.Join(", ", forecast.Points)}");
                foreach (var interval in forecast.Intervals)
                {
                    for (var h = 0; h < horizon; h++)
                    {
                        (double.IsFinite(interval.Lower[h]) && double.IsFinite(interval.Upper[h])).ShouldBeTrue($"{kind}: {interval.Level}% bounds at {h + 1}");
                        interval.Lower[h].ShouldBeLessThanOrEqualTo(forecast.Points[h], $"{kind}: {interval.Level}% lower bound at {h + 1}");
                        interval.Upper[h].ShouldBeGreaterThanOrEqualTo(forecast.Points[h], $"{kind}: {interval.Level}% upper bound at {h + 1}");
                    }
                    // The interval of the months' total, where the run calibrated one, is finite and holds the total.
                    if (forecast.TotalInterval(interval.Level, horizon) is { } total)
                    {
                        (double.IsFinite(total.Lower) && double.IsFinite(total.Upper)).ShouldBeTrue($"{kind}: {interval.Level}% total");
                        total.Lower.ShouldBeLessThanOrEqualTo(total.Total, $"{kind}: {interval.Level}% total's lower bound");
                        total.Upper.ShouldBeGreaterThanOrEqualTo(total.Total, $"{kind}: {interval.Level}% total's upper bound");
                    }
                }
            }
            forecasts.Count(f => f.Forecast.TotalShares is not null).ShouldBeGreaterThan(series.Count / 2, "most series get an interval of their total");
        }
    }

    /// <summary>Series of every awkward kind, generated from a fixed seed so that a failure can be replayed.</summary>
    private static IEnumerable<(string Kind, double[] Series)> Series()
    {
        var random = new Random(17);
        double[] Seasonal(int n, double level, double amplitude, double noise) =>
            [.. Enumerable.Range(0, n).Select(t => level * (1 + 0.01 * t) + amplitude * Math.Sin(2 * Math.PI * t / 12) + noise * (random.NextDouble() - 0.5))];
        yield return ("no points", []);
        for (var n = 1; n <= 3; n++)
        {
            yield return ($"{n} points", [.. Enumerable.Range(0, n).Select(_ => 100 * random.NextDouble())]);
            yield return ($"{n} zeros", new double[n]);
        }
        foreach (var n in new[] { 4, 7, 13, 24, 25, 26, 36, 60 })
        {
            yield return ($"constant of {n}", Enumerable.Repeat(42.0, n).ToArray());
            yield return ($"zeros of {n}", new double[n]);
            yield return ($"seasonal of {n}", Seasonal(n, 1000, 300, 50));
            yield return ($"negative of {n}", [.. Seasonal(n, -500, 100, 30)]);
            yield return ($"around zero of {n}", Seasonal(n, 0, 10, 5));
            yield return ($"near 1e12 of {n}", [.. Seasonal(n, 1e12, 3e11, 1e10)]);
            yield return ($"tiny of {n}", [.. Seasonal(n, 1e-9, 3e-10, 1e-11)]);
            var gaps = Seasonal(n, 1000, 300, 50);
            for (var t = 0; t < n; t += 3)
            {
                gaps[t] = 0;
            }
            yield return ($"months missing (zero) in {n}", gaps);
            var late = Seasonal(n, 1000, 300, 50);
            Array.Clear(late, 0, n * 2 / 3);
            yield return ($"usage starting late in {n}", late);
            var spike = Seasonal(n, 1000, 300, 50);
            spike[n / 2] = 1e9;
            yield return ($"one spike in {n}", spike);
            yield return ($"alternating sign of {n}", [.. Enumerable.Range(0, n).Select(t => t % 2 == 0 ? 1e6 : -1e6)]);
        }
        var broken = Seasonal(40, 1000, 300, 50);
        broken[20] = double.NaN;
        yield return ("a value that is not a number", broken);
        yield return ("an infinite value", [.. broken.Select(v => double.IsNaN(v) ? double.PositiveInfinity : v)]);
        foreach (var n in new[] { 500, 777 })
        {
            yield return ($"seasonal of {n}", Seasonal(n, 1000, 300, 50));
            yield return ($"random walk of {n}", [.. RandomWalk(random, n)]);
        }
    }

    private static IEnumerable<double> RandomWalk(Random random, int n)
    {
        var value = 100.0;
        for (var t = 0; t < n; t++)
        {
            value += random.NextDouble() - 0.5;
            yield return value;
        }
    }
}
