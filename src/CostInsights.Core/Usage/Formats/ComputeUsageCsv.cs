using CostInsights.Core.Csv;

namespace CostInsights.Core.Usage.Formats;

/// <summary>
/// Compute-time records as CSV: capacity invoices or usage lines that price the compute-time side
/// of a period. Each row names its period, provider, team and what it bought: an <c>amount</c>
/// billed, or capacity <c>units</c> × <c>hours</c> (priced at the model's capacity offer), or
/// <c>compute_seconds</c> of a workload (priced at its per-second rate).
/// </summary>
public static class ComputeUsageCsv
{
    public const string Format = "compute-usage";

    public static readonly IReadOnlyList<string> RequiredColumns = ["period_start", "period_end", "provider", "team"];

    public static readonly IReadOnlyList<string> OptionalColumns = ["model", "workload", "units", "hours", "compute_seconds", "amount", "invoice_id"];

    public const string Template =
        "period_start,period_end,provider,model,team,workload,units,hours,compute_seconds,amount,invoice_id\n" +
        "2026-03-01,2026-04-01,azure-openai,gpt-4o,support,chat PTUs,50,744,,,INV-2026-03\n" +
        "2026-03-01,2026-04-01,self-hosted,llama-3.1-8b,search,reranker,,,1850000,,\n" +
        "2026-03-01,2026-04-01,bedrock,claude-sonnet-4,sales-assist,provisioned throughput,,,,18400.00,INV-77\n";

    /// <summary>Whether a CSV header is this format's.</summary>
    public static bool Looks(string header) =>
        header.Contains("period_start", StringComparison.OrdinalIgnoreCase) && header.Contains("period_end", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<CostLineReadResult> Read(TextReader reader) =>
        CsvRecords.Read(reader, RequiredColumns, (header, row) => CostLineReadResult.Ok(ReadRow(header, row)), CostLineReadResult.Rejected);

    private static CostLineRow ReadRow(CsvHeader header, CsvRow row)
    {
        var start = header.UtcTime(row, "period_start");
        var end = header.UtcTime(row, "period_end");
        if (end <= start)
        {
            throw new CsvFieldException("period_end", $"{end:yyyy-MM-dd HH:mm} is not after period_start {start:yyyy-MM-dd HH:mm}");
        }
        var provider = header.RequiredText(row, "provider").ToLowerInvariant();
        var model = header.Text(row, "model");
        var team = header.RequiredText(row, "team");
        var workload = header.Text(row, "workload");
        var units = header.NonNegativeDecimal(row, "units");
        var hours = header.NonNegativeDecimal(row, "hours");
        var seconds = header.NonNegativeDecimal(row, "compute_seconds");
        var amount = header.NonNegativeDecimal(row, "amount");
        if (amount is null && (units is null || hours is null) && seconds is null)
        {
            throw new CsvFieldException("amount", "is empty, and so are units × hours and compute_seconds: give one of them");
        }
        if ((units is null) != (hours is null))
        {
            throw new CsvFieldException(units is null ? "units" : "hours", "is needed with the other: capacity is priced by units × hours");
        }
        if (amount is null && model is null)
        {
            throw new CsvFieldException("model", "is needed to price units, hours or compute seconds from a capacity offer (or give the amount)");
        }
        var invoice = header.Text(row, "invoice_id");
        var description = workload ?? (units is not null ? "capacity" : seconds is not null ? "compute time" : "compute-time charge");
        var key = NaturalKeys.ForRequest(provider, $"compute|{start:O}|{end:O}|{model}|{team}|{workload}|{units}|{hours}|{seconds}|{amount}|{invoice}");
        return new CostLineRow(row.LineNumber, CostLineKinds.ComputeTime, start, end, provider, model, team,
            description.Length <= 200 ? description : description[..200],
            units, hours, seconds, amount, key);
    }
}
