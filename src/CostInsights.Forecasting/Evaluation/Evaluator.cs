using System.Diagnostics;
using CostInsights.Forecasting.Baselines;
using CostInsights.Forecasting.Ensembles;
using CostInsights.Forecasting.Smoothing;
using CostInsights.Forecasting.Theta;

namespace CostInsights.Forecasting.Evaluation;

/// <summary>A forecasting method as the harness calls it.</summary>
public delegate Forecast ForecastMethod(IReadOnlyList<double> history, int season, int horizon, IReadOnlyList<double> levels);

/// <summary>
/// A method that forecasts a set of series together, given where the calendar is known each series' first period to
/// forecast's place in the season; null for a series it cannot forecast.
/// </summary>
public delegate IReadOnlyList<Forecast?> BatchMethod(IReadOnlyList<IReadOnlyList<double>> histories, IReadOnlyList<int>? phases, int season,
    int horizon, IReadOnlyList<double> levels);

/// <summary>What a method needs of a series before it can forecast it.</summary>
public sealed record MethodNeeds(string Description, Func<int, int> MinimumHistory);

/// <summary>
/// A method's scores over a benchmark: means over series of each measure, each coverage's standard error over series (a
/// series' months miss together, so they are not counted as independent), and each series' own scores in the benchmark's
/// order (null where the method could not forecast it), for comparing methods series by series.
/// </summary>
public sealed record MethodScore(string Method, int Series, double Smape, double Mase, IReadOnlyDictionary<double, double> Coverage, double Msis95,
    double SeriesPerSecond, int Failures, IReadOnlyDictionary<double, double> CoverageError, IReadOnlyList<SeriesScore?> BySeries)
{
    /// <summary>
    /// At each level, the share of series whose test periods' total fell inside the interval of their total, and its standard
    /// error; empty for a method that gives no interval of a total.
    /// </summary>
    public IReadOnlyDictionary<double, Estimate> TotalCoverage { get; init; } = new Dictionary<double, Estimate>();
}

/// <summary>
/// One series' scores: sMAPE, MASE, the share of its test periods inside each interval, in the levels' order, MSIS at 95%,
/// and whether the test periods' total fell inside the interval of their total at each level (null without one).
/// </summary>
public sealed record SeriesScore(double Smape, double Mase, IReadOnlyList<double> Coverage, double Msis95, IReadOnlyList<bool>? TotalCovered = null);

/// <summary>Forecasts every series of a benchmark from its training part, in parallel, and scores the methods.</summary>
public static class Evaluator
{
    /// <summary>
    /// Methods that forecast a set of series together (the automatic method calibrates its intervals on all their
    /// backtests): the harness gives them every series of a horizon at once, as a forecast run does.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, BatchMethod> Together = new Dictionary<string, BatchMethod>(StringComparer.OrdinalIgnoreCase)
    {
        ["auto"] = (ys, _, m, h, l) => [.. Auto.AutoForecaster.ForecastAll(ys, m, h, l).Select(a => a.Forecast)],
        ["lightgbm"] = (ys, p, m, h, l) => Learned.GlobalBoostedModel.Forecast(ys, m, h, l, p),
        ["ets-arima-theta-lightgbm"] = (ys, _, m, h, l) =>
        {
            var learned = Learned.GlobalBoostedModel.Forecast(ys, m, h, l);
            var local = new Forecast[ys.Count];
            Parallel.For(0, ys.Count, i => local[i] = MeanOfThree(ys[i], m, h, l));
            return [.. local.Select((f, i) => learned[i] is { } g ? Ensemble.Mean("ets+arima+theta+lightgbm", [f, f, f, g]) : f)];
        },
    };

    /// <summary>The mean of ETS, ARIMA and Theta, the strong baseline the automatic method was measured against.</summary>
    private static Forecast MeanOfThree(IReadOnlyList<double> y, int m, int h, IReadOnlyList<double> l) => Ensemble.Mean("ets+arima+theta",
        [Ets.Ets.Auto(y, m, h, l), Arima.AutoArima.Forecast(y, m, h, l), ThetaMethod.Forecast(y, m, h, l)]);

