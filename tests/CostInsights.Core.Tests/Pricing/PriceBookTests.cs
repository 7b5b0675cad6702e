using CostInsights.Core.PriceSheets;
using CostInsights.Pricing;

namespace CostInsights.Core.Tests.Pricing;

public sealed class PriceBookTests
{
    private static TokenPrice Price(int sheet, string from, decimal input) => new()
    {
        PriceSheetId = sheet,
        Provider = "openai",
        Model = "gpt-4o",
        EffectiveFrom = DateTime.SpecifyKind(DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc),
        InputPerMillion = input,
        OutputPerMillion = 10m,
    };

    [Fact]
    public void An_old_month_is_priced_at_the_prices_in_force_then()
    {
        var book = PricesInForce.Book([Price(1, "2025-01-01", 5m), Price(2, "2025-06-01", 2.5m)], []);
        var utc = DateTimeKind.Utc;
        book.TokenRatesAt("openai", "gpt-4o", new DateTime(2025, 3, 15, 0, 0, 0, utc))!.Rates.Base.Input.ShouldBe(5m);
        book.TokenRatesAt("openai", "gpt-4o", new DateTime(2025, 6, 1, 0, 0, 0, utc))!.PriceSheetId.ShouldBe(2);
        book.TokenRatesAt("OpenAI", "GPT-4o", new DateTime(2026, 1, 1, 0, 0, 0, utc))!.Rates.Base.Input.ShouldBe(2.5m);
        book.TokenRatesAt("openai", "gpt-4o", new DateTime(2024, 12, 31, 0, 0, 0, utc)).ShouldBeNull();
        book.TokenRatesAt("openai", "gpt-5", new DateTime(2025, 3, 15, 0, 0, 0, utc)).ShouldBeNull();
    }

    [Fact]
    public void A_later_sheet_with_the_same_date_wins()
    {
        var book = PricesInForce.Book([Price(1, "2025-01-01", 5m), Price(3, "2025-01-01", 4m)], []);
        book.TokenRatesAt("openai", "gpt-4o", new DateTime(2025, 2, 1, 0, 0, 0, DateTimeKind.Utc))!.Rates.Base.Input.ShouldBe(4m);
    }
}

public sealed class PriceBookServiceTierTests
{
    private static readonly DateTime From = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static CostInsights.Core.PriceSheets.TokenPrice Price(string tier, decimal input, decimal? batchDiscount = null) => new()
    {
        PriceSheetId = 1,
        Provider = "openai",
        Model = "gpt-5",
        EffectiveFrom = From,
        ServiceTier = tier,
        InputPerMillion = input,
        OutputPerMillion = 10m,
        BatchDiscountPercent = batchDiscount,
    };

    [Fact]
    public void Priority_and_flex_use_their_own_prices_and_fall_back_to_standard()
    {
        var book = PricesInForce.Book([Price("standard", 1.25m, 50m), Price("priority", 2.50m), Price("flex", 0.625m)], []);
        var at = From.AddDays(10);
        book.TokenRatesAt("openai", "gpt-5", "priority", at)!.Rates.Base.Input.ShouldBe(2.50m);
        book.TokenRatesAt("openai", "gpt-5", "flex", at)!.Rates.Base.Input.ShouldBe(0.625m);
        // No batch prices: batch traffic is the standard price less its 50% batch discount.
        var batch = book.TokenRatesAt("openai", "gpt-5", "batch", at)!.Rates;
        TokenCostCalculator.Cost(new TokenUsage(1_000_000, 0, 0, 1, isBatch: true), batch).ShouldBe(0.625m);
    }

    [Fact]
    public void Explicit_batch_prices_are_not_discounted_again()
    {
        var book = PricesInForce.Book([Price("standard", 1.25m, 50m), Price("batch", 0.60m)], []);
        var batch = book.TokenRatesAt("openai", "gpt-5", "batch", From)!.Rates;
        TokenCostCalculator.Cost(new TokenUsage(1_000_000, 0, 0, 1, isBatch: true), batch).ShouldBe(0.60m);
    }
}
