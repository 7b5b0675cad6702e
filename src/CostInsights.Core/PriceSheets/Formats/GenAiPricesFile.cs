using System.Globalization;
using System.Text.Json;
using CostInsights.Core.Usage.Formats;
using CostInsights.Pricing;

namespace CostInsights.Core.PriceSheets.Formats;

/// <summary>
/// pydantic/genai-prices JSON: providers with models, prices in dollars per 1M tokens, "cliff"
/// tiers by input tokens, and dated price constraints, which become effective-dated prices. A
/// price with no constraint has held since <see cref="Always"/>. Every model is imported or
/// skipped with a counted reason.
/// </summary>
public static class GenAiPricesFile
{
    public const string Format = "genai-prices";

    /// <summary>The effective date of a price that carries no start date: before any usage we price.</summary>
    public static readonly DateTime Always = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, string> ProviderAliases = new(StringComparer.Ordinal)
    {
        ["aws"] = "bedrock",
        ["azure"] = "azure-openai",
    };

    public static PriceSheetImport Read(Stream json)
    {
        var import = new PriceSheetImport { Format = Format };
        if (import.ParseJson(json) is not { } document)
        {
            return import;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                import.Errors.Add("expected an array of providers at the top level");
                return import;
            }
            var position = 0;
            foreach (var provider in document.RootElement.EnumerateArray())
            {
                position++;
                var id = provider.ValueKind == JsonValueKind.Object ? JsonPages.Text(provider, "id") : null;
                if (id is null || !provider.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array)
                {
                    import.Errors.Add($"provider {position}: no id or no list of models: {Excerpt.Of(provider.GetRawText())}");
                    continue;
                }
                foreach (var model in models.EnumerateArray())
                {
                    import.EntriesRead++;
                    var alias = ProviderAliases.GetValueOrDefault(id, id);
                    import.ReadEntry(() =>
                    {
                        try
                        {
                            ReadModel(alias, model, import);
                        }
                        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException)
                        {
                            // A field of another kind than the format gives it, somewhere the checks above do not look.
                            import.Errors.Add($"{alias}/{(model.ValueKind == JsonValueKind.Object ? JsonPages.Text(model, "id") : null) ?? "?"}: " +
                                "a field is not of the kind genai-prices gives it");
                        }
                    });
                }
            }
        }
        import.CompleteEntries();
        return import;
    }

    private static void ReadModel(string provider, JsonElement model, PriceSheetImport import)
    {
        var id = model.ValueKind == JsonValueKind.Object ? JsonPages.Text(model, "id") : null;
        if (id is null || !model.TryGetProperty("prices", out var prices))
        {
            import.Errors.Add($"{provider}: a model has no id or no prices: {Excerpt.Of(model.GetRawText())}");
            return;
        }
        var name = $"{provider}/{id}";
        var dated = new List<(DateTime From, JsonElement Prices)>();
        if (prices.ValueKind == JsonValueKind.Array)
        {
            var position = 0;
            foreach (var conditional in prices.EnumerateArray())
            {
                position++;
                if (conditional.ValueKind != JsonValueKind.Object || !conditional.TryGetProperty("prices", out var conditionalPrices))
                {
                    import.Errors.Add($"{name}: price {position} has no prices");
                    return;
                }
                if (!conditional.TryGetProperty("constraint", out var constraint) || constraint.ValueKind == JsonValueKind.Null)
                {
                    dated.Add((Always, conditionalPrices));
                }
                else if (constraint.ValueKind == JsonValueKind.Object && JsonPages.Text(constraint, "start_date") is { } start)
                {
                    const DateTimeStyles Utc = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
                    if (!DateTime.TryParse(start, CultureInfo.InvariantCulture, Utc, out var from))
                    {
                        import.Errors.Add($"{name}: price {position} starts on '{Excerpt.Of(start)}', which is not a date");
                        return;
                    }
                    dated.Add((DateTime.SpecifyKind(from, DateTimeKind.Utc), conditionalPrices));
                }
                else if (constraint.ValueKind == JsonValueKind.Object && constraint.TryGetProperty("start_time", out _))
                {
                    import.Warnings.Add($"{name}: a time-of-day price is left out (off-peak hours are not priced separately yet)");
                }
                else
                {
                    import.Errors.Add($"{name}: price {position} has a constraint that is neither a start date nor a time of day: " +
                        Excerpt.Of(constraint.GetRawText()));
                    return;
                }
            }
        }
        else
        {
            dated.Add((Always, prices));
        }
        for (var i = 1; i < dated.Count; i++)
        {
            if (dated[i].From <= dated[i - 1].From)
            {
                import.Errors.Add($"{name}: price {i + 1} starts {dated[i].From:yyyy-MM-dd}, not after the price before it ({dated[i - 1].From:yyyy-MM-dd})");
                return;
            }
        }
        var (added, errors) = (0, import.Errors.Count);
        foreach (var (from, price) in dated)
        {
            try
            {
                if (ReadPrice(provider, id, name, from, price, import) is { } tokenPrice)
                {
                    import.Prices.Add(tokenPrice);
                    added++;
                }
            }
            catch (FormatException e)
            {
                import.Errors.Add($"{name}: {e.Message}");
                return;
            }
        }
        if (import.Errors.Count > errors)
        {
            return;
        }
        if (added == 0)
        {
            import.Skip("no text token prices (audio, image or request prices only)");
            return;
        }
        import.EntriesImported++;
    }

    private static TokenPrice? ReadPrice(string provider, string model, string name, DateTime from, JsonElement prices, PriceSheetImport import)
    {
        if (prices.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"prices are not an object of prices per million tokens ({Excerpt.Of(prices.GetRawText())})");
        }
        var input = Tiered(prices, "input_mtok");
        var output = Tiered(prices, "output_mtok");
        if (input is null && output is null)
        {
            return null;
        }
        var cacheRead = Tiered(prices, "cache_read_mtok");
        var cacheWrite = Tiered(prices, "cache_write_mtok");
        var requestsPerThousand = Number(prices, "requests_kcount");
        var card = new RateCard(input?.Base ?? 0m, output?.Base ?? 0m, cacheRead?.Base, cacheWrite?.Base);
        foreach (var (field, value) in new[] { ("input_mtok", (decimal?)card.Input), ("output_mtok", card.Output), ("cache_read_mtok", card.CachedInput),
            ("cache_write_mtok", card.CacheWrite5m) })
        {
            if (!import.Check(name, field, value))
            {
                return null;
            }
        }
        // A tier start of any kind of token is a threshold on the request's input; at each, every kind takes its price there.
        var starts = new[] { input, output, cacheRead, cacheWrite }.Where(t => t is not null).SelectMany(t => t!.Tiers.Keys).Distinct().Order().ToList();
        var tiers = starts.Select(start => new ContextTier(start, new RateCard(
            input?.At(start) ?? card.Input, output?.At(start) ?? card.Output, cacheRead?.At(start), cacheWrite?.At(start)))).ToList();
        var price = card.ToTokenPrice(provider, model, ServiceTiers.Standard, from);
        price.PerRequestFee = requestsPerThousand / 1000m;
        price.ContextTiersJson = TokenPriceRates.ToJson(tiers);
        return price;
    }

    private sealed record TieredPrice(decimal Base, SortedDictionary<long, decimal> Tiers)
    {
        /// <summary>The price for a request of more than <paramref name="start"/> input tokens.</summary>
        public decimal At(long start) => Tiers.Where(t => t.Key <= start).Select(t => (decimal?)t.Value).LastOrDefault() ?? Base;
    }

    private static TieredPrice? Tiered(JsonElement prices, string field)
    {
        if (!prices.TryGetProperty(field, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number)
        {
            return new TieredPrice(Decimal(value, field), []);
        }
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("base", out var b) && value.TryGetProperty("tiers", out var tiers)
            && tiers.ValueKind == JsonValueKind.Array)
        {
            var map = new SortedDictionary<long, decimal>();
            foreach (var tier in tiers.EnumerateArray())
            {
                if (tier.ValueKind != JsonValueKind.Object || !tier.TryGetProperty("start", out var start) || start.ValueKind != JsonValueKind.Number
                    || !start.TryGetInt64(out var tokens) || tokens < 0 || !tier.TryGetProperty("price", out var price))
                {
                    throw new FormatException($"{field} has a tier without a start in tokens and a price ({Excerpt.Of(tier.GetRawText())})");
                }
                map[tokens] = Decimal(price, field + " tier");
            }
            return new TieredPrice(Decimal(b, field), map);
        }
        throw new FormatException($"{field} is neither a number nor base-and-tiers ({Excerpt.Of(value.GetRawText())})");
    }


    private static decimal? Number(JsonElement prices, string field) =>
        prices.TryGetProperty(field, out var value) ? Decimal(value, field) : null;

    private static decimal Decimal(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d)
            ? d
            : throw new FormatException($"{field} is not a number ({Excerpt.Of(value.GetRawText())})");

}
