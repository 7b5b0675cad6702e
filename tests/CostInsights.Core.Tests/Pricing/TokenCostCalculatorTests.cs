using CostInsights.Core.Pricing;

namespace CostInsights.Core.Tests.Pricing;

public sealed class TokenCostCalculatorTests
{
    [Fact]
    public void Prices_uncached_input_cached_input_and_output_per_million()
    {
        // 1,000,000 input of which 200,000 cached, 500,000 output at $2.50 / $1.25 / $10.00 per 1M:
        // 800,000 × 2.50 / 1e6 = 2.00; 200,000 × 1.25 / 1e6 = 0.25; 500,000 × 10 / 1e6 = 5.00 → $7.25
        var cost = TokenCostCalculator.Cost(new TokenUsage(1_000_000, 500_000, 200_000, 10), new TokenRates(2.50m, 10.00m, 1.25m));
        cost.ShouldBe(7.25m);
    }

    [Fact]
    public void Cached_input_without_a_cached_price_is_priced_as_input()
    {
        // 1,000 input (400 cached) and 100 output at $3 in, $15 out: 1,000 × 3 / 1e6 + 100 × 15 / 1e6 = 0.003 + 0.0015
        var cost = TokenCostCalculator.Cost(new TokenUsage(1_000, 100, 400, 1), new TokenRates(3m, 15m));
        cost.ShouldBe(0.0045m);
    }

    [Fact]
    public void Small_requests_keep_every_digit()
    {
        // 7 input and 3 output tokens at $0.15 / $0.60: 7 × 0.15 / 1e6 + 3 × 0.60 / 1e6 = 0.00000105 + 0.0000018
        var cost = TokenCostCalculator.Cost(new TokenUsage(7, 3, 0, 1), new TokenRates(0.15m, 0.60m, 0.075m));
        cost.ShouldBe(0.00000285m);
    }

    [Fact]
    public void Batch_traffic_gets_the_batch_discount_and_per_request_fees_are_added()
    {
        // 2,000,000 input, 1,000,000 output at $1 / $4 with 50% batch discount: (2 + 4) × 0.5 = 3.00;
        // plus 100 requests × $0.01 = 1.00 → $4.00
        var rates = new TokenRates(1m, 4m, null, PerRequestFee: 0.01m, BatchDiscountPercent: 50m);
        TokenCostCalculator.Cost(new TokenUsage(2_000_000, 1_000_000, 0, 100, IsBatch: true), rates).ShouldBe(4.00m);
        TokenCostCalculator.Cost(new TokenUsage(2_000_000, 1_000_000, 0, 100, IsBatch: false), rates).ShouldBe(7.00m);
    }

    [Fact]
    public void Cached_tokens_above_input_are_refused()
    {
        Should.Throw<ArgumentException>(() => TokenCostCalculator.Cost(new TokenUsage(10, 0, 11, 1), new TokenRates(1m, 1m)));
    }
}
