using System.Text.Json;
using CostInsights.Core.Csv;

namespace CostInsights.Core.Usage.Formats;

/// <summary>
/// AWS Bedrock model invocation logs as JSON Lines, as CloudWatch Logs or S3 deliver them: one
/// invocation a line with <c>timestamp</c>, <c>requestId</c>, <c>modelId</c>, <c>identity.arn</c>,
/// <c>region</c>, <c>input.inputTokenCount</c>, <c>input.cacheReadInputTokenCount</c>,
/// <c>input.cacheWriteInputTokenCount</c> and <c>output.outputTokenCount</c>. The provider is
/// <c>bedrock</c>, the model its <c>modelId</c>, the team the caller's role or user name from the ARN.
/// Bedrock counts cache reads and writes apart from <c>inputTokenCount</c>; here they are added to the input,
/// whose parts they are.
/// </summary>
public static class BedrockInvocationLogs
{
    public const string Format = "bedrock-invocations";

    public static bool Looks(string start) =>
        start.Contains("\"modelId\"", StringComparison.Ordinal) && start.Contains("\"inputTokenCount\"", StringComparison.Ordinal);

    public static IEnumerable<UsageReadResult> Read(TextReader reader)
    {
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            UsageReadResult result;
            try
            {
                using var document = JsonDocument.Parse(text);
                result = ReadLine(line, document.RootElement);
            }
            catch (JsonException e)
            {
                result = UsageReadResult.Rejected(line, null, $"not valid JSON: {e.Message.Split(" LineNumber", 2)[0]}");
            }
            yield return result;
        }
        if (line == 0)
        {
            throw new CsvFormatException("the file is empty; expected one Bedrock invocation log record a line", 1);
        }
    }

    private static UsageReadResult ReadLine(long line, JsonElement e)
    {
        if (!e.TryGetProperty("timestamp", out var ts) || ts.ValueKind != JsonValueKind.String || !ts.TryGetDateTimeOffset(out var at))
        {
            return UsageReadResult.Rejected(line, "timestamp", "is missing or not an ISO 8601 time");
        }
        if (Text(e, "modelId") is not { } modelId)
        {
            return UsageReadResult.Rejected(line, "modelId", "is missing");
        }
        var input = Count(e, "input", "inputTokenCount");
        var output = Count(e, "output", "outputTokenCount");
        if (input is not >= 0 || output is not >= 0)
        {
            return UsageReadResult.Rejected(line, input is not >= 0 ? "input.inputTokenCount" : "output.outputTokenCount", "is missing or negative");
        }
        var cacheRead = Count(e, "input", "cacheReadInputTokenCount") ?? 0;
        var cacheWrite = Count(e, "input", "cacheWriteInputTokenCount") ?? 0;
        if (cacheRead < 0 || cacheWrite < 0)
        {
            return UsageReadResult.Rejected(line, "input.cacheReadInputTokenCount", "is negative");
        }
        // A model ARN ends in its id: arn:aws:bedrock:region::foundation-model/anthropic.claude-...
        var model = modelId.Contains('/', StringComparison.Ordinal) ? modelId[(modelId.LastIndexOf('/') + 1)..] : modelId;
        var arn = e.TryGetProperty("identity", out var identity) ? Text(identity, "arn") : null;
        // Request metadata the caller attached: its team and project when it names them, every pair as a tag.
        var metadata = e.TryGetProperty("requestMetadata", out var m) && m.ValueKind == JsonValueKind.Object
            ? m.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase)
            : [];
        var team = metadata.GetValueOrDefault("team") ?? (arn is null ? "unassigned" : arn.Split('/') is { Length: > 1 } parts ? parts[1] : arn);
        var key = Text(e, "requestId") is { } requestId
            ? NaturalKeys.ForRequest("bedrock", requestId)
            : NaturalKeys.ForContent(at.UtcDateTime, "bedrock", model, team, null, null, input.Value, output.Value, cacheRead, 1, false, $"{cacheWrite}");
        return UsageReadResult.Ok(new UsageRow(line, at.UtcDateTime, "bedrock", model, team, UsageLimits.Sum(input.Value, cacheRead, cacheWrite), output.Value,
            cacheRead, 1, key,
            Project: metadata.GetValueOrDefault("project"), Application: Text(e, "region"))
        {
            CacheWrite5mTokens = cacheWrite,
            Tags = UsageTags.Join(metadata.Select(p => $"{p.Key}={p.Value}")),
        });
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Count(JsonElement e, string section, string name) =>
        e.TryGetProperty(section, out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out var v)
            && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
}
