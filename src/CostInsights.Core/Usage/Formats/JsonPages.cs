using System.Text.Json;
using CostInsights.Core.Csv;

namespace CostInsights.Core.Usage.Formats;

/// <summary>
/// The pages of a paginated admin API saved to a file: one JSON document, an array of them, or one
/// per line, read a page at a time. Broken JSON is refused with the line it breaks on.
/// </summary>
internal static class JsonPages
{
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
        foreach (var (page, _) in JsonValueStream.Read(reader))
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

    /// <summary>A time given as a JSON number of seconds since 1970, or null when it is missing, not a whole number, or outside the calendar.</summary>
    public static DateTime? UnixSeconds(JsonElement e, string name) =>
        Count(e, name) is { } seconds && seconds >= MinUnixSeconds && seconds <= MaxUnixSeconds ? DateTime.UnixEpoch.AddSeconds(seconds) : null;

    private static readonly long MinUnixSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static long? Count(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
}
