using System.Globalization;
using CostInsights.Core.Csv;

namespace CostInsights.Core.Usage.Formats;

/// <summary>
/// A cloud bill in FOCUS (the FinOps Open Cost and Usage Specification, 1.0 to 1.3) as CSV, as Azure, AWS and Google export it:
/// each AI row's <c>BilledCost</c> for its charge period becomes a billed line. A row is an AI service's by its service name (Azure
/// OpenAI, Bedrock, Vertex AI), its <c>ServiceCategory</c>, a <c>ModelId</c>, or a meter that names a token charge; the bill's other
/// rows (virtual machines, storage) are passed over. The team is the sub-account; the model and charge come from <c>ModelId</c>
/// where the bill has it, else from the meter (<c>SkuMeter</c>, or Azure's <c>x_SkuMeterName</c>): "gpt-4o-0806-Inp-glbl Tokens" is
/// gpt-4o-0806's input; a row without a meter is a charge the bill does not classify. Rows that are not usage (tax, credits,
/// purchases) are charges of their own kind.
/// </summary>
public static class FocusCostCsv
{
    public const string Format = "focus-csv";

    public static readonly IReadOnlyList<string> RequiredColumns = ["BilledCost", "ChargePeriodStart", "ChargePeriodEnd"];

    /// <summary>Whether a CSV header is a FOCUS bill's.</summary>
    public static bool Looks(string header) =>
        header.Contains("BilledCost", StringComparison.OrdinalIgnoreCase) && header.Contains("ChargePeriodStart", StringComparison.OrdinalIgnoreCase);

    /// <summary>The bill's rows for AI services; a cloud bill's other rows (virtual machines, storage) are passed over.</summary>
    public static IEnumerable<CostLineReadResult> Read(TextReader reader) =>
        CsvRecords.Read(reader, RequiredColumns, (header, row) => ReadRow(header, row) is { } line ? CostLineReadResult.Ok(line) : null,
            CostLineReadResult.Rejected).OfType<CostLineReadResult>();

    /// <summary>The AI services the product knows a cloud's bill by, and the product's name for each provider.</summary>
    private static readonly (string Service, string Provider)[] AiServices =
        [("OpenAI", "azure-openai"), ("Foundry", "azure-openai"), ("Bedrock", "bedrock"), ("Vertex", "google"), ("Gemini", "google")];

    private static CostLineRow? ReadRow(CsvHeader header, CsvRow row)
    {
        var service = header.Text(row, "ServiceName");
        // Azure files Azure OpenAI under Cognitive Services in some exports, naming it only in the meter's subcategory.
        var aiService = AiService(service, header.Text(row, "x_SkuMeterSubcategory"));
        // The meter, not the description: a description is prose ("$0.003 per 1K input tokens for ..."), a meter names the model first.
        var meterText = header.Text(row, "SkuMeter") ?? header.Text(row, "x_SkuMeterName");
        var modelId = header.Text(row, "ModelId") ?? header.Text(row, "x_ModelId");
        var meter = Meter(meterText);
        var tokenMeter = meter.Charge is not null && meterText!.Contains("token", StringComparison.OrdinalIgnoreCase);
        if (aiService is null && modelId is null && !tokenMeter
            && !string.Equals(header.Text(row, "ServiceCategory"), "AI and Machine Learning", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var start = header.UtcTime(row, "ChargePeriodStart");
        var end = header.UtcTime(row, "ChargePeriodEnd");
        if (end <= start)
        {
            throw new CsvFieldException("ChargePeriodEnd", $"{end:yyyy-MM-dd HH:mm} is not after ChargePeriodStart {start:yyyy-MM-dd HH:mm}");
        }
        var text = header.RequiredText(row, "BilledCost");
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var cost))
        {
            throw new CsvFieldException("BilledCost", $"'{Excerpt.Of(text, 40)}' is not a number");
        }
        if ((header.Text(row, "BillingCurrency") ?? "USD") is var currency && !currency.Equals("USD", StringComparison.OrdinalIgnoreCase))
        {
            throw new CsvFieldException("BillingCurrency", $"{Excerpt.Of(currency, 40)} is not supported: the bill must be in USD");
        }
        var provider = aiService ?? (header.Text(row, "ProviderName") ?? service ?? "unknown").Trim().ToLowerInvariant();
        var category = header.Text(row, "ChargeCategory");
        var (model, charge) = category is null || category.Equals("Usage", StringComparison.OrdinalIgnoreCase)
            ? meter
            : (null, ChargeClasses.Named(category.ToLowerInvariant()));
        model = modelId ?? model;
        var team = header.Text(row, "SubAccountName") ?? header.Text(row, "SubAccountId") ?? "unassigned";
        var description = header.Text(row, "ChargeDescription") ?? meterText ?? service ?? "FOCUS charge";
        var key = NaturalKeys.ForRequest(provider, $"focus|{start:O}|{end:O}|{team}|{header.Text(row, "ResourceId")}|{header.Text(row, "SkuPriceId")}|" +
            $"{meterText}|{category}|{header.Text(row, "ChargeClass")}|{header.Text(row, "InvoiceId")}|{cost.ToString(CultureInfo.InvariantCulture)}");
        return new CostLineRow(row.LineNumber, CostLineKinds.Billed, start, end, provider, model, team,
            description.Length <= 200 ? description : description[..200], null, null, null, cost, key)
        {
            ChargeClass = charge,
        };
    }

