using CostInsights.Pricing;

namespace CostInsights.Core.Tests.Pricing;

/// <summary>
/// The conformance suite: one hand-computed case per charge class, and one per mispricing that
/// cost tools are known to make. Prices are dollars per one million tokens.
/// </summary>
public sealed class TokenCostCalculatorTests
{
    // A Claude-Sonnet-like card: $3 in, $15 out, $0.30 cached read, $3.75 5-minute write, $6 1-hour write.
    private static readonly RateCard Sonnet = new(3m, 15m, CachedInput: 0.30m, CacheWrite5m: 3.75m, CacheWrite1h: 6m);

    [Fact]
    public void Uncached_input_and_output()
    {
        // 1,000,000 × 3 / 1e6 + 200,000 × 15 / 1e6 = 3.00 + 3.00 = $6.00
        TokenCostCalculator.Cost(new TokenUsage(1_000_000, 200_000, 0, 1), new TokenRates(Sonnet)).ShouldBe(6.00m);
    }

    [Fact]
    public void Cached_reads_are_discounted_not_priced_as_input()
    {
        // Known mispricing: cache reads billed at the input price.
        // 1,000,000 input of which 800,000 cached: 200,000 × 3 + 800,000 × 0.30 = 0.60 + 0.24 = $0.84 (not $3.00)
        var cost = TokenCostCalculator.Price(new TokenUsage(1_000_000, 0, 800_000, 1), new TokenRates(Sonnet));
        (cost.UncachedInput, cost.CachedInput, cost.Total).ShouldBe((0.60m, 0.24m, 0.84m));
    }

    [Fact]
    public void Cache_writes_are_charged_at_their_own_rates_not_dropped()
    {
        // Known mispricing: cache writes left out. 1,000,000 input = 400,000 uncached + 500,000 written for 5 minutes
        // + 100,000 written for an hour: 400,000 × 3 + 500,000 × 3.75 + 100,000 × 6 = 1.20 + 1.875 + 0.60 = $3.675
        var usage = new TokenUsage(1_000_000, 0, 0, 1) { CacheWrite5mTokens = 500_000, CacheWrite1hTokens = 100_000 };
        var cost = TokenCostCalculator.Price(usage, new TokenRates(Sonnet));
        (cost.UncachedInput, cost.CacheWrites, cost.Total).ShouldBe((1.20m, 2.475m, 3.675m));
    }

    [Fact]
    public void Cache_writes_without_their_own_price_fall_back_to_input_and_the_five_minute_rate()
    {
        // 1-hour write unpriced → 5-minute rate 3.75: 100,000 × 3.75 = 0.375; with no write prices at all → input 3: 0.30
        var usage = new TokenUsage(100_000, 0, 0, 1) { CacheWrite1hTokens = 100_000 };
        TokenCostCalculator.Cost(usage, new TokenRates(Sonnet with { CacheWrite1h = null })).ShouldBe(0.375m);
        TokenCostCalculator.Cost(usage, new TokenRates(new RateCard(3m, 15m))).ShouldBe(0.30m);
    }

    [Fact]
    public void Reasoning_tokens_are_priced_as_output_unless_the_sheet_prices_them()
    {
        // Known mispricing: reasoning ignored. 100,000 output of which 60,000 reasoning, $10 out:
        // as output: 100,000 × 10 = $1.00; at a $12 reasoning price: 40,000 × 10 + 60,000 × 12 = 0.40 + 0.72 = $1.12
        var usage = new TokenUsage(0, 100_000, 0, 1) { ReasoningTokens = 60_000 };
        TokenCostCalculator.Cost(usage, new TokenRates(new RateCard(1m, 10m))).ShouldBe(1.00m);
        var priced = TokenCostCalculator.Price(usage, new TokenRates(new RateCard(1m, 10m, Reasoning: 12m)));
        (priced.Output, priced.Reasoning, priced.Total).ShouldBe((0.40m, 0.72m, 1.12m));
    }

