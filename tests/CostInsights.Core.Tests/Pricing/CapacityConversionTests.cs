using CostInsights.Pricing;

namespace CostInsights.Core.Tests.Pricing;

/// <summary>Hand-computed cases for each conversion between the two billing schemes.</summary>
public sealed class CapacityConversionTests
{
    // One unit: 10,000 input or 100 output tokens a second, $3.60 an hour ($0.001 a second), minimum 2 units, in steps of 5.
    private static readonly CapacityTerms Offer = new(10_000m, 100m, 3.60m, MinimumUnits: 2, UnitIncrement: 5);

    [Fact]
    public void The_output_weight_is_what_one_output_token_costs_in_input_tokens()
    {
        Offer.OutputWeight.ShouldBe(100m); // 10,000 / 100
        var tpm = CapacityTerms.FromTokensPerMinute(600_000m, 4m, 2m);
        (tpm.InputTokensPerSecond, tpm.OutputTokensPerSecond).ShouldBe((10_000m, 2_500m)); // 600,000 / 60; / 4
    }

    [Fact]
    public void Compute_seconds_and_units_for_a_peak()
    {
        // 1,000,000 input / 10,000 = 100 s; 20,000 output / 100 = 200 s → 300 s
        CapacityConversion.ComputeSeconds(1_000_000, 20_000, Offer).ShouldBe(300m);
        // Peak 50,000 in/s and 400 out/s: 5 + 4 = 9 units → above the minimum of 2 in steps of 5: 2 + 5 + 5 = 12
        CapacityConversion.UnitsForPeak(50_000m, 400m, Offer).ShouldBe(12);
        // A small peak still pays for the minimum: 0.1 + 0.1 → 1 → 2
        CapacityConversion.UnitsForPeak(1_000m, 10m, Offer).ShouldBe(2);
    }

    [Fact]
    public void Effective_price_per_million_token_equivalents_and_its_split()
    {
        // $30 for 1,000,000 input + 20,000 output with w = 100: 1,000,000 + 2,000,000 = 3,000,000 equivalents
        // → $10 per 1M input, $1,000 per 1M output
        CapacityConversion.EffectivePricePerMillion(30m, 1_000_000, 20_000, 100m).ShouldBe((10m, 1_000m));
    }

    [Fact]
    public void Round_trip_tokens_to_compute_to_effective_price_gives_back_the_inputs()
    {
        // On demand at $0.001 a second: 300 s → $0.30. Effective prices: 0.30 / 3,000,000 × 1e6 = $0.10 in, $10 out.
        var onDemand = Offer with { RatePerComputeSecond = 0.001m };
        var quote = CapacityConversion.Quote(1_000_000, 20_000, hours: 1m, utilisation: 1m, onDemand);
        (quote.ComputeSeconds, quote.ComputeTimeCost, quote.EffectiveInputPerMillion, quote.EffectiveOutputPerMillion).ShouldBe((300m, 0.30m, 0.10m, 10m));
        // Pricing the same tokens at the effective prices gives back the compute-time cost...
        var rates = new TokenRates(quote.EffectiveInputPerMillion, quote.EffectiveOutputPerMillion);
        TokenCostCalculator.Cost(new TokenUsage(1_000_000, 20_000, 0, 1), rates).ShouldBe(quote.ComputeTimeCost);
        // ...and that cost at the per-second rate is the compute time we started from.
        (quote.ComputeTimeCost / onDemand.RatePerComputeSecond!.Value).ShouldBe(quote.ComputeSeconds);
    }

    [Fact]
    public void Provisioned_units_follow_utilisation_and_cost_units_times_hours_times_rate()
    {
        // 3,600,000 s of work in a 720-hour month at 50% busy: 3,600,000 / 0.5 / 2,592,000 = 2.78 → 3 → 2 + 5 = 7 units
        var units = CapacityConversion.UnitsFor(3_600_000m, 720m, 0.5m, Offer);
        units.ShouldBe(7);
        CapacityConversion.ProvisionedCost(units, 720m, Offer).ShouldBe(18_144m); // 7 × 720 × 3.60
    }

    [Fact]
    public void Breakeven_utilisation_is_where_both_schemes_cost_the_same()
    {
        // Work of 1,000 compute seconds costs $2 per token: $0.002 per second of work. A unit-second costs $0.001.
        // Compute-time is cheaper once more than 0.001 / 0.002 = 50% of the capacity is busy.
        CapacityConversion.BreakevenUtilisation(2m, 1_000m, Offer).ShouldBe(0.5m);
        // Check: at 50% busy, 1,000 s needs 2,000 unit-seconds × $0.001 = $2, the per-token cost.
        (1_000m / 0.5m * 0.001m).ShouldBe(2m);
    }

    [Fact]
    public void Sharing_a_capacity_among_teams_adds_up_to_the_last_digit()
    {
        var shares = CapacityConversion.Share(100m, new Dictionary<string, decimal> { ["a"] = 1m, ["b"] = 1m, ["c"] = 1m });
        shares.Values.Sum().ShouldBe(100m);
        shares["a"].ShouldBe(33.3333333333m);
        // By token-equivalents with w = 4: team x 1,000 in + 250 out = 2,000; team y 2,000 in = 2,000 → half each
        var byTokens = CapacityConversion.Share(50m, new Dictionary<string, decimal>
        {
            ["x"] = CapacityConversion.TokenEquivalents(1_000, 250, 4m),
            ["y"] = CapacityConversion.TokenEquivalents(2_000, 0, 4m),
        });
        (byTokens["x"], byTokens["y"]).ShouldBe((25m, 25m));
    }
}
