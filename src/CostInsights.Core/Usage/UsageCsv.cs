using CostInsights.Core.Csv;
using CostInsights.Pricing;

namespace CostInsights.Core.Usage;

/// <summary>
/// The project's own usage CSV: one row per request or per pre-aggregated bucket.
/// A row with a <c>request_id</c> is identified by it; otherwise by a hash of all its fields,
/// so that a file imported twice, or two overlapping files, never count a row twice.
/// </summary>
public static class UsageCsv
{
    public const string Format = "usage-csv";
    public const string Timestamp = "timestamp";
    public const string Provider = "provider";
    public const string Model = "model";
    public const string Team = "team";
    public const string InputTokens = "input_tokens";
    public const string OutputTokens = "output_tokens";
    public const string CachedTokens = "cached_tokens";
    public const string Requests = "requests";
    public const string RequestId = "request_id";
    public const string Project = "project";
    public const string Application = "application";
    public const string Batch = "batch";
    public const string ComputeSeconds = "compute_seconds";
    public const string CacheWrite5mTokens = "cache_write_5m_tokens";
    public const string CacheWrite1hTokens = "cache_write_1h_tokens";
    public const string ReasoningTokens = "reasoning_tokens";
    public const string ServiceTier = "service_tier";
    public const string Tags = "tags";

    public static readonly IReadOnlyList<string> RequiredColumns =
        [Timestamp, Provider, Model, Team, InputTokens, OutputTokens];

    /// <summary>Columns a file may leave out: counts are then 0 (requests 1), the rest empty.</summary>
    public static readonly IReadOnlyList<string> OptionalColumns =
        [CachedTokens, Requests, RequestId, Project, Application, Batch, ServiceTier, CacheWrite5mTokens, CacheWrite1hTokens, ReasoningTokens, ComputeSeconds,
            Tags];

    public const string Template =
        "timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens,requests,request_id,project,application,batch,service_tier," +
        "cache_write_5m_tokens,cache_write_1h_tokens,reasoning_tokens,compute_seconds,tags\n" +
        "2026-03-01T14:05:00Z,openai,gpt-4o,support,1200,350,400,1,req-0001,helpdesk,chat,false,standard,0,0,0,,env=prod;feature=chat\n" +
        "2026-03-01T14:06:10Z,anthropic,claude-sonnet-4,search,5400,800,0,1,req-0002,,,false,standard,2000,0,300,,env=staging\n";

    /// <summary>Reads rows lazily. A broken header or unreadable CSV throws <see cref="CsvFormatException"/>; a bad row is a rejection.</summary>
    public static IEnumerable<UsageReadResult> Read(TextReader reader) => ReadRows(reader, RequiredColumns, ReadRow);

    /// <summary>A CSV with its own column names, read through a column mapping.</summary>
    public static IEnumerable<UsageReadResult> Read(TextReader reader, UsageFieldMapping mapping) =>
        ReadRows(reader, RequiredColumns, ReadRow, mapping.Transform());

    /// <summary>Any usage CSV: the header checked for its required columns, then each row read or rejected with its column and reason.</summary>
    internal static IEnumerable<UsageReadResult> ReadRows(TextReader reader, IReadOnlyList<string> requiredColumns, Func<CsvHeader, CsvRow, UsageRow> readRow,
        Func<CsvRow, bool, CsvRow>? transform = null) =>
        CsvRecords.Read(reader, requiredColumns, (header, row) => UsageReadResult.Ok(readRow(header, row)), UsageReadResult.Rejected, transform);

    internal static UsageRow ReadRow(CsvHeader header, CsvRow row)
    {
        var occurredAt = header.UtcTime(row, Timestamp);
        var provider = header.RequiredText(row, Provider).ToLowerInvariant();
        var model = header.RequiredText(row, Model);
        var team = header.RequiredText(row, Team);
        var input = header.NonNegativeLong(row, InputTokens) ?? throw new CsvFieldException(InputTokens, "is empty");
        var output = header.NonNegativeLong(row, OutputTokens) ?? throw new CsvFieldException(OutputTokens, "is empty");
        var cached = header.NonNegativeLong(row, CachedTokens) ?? 0;
        if (cached > input)
        {
            throw new CsvFieldException(CachedTokens, $"{cached} exceeds input_tokens {input} (cached tokens are part of the input)");
        }
        var write5m = header.NonNegativeLong(row, CacheWrite5mTokens) ?? 0;
        var write1h = header.NonNegativeLong(row, CacheWrite1hTokens) ?? 0;
        if (UsageLimits.Sum(cached, write5m, write1h) is var cachedAndWritten && cachedAndWritten > input)
        {
            throw new CsvFieldException(CacheWrite5mTokens,
                $"cached reads and cache writes ({cachedAndWritten}) exceed input_tokens {input} (they are part of the input)");
        }
        var reasoning = header.NonNegativeLong(row, ReasoningTokens) ?? 0;
        if (reasoning > output)
        {
            throw new CsvFieldException(ReasoningTokens, $"{reasoning} exceeds output_tokens {output} (reasoning tokens are part of the output)");
        }
        var requests = header.NonNegativeLong(row, Requests) ?? 1;
        var project = header.Text(row, Project);
        var application = header.Text(row, Application);
        var isBatch = ReadBool(header, row, Batch);
        var tier = header.Text(row, ServiceTier)?.ToLowerInvariant() ?? (isBatch ? ServiceTiers.Batch : ServiceTiers.Standard);
        if (!ServiceTiers.IsKnown(tier))
        {
            throw new CsvFieldException(ServiceTier, $"'{tier}' is not one of {string.Join(", ", ServiceTiers.All)}");
        }
        var computeSeconds = header.NonNegativeDecimal(row, ComputeSeconds);
        var requestId = header.Text(row, RequestId);
        var naturalKey = requestId is not null
            ? NaturalKeys.ForRequest(provider, requestId)
            : NaturalKeys.ForContent(occurredAt, provider, model, team, project, application, input, output, cached, requests, isBatch,
                $"{write5m}|{write1h}|{reasoning}|{tier}");
        return new UsageRow(row.LineNumber, occurredAt, provider, model, team, input, output, cached, requests,
            naturalKey, project, application, isBatch, computeSeconds)
        {
            CacheWrite5mTokens = write5m,
            CacheWrite1hTokens = write1h,
            ReasoningTokens = reasoning,
            ServiceTier = tier,
            Tags = header.Text(row, Tags) is { } tags ? UsageTags.Join(tags.Split([',', ';', '|'])) : null,
            ZoneAssumed = !CsvHeader.HasZone(header.RequiredText(row, Timestamp)),
        };
    }

    private static bool ReadBool(CsvHeader header, CsvRow row, string column) =>
        header.Text(row, column)?.ToLowerInvariant() switch
        {
            null or "false" or "0" or "no" => false,
            "true" or "1" or "yes" => true,
            var other => throw new CsvFieldException(column, $"'{other}' is not true or false"),
        };
}
