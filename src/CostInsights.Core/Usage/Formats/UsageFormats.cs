using CostInsights.Core.Ingestion;

namespace CostInsights.Core.Usage.Formats;

/// <summary>Every usage format the ingestion reads, how each is recognised from a file's start, and its reader.</summary>
public static class UsageFormats
{
    public static readonly IReadOnlyList<string> All =
    [
        UsageCsv.Format, UsageJson.Format, OpenAiUsage.Format, AnthropicUsageReport.Format, AnthropicCostReport.Format,
        OpenAiCosts.Format, FocusCostCsv.Format,
        BedrockInvocationLogs.Format, OtelGenAiSpans.Format, LiteLlmSpendLogs.Format, ComputeUsageCsv.Format,
    ];

    /// <summary>
    /// JSON of a shape none of the readers knows: detected as such rather than read as CSV, so that its batch fails saying
    /// what it is and what to do, not with a CSV quoting error. It cannot be chosen.
    /// </summary>
    public const string UnrecognisedJson = "unrecognised-json";

    /// <summary>Why a file detected as <see cref="UnrecognisedJson"/> is not read.</summary>
    public const string UnrecognisedJsonReason =
        "is JSON, but not in a shape read here (OpenAI or Anthropic usage, OpenAI costs, Anthropic cost report, Bedrock invocation logs, OpenTelemetry " +
        "GenAI spans, or JSON Lines with timestamp and input_tokens in the first kilobyte). Map its fields to usage with a column " +
        "mapping on the Ingestion page, then upload it again. Nothing of it was stored";

    /// <summary>Formats read as cost lines (amounts for a period) rather than token usage.</summary>
    public static bool IsCostLines(string format) => IsBill(format) || format == ComputeUsageCsv.Format;

    /// <summary>Formats of what a provider billed, by day, model and charge: the bills the Reconciliation page reads.</summary>
    public static bool IsBill(string format) => format is AnthropicCostReport.Format or OpenAiCosts.Format or FocusCostCsv.Format;

    /// <summary>
    /// The format of a file from its first kilobyte of text: <see cref="UnrecognisedJson"/> for JSON no reader knows, the
    /// project's CSV when nothing else fits.
    /// </summary>
    public static string Detect(string start)
    {
        start = start.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (LooksLikeJson(start))
        {
            return OpenAiCosts.Looks(start) ? OpenAiCosts.Format
                : OpenAiUsage.Looks(start) ? OpenAiUsage.Format
                : AnthropicCostReport.Looks(start) ? AnthropicCostReport.Format
                : AnthropicUsageReport.Looks(start) ? AnthropicUsageReport.Format
                : BedrockInvocationLogs.Looks(start) ? BedrockInvocationLogs.Format
                : OtelGenAiSpans.Looks(start) ? OtelGenAiSpans.Format
                : UsageJson.Looks(start) ? UsageJson.Format
                : UnrecognisedJson;
        }
        var header = start.Split('\n', 2)[0];
        return LiteLlmSpendLogs.Looks(header) ? LiteLlmSpendLogs.Format
            : FocusCostCsv.Looks(header) ? FocusCostCsv.Format
            : ComputeUsageCsv.Looks(header) ? ComputeUsageCsv.Format
            : UsageCsv.Format;
    }

    /// <summary>The file extension that suits a format.</summary>
    public static string Extension(string format) => format switch
    {
        UsageJson.Format or BedrockInvocationLogs.Format => ".jsonl",
        OpenAiUsage.Format or OpenAiCosts.Format or AnthropicUsageReport.Format or AnthropicCostReport.Format or OtelGenAiSpans.Format
            or UnrecognisedJson => ".json",
        _ => ".csv",
    };

    /// <summary>Whether a file's first text opens a JSON object or array.</summary>
    public static bool LooksLikeJson(string start) => start.TrimStart('\uFEFF', ' ', '\r', '\n', '\t') is var t && (t.StartsWith('{') || t.StartsWith('['));

    /// <summary>The lines of a cost-line format, read lazily.</summary>
    public static IEnumerable<CostLineReadResult> ReadCostLines(string format, TextReader reader) => format switch
    {
        AnthropicCostReport.Format => AnthropicCostReport.Read(reader),
        OpenAiCosts.Format => OpenAiCosts.Read(reader),
        FocusCostCsv.Format => FocusCostCsv.Read(reader),
        _ => ComputeUsageCsv.Read(reader),
    };

    /// <summary>The rows of a usage format, read lazily.</summary>
    public static IEnumerable<UsageReadResult> Read(string format, TextReader reader) => format switch
    {
        OpenAiUsage.Format => OpenAiUsage.Read(reader),
        AnthropicUsageReport.Format => AnthropicUsageReport.Read(reader),
        UsageJson.Format => UsageJson.Read(reader),
        OtelGenAiSpans.Format => OtelGenAiSpans.Read(reader),
        LiteLlmSpendLogs.Format => LiteLlmSpendLogs.Read(reader),
        BedrockInvocationLogs.Format => BedrockInvocationLogs.Read(reader),
        UnrecognisedJson => throw new UsageSourceException(UnrecognisedJsonReason),
        _ => UsageCsv.Read(reader),
    };
}
