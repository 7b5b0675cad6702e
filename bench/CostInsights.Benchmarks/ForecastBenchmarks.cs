using BenchmarkDotNet.Attributes;
using CostInsights.Forecasting.Auto;
using CostInsights.Forecasting.Baselines;
using CostInsights.Forecasting.Ets;
using CostInsights.Forecasting.Smoothing;
using CostInsights.Forecasting.Ssa;
using CostInsights.Forecasting.Theta;

namespace CostInsights.Benchmarks;

/// <summary>Each model forecasting 12 months with 80/95% intervals from 36 months of a growing, seasonal spend series.</summary>
[MemoryDiagnoser]
public class ForecastBenchmarks
{
    private static readonly double[] Levels = [80, 95];
    private double[] _history = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(36);
        _history = [.. Enumerable.Range(0, 36)
            .Select(t => 10_000 * Math.Pow(1.04, t) * (1 + 0.15 * Math.Sin(2 * Math.PI * t / 12)) * (1 + 0.05 * (random.NextDouble() - 0.5)))];
    }

    [Benchmark(Baseline = true)]
    public Forecasting.Forecast SeasonalNaive() => Baseline.SeasonalNaive(_history, 12, 12, Levels);

    [Benchmark]
    public Forecasting.Forecast Naive2() => Baseline.Naive2(_history, 12, 12, Levels);

    [Benchmark]
    public Forecasting.Forecast Drift() => Baseline.NaiveWithDrift(_history, 12, Levels);

    [Benchmark]
    public Forecasting.Forecast Ses() => SimpleExponentialSmoothing.Forecast(_history, 12, 12, Levels);

    [Benchmark]
    public Forecasting.Forecast Holt() => DampedTrend.Holt(_history, 12, 12, Levels);

    [Benchmark]
    public Forecasting.Forecast Damped() => DampedTrend.Forecast(_history, 12, 12, Levels);

    [Benchmark]
    public Forecasting.Forecast Theta() => ThetaMethod.Forecast(_history, 12, 12, Levels);

    [Benchmark]
    public Forecasting.Forecast Ssa() => SingularSpectrum.Forecast(_history, 12, 12, Levels);

    [Benchmark]
    public Forecasting.Forecast EtsAuto() => Ets.Auto(_history, 12, 12, Levels);

    [Benchmark]
    public AutoForecast Auto() => AutoForecaster.Forecast(_history, 12, 12, Levels);
}
