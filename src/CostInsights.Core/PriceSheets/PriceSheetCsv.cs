using CostInsights.Core.Csv;
using CostInsights.Core.PriceSheets.Formats;
using CostInsights.Pricing;

namespace CostInsights.Core.PriceSheets;

/// <summary>
/// The project's own price-sheet CSV: one row per model, service tier and effective date, prices
/// in US dollars per 1M tokens. A row with <c>context_above_tokens</c> is a context-length tier of
/// the row it shares provider, model, tier and date with; one with <c>volume_from_tokens</c> a
/// monthly volume tier.
/// </summary>
public static class PriceSheetCsv
{
    public const string Format = "csv";
    public const string Provider = "provider";
    public const string Model = "model";
    public const string InputPerMillion = "input_per_1m";
    public const string OutputPerMillion = "output_per_1m";
    public const string CachedInputPerMillion = "cached_input_per_1m";
    public const string EffectiveFrom = "effective_from";
    public const string ServiceTier = "service_tier";
    public const string CacheWrite5mPerMillion = "cache_write_5m_per_1m";
    public const string CacheWrite1hPerMillion = "cache_write_1h_per_1m";
    public const string ReasoningPerMillion = "reasoning_per_1m";
    public const string PerRequestFee = "per_request_fee";
    public const string PerSecond = "per_second";
    public const string BatchDiscountPercent = "batch_discount_percent";
    public const string Currency = "currency";
    public const string ContextAboveTokens = "context_above_tokens";
    public const string VolumeFromTokens = "volume_from_tokens";
    public const string Kind = "kind";
    public const string UnitKind = "unit_kind";
    public const string Term = "term";
    public const string RatePerUnitHour = "rate_per_unit_hour";
    public const string MinimumUnits = "minimum_units";
    public const string UnitIncrement = "unit_increment";
    public const string InputTokensPerSecond = "input_tokens_per_second";
    public const string OutputTokensPerSecond = "output_tokens_per_second";
    public const string TokensPerMinute = "tokens_per_minute";
    public const string OutputWeight = "output_weight";
    public const string RatePerComputeSecond = "rate_per_compute_second";

    public static readonly IReadOnlyList<string> RequiredColumns =
        [Provider, Model, InputPerMillion, OutputPerMillion, CachedInputPerMillion, EffectiveFrom];

    public static readonly IReadOnlyList<string> OptionalColumns =
    [
        ServiceTier, CacheWrite5mPerMillion, CacheWrite1hPerMillion, ReasoningPerMillion, PerRequestFee, PerSecond,
        BatchDiscountPercent, Currency, ContextAboveTokens, VolumeFromTokens,
        Kind, UnitKind, Term, RatePerUnitHour, MinimumUnits, UnitIncrement, InputTokensPerSecond, OutputTokensPerSecond,
        TokensPerMinute, OutputWeight, RatePerComputeSecond,
    ];

    public const string Template =
        "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from,service_tier,cache_write_5m_per_1m,cache_write_1h_per_1m," +
        "reasoning_per_1m,per_request_fee,per_second,batch_discount_percent,currency,context_above_tokens,volume_from_tokens,kind,unit_kind,term," +
        "rate_per_unit_hour,minimum_units,unit_increment,input_tokens_per_second,output_tokens_per_second,tokens_per_minute,output_weight," +
        "rate_per_compute_second\n" +
        "openai,gpt-4o,2.50,10.00,1.25,2025-01-01,standard,,,,,,50,USD,,,token,,,,,,,,,,\n" +
        "openai,gpt-5,1.25,10.00,0.125,2025-08-07,standard,,,,,,50,USD,,,token,,,,,,,,,,\n" +
        "openai,gpt-5,2.50,20.00,0.25,2025-08-07,priority,,,,,,,USD,,,token,,,,,,,,,,\n" +
        "openai,o3,2.00,8.00,0.50,2025-06-10,standard,,,8.00,,,50,USD,,,token,,,,,,,,,,\n" +
        "anthropic,claude-sonnet-4,3.00,15.00,0.30,2025-05-22,standard,3.75,6.00,,,,50,USD,,,token,,,,,,,,,,\n" +
        "anthropic,claude-sonnet-4,6.00,22.50,0.60,2025-05-22,standard,7.50,12.00,,,,,USD,200000,,token,,,,,,,,,,\n" +
        "google,gemini-2.0-flash,0.10,0.40,0.025,2025-02-05,standard,,,,,,,USD,,,token,,,,,,,,,,\n" +
        "acme,router-small,0.20,0.20,,2025-01-01,standard,,,,0.0004,,,USD,,,token,,,,,,,,,,\n" +
        "acme,router-small,0.10,0.10,,2025-01-01,standard,,,,,,,USD,,1000000000,token,,,,,,,,,,\n" +
        "self-hosted,llama-3.1-8b,0,0,,2025-01-01,standard,,,,,0.0006,,USD,,,token,,,,,,,,,,\n" +
        "azure-openai,gpt-4o,,,,2025-01-01,,,,,,,,USD,,,capacity,ptu,one-month,1.00,15,5,,,2500,4,\n" +
        "self-hosted,llama-3.1-8b,,,,2025-01-01,,,,,,,,USD,,,capacity,gpu-hour,none,2.20,1,1,20000,150,,,\n" +
        "bedrock,claude-sonnet-4,,,,2025-01-01,,,,,,,,USD,,,capacity,provisioned-model-unit,six-months,39.60,1,1,1500,60,,,\n" +
        "modal,llama-3.1-70b,,,,2025-01-01,,,,,,,,USD,,,capacity,gpu-hour,none,4.00,1,1,3000,40,,,0.0011\n";