    /// <summary>The product's name for the provider of an AI service a row's service or meter subcategory names; null for another service.</summary>
    public static string? AiService(string? serviceName, string? meterSubcategory = null)
    {
        var names = $"{serviceName} {meterSubcategory}";
        return AiServices.Where(s => names.Contains(s.Service, StringComparison.OrdinalIgnoreCase)).Select(s => s.Provider).FirstOrDefault();
    }

    private static readonly HashSet<string> Inputs = new(StringComparer.Ordinal) { "inp", "input", "inpt", "in", "prompt" };
    private static readonly HashSet<string> Outputs = new(StringComparer.Ordinal) { "outp", "output", "out", "completion" };

    /// <summary>Words of a meter that say where or how a token was served, not which model served it.</summary>
    private static readonly HashSet<string> Noise = new(StringComparer.Ordinal)
    {
        "batch", "cached", "cache", "read", "write", "glbl", "global", "gl", "regnl", "regional", "rgnl", "dzone", "datazone", "data", "zone",
        "tokens", "token", "1k", "1m", "txt", "text", "standard", "std", "provisioned",
    };

    /// <summary>
    /// The model and charge a cloud meter names: "gpt-4o-0806-Inp-glbl Tokens" → (gpt-4o-0806, input); "gpt 4o 1120 cached Inp
    /// glbl" → (gpt-4o-1120, cached input); "USE1-Claude3.5Sonnet-output-tokens" → (claude3.5sonnet, output). Null and null when
    /// the meter names no token charge.
    /// </summary>
    public static (string? Model, string? Charge) Meter(string? meter)
    {
        if (string.IsNullOrWhiteSpace(meter))
        {
            return (null, null);
        }
        var words = meter.ToLowerInvariant().Split([' ', '-', '_', '/', ','], StringSplitOptions.RemoveEmptyEntries);
        var at = Array.FindIndex(words, w => Inputs.Contains(w) || Outputs.Contains(w));
        if (at < 0)
        {
            return (null, null);
        }
        var cached = words.Contains("cached") || (words.Contains("cache") && !words.Contains("write"));
        var charge = words.Contains("write") ? ChargeClasses.CacheWrites
            : Outputs.Contains(words[at]) ? ChargeClasses.Output
            : cached ? ChargeClasses.CachedInput : ChargeClasses.Input;
        var model = words[..at].Where((w, i) => !Noise.Contains(w) && !(i == 0 && IsRegion(w))).ToList();
        return (model.Count == 0 ? null : string.Join('-', model), charge);
    }

    /// <summary>An AWS region code that prefixes a usage type: use1, usw2, euc1, apse2.</summary>
    private static bool IsRegion(string word) =>
        word.Length is >= 4 and <= 6 && char.IsDigit(word[^1])
            && new[] { "us", "eu", "ap", "ca", "sa", "me", "af", "il", "mx" }.Any(p => word.StartsWith(p, StringComparison.Ordinal))
            && word[2..^1] is "e" or "w" or "n" or "s" or "c" or "ne" or "se" or "nw" or "sw";
}
