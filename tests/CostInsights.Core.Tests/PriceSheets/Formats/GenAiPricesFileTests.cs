using System.Text;
using System.Text.Json;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.PriceSheets.Formats;
using CostInsights.Pricing;
using CostInsights.Testing;

namespace CostInsights.Core.Tests.PriceSheets.Formats;

public sealed class GenAiPricesFileTests
{
    private static readonly string SharedFile = Path.Combine(TestEnvironment.SharedData, "prices", "genai-prices_2026-08-21.json");

    private static PriceSheetImport ReadShared()
    {
        using var stream = File.OpenRead(SharedFile);
        return GenAiPricesFile.Read(stream);
    }

    [Fact]
    public void Every_model_of_the_real_file_is_imported_or_skipped_with_a_counted_reason()
    {
        var import = ReadShared();
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedFile));
        var models = document.RootElement.EnumerateArray().Sum(p => p.GetProperty("models").GetArrayLength());

        import.Errors.ShouldBeEmpty();
        import.EntriesRead.ShouldBe(models);
        (import.EntriesImported + import.Skipped.Values.Sum()).ShouldBe(models);
        import.EntriesImported.ShouldBeGreaterThan(1_200);
        import.Warnings.ShouldAllBe(w => w.Contains("time-of-day price is left out"));
    }

    [Fact]
    public void Dated_constraints_become_effective_dated_prices_and_tiers_become_context_tiers()
    {
        var opus = ReadShared().Prices.Where(p => p.Provider == "anthropic" && p.Model == "claude-opus-4-6").OrderBy(p => p.EffectiveFrom).ToList();
        opus.Count.ShouldBe(2);
        opus[0].EffectiveFrom.ShouldBe(GenAiPricesFile.Always);
        opus[1].EffectiveFrom.ShouldBe(new DateTime(2026, 3, 13, 0, 0, 0, DateTimeKind.Utc));
        (opus[0].InputPerMillion, opus[0].OutputPerMillion, opus[0].CachedInputPerMillion, opus[0].CacheWrite5mPerMillion)
            .ShouldBe((5m, 25m, (decimal?)0.5m, (decimal?)6.25m));
        opus[0].ToRates().ContextTiers.Single().ShouldBe(new ContextTier(200_000, new RateCard(10m, 37.5m, 1m, 12.5m)));
        // From 2026-03-13 the long-context tier is gone: one price for every request size.
        opus[1].ToRates().ContextTiers.ShouldBeEmpty();
    }

    [Fact]
    public void Out_of_order_dates_and_negative_prices_are_refused_with_the_model_and_field()
    {
        const string json = """
            [{"id": "acme", "models": [
              {"id": "m1", "prices": [{"constraint": {"start_date": "2026-05-01"}, "prices": {"input_mtok": 1, "output_mtok": 2}},
                                      {"constraint": {"start_date": "2026-01-01"}, "prices": {"input_mtok": 1, "output_mtok": 2}}]},
              {"id": "m2", "prices": {"input_mtok": -1, "output_mtok": 2}},
              {"id": "m3", "prices": {"input_audio_mtok": 3}}
            ]}]
            """;
        var import = GenAiPricesFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        import.Errors.ShouldBe([
            "acme/m1: price 2 starts 2026-01-01, not after the price before it (2026-05-01)",
            "acme/m2: input_mtok is negative (-1)",
        ]);
        import.Skipped.Keys.ShouldContain("no text token prices (audio, image or request prices only)");
    }

    [Fact]
    public void A_bad_model_among_good_ones_is_left_out_whole_with_a_warning_and_a_bad_provider_refuses_the_file()
    {
        const string json = """
            [{"id": "acme", "models": [
              {"id": "m1", "prices": {"input_mtok": 1, "output_mtok": 2}},
              {"id": "m2", "prices": [{"prices": {"input_mtok": 1, "output_mtok": 2}},
                                      {"constraint": {"start_date": "2026-05-01"}, "prices": {"input_mtok": -1, "output_mtok": 2}}]},
              {"id": "m3", "prices": {"input_mtok": 3, "output_mtok": 4}}
            ]}]
            """;
        var import = GenAiPricesFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        import.Succeeded.ShouldBeTrue();
        import.Prices.Select(p => p.Model).ShouldBe(["m1", "m3"]);
        import.Warnings.ShouldBe(["acme/m2: input_mtok is negative (-1); the entry is left out"]);
        (import.EntriesRead, import.EntriesImported).ShouldBe((3, 2));

        var badProvider = GenAiPricesFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(json.TrimEnd()[..^1] + ", {\"models\": []}]")));
        badProvider.Succeeded.ShouldBeFalse();
        badProvider.Errors.ShouldBe(["provider 2: no id or no list of models: {\"models\": []}"]);
    }

    [Theory]
    [InlineData("[1]", "provider 1: no id or no list of models: 1")]
    [InlineData("""[{"id": 5, "models": []}]""", """provider 1: no id or no list of models: {"id": 5, "models": []}""")]
    [InlineData("""[{"id": "x", "models": [1]}]""", "x: a model has no id or no prices: 1")]
    [InlineData("""[{"id": "x", "models": [{"id": "m", "prices": [{"constraint": {"start_date": "2024-01-01"}}]}]}]""", "x/m: price 1 has no prices")]
    [InlineData("""[{"id": "x", "models": [{"id": "m", "prices": [{"constraint": {"start_date": "2025-13-01"}, "prices": {"input_mtok": 1}}]}]}]""",
        "x/m: price 1 starts on '2025-13-01', which is not a date")]
    [InlineData("""[{"id": "x", "models": [{"id": "m", "prices": [{"constraint": {"weekday": 2}, "prices": {"input_mtok": 1}}]}]}]""",
        """x/m: price 1 has a constraint that is neither a start date nor a time of day: {"weekday": 2}""")]
    [InlineData("""[{"id": "x", "models": [{"id": "m", "prices": 7}]}]""", "x/m: prices are not an object of prices per million tokens (7)")]
    [InlineData("""[{"id": "x", "models": [{"id": "m", "prices": {"input_mtok": {"base": 1, "tiers": [{"start": "lots", "price": 2}]}}}]}]""",
        """x/m: input_mtok has a tier without a start in tokens and a price ({"start": "lots", "price": 2})""")]
    public void A_file_of_another_shape_is_refused_with_where_and_why_rather_than_failing(string json, string error)
    {
        var import = GenAiPricesFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        import.Errors.ShouldBe([error]);
        import.Succeeded.ShouldBeFalse();
    }

    [Fact]
    public void Json_nested_deeper_than_a_price_file_goes_is_refused_with_the_reason()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        var import = GenAiPricesFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        import.Errors.Single().ShouldBe(
            "not valid JSON at line 1, byte 65: The maximum configured depth of 64 has been exceeded. Cannot read next JSON array.");
    }
}
