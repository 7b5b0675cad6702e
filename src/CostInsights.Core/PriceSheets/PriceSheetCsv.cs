using CostInsights.Core.Csv;

namespace CostInsights.Core.PriceSheets;

/// <summary>The project's own price-sheet CSV: one row per model and effective date, prices in $ per 1M tokens.</summary>
public static class PriceSheetCsv
{
    public const string Provider = "provider";
    public const string Model = "model";
    public const string InputPerMillion = "input_per_1m";
    public const string OutputPerMillion = "output_per_1m";
    public const string CachedInputPerMillion = "cached_input_per_1m";
    public const string EffectiveFrom = "effective_from";
    public const string PerRequestFee = "per_request_fee";
    public const string BatchDiscountPercent = "batch_discount_percent";

    public static readonly IReadOnlyList<string> RequiredColumns =
        [Provider, Model, InputPerMillion, OutputPerMillion, CachedInputPerMillion, EffectiveFrom];

    public static readonly IReadOnlyList<string> OptionalColumns = [PerRequestFee, BatchDiscountPercent];

    public const string Template =
        "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from,per_request_fee,batch_discount_percent\n" +
        "openai,gpt-4o,2.50,10.00,1.25,2025-01-01,,50\n" +
        "anthropic,claude-sonnet-4,3.00,15.00,0.30,2025-01-01,,50\n" +
        "google,gemini-2.0-flash,0.10,0.40,0.025,2025-01-01,,\n";

    /// <summary>Parses every row; a sheet is all or nothing, so every problem is reported, not only the first.</summary>
    public static PriceSheetParseResult Parse(TextReader reader, string fileName)
    {
        var entries = new List<TokenPrice>();
        var errors = new List<string>();
        var seen = new Dictionary<(string, string, DateTime), long>();
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
                try
                {
                    var price = ReadRow(header, row);
                    var key = (price.Provider, price.Model.ToLowerInvariant(), price.EffectiveFrom);
                    if (seen.TryGetValue(key, out var firstLine))
                    {
                        errors.Add($"{fileName}, line {row.LineNumber}: {price.Provider}/{price.Model} from {price.EffectiveFrom:yyyy-MM-dd} is already priced on line {firstLine}");
                        continue;
                    }
                    seen[key] = row.LineNumber;
                    entries.Add(price);
                }
                catch (CsvFieldException e)
                {
                    errors.Add($"{fileName}, line {row.LineNumber}, column {e.Column}: {e.Reason}");
                }
            }
            if (header is null)
            {
                errors.Add($"{fileName}: the file is empty; expected a header with {string.Join(", ", RequiredColumns)}");
            }
            else if (entries.Count == 0 && errors.Count == 0)
            {
                errors.Add($"{fileName}: the file has a header but no prices");
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add($"{fileName}, {e.Message}");
        }
        return new PriceSheetParseResult(entries, errors);
    }

    private static TokenPrice ReadRow(CsvHeader header, CsvRow row)
    {
        var discount = header.NonNegativeDecimal(row, BatchDiscountPercent);
        if (discount > 100)
        {
            throw new CsvFieldException(BatchDiscountPercent, $"{discount} is over 100 percent");
        }
        return new TokenPrice
        {
            Provider = header.RequiredText(row, Provider).ToLowerInvariant(),
            Model = header.RequiredText(row, Model),
            InputPerMillion = header.NonNegativeDecimal(row, InputPerMillion) ?? throw new CsvFieldException(InputPerMillion, "is empty"),
            OutputPerMillion = header.NonNegativeDecimal(row, OutputPerMillion) ?? throw new CsvFieldException(OutputPerMillion, "is empty"),
            CachedInputPerMillion = header.NonNegativeDecimal(row, CachedInputPerMillion),
            EffectiveFrom = header.UtcTime(row, EffectiveFrom),
            PerRequestFee = header.NonNegativeDecimal(row, PerRequestFee),
            BatchDiscountPercent = discount,
        };
    }
}

public sealed record PriceSheetParseResult(IReadOnlyList<TokenPrice> Entries, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
