using System.Text;
using System.Text.Json;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.PriceSheets.Formats;
using CostInsights.Pricing;
using CostInsights.Testing;

namespace CostInsights.Core.Tests.PriceSheets.Formats;

public sealed class LiteLlmPriceFileTests
{
    private static readonly DateTime Effective = new(2026, 7, 18, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string SharedFile = Path.Combine(TestEnvironment.SharedData, "prices", "litellm_model_prices_2026-07-18.json");

    private static PriceSheetImport ReadShared()
    {
        using var stream = File.OpenRead(SharedFile);
        return LiteLlmPriceFile.Read(stream, Effective);
    }

    private static PriceSheetImport Read(string json) => LiteLlmPriceFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), Effective);

    [Fact]
    public void Every_entry_of_the_real_sheet_is_imported_or_skipped_with_a_counted_reason()
    {
        var import = ReadShared();
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedFile));
        var entries = document.RootElement.EnumerateObject().Count(p => p.Name != "sample_spec");

        import.Errors.ShouldBeEmpty();
        import.EntriesRead.ShouldBe(entries);
        (import.EntriesImported + import.Skipped.Values.Sum()).ShouldBe(entries);
        import.EntriesImported.ShouldBeGreaterThan(2_000);
        import.Skipped.Keys.ShouldContain("embedding model (out of scope: only text generation is priced)");
        import.Skipped["embedding model (out of scope: only text generation is priced)"].ShouldBe(124);
        import.Prices.ShouldAllBe(p => p.EffectiveFrom == Effective);
    }

    [Fact]
    public void Prices_per_token_become_exact_prices_per_million_with_cache_and_context_tiers()
    {
        var sonnet = ReadShared().Prices.Single(p => p.Provider == "anthropic" && p.Model == "claude-sonnet-4-5-20250929"
            && p.ServiceTier == ServiceTiers.Standard);
        // 3e-06, 1.5e-05, 3e-07, 3.75e-06 and 6e-06 dollars per token.
        (sonnet.InputPerMillion, sonnet.OutputPerMillion, sonnet.CachedInputPerMillion, sonnet.CacheWrite5mPerMillion, sonnet.CacheWrite1hPerMillion)
            .ShouldBe((3m, 15m, (decimal?)0.3m, (decimal?)3.75m, (decimal?)6m));
        var tier = sonnet.ToRates().ContextTiers.Single();
        tier.AboveInputTokens.ShouldBe(200_000);
        tier.Rates.ShouldBe(new RateCard(6m, 22.5m, 0.6m, 7.5m, 12m));
    }

    [Fact]
    public void Batch_priority_and_flex_prices_become_service_tiers()
    {
        var gpt5 = ReadShared().Prices.Where(p => p.Provider == "openai" && p.Model == "gpt-5").ToDictionary(p => p.ServiceTier);
        gpt5[ServiceTiers.Standard].InputPerMillion.ShouldBe(1.25m);
        gpt5[ServiceTiers.Priority].InputPerMillion.ShouldBe(2.5m);
        gpt5[ServiceTiers.Flex].OutputPerMillion.ShouldBe(5m);
        gpt5[ServiceTiers.Flex].CachedInputPerMillion.ShouldBe(0.0625m);
    }

    [Fact]
    public void Small_prices_keep_every_digit()
    {
        var import = Read("""
            {"tiny": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1.1e-08, "output_cost_per_token": 0.0000004375}}
            """);
        var price = import.Prices.Single();
        (price.InputPerMillion, price.OutputPerMillion).ShouldBe((0.011m, 0.4375m));
    }

    [Fact]
    public void Context_tiers_are_read_at_whatever_length_the_fields_name_and_a_cache_hit_price_is_the_cached_price()
    {
        var import = Read("""
            {"long": {"litellm_provider": "acme", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
                      "input_cost_per_token_above_64k_tokens": 1.5e-06, "output_cost_per_token_above_1000k_tokens": 8e-06,
                      "input_cost_per_character_above_128k_tokens": 9e-06, "input_cost_per_token_cache_hit": 1e-07}}
            """);

        var rates = import.Prices.Single().ToRates();
        rates.ContextTiers.ShouldBe([
            new ContextTier(64_000, new RateCard(1.5m, 2m, 0.1m, null, null, null)),
            new ContextTier(1_000_000, new RateCard(1m, 8m, 0.1m, null, null, null)),
        ]);
        import.Prices.Single().CachedInputPerMillion.ShouldBe(0.1m);
    }

    [Fact]
    public void Bad_entries_are_named_with_the_field_and_absurd_prices_warned()
    {
        var import = Read("""
            {
              "neg": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": -1e-06, "output_cost_per_token": 1e-06},
              "text": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": "cheap"},
              "pricey": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 0.02, "output_cost_per_token": 0.02}
            }
            """);
        import.Errors.ShouldBe(["neg: input price is negative (-1)", "text: input_cost_per_token is not a number (\"cheap\")"]);
        import.Warnings.Count.ShouldBe(2);
        import.Warnings[0].ShouldStartWith("pricey: input price is $20000 per 1M tokens");
    }

    [Fact]
    public void One_bad_entry_of_the_real_sheet_is_left_out_whole_with_a_warning_to_confirm_and_the_rest_imported()
    {
        var whole = ReadShared();
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(SharedFile))!.AsObject();
        json["gpt-4o"]!["input_cost_per_token"] = "cheap";
        // The standard tier reads; the batch tier is negative: nothing of the entry may stay.
        json["gpt-4o-mini"]!["output_cost_per_token_batches"] = -1e-6;

        var import = Read(json.ToJsonString());

        import.Errors.ShouldBeEmpty();
        import.Succeeded.ShouldBeTrue();
        // Listed before the sheet's absurd prices, which are many.
        import.Warnings.Take(2).ShouldBe([
            "gpt-4o: input_cost_per_token is not a number (\"cheap\"); the entry is left out",
            "gpt-4o-mini (batch): output price is negative (-1); the entry is left out",
        ]);
        import.Warnings.Count.ShouldBeGreaterThan(2);
        static bool Spoilt(TokenPrice p) => p.Provider == "openai" && p.Model is "gpt-4o" or "gpt-4o-mini";
        import.Prices.Count(Spoilt).ShouldBe(0);
        whole.Prices.Count(Spoilt).ShouldBeGreaterThan(2);
        import.Prices.Count.ShouldBe(whole.Prices.Count(p => !Spoilt(p)));
        import.EntriesImported.ShouldBe(whole.EntriesImported - 2);
    }

    [Fact]
    public void An_entry_left_out_does_not_keep_a_later_entry_of_the_same_model_out()
    {
        var import = Read("""
            {
              "openai/gpt-x": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": "cheap"},
              "gpt-x": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
              "gpt-y": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
              "openai/gpt-y": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 5e-06, "output_cost_per_token": 9e-06}
            }
            """);

        import.Prices.Select(p => (p.Model, p.InputPerMillion)).ShouldBe([("gpt-x", 1m), ("gpt-y", 1m)]);
        import.Skipped["same provider and model as an earlier entry"].ShouldBe(1);
        import.Warnings.ShouldBe(["openai/gpt-x: input_cost_per_token is not a number (\"cheap\"); the entry is left out"]);
    }

    [Fact]
    public void Malformed_json_says_where()
    {
        var import = Read("{\"a\": {\"mode\": \"chat\",}\n  oops }");
        import.Errors.Single().ShouldStartWith("not valid JSON at line 2");
    }

    [Theory]
    [InlineData("7", "m: tiered_pricing is not a list of ranges (7)")]
    [InlineData("[7]", "m: tiered_pricing range 1 does not start at a count of tokens (7)")]
    [InlineData("""[{"range": "x"}]""", """m: tiered_pricing range 1 does not start at a count of tokens ({"range": "x"})""")]
    [InlineData("""[{"range": [1e300, 2e300]}]""", """m: tiered_pricing range 1 does not start at a count of tokens ({"range": [1e300, 2e300]})""")]
    public void Tiered_pricing_of_another_shape_is_refused_with_the_entry_and_why(string tiers, string error)
    {
        var import = Read("""
            {"m": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6,
                   "tiered_pricing": TIERS}}
            """.Replace("TIERS", tiers, StringComparison.Ordinal));

        import.Errors.ShouldBe([error]);
        import.Prices.ShouldBeEmpty();
    }

    [Fact]
    public void A_price_too_large_for_a_decimal_is_out_of_range_and_a_long_value_is_cut_short_in_the_message()
    {
        var nines = new string('9', 500);
        var import = Read("""
            {"a": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e300, "output_cost_per_token": 2e-6},
             "b": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": "LONG", "output_cost_per_token": 2e-6}}
            """.Replace("LONG", nines, StringComparison.Ordinal));

        import.Errors[0].ShouldBe("a: input_cost_per_token is out of range for a price (1e300)");
        import.Errors[1].ShouldBe($"b: input_cost_per_token is not a number (\"{new string('9', 79)}…)");
    }
}
