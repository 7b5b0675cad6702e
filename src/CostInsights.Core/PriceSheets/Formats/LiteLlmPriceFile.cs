using System.Globalization;
using System.Text.Json;
using CostInsights.Core.Usage.Formats;
using CostInsights.Pricing;

namespace CostInsights.Core.PriceSheets.Formats;

/// <summary>
/// LiteLLM's <c>model_prices_and_context_window.json</c>: prices in dollars per token, which become
/// dollars per 1M tokens exactly (decimal arithmetic on the number as written, no floating point).
/// Every entry is imported or skipped with a counted reason. The file carries no dates: its prices
/// take the effective date given at import.
/// </summary>
public static class LiteLlmPriceFile
{
    public const string Format = "litellm";

    private static readonly HashSet<string> TextModes = new(StringComparer.Ordinal) { "chat", "completion", "responses" };

    /// <summary>The token prices LiteLLM gives per context length, as <c>{field}_above_{N}k_tokens{tier suffix}</c>.</summary>
    private static readonly string[] TieredFields =
    [
        "input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost", "cache_creation_input_token_cost",
        "cache_creation_input_token_cost_above_1hr",
    ];

    private static readonly Dictionary<string, string> ProviderAliases = new(StringComparer.Ordinal)
    {
        ["azure"] = "azure-openai",
        ["gemini"] = "google",
    };

