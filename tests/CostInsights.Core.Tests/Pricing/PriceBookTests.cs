using CostInsights.Core.PriceSheets;
using CostInsights.Core.Pricing;

namespace CostInsights.Core.Tests.Pricing;

public sealed class PriceBookTests
{
    private static TokenPrice Price(int sheet, string from, decimal input) => new()
    {
        PriceSheetId = sheet, Provider = "openai", Model = "gpt-4o",
        EffectiveFrom = DateTime.SpecifyKind(DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc),
        InputPerMillion = input, OutputPerMillion = 10m,
    };

    [Fact]
    public void An_old_month_is_priced_at_the_prices_in_force_then()
    {
        var book = new PriceBook([Price(1, "2025-01-01", 5m), Price(2, "2025-06-01", 2.5m)], []);
        var utc = DateTimeKind.Utc;
        book.TokenRatesAt("openai", "gpt-4o", new DateTime(2025, 3, 15, 0, 0, 0, utc))!.Rates.InputPerMillion.ShouldBe(5m);
        book.TokenRatesAt("openai", "gpt-4o", new DateTime(2025, 6, 1, 0, 0, 0, utc))!.PriceSheetId.ShouldBe(2);
        book.TokenRatesAt("OpenAI", "GPT-4o", new DateTime(2026, 1, 1, 0, 0, 0, utc))!.Rates.InputPerMillion.ShouldBe(2.5m);
        book.TokenRatesAt("openai", "gpt-4o", new DateTime(2024, 12, 31, 0, 0, 0, utc)).ShouldBeNull();
        book.TokenRatesAt("openai", "gpt-5", new DateTime(2025, 3, 15, 0, 0, 0, utc)).ShouldBeNull();
    }

    [Fact]
    public void A_later_sheet_with_the_same_date_wins()
    {
        var book = new PriceBook([Price(1, "2025-01-01", 5m), Price(3, "2025-01-01", 4m)], []);
        book.TokenRatesAt("openai", "gpt-4o", new DateTime(2025, 2, 1, 0, 0, 0, DateTimeKind.Utc))!.Rates.InputPerMillion.ShouldBe(4m);
    }
}
