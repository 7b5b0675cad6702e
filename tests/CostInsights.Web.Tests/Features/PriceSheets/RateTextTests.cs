using CostInsights.Pricing;
using CostInsights.Web.Features.PriceSheets;

namespace CostInsights.Web.Tests.Features.PriceSheets;

public sealed class RateTextTests
{
    [Fact]
    public void Prices_read_as_the_sheet_gives_them_without_the_zeros_of_their_scale()
    {
        (RateText.Per(0.0750m), RateText.Per(15.00m), RateText.Per(null)).ShouldBe(("$0.075", "$15", "–"));
    }

    [Fact]
    public void What_a_card_charges_beside_its_token_prices_is_listed_in_words()
    {
        var rates = new TokenRates(new RateCard(3m, 15m, null, null, null, null))
        {
            PerRequestFee = 0.010m,
            BatchDiscountPercent = 50.0m,
            ContextTiers = [new ContextTier(200_000, new RateCard(6m, 22.5m, null, null, null, null))],
        };

        RateText.Extras(rates).ShouldBe("$0.01 per request; batch −50%; over 200,000 input: $6/$22.5");
    }
}
