using CostInsights.Core.Csv;

namespace CostInsights.Core.Usage.Formats;

/// <summary>
/// LiteLLM proxy spend logs exported as CSV, one row per request: <c>request_id</c>, <c>startTime</c>,
/// <c>model</c>, <c>custom_llm_provider</c>, <c>prompt_tokens</c>, <c>completion_tokens</c>, <c>team_id</c>
/// and optionally <c>end_user</c>, <c>request_tags</c>, <c>metadata</c>, <c>spend</c>. The request id
/// identifies the row; the team is the LiteLLM team (or <c>unassigned</c>). LiteLLM's own <c>spend</c> is
/// not used: every row is priced from the price sheets, like every other source.
/// </summary>
public static class LiteLlmSpendLogs
{
    public const string Format = "litellm-spend";

    public static readonly IReadOnlyList<string> RequiredColumns =
        ["request_id", "startTime", "model", "custom_llm_provider", "prompt_tokens", "completion_tokens"];

    /// <summary>Whether a CSV header names LiteLLM's spend-log columns.</summary>
    public static bool Looks(string firstLine)
    {
        var columns = firstLine.Split(',').Select(c => c.Trim().Trim('"')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return RequiredColumns.All(columns.Contains);
    }

    public static IEnumerable<UsageReadResult> Read(TextReader reader) => UsageCsv.ReadRows(reader, RequiredColumns, ReadRow);

    private static UsageRow ReadRow(CsvHeader header, CsvRow row)
    {
        var requestId = header.RequiredText(row, "request_id");
        var provider = header.RequiredText(row, "custom_llm_provider").ToLowerInvariant();
        var model = header.RequiredText(row, "model");
        // LiteLLM names models "provider/model" at times; the provider column already says which.
        if (model.StartsWith(provider + "/", StringComparison.OrdinalIgnoreCase))
        {
            model = model[(provider.Length + 1)..];
        }
        var input = header.NonNegativeLong(row, "prompt_tokens") ?? throw new CsvFieldException("prompt_tokens", "is empty");
        var output = header.NonNegativeLong(row, "completion_tokens") ?? throw new CsvFieldException("completion_tokens", "is empty");
        var team = header.Text(row, "team_id") ?? "unassigned";
        var startTime = header.UtcTime(row, "startTime");
        return new UsageRow(row.LineNumber, startTime, provider, model, team, input, output, 0, 1,
            NaturalKeys.ForRequest("litellm", requestId), Application: header.Text(row, "end_user"))
        {
            Tags = UsageTags.Join([.. RequestTags(header.Text(row, "request_tags")), KeyAlias(header.Text(row, "metadata"))]),
            ZoneAssumed = !CsvHeader.HasZone(header.RequiredText(row, "startTime")),
        };
    }

    /// <summary>The virtual key's alias from the metadata, as a tag: which key (and so which app) sent the request.</summary>
    private static string? KeyAlias(string? metadata)
    {
        if (metadata is null || !metadata.StartsWith('{'))
        {
            return null;
        }
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(metadata);
            return document.RootElement.TryGetProperty("user_api_key_alias", out var alias) && alias.ValueKind == System.Text.Json.JsonValueKind.String
                ? $"key={alias.GetString()}" : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>LiteLLM writes request tags as a JSON list (<c>["prod", "chat"]</c>) or, hand-exported, separated by commas.</summary>
    private static IEnumerable<string?> RequestTags(string? text)
    {
        if (text is null)
        {
            return [];
        }
        if (text.StartsWith('['))
        {
            try
            {
                return System.Text.Json.JsonSerializer.Deserialize<List<string?>>(text) ?? [];
            }
            catch (System.Text.Json.JsonException)
            {
                throw new CsvFieldException("request_tags", "is not a JSON list of strings");
            }
        }
        return text.Split([',', ';']);
    }
}
