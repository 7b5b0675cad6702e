namespace CostInsights.Core.PriceSheets.Formats;

/// <summary>
/// What reading a price file produced: the prices, every entry left out with its reason (counted),
/// entries refused with where and why, and warnings an admin must confirm.
/// </summary>
public sealed class PriceSheetImport
{
    public const decimal AbsurdPerMillion = 10_000m;

    public required string Format { get; init; }
    public List<TokenPrice> Prices { get; } = [];
    public List<CapacityOffer> Offers { get; } = [];
    public Dictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);
    public List<string> Errors { get; } = [];
    public List<string> Warnings { get; } = [];
    /// <summary>Entries the file holds, each counted once whether imported, skipped or refused.</summary>
    public int EntriesRead { get; set; }
    public int EntriesImported { get; set; }

    public bool Succeeded => Errors.Count == 0 && (Prices.Count > 0 || Offers.Count > 0);

    public void Skip(string reason) => Skipped[reason] = Skipped.GetValueOrDefault(reason) + 1;

    private readonly List<string> leftOut = [];

    /// <summary>
    /// Reads one entry of a file that lists many unrelated models (a third party's price list): an entry refused for any
    /// reason is left out whole, with its reason, instead of refusing every other model's prices with it.
    /// </summary>
    public void ReadEntry(Action read)
    {
        var (prices, errors, warnings) = (Prices.Count, Errors.Count, Warnings.Count);
        read();
        if (Errors.Count > errors)
        {
            leftOut.AddRange(Errors.Skip(errors));
            Errors.RemoveRange(errors, Errors.Count - errors);
            Warnings.RemoveRange(warnings, Warnings.Count - warnings);
            Prices.RemoveRange(prices, Prices.Count - prices);
        }
    }

    /// <summary>
    /// Entries left out become warnings an admin confirms before activation, listed first; when they are as many as the entries imported,
    /// the file is not what it claims to be, and it is refused with every reason.
    /// </summary>
    public void CompleteEntries()
    {
        if (leftOut.Count >= EntriesImported)
        {
            Errors.AddRange(leftOut);
        }
        else
        {
            // First: a model missing from the sheet matters more than a price that only looks high.
            Warnings.InsertRange(0, leftOut.Select(reason => $"{reason}; the entry is left out"));
        }
        leftOut.Clear();
    }

    /// <summary>Checks a price in dollars per 1M tokens: an error when negative, a warning when absurd.</summary>
    public bool Check(string entry, string field, decimal? perMillion)
    {
        if (perMillion is not { } value)
        {
            return true;
        }
        if (value < 0)
        {
            Errors.Add($"{entry}: {field} is negative ({value})");
            return false;
        }
        if (value > AbsurdPerMillion)
        {
            Warnings.Add($"{entry}: {field} is ${value:0.##} per 1M tokens, over ${AbsurdPerMillion:0} — confirm it is right");
        }
        return true;
    }

    /// <summary>
    /// Dollars per token as dollars per 1M tokens, exactly (decimal arithmetic on the number as written), without the trailing zeros
    /// the multiplication leaves: 0.000003 is 3, stored and shown as 3, not 3.000000.
    /// </summary>
    internal static decimal PerMillionTokens(decimal dollarsPerToken) => dollarsPerToken * 1_000_000m / 1.000000000000000000000000000000000m;

    /// <summary>The file read as JSON; null, with where and why as this import's error, when it is not JSON that can be read.</summary>
    internal System.Text.Json.JsonDocument? ParseJson(Stream json, System.Text.Json.JsonDocumentOptions options = default)
    {
        try
        {
            return System.Text.Json.JsonDocument.Parse(json, options);
        }
        catch (System.Text.Json.JsonException e)
        {
            Errors.Add(NotJson(e));
            return null;
        }
    }

    /// <summary>Where and why a file is not JSON that can be read (broken, cut short, or nested too deep).</summary>
    private static string NotJson(System.Text.Json.JsonException e) =>
        $"not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message.Split(" LineNumber", 2)[0]}";
}
