using CostInsights.Pricing;

namespace CostInsights.Core.Tests.Pricing;

public sealed class ComputeTimeCalculatorTests
{
    [Fact]
    public void Compute_seconds_follow_throughput()
    {
        // 120,000 input at 12,000 tok/s = 10 s; 9,000 output at 90 tok/s = 100 s → 110 s; at 50% efficiency 220 s
        var rates = new ComputeRates(12_000m, 90m, 0.001m);
        ComputeTimeCalculator.ComputeSeconds(120_000, 9_000, rates).ShouldBe(110m);
        ComputeTimeCalculator.ComputeSeconds(120_000, 9_000, rates, 0.5m).ShouldBe(220m);
    }

    [Fact]
    public void Cost_is_seconds_times_the_rate()
    {
        // 110 s at $3.60 per unit-hour = $0.001 per second → $0.11
        ComputeTimeCalculator.Cost(110m, new ComputeRates(12_000m, 90m, 3.60m / 3600m)).ShouldBe(0.11m);
    }

    [Fact]
    public void Zero_throughput_is_refused()
    {
        Should.Throw<ArgumentException>(() => ComputeTimeCalculator.ComputeSeconds(1, 1, new ComputeRates(0m, 1m, 1m)));
    }
}