    [Fact]
    public void A_request_over_200K_input_tokens_is_priced_entirely_at_the_long_context_tier()
    {
        // Known mispricing: the over-200K tier ignored. Tier above 200,000: $6 in, $22.50 out, $0.60 cached.
        // 250,000 input (50,000 cached) + 10,000 output, one request:
        // 200,000 × 6 + 50,000 × 0.60 + 10,000 × 22.50 = 1.20 + 0.03 + 0.225 = $1.455
        var rates = new TokenRates(Sonnet) { ContextTiers = [new ContextTier(200_000, new RateCard(6m, 22.50m, CachedInput: 0.60m))] };
        TokenCostCalculator.Cost(new TokenUsage(250_000, 10_000, 50_000, 1), rates).ShouldBe(1.455m);
        // Exactly 200,000 is not over the threshold: 200,000 × 3 = $0.60
        TokenCostCalculator.Cost(new TokenUsage(200_000, 0, 0, 1), rates).ShouldBe(0.60m);
        // A bucket of 10 requests averaging 25,000 input each stays at the base rate: 250,000 × 3 = $0.75
        TokenCostCalculator.Cost(new TokenUsage(250_000, 0, 0, 10), rates).ShouldBe(0.75m);
    }

    [Fact]
    public void The_highest_context_tier_exceeded_applies()
    {
        // Tiers above 128K ($2) and 256K ($4): 300,000 input → 300,000 × 4 = $1.20; 150,000 → 150,000 × 2 = $0.30
        var rates = new TokenRates(new RateCard(1m, 1m))
        {
            ContextTiers = [new ContextTier(256_000, new RateCard(4m, 4m)), new ContextTier(128_000, new RateCard(2m, 2m))],
        };
        TokenCostCalculator.Cost(new TokenUsage(300_000, 0, 0, 1), rates).ShouldBe(1.20m);
        TokenCostCalculator.Cost(new TokenUsage(150_000, 0, 0, 1), rates).ShouldBe(0.30m);
    }

    [Fact]
    public void Per_request_fees_are_added()
    {
        // Known mispricing: per-request fees ignored. 1,000 requests × $0.005 + 1,000,000 × 1 / 1e6 = 5.00 + 1.00 = $6.00
        var rates = new TokenRates(new RateCard(1m, 1m)) { PerRequestFee = 0.005m };
        var cost = TokenCostCalculator.Price(new TokenUsage(1_000_000, 0, 0, 1_000), rates);
        (cost.RequestFees, cost.Total).ShouldBe((5.00m, 6.00m));
    }

    [Fact]
    public void Batch_traffic_gets_the_batch_discount_on_tokens_but_not_on_request_fees()
    {
        // (2,000,000 × 1 + 1,000,000 × 4) / 1e6 = 6.00, less 50% = 3.00; plus 100 × $0.01 = 1.00 → $4.00
        var rates = new TokenRates(1m, 4m, null, perRequestFee: 0.01m, batchDiscountPercent: 50m);
        TokenCostCalculator.Cost(new TokenUsage(2_000_000, 1_000_000, 0, 100, isBatch: true), rates).ShouldBe(4.00m);
        TokenCostCalculator.Cost(new TokenUsage(2_000_000, 1_000_000, 0, 100, isBatch: false), rates).ShouldBe(7.00m);
    }

    [Fact]
    public void Monthly_volume_tiers_are_graduated()
    {
        // Base $2 per 1M up to 10M tokens a month, $1 from there. 4M tokens after 8M already this month:
        // 2M at $2 + 2M at $1 = 4.00 + 2.00 = $6.00. The same 4M as the month's first: 4M × 2 = $8.00
        var rates = new TokenRates(new RateCard(2m, 2m)) { VolumeTiers = [new VolumeTier(10_000_000, new RateCard(1m, 1m))] };
        var usage = new TokenUsage(3_000_000, 1_000_000, 0, 1);
        TokenCostCalculator.Price(usage, rates, monthToDateTokens: 8_000_000).Total.ShouldBe(6.00m);
        TokenCostCalculator.Price(usage, rates, monthToDateTokens: 0).Total.ShouldBe(8.00m);
        TokenCostCalculator.Price(usage, rates, monthToDateTokens: 20_000_000).Total.ShouldBe(4.00m);
    }