    public static readonly IReadOnlyDictionary<string, ForecastMethod> Methods = new Dictionary<string, ForecastMethod>(StringComparer.OrdinalIgnoreCase)
    {
        ["snaive"] = (y, m, h, l) => Baseline.SeasonalNaive(y, y.Count >= m ? m : 1, h, l),
        ["naive2"] = (y, m, h, l) => Baseline.Naive2(y, m, h, l),
        ["drift"] = (y, m, h, l) => Baseline.NaiveWithDrift(y, h, l),
        ["ses"] = (y, m, h, l) => SimpleExponentialSmoothing.Forecast(y, m, h, l),
        ["theta"] = (y, m, h, l) => ThetaMethod.Forecast(y, m, h, l),
        ["theta-opt"] = (y, m, h, l) => ThetaMethod.Optimised(y, m, h, l),
        ["ssa"] = (y, m, h, l) => Ssa.SingularSpectrum.Forecast(y, m, h, l),
        ["damped"] = (y, m, h, l) => DampedTrend.Forecast(y, m, h, l),
        ["holt"] = (y, m, h, l) => DampedTrend.Holt(y, m, h, l),
        ["auto"] = (y, m, h, l) => Auto.AutoForecaster.Forecast(y, m, h, l).Forecast,
        ["ets"] = (y, m, h, l) => Ets.Ets.Auto(y, m, h, l),
        ["arima"] = (y, m, h, l) => Arima.AutoArima.Forecast(y, m, h, l),
        ["lightgbm"] = (y, m, h, l) => Together["lightgbm"]([y], null, m, h, l)[0] ?? throw new ArgumentException("too short for the global model"),
        ["ets-arima-theta-lightgbm"] = (y, m, h, l) => Together["ets-arima-theta-lightgbm"]([y], null, m, h, l)[0]!,
        ["ets-arima-theta"] = MeanOfThree,
        ["ets-theta-damped"] = (y, m, h, l) => Ensemble.Mean("ets+theta+damped",
            [Ets.Ets.Auto(y, m, h, l), ThetaMethod.Forecast(y, m, h, l), DampedTrend.Forecast(y, m, h, l)]),
        ["ets-theta"] = (y, m, h, l) => Ensemble.Mean("ets+theta", [Ets.Ets.Auto(y, m, h, l), ThetaMethod.Forecast(y, m, h, l)]),
        ["theta-damped"] = (y, m, h, l) => Ensemble.Mean("theta+damped",
            [ThetaMethod.Forecast(y, m, h, l), DampedTrend.Forecast(y, m, h, l)]),
        ["theta-damped-ses"] = (y, m, h, l) => Ensemble.Mean("theta+damped+ses",
            [ThetaMethod.Forecast(y, m, h, l), DampedTrend.Forecast(y, m, h, l), SimpleExponentialSmoothing.Forecast(y, m, h, l)]),
    };


    /// <summary>The history each method needs, by the seasonal period.</summary>
    public static readonly IReadOnlyDictionary<string, MethodNeeds> Needs = new Dictionary<string, MethodNeeds>(StringComparer.OrdinalIgnoreCase)
    {
        ["auto"] = new("any history: flat from 1 period, drift from 2, the median of its members from 6, backtested from 7", _ => 0),
        ["ets"] = new("five periods (more than its parameters plus two: trend models from seven, seasonal ones from two seasons)", _ => 5),
        ["ets-theta"] = new("as ETS: five periods", _ => 5),
        ["arima"] = new("one period", _ => 1),
        ["ets-arima-theta"] = new("as ETS: five periods", _ => 5),
        ["lightgbm"] = new("a season and a period, all series trained together", m => Math.Max(12, m) + 1),
        ["ets-arima-theta-lightgbm"] = new("as ETS: five periods", _ => 5),
        ["ets-theta-damped"] = new("as ETS: five periods", _ => 5),
        ["theta"] = new("two periods; seasonal adjustment from three seasons", _ => 2),
        ["theta-opt"] = new("three periods; seasonal adjustment from three seasons", _ => 3),
        ["theta-damped"] = new("three periods", _ => 3),
        ["theta-damped-ses"] = new("three periods", _ => 3),
        ["ssa"] = new("four periods (a window of at least two)", _ => 4),
        ["damped"] = new("three periods", _ => 3),
        ["holt"] = new("three periods", _ => 3),
        ["ses"] = new("one period", _ => 1),
        ["drift"] = new("two periods", _ => 2),
        ["naive2"] = new("one period; seasonal adjustment from three seasons", _ => 1),
        ["snaive"] = new("one season (otherwise it is the naive forecast)", _ => 1),
    };

