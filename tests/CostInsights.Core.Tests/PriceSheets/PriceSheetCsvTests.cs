using CostInsights.Core.PriceSheets;
using CostInsights.Core.PriceSheets.Formats;
using CostInsights.Pricing;

namespace CostInsights.Core.Tests.PriceSheets;

public sealed class PriceSheetCsvTests
{
    private static PriceSheetImport Read(string csv, string file = "prices.csv") => PriceSheetCsv.Read(new StringReader(csv), file);

    [Fact]
    public void The_template_covers_every_field_and_parses_into_exact_prices()
    {
        var import = Read(PriceSheetCsv.Template, "template.csv");
        import.Errors.ShouldBeEmpty();
        var header = PriceSheetCsv.Template.Split('\n')[0].Split(',');
        header.ShouldBe([.. PriceSheetCsv.RequiredColumns, .. PriceSheetCsv.OptionalColumns], ignoreOrder: true);

        var gpt = import.Prices.First();
        (gpt.Provider, gpt.Model, gpt.InputPerMillion, gpt.OutputPerMillion, gpt.CachedInputPerMillion, gpt.BatchDiscountPercent)
            .ShouldBe(("openai", "gpt-4o", 2.50m, 10.00m, (decimal?)1.25m, (decimal?)50m));
        gpt.EffectiveFrom.ShouldBe(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        gpt.EffectiveFrom.Kind.ShouldBe(DateTimeKind.Utc);

        import.Prices.Single(p => p.Model == "gpt-5" && p.ServiceTier == ServiceTiers.Priority).InputPerMillion.ShouldBe(2.50m);
        var sonnet = import.Prices.Single(p => p.Model == "claude-sonnet-4");
        (sonnet.CacheWrite5mPerMillion, sonnet.CacheWrite1hPerMillion).ShouldBe(((decimal?)3.75m, (decimal?)6.00m));
        sonnet.ToRates().ContextTiers.Single().ShouldBe(new ContextTier(200_000, new RateCard(6.00m, 22.50m, 0.60m, 7.50m, 12.00m)));
        var router = import.Prices.Single(p => p.Model == "router-small");
        router.PerRequestFee.ShouldBe(0.0004m);
        router.ToRates().VolumeTiers.Single().ShouldBe(new VolumeTier(1_000_000_000, new RateCard(0.10m, 0.10m)));
        import.Prices.Single(p => p.Model == "llama-3.1-8b").PerComputeSecond.ShouldBe(0.0006m);

        import.Offers.Count.ShouldBe(4);
        var ptu = import.Offers.Single(o => o.Provider == "azure-openai");
        // 2,500 tokens a minute with an output weight of 4: 2,500 / 60 input and 2,500 / 60 / 4 output tokens a second
        (ptu.UnitKind, ptu.Term, ptu.RatePerUnitHour, ptu.MinimumUnits, ptu.UnitIncrement)
            .ShouldBe((CapacityUnitKind.Ptu, CommitmentTerm.OneMonth, 1.00m, 15, 5));
        ptu.InputTokensPerSecond.ShouldBe(2_500m / 60m);
        ptu.OutputTokensPerSecond.ShouldBe(2_500m / 60m / 4m);
        import.Offers.Single(o => o.Provider == "bedrock").Term.ShouldBe(CommitmentTerm.SixMonths);
        import.Offers.Single(o => o.Provider == "modal").RatePerComputeSecond.ShouldBe(0.0011m);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_file_line_column_and_reason()
    {
        const string csv = """
            provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from,currency,service_tier,context_above_tokens
            openai,gpt-4o,abc,10,1.25,2025-01-01,,,
            openai,gpt-4o-mini,0.15,-0.6,,2025-01-01,,,
            openai,gpt-4.1,2,8,0.5,last tuesday,,,
            openai,gpt-4o-nano,0.1,0.4,,2025-01-01,,,
            openai,gpt-4o-nano,0.1,0.4,,2025-01-01,,,
            mistral,large,2,6,,2025-01-01,EUR,,
            openai,o3,2,8,,2025-01-01,,turbo,
            openai,orphan,4,16,,2025-01-01,,,200000
            """;
        var import = Read(csv);
        import.Succeeded.ShouldBeFalse();
        import.Errors.ShouldBe([
            "prices.csv, line 2, column input_per_1m: 'abc' is not a number",
            "prices.csv, line 3, column output_per_1m: -0.6 is negative",
            "prices.csv, line 4, column effective_from: 'last tuesday' is not a date (use ISO 8601, e.g. 2026-03-01T14:00:00Z)",
            "prices.csv, line 6, column model: openai/gpt-4o-nano (standard) from 2025-01-01 is already priced on line 5",
            "prices.csv, line 7, column currency: 'EUR' is not supported: prices must be in US dollars (USD)",
            "prices.csv, line 8, column service_tier: 'turbo' is not one of standard, batch, priority, flex",
            "prices.csv, line 9, column context_above_tokens: a tier of openai/orphan (standard) from 2025-01-01 has no base row to belong to",
        ]);
    }

    [Fact]
    public void An_absurd_price_is_a_warning_to_confirm_not_an_error()
    {
        var import = Read("provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\nopenai,gpt-x,25000,10,,2025-01-01\n");
        import.Errors.ShouldBeEmpty();
        import.Warnings.Single().ShouldBe("prices.csv, line 2: input_per_1m is $25000 per 1M tokens, over $10000 — confirm it is right");
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var import = Read("provider,model,input_per_1m\nopenai,gpt-4o,1\n", "p.csv");
        import.Errors.Single().ShouldContain("missing required columns 'output_per_1m', 'cached_input_per_1m', 'effective_from'");
        import.Errors.Single().ShouldStartWith("p.csv, line 1");
    }
}