    public static PriceSheetImport Read(Stream json, DateTime effectiveFrom)
    {
        var import = new PriceSheetImport { Format = Format };
        if (import.ParseJson(json, new JsonDocumentOptions { AllowTrailingCommas = true }) is not { } document)
        {
            return import;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                import.Errors.Add("expected an object of model entries at the top level");
                return import;
            }
            var seen = new Dictionary<(string, string), string>();
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (entry.Name == "sample_spec")
                {
                    continue;
                }
                import.EntriesRead++;
                import.ReadEntry(() => ReadEntry(entry.Name, entry.Value, effectiveFrom, import, seen));
            }
        }
        import.CompleteEntries();
        return import;
    }

    private static void ReadEntry(string key, JsonElement e, DateTime effectiveFrom, PriceSheetImport import, Dictionary<(string, string), string> seen)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            import.Errors.Add($"{key}: expected an object");
            return;
        }
        var mode = JsonPages.Text(e, "mode");
        if (mode is null)
        {
            import.Skip("no mode given");
            return;
        }
        if (!TextModes.Contains(mode))
        {
            import.Skip($"{mode} model (out of scope: only text generation is priced)");
            return;
        }
        var litellmProvider = JsonPages.Text(e, "litellm_provider");
        if (litellmProvider is null)
        {
            import.Skip("no litellm_provider");
            return;
        }
        var provider = ProviderAliases.GetValueOrDefault(litellmProvider, litellmProvider).ToLowerInvariant();
        var model = key.StartsWith(litellmProvider + "/", StringComparison.Ordinal) ? key[(litellmProvider.Length + 1)..] : key;
        // Only an entry imported stands for its model: one left out or without prices does not keep a later one out.
        if (seen.ContainsKey((provider, model.ToLowerInvariant())))
        {
            import.Skip("same provider and model as an earlier entry");
            return;
        }

        var (count, errors) = (import.Prices.Count, import.Errors.Count);
        try
        {
            AddTier(key, e, "", ServiceTiers.Standard, provider, model, effectiveFrom, import);
            AddTier(key, e, "_batches", ServiceTiers.Batch, provider, model, effectiveFrom, import);
            AddTier(key, e, "_priority", ServiceTiers.Priority, provider, model, effectiveFrom, import);
            AddTier(key, e, "_flex", ServiceTiers.Flex, provider, model, effectiveFrom, import);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException)
        {
            // A field of another kind than LiteLLM gives it, somewhere the checks do not look, says only that.
            import.Errors.Add($"{key}: {(ex is FormatException ? ex.Message : "a field is not of the kind LiteLLM gives it")}");
            return;
        }
        if (import.Errors.Count > errors)
        {
            return;
        }
        if (import.Prices.Count == count)
        {
            import.Skip("no per-token or per-second price");
            return;
        }
        seen.Add((provider, model.ToLowerInvariant()), key);
        import.EntriesImported++;
    }

    private static void AddTier(string key, JsonElement e, string suffix, string tier, string provider, string model, DateTime effectiveFrom,
        PriceSheetImport import)
    {
        var input = PerMillion(e, "input_cost_per_token" + suffix);
        var output = PerMillion(e, "output_cost_per_token" + suffix);
        var perSecond = suffix.Length == 0 ? Sum(Dollars(e, "input_cost_per_second"), Dollars(e, "output_cost_per_second")) : null;
        if (input is null && output is null && perSecond is null)
        {
            return;
        }
        var card = new RateCard(
            input ?? 0m,
            output ?? 0m,
            PerMillion(e, "cache_read_input_token_cost" + suffix) ?? PerMillion(e, "input_cost_per_token_cache_hit" + suffix),
            PerMillion(e, "cache_creation_input_token_cost" + suffix),
            suffix.Length == 0 ? PerMillion(e, "cache_creation_input_token_cost_above_1hr") : null,
            suffix.Length == 0 ? PerMillion(e, "output_cost_per_reasoning_token") : null);
        var name = tier == ServiceTiers.Standard ? key : $"{key} ({tier})";
        foreach (var (field, value) in Fields(card))
        {
            if (!import.Check(name, field, value))
            {
                return;
            }
        }
        var tiers = ContextTiers(e, suffix, card);
        var price = card.ToTokenPrice(provider, model, tier, effectiveFrom);
        price.PerRequestFee = suffix.Length == 0 ? Dollars(e, "input_cost_per_request") : null;
        price.PerComputeSecond = perSecond;
        price.ContextTiersJson = TokenPriceRates.ToJson(tiers);
        import.Prices.Add(price);
    }

    /// <summary>
    /// <c>*_above_{N}k_tokens</c> fields and <c>tiered_pricing</c> ranges become context tiers;
    /// a kind of token a tier does not price keeps its base price.
    /// </summary>
    private static List<ContextTier> ContextTiers(JsonElement e, string suffix, RateCard card)
    {
        var tiers = new List<ContextTier>();
        foreach (var threshold in Thresholds(e, suffix))
        {
            var above = $"_above_{threshold / 1000}k_tokens";
            var input = PerMillion(e, "input_cost_per_token" + above + suffix);
            var output = PerMillion(e, "output_cost_per_token" + above + suffix);
            var cached = PerMillion(e, "cache_read_input_token_cost" + above + suffix);
            var write = PerMillion(e, "cache_creation_input_token_cost" + above + suffix);
            var write1h = suffix.Length == 0 ? PerMillion(e, "cache_creation_input_token_cost_above_1hr" + above) : null;
            if (input is null && output is null && cached is null && write is null && write1h is null)
            {
                continue;
            }
            tiers.Add(new ContextTier(threshold, new RateCard(input ?? card.Input, output ?? card.Output, cached ?? card.CachedInput,
                write ?? card.CacheWrite5m, write1h ?? card.CacheWrite1h, card.Reasoning)));
        }
        if (suffix.Length == 0 && e.TryGetProperty("tiered_pricing", out var ranges) && ranges.ValueKind != JsonValueKind.Null)
        {
            if (ranges.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"tiered_pricing is not a list of ranges ({Excerpt.Of(ranges.GetRawText())})");
            }
            var position = 0;
            foreach (var range in ranges.EnumerateArray())
            {
                position++;
                if (range.ValueKind != JsonValueKind.Object || !range.TryGetProperty("range", out var bounds) || bounds.ValueKind != JsonValueKind.Array
                    || bounds.GetArrayLength() < 1 || bounds[0].ValueKind != JsonValueKind.Number || !bounds[0].TryGetDouble(out var from)
                    || from is < 0 or > MaxTokens)
                {
                    throw new FormatException(
                        $"tiered_pricing range {position} does not start at a count of tokens ({Excerpt.Of(range.GetRawText())})");
                }
                var start = (long)from;
                if (start <= 0)
                {
                    continue;
                }
                tiers.Add(new ContextTier(start, new RateCard(
                    PerMillion(range, "input_cost_per_token") ?? card.Input,
                    PerMillion(range, "output_cost_per_token") ?? card.Output,
                    PerMillion(range, "cache_read_input_token_cost") ?? card.CachedInput,
                    card.CacheWrite5m, card.CacheWrite1h, card.Reasoning)));
            }
        }
        return tiers;
    }

    /// <summary>
    /// The context lengths (in tokens) at which this entry's token prices change, read from its fields' names, whatever they
    /// are: 128k, 200k and 272k are common today, and a new model may bring another.
    /// </summary>
    private static IEnumerable<long> Thresholds(JsonElement e, string suffix)
    {
        const string Above = "_above_";
        var end = "k_tokens" + suffix;
        var found = new SortedSet<long>();
        foreach (var property in e.EnumerateObject())
        {
            var name = property.Name.AsSpan();
            if (!name.EndsWith(end, StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var field in TieredFields)
            {
                if (name.StartsWith(field, StringComparison.Ordinal) && name[field.Length..].StartsWith(Above, StringComparison.Ordinal)
                    && long.TryParse(name[(field.Length + Above.Length)..^end.Length], NumberStyles.None, CultureInfo.InvariantCulture,
                        out var thousands) && thousands is > 0 and <= MaxThousands)
                {
                    found.Add(thousands * 1000);
                }
            }
        }
        return found;
    }

    /// <summary>A context length above which no tier is read: a billion tokens.</summary>
    private const long MaxThousands = 1_000_000;

    /// <summary>More tokens than any request holds: a range starting above it is a mistake, not a tier.</summary>
    private const double MaxTokens = 1e12;


    private static IEnumerable<(string, decimal?)> Fields(RateCard c) =>
        [("input price", c.Input), ("output price", c.Output), ("cache read price", c.CachedInput), ("cache write price", c.CacheWrite5m),
         ("1-hour cache write price", c.CacheWrite1h), ("reasoning price", c.Reasoning)];

    private static decimal? Sum(decimal? a, decimal? b) => a is null && b is null ? null : (a ?? 0m) + (b ?? 0m);


    private static decimal? PerMillion(JsonElement e, string name) => Dollars(e, name) is { } dollars ? PriceSheetImport.PerMillionTokens(dollars) : null;


    /// <summary>The number as written, read as a decimal: 3e-06 is exactly 0.000003.</summary>
    private static decimal? Dollars(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Number)
        {
            throw new FormatException($"{name} is not a number ({Excerpt.Of(v.GetRawText())})");
        }
        if (!v.TryGetDecimal(out var value))
        {
            throw new FormatException($"{name} is out of range for a price ({Excerpt.Of(v.GetRawText())})");
        }
        return value;
    }
}