    public static MethodScore Evaluate(string name, ForecastMethod method, IReadOnlyList<BenchmarkSeries> series, int season, IReadOnlyList<double> levels)
    {
        var levelSet = levels.Contains(95) ? levels : [.. levels, 95];
        var bySeries = new SeriesScore?[series.Count];
        var watch = Stopwatch.StartNew();
        var together = Together.TryGetValue(name, out var batch)
            ? series.GroupBy(s => s.Test.Length).SelectMany(g =>
            {
                var list = g.ToList();
                // Months give the calendar of a monthly season.
                IReadOnlyList<int>? phases = season == 12 && list.All(s => s.Month is not null) ? [.. list.Select(s => s.Month!.Value - 1)] : null;
                return list.Zip(batch([.. list.Select(s => s.Train)], phases, season, g.Key, levelSet));
            }).ToDictionary(p => p.First, p => p.Second)
            : null;
        Parallel.For(0, series.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            var s = series[k];
            try
            {
                var forecast = together is null ? method(s.Train, season, s.Test.Length, levelSet)
                    : together[s] ?? throw new ArgumentException("the method cannot forecast this series");
                var scale = Accuracy.SeasonalNaiveScale(s.Train, season);
                var coverage = levels.Select(l => Accuracy.Coverage(s.Test, forecast.At(l).Lower, forecast.At(l).Upper)).ToArray();
                var i95 = forecast.At(95);
                var totals = levels.Select(l => forecast.TotalInterval(l, s.Test.Length)).ToList();
                var actualTotal = s.Test.Sum();
                bySeries[k] = new SeriesScore(Accuracy.Smape(s.Test, forecast.Points), Accuracy.Mase(s.Test, forecast.Points, scale), coverage,
                    Accuracy.Msis(s.Test, i95.Lower, i95.Upper, 0.05, scale),
                    totals.All(t => t is not null) ? [.. totals.Select(t => t!.Value.Lower <= actualTotal && actualTotal <= t.Value.Upper)] : null);
            }
            catch (ArgumentException)
            {
                // Counted below as a series the method could not forecast.
            }
        });
        var seconds = watch.Elapsed.TotalSeconds;
        var list = bySeries.OfType<SeriesScore>().ToList();
        var coverage = levels.Select((l, i) => (Level: l, Estimate: Estimate.Of([.. list.Select(x => x.Coverage[i])]))).ToList();
        var totalled = list.Where(x => x.TotalCovered is not null).ToList();
        return new MethodScore(name, list.Count, list.Average(x => x.Smape), list.Average(x => x.Mase),
            coverage.ToDictionary(c => c.Level, c => c.Estimate.Mean), list.Average(x => x.Msis95), series.Count / Math.Max(1e-9, seconds),
            series.Count - list.Count, coverage.ToDictionary(c => c.Level, c => c.Estimate.StandardError), bySeries)
        {
            TotalCoverage = totalled.Count == 0 ? new Dictionary<double, Estimate>()
                : levels.Select((l, i) => (l, Estimate.Of([.. totalled.Select(x => x.TotalCovered![i] ? 100.0 : 0.0)]))).ToDictionary(),
        };
    }
}