    [Fact]
    public void Per_second_prices_bill_compute_time()
    {
        // 90 s at $0.0014 per second = $0.126, beside 1,000 × 1 / 1e6 = $0.001 of tokens → $0.127
        var rates = new TokenRates(new RateCard(1m, 1m)) { PerComputeSecond = 0.0014m };
        var usage = new TokenUsage(1_000, 0, 0, 1) { ComputeSeconds = 90m };
        TokenCostCalculator.Price(usage, rates).ComputeTime.ShouldBe(0.126m);
        TokenCostCalculator.Cost(usage, rates).ShouldBe(0.127m);
    }

    [Fact]
    public void Small_requests_keep_every_digit()
    {
        // 7 × 0.15 / 1e6 + 3 × 0.60 / 1e6 = 0.00000105 + 0.0000018 = $0.00000285
        TokenCostCalculator.Cost(new TokenUsage(7, 3, 0, 1), new TokenRates(0.15m, 0.60m, 0.075m)).ShouldBe(0.00000285m);
    }

    [Fact]
    public void Inconsistent_counts_are_refused_with_the_reason()
    {
        Should.Throw<ArgumentException>(() => TokenCostCalculator.Cost(new TokenUsage(10, 0, 11, 1), new TokenRates(1m, 1m)))
            .Message.ShouldContain("exceed the input tokens");
        Should.Throw<ArgumentException>(() => TokenCostCalculator.Cost(new TokenUsage(10, 5, 0, 1) { ReasoningTokens = 6 }, new TokenRates(1m, 1m)))
            .Message.ShouldContain("reasoning tokens (6) exceed the output tokens (5)");
    }

    [Fact]
    public void The_total_alone_is_the_breakdowns_total_and_each_charge_is_tokens_times_rate_per_million()
    {
        var random = new Random(5);
        TokenRates[] rates =
        [
            new(Sonnet with { Reasoning = 18m }),
            new(Sonnet) { ContextTiers = [new ContextTier(200_000, new RateCard(6m, 22.50m, CachedInput: 0.60m))] },
            new(new RateCard(2m, 8m)) { VolumeTiers = [new VolumeTier(10_000_000, new RateCard(1m, 4m)), new VolumeTier(50_000_000, new RateCard(0.5m, 2m))] },
            new(0.15m, 0.60m, 0.075m, perRequestFee: 0.0004m, batchDiscountPercent: 50m) { PerComputeSecond = 0.00012m },
        ];
        for (var i = 0; i < 5_000; i++)
        {
            var input = random.NextInt64(0, 400_000);
            var cached = random.Next(3) == 0 ? 0 : random.NextInt64(0, input / 2 + 1);
            var write5m = random.Next(2) == 0 ? 0 : random.NextInt64(0, (input - cached) / 2 + 1);
            var output = random.NextInt64(0, 20_000);
            var usage = new TokenUsage(input, output, cached, random.NextInt64(1, 20), isBatch: random.Next(2) == 0)
            {
                CacheWrite5mTokens = write5m,
                ReasoningTokens = random.NextInt64(0, output + 1),
                ComputeSeconds = random.Next(2) == 0 ? null : random.Next(0, 100_000) / 1000m,
            };
            var monthToDate = random.NextInt64(0, 60_000_000);
            foreach (var rate in rates)
            {
                TokenCostCalculator.Cost(usage, rate, monthToDate).ShouldBe(TokenCostCalculator.Price(usage, rate, monthToDate).Total);
            }
            var card = rates[0].Base;
            var charges = TokenCostCalculator.Price(usage, rates[0]);
            (charges.UncachedInput, charges.CachedInput, charges.CacheWrites, charges.Output, charges.Reasoning).ShouldBe((
                (input - cached - write5m) * card.Input / 1_000_000m, cached * card.CachedInput!.Value / 1_000_000m,
                write5m * card.CacheWrite5m!.Value / 1_000_000m, (usage.OutputTokens - usage.ReasoningTokens) * card.Output / 1_000_000m,
                usage.ReasoningTokens * card.Reasoning!.Value / 1_000_000m));
        }
    }
}
