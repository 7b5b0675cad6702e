using System.Globalization;
using System.Text.Json;
using CostInsights.Core.Usage.Formats;
using CostInsights.Pricing;

namespace CostInsights.Core.PriceSheets.Formats;

/// <summary>
/// OpenRouter's model list (<c>GET /api/v1/models</c>: <c>{"data": [...]}</c>): each model's prices in dollars per token, written as
/// strings, which become dollars per 1M tokens exactly. They are OpenRouter's prices, so the provider is <c>openrouter</c> and the
/// model its id (<c>anthropic/claude-sonnet-4</c>), as a gateway's usage names them. Every entry is imported or skipped with a
/// counted reason; one that cannot be read is left out with its reason. The list carries no dates: its prices take the effective
/// date given at import.
/// </summary>
public static class OpenRouterModelsFile
{
    public const string Format = "openrouter";
    public const string Provider = "openrouter";

    public static PriceSheetImport Read(Stream json, DateTime effectiveFrom)
    {
        var import = new PriceSheetImport { Format = Format };
        if (import.ParseJson(json) is not { } document)
        {
            return import;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Array)
            {
                import.Errors.Add("expected an object whose \"data\" is the list of models");
                return import;
            }
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var position = 0;
            foreach (var entry in data.EnumerateArray())
            {
                position++;
                import.EntriesRead++;
                import.ReadEntry(() => ReadEntry(position, entry, effectiveFrom, import, seen));
            }
        }
        import.CompleteEntries();
        return import;
    }

    private static void ReadEntry(int position, JsonElement e, DateTime effectiveFrom, PriceSheetImport import, HashSet<string> seen)
    {
        var id = e.ValueKind == JsonValueKind.Object ? JsonPages.Text(e, "id") : null;
        if (string.IsNullOrWhiteSpace(id))
        {
            import.Errors.Add($"model {position}: no id ({Excerpt.Of(e.GetRawText())})");
            return;
        }
        if (!GeneratesText(e))
        {
            import.Skip("does not generate text (out of scope: only text generation is priced)");
            return;
        }
        if (!e.TryGetProperty("pricing", out var pricing) || pricing.ValueKind != JsonValueKind.Object)
        {
            import.Skip("no pricing");
            return;
        }
        if (seen.Contains(id))
        {
            import.Skip("same id as an earlier entry");
            return;
        }
        RateCard card;
        decimal? perRequest;
        try
        {
            if (Dollars(pricing, "prompt") is -1m || Dollars(pricing, "completion") is -1m)
            {
                // OpenRouter writes -1 for a router whose price is that of whichever model it picks.
                import.Skip("price varies with the model routed to");
                return;
            }
            var (input, output) = (PerMillion(pricing, "prompt"), PerMillion(pricing, "completion"));
            if (input is null && output is null)
            {
                import.Skip("no per-token price");
                return;
            }
            card = new RateCard(input ?? 0m, output ?? 0m, PerMillion(pricing, "input_cache_read"), PerMillion(pricing, "input_cache_write"),
                Reasoning: PerMillion(pricing, "internal_reasoning") is { } reasoning and > 0 ? reasoning : null);
            perRequest = Dollars(pricing, "request") is { } fee and not 0 ? fee : null;
        }
        catch (FormatException ex)
        {
            import.Errors.Add($"{id}: {ex.Message}");
            return;
        }
        foreach (var (field, value) in new[] { ("input price", (decimal?)card.Input), ("output price", card.Output), ("cache read price", card.CachedInput),
            ("cache write price", card.CacheWrite5m), ("reasoning price", card.Reasoning) })
        {
            if (!import.Check(id, field, value))
            {
                return;
            }
        }
        if (perRequest < 0)
        {
            import.Errors.Add($"{id}: the per-request fee is negative ({perRequest})");
            return;
        }
        var price = card.ToTokenPrice(Provider, id, ServiceTiers.Standard, effectiveFrom);
        price.PerRequestFee = perRequest;
        import.Prices.Add(price);
        seen.Add(id);
        import.EntriesImported++;
    }

    /// <summary>Whether the model writes text: its output modalities name text, or, in older lists, its modality ends in text.</summary>
    private static bool GeneratesText(JsonElement e)
    {
        if (!e.TryGetProperty("architecture", out var architecture) || architecture.ValueKind != JsonValueKind.Object)
        {
            return true;
        }
        if (architecture.TryGetProperty("output_modalities", out var outputs) && outputs.ValueKind == JsonValueKind.Array)
        {
            return outputs.EnumerateArray().Any(m => m.ValueKind == JsonValueKind.String && m.GetString() == "text");
        }
        return JsonPages.Text(architecture, "modality") is not { } modality || modality.EndsWith("->text", StringComparison.Ordinal);
    }

    private static decimal? PerMillion(JsonElement e, string name) => Dollars(e, name) is { } dollars ? PriceSheetImport.PerMillionTokens(dollars) : null;


    /// <summary>A price in dollars as written, a string as OpenRouter writes it or a number, read as a decimal; null when absent.</summary>
    private static decimal? Dollars(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var number))
        {
            return number;
        }
        if (v.ValueKind == JsonValueKind.String
            && decimal.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }
        throw new FormatException($"{name} is not a price ({Excerpt.Of(v.GetRawText())})");
    }
}
