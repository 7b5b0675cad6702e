using CostInsights.Pricing;

namespace CostInsights.Core.Tests.Pricing;

public sealed class BillingComparisonTests
{
    // One unit: 10,000 input or 100 output tokens a second (w = 100) for $3.60 an hour.
    private static readonly CapacityTerms Offer = new(10_000m, 100m, 3.60m);

    [Fact]
    public void Each_month_is_priced_both_ways()
    {
        // April (30 days, 720 h): 10,000,000,000 input + 50,000,000 output.
        // Compute: 1e10 / 10,000 + 5e7 / 100 = 1,000,000 + 500,000 = 1,500,000 s; at 50% busy: 3,000,000 / 2,592,000 → 2 units
        // → 2 × 720 × 3.60 = $5,184; busy 1,500,000 / (2 × 2,592,000) = 28.9%.
        var april = new MonthlyWorkload(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), 10_000_000_000, 50_000_000, 25_000m);
        var result = BillingComparison.Compare([april], Offer, 0.5m);
        var month = result.Months.Single();
        (month.ComputeSeconds, month.Units, month.ComputeTimeCost).ShouldBe((1_500_000m, 2, 5_184m));
        Math.Round(month.Utilisation, 4).ShouldBe(0.2894m);
        // Effective: 5,184 / (1e10 + 100 × 5e7) × 1e6 = 5,184 / 15,000 = $0.3456 per 1M input, $34.56 per 1M output
        (month.EffectiveInputPerMillion, month.EffectiveOutputPerMillion).ShouldBe((0.3456m, 34.56m));
    }

    [Fact]
    public void The_breakeven_is_where_compute_time_first_costs_no_more_than_per_token_billing()
    {
        // Per token at $2 per 1M token-equivalents. A unit-month (730 h × $3.60 = $2,628) does 2,628,000 s = 26,280M equivalents.
        // One unit costs $2,628 and per-token billing reaches $2,628 at 1,314M token-equivalents a month (at 100% busy).
        var month = new MonthlyWorkload(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), 1_000_000_000, 0, 2_000m);
        var result = BillingComparison.Compare([month], Offer, 1m);
        result.TokenCostPerMillionEquivalents.ShouldBe(2m);
        result.BreakevenMillionTokenEquivalents.ShouldNotBeNull();
        result.BreakevenMillionTokenEquivalents!.Value.ShouldBeInRange(1_313.9m, 1_314.1m);
        result.Curve.ShouldAllBe(p => p.ComputeTimeCost >= 2_628m);
    }

    [Fact]
    public void No_breakeven_when_the_capacity_never_pays()
    {
        // At $0.0001 per 1M token-equivalents per-token billing is always cheaper than $3.60 a unit-hour.
        var month = new MonthlyWorkload(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), 1_000_000_000, 0, 0.1m);
        BillingComparison.Compare([month], Offer, 1m).BreakevenMillionTokenEquivalents.ShouldBeNull();
    }
}