    /// <summary>Parses every row; a sheet is all or nothing, so every problem is reported, not only the first.</summary>
    public static PriceSheetImport Read(TextReader reader, string fileName)
    {
        var import = new PriceSheetImport { Format = Format };
        var bases = new Dictionary<(string, string, string, DateTime), (TokenPrice Price, long Line)>();
        var context = new List<(long Line, (string, string, string, DateTime) Key, ContextTier Tier)>();
        var volume = new List<(long Line, (string, string, string, DateTime) Key, VolumeTier Tier)>();
        try
        {
            CsvHeader? header = null;
            foreach (var row in new CsvStreamReader(reader).ReadAll())
            {
                if (header is null)
                {
                    header = CsvHeader.Read(row, RequiredColumns);
                    continue;
                }
                import.EntriesRead++;
                try
                {
                    ReadRow(header, row, fileName, import, bases, context, volume);
                }
                catch (CsvFieldException e)
                {
                    import.Errors.Add($"{fileName}, line {row.LineNumber}, column {e.Column}: {e.Reason}");
                }
            }
            if (header is null)
            {
                import.Errors.Add($"{fileName}: the file is empty; expected a header with {string.Join(", ", RequiredColumns)}");
            }
        }
        catch (CsvFormatException e)
        {
            import.Errors.Add($"{fileName}, {e.Message}");
        }
        Attach(fileName, import, bases, context, (p, tiers) => p.ContextTiersJson = TokenPriceRates.ToJson(tiers), ContextAboveTokens);
        Attach(fileName, import, bases, volume, (p, tiers) => p.VolumeTiersJson = TokenPriceRates.ToJson(tiers), VolumeFromTokens);
        import.Prices.AddRange(bases.Values.OrderBy(b => b.Line).Select(b => b.Price));
        import.EntriesImported = import.Errors.Count == 0 ? import.EntriesRead : 0;
        if (import.Errors.Count == 0 && import.Prices.Count == 0 && import.Offers.Count == 0)
        {
            import.Errors.Add($"{fileName}: the file has a header but no prices");
        }
        return import;
    }

    private static void ReadRow(CsvHeader header, CsvRow row, string fileName, PriceSheetImport import,
        Dictionary<(string, string, string, DateTime), (TokenPrice, long)> bases,
        List<(long, (string, string, string, DateTime), ContextTier)> context,
        List<(long, (string, string, string, DateTime), VolumeTier)> volume)
    {
        var currency = header.Text(row, Currency)?.ToUpperInvariant() ?? "USD";
        if (currency != "USD")
        {
            throw new CsvFieldException(Currency, $"'{currency}' is not supported: prices must be in US dollars (USD)");
        }
        switch (header.Text(row, Kind)?.ToLowerInvariant() ?? "token")
        {
            case "capacity":
                import.Offers.Add(ReadCapacityRow(header, row));
                return;
            case "token":
                break;
            case var other:
                throw new CsvFieldException(Kind, $"'{other}' is not token or capacity");
        }
        var tier = header.Text(row, ServiceTier)?.ToLowerInvariant() ?? ServiceTiers.Standard;
        if (!ServiceTiers.IsKnown(tier))
        {
            throw new CsvFieldException(ServiceTier, $"'{tier}' is not one of {string.Join(", ", ServiceTiers.All)}");
        }
        var discount = header.NonNegativeDecimal(row, BatchDiscountPercent);
        if (discount > 100)
        {
            throw new CsvFieldException(BatchDiscountPercent, $"{discount} is over 100 percent");
        }
        var provider = header.RequiredText(row, Provider).ToLowerInvariant();
        var model = header.RequiredText(row, Model);
        var card = new RateCard(
            header.NonNegativeDecimal(row, InputPerMillion) ?? throw new CsvFieldException(InputPerMillion, "is empty"),
            header.NonNegativeDecimal(row, OutputPerMillion) ?? throw new CsvFieldException(OutputPerMillion, "is empty"),
            header.NonNegativeDecimal(row, CachedInputPerMillion),
            header.NonNegativeDecimal(row, CacheWrite5mPerMillion),
            header.NonNegativeDecimal(row, CacheWrite1hPerMillion),
            header.NonNegativeDecimal(row, ReasoningPerMillion));
        var entry = $"{fileName}, line {row.LineNumber}";
        foreach (var (column, value) in new[] { (InputPerMillion, (decimal?)card.Input), (OutputPerMillion, card.Output),
            (CachedInputPerMillion, card.CachedInput),
                     (CacheWrite5mPerMillion, card.CacheWrite5m), (CacheWrite1hPerMillion, card.CacheWrite1h), (ReasoningPerMillion, card.Reasoning) })
        {
            import.Check(entry, column, value);
        }
        var key = (provider, model.ToLowerInvariant(), tier, header.UtcTime(row, EffectiveFrom));
        if (header.NonNegativeLong(row, ContextAboveTokens) is { } above)
        {
            context.Add((row.LineNumber, key, new ContextTier(above, card)));
            return;
        }
        if (header.NonNegativeLong(row, VolumeFromTokens) is { } from)
        {
            volume.Add((row.LineNumber, key, new VolumeTier(from, card)));
            return;
        }
        if (bases.TryGetValue(key, out var first))
        {
            throw new CsvFieldException(Model, $"{provider}/{model} ({tier}) from {key.Item4:yyyy-MM-dd} is already priced on line {first.Item2}");
        }
        var price = card.ToTokenPrice(provider, model, tier, key.Item4);
        price.PerRequestFee = header.NonNegativeDecimal(row, PerRequestFee);
        price.PerComputeSecond = header.NonNegativeDecimal(row, PerSecond);
        price.BatchDiscountPercent = discount;
        bases[key] = (price, row.LineNumber);
    }

