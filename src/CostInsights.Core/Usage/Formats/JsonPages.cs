using System.Text.Json;
using CostInsights.Core.Csv;

namespace CostInsights.Core.Usage.Formats;

/// <summary>
/// The pages of a paginated admin API saved to a file: one JSON document, an array of them, or one
/// per line. Broken JSON is refused with the line it breaks on.
/// </summary>
internal static class JsonPages
{
    public static List<JsonDocument> Parse(string text)
    {
        if (text.TrimStart().StartsWith('['))
        {
            using var array = Document(text);
            return [.. array.RootElement.EnumerateArray().Select(p => JsonDocument.Parse(p.GetRawText()))];
        }
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 1 && lines.All(l => l.StartsWith('{'))
            ? [.. lines.Select(Document)]
            : [Document(text)];
    }

    /// <summary>One JSON document; broken JSON is refused with the line it breaks on.</summary>
    public static JsonDocument Document(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new CsvFormatException($"not valid JSON at line {e.LineNumber + 1}: {e.Message.Split(" LineNumber", 2)[0]}", (e.LineNumber ?? 0) + 1);
        }
    }

    /// <summary>
    /// The results of an admin API's usage pages: <c>{"data": [{START, "results": [...]}]}</c>. Each
    /// result is an entry, read at its bucket's start; a bucket without a readable start is rejected.
    /// </summary>
    public static IEnumerable<UsageReadResult> ReadBuckets(TextReader reader, string pageName, string startField, string startProblem,
        Func<JsonElement, DateTime?> start, Func<long, DateTime, JsonElement, UsageReadResult> readResult) =>
        ReadBuckets(reader, pageName, startField, startProblem, start, (entry, at, _, result) => readResult(entry, at, result),
            (entry, column, reason) => UsageReadResult.Rejected(entry, column, reason));

    /// <summary>The same for any kind of result, each read with its bucket.</summary>
    public static IEnumerable<T> ReadBuckets<T>(TextReader reader, string pageName, string startField, string startProblem,
        Func<JsonElement, DateTime?> start, Func<long, DateTime, JsonElement, JsonElement, T> readResult, Func<long, string, string, T> rejected)
    {
        long entry = 0;
        foreach (var page in Parse(reader.ReadToEnd()))
        {
            using (page)
            {
                if (!page.RootElement.TryGetProperty("data", out var buckets) || buckets.ValueKind != JsonValueKind.Array)
                {
                    throw new CsvFormatException($"{pageName} has no \"data\" array of buckets", 1);
                }
                foreach (var bucket in buckets.EnumerateArray())
                {
                    if (start(bucket) is not { } at)
                    {
                        yield return rejected(++entry, startField, startProblem);
                        continue;
                    }
                    if (!bucket.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }
                    foreach (var result in results.EnumerateArray())
                    {
                        yield return readResult(++entry, at, bucket, result);
                    }
                }
            }
        }
    }

    public static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static long? Count(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
}
