using System.Text;
using CostInsights.Core.PriceSheets.Formats;
using CostInsights.Pricing;

namespace CostInsights.Core.Tests.PriceSheets.Formats;

public sealed class OpenRouterModelsFileTests
{
    private static readonly DateTime Effective = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private static PriceSheetImport Read(string json) => OpenRouterModelsFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), Effective);

    /// <summary>A model list as OpenRouter's <c>GET /api/v1/models</c> gives it, a few fields of each entry left out.</summary>
    private const string List = """
        {"data": [
          {"id": "anthropic/claude-sonnet-4", "name": "Anthropic: Claude Sonnet 4", "context_length": 200000,
           "architecture": {"modality": "text+image->text", "input_modalities": ["text", "image"], "output_modalities": ["text"]},
           "pricing": {"prompt": "0.000003", "completion": "0.000015", "request": "0", "image": "0.0048", "web_search": "0",
                       "internal_reasoning": "0", "input_cache_read": "0.0000003", "input_cache_write": "0.00000375"}},
          {"id": "meta-llama/llama-3.3-70b-instruct:free", "architecture": {"modality": "text->text"},
           "pricing": {"prompt": "0", "completion": "0"}},
          {"id": "perplexity/sonar", "architecture": {"output_modalities": ["text"]},
           "pricing": {"prompt": "0.000001", "completion": "0.000001", "request": "0.005", "internal_reasoning": "0.000003"}},
          {"id": "openrouter/auto", "pricing": {"prompt": "-1", "completion": "-1"}},
          {"id": "google/gemini-2.5-flash-image", "architecture": {"output_modalities": ["image", "text"]},
           "pricing": {"prompt": "0.0000003", "completion": "0.0000025"}},
          {"id": "black-forest-labs/flux", "architecture": {"output_modalities": ["image"]}, "pricing": {"prompt": "0", "completion": "0.04"}},
          {"id": "anthropic/claude-sonnet-4", "pricing": {"prompt": "0.000001", "completion": "0.000001"}},
          {"id": "broken/price", "pricing": {"prompt": "three dollars", "completion": "0.000015"}},
          {"id": "broken/negative", "pricing": {"prompt": "-0.000002", "completion": "0.000015"}},
          {"id": "no/pricing"}
        ]}
        """;

    [Fact]
    public void Prices_per_token_written_as_text_become_exact_prices_per_million_under_openrouter()
    {
        var import = Read(List);

        import.Errors.ShouldBeEmpty();
        var sonnet = import.Prices.Single(p => p.Model == "anthropic/claude-sonnet-4");
        (sonnet.Provider, sonnet.ServiceTier, sonnet.EffectiveFrom).ShouldBe(("openrouter", ServiceTiers.Standard, Effective));
        (sonnet.InputPerMillion, sonnet.OutputPerMillion, sonnet.CachedInputPerMillion, sonnet.CacheWrite5mPerMillion, sonnet.ReasoningPerMillion)
            .ShouldBe((3m, 15m, (decimal?)0.3m, (decimal?)3.75m, (decimal?)null));
        sonnet.PerRequestFee.ShouldBeNull("a fee of $0 is no fee");
        var sonar = import.Prices.Single(p => p.Model == "perplexity/sonar");
        (sonar.InputPerMillion, sonar.ReasoningPerMillion, sonar.PerRequestFee).ShouldBe((1m, (decimal?)3m, (decimal?)0.005m));
        import.Prices.Single(p => p.Model == "meta-llama/llama-3.3-70b-instruct:free").InputPerMillion.ShouldBe(0m);
        import.Prices.Single(p => p.Model == "google/gemini-2.5-flash-image").OutputPerMillion.ShouldBe(2.5m, "it writes text as well as images");
    }

    [Fact]
    public void Every_entry_is_imported_skipped_with_a_counted_reason_or_left_out_with_why()
    {
        var import = Read(List);

        (import.EntriesRead, import.EntriesImported).ShouldBe((10, 4));
        import.Skipped.ShouldBe(new Dictionary<string, int>
        {
            ["price varies with the model routed to"] = 1,
            ["does not generate text (out of scope: only text generation is priced)"] = 1,
            ["same id as an earlier entry"] = 1,
            ["no pricing"] = 1,
        }, ignoreOrder: true);
        import.Warnings.ShouldContain(w => w.StartsWith("broken/price: prompt is not a price (\"three dollars\")", StringComparison.Ordinal));
        import.Warnings.ShouldContain(w => w.StartsWith("broken/negative: input price is negative (-2", StringComparison.Ordinal));
        import.Prices.ShouldNotContain(p => p.Model.StartsWith("broken/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"data": [{"id": "a/b", "pricing": {"prompt": "x", "completion": "y"}}]}""", "a/b: prompt is not a price")]
    [InlineData("""{"models": []}""", "expected an object whose \"data\" is the list of models")]
    [InlineData("""{"data": [{"pricing": {}}]}""", "model 1: no id")]
    [InlineData("""{"data": [""", "not valid JSON at line 1")]
    public void A_file_that_is_not_a_model_list_is_refused_saying_why(string json, string reason)
    {
        var import = Read(json);

        import.Succeeded.ShouldBeFalse();
        import.Errors.ShouldContain(e => e.Contains(reason, StringComparison.Ordinal));
    }
}