    private static CapacityOffer ReadCapacityRow(CsvHeader header, CsvRow row)
    {
        var rate = header.NonNegativeDecimal(row, RatePerUnitHour) ?? throw new CsvFieldException(RatePerUnitHour, "is empty");
        var tokensPerMinute = header.NonNegativeDecimal(row, TokensPerMinute);
        var weight = header.NonNegativeDecimal(row, OutputWeight);
        decimal input, output;
        if (tokensPerMinute is { } tpm)
        {
            if (weight is not > 0)
            {
                throw new CsvFieldException(OutputWeight, "is needed, and positive, with tokens_per_minute");
            }
            var terms = Pricing.CapacityTerms.FromTokensPerMinute(tpm, weight.Value, rate);
            (input, output) = (terms.InputTokensPerSecond, terms.OutputTokensPerSecond);
        }
        else
        {
            input = header.NonNegativeDecimal(row, InputTokensPerSecond)
                ?? throw new CsvFieldException(InputTokensPerSecond, "is empty (or give tokens_per_minute and output_weight)");
            output = header.NonNegativeDecimal(row, OutputTokensPerSecond) ?? throw new CsvFieldException(OutputTokensPerSecond, "is empty");
        }
        if (input == 0 || output == 0)
        {
            throw new CsvFieldException(input == 0 ? InputTokensPerSecond : OutputTokensPerSecond, "must be positive");
        }
        var minimum = header.NonNegativeLong(row, MinimumUnits) ?? 1;
        var increment = header.NonNegativeLong(row, UnitIncrement) ?? 1;
        if (minimum < 1 || increment < 1)
        {
            throw new CsvFieldException(minimum < 1 ? MinimumUnits : UnitIncrement, "must be at least 1");
        }
        return new CapacityOffer
        {
            Provider = header.RequiredText(row, Provider).ToLowerInvariant(),
            Model = header.RequiredText(row, Model),
            EffectiveFrom = header.UtcTime(row, EffectiveFrom),
            UnitKind = Enum(header, row, UnitKind, CapacityUnitKind.GpuHour),
            Term = Enum(header, row, Term, CommitmentTerm.None),
            RatePerUnitHour = rate,
            MinimumUnits = (int)minimum,
            UnitIncrement = (int)increment,
            InputTokensPerSecond = input,
            OutputTokensPerSecond = output,
            OutputWeight = weight ?? input / output,
            RatePerComputeSecond = header.NonNegativeDecimal(row, RatePerComputeSecond),
        };
    }

    /// <summary>Reads <c>one-month</c>, <c>gpu-hour</c> and the like as the enum value of the same words.</summary>
    private static T Enum<T>(CsvHeader header, CsvRow row, string column, T fallback) where T : struct, System.Enum
    {
        var text = header.Text(row, column);
        if (text is null)
        {
            return fallback;
        }
        return System.Enum.TryParse<T>(text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true,
            out var value)
            ? value
            : throw new CsvFieldException(column, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>().Select(Kebab))}");
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static void Attach<TTier>(string fileName, PriceSheetImport import,
        Dictionary<(string, string, string, DateTime), (TokenPrice Price, long Line)> bases,
        List<(long Line, (string, string, string, DateTime) Key, TTier Tier)> tiers,
        Action<TokenPrice, IReadOnlyList<TTier>> set, string column)
    {
        foreach (var group in tiers.GroupBy(t => t.Key))
        {
            if (!bases.TryGetValue(group.Key, out var price))
            {
                var line = group.First().Line;
                import.Errors.Add($"{fileName}, line {line}, column {column}: a tier of {group.Key.Item1}/{group.Key.Item2} ({group.Key.Item3}) from " +
                    $"{group.Key.Item4:yyyy-MM-dd} has no base row to belong to");
                continue;
            }
            set(price.Price, [.. group.Select(t => t.Tier)]);
        }
    }
}
