using System.Text.Json;
using CostInsights.Core.Csv;
using CostInsights.Core.PriceSheets;

namespace CostInsights.Core.Usage.Formats;

/// <summary>
/// OpenAI's organization usage API for completions: pages (one JSON document, an array of them, or
/// one per line) of time buckets whose results carry <c>input_tokens</c> (cached reads included),
/// <c>input_cached_tokens</c>, <c>output_tokens</c>, <c>num_model_requests</c>, <c>model</c>,
/// <c>project_id</c>, <c>batch</c> and <c>service_tier</c>. The team is the project. A bucket is
/// identified by its start, model, project, user, API key, batch flag and tier, so a bucket imported
/// twice is counted once.
/// </summary>
public static class OpenAiUsage
{
    public const string Format = "openai-usage";

    /// <summary>Whether the text starts like an OpenAI usage page.</summary>
    public static bool Looks(string start) =>
        start.Contains("\"organization.usage.completions.result\"", StringComparison.Ordinal) ||
        (start.Contains("\"object\"", StringComparison.Ordinal) && start.Contains("\"bucket\"", StringComparison.Ordinal));

    public static IEnumerable<UsageReadResult> Read(TextReader reader)
    {
        var pages = JsonPages.Parse(reader.ReadToEnd());
        long entry = 0;
        foreach (var page in pages)
        {
            using (page)
            {
                if (!page.RootElement.TryGetProperty("data", out var buckets) || buckets.ValueKind != JsonValueKind.Array)
                {
                    throw new CsvFormatException("an OpenAI usage page has no \"data\" array of buckets", 1);
                }
                foreach (var bucket in buckets.EnumerateArray())
                {
                    if (!bucket.TryGetProperty("start_time", out var startElement) || !startElement.TryGetInt64(out var start))
                    {
                        entry++;
                        yield return UsageReadResult.Rejected(entry, "start_time", "a bucket has no start_time in Unix seconds");
                        continue;
                    }
                    var at = DateTimeOffset.FromUnixTimeSeconds(start).UtcDateTime;
                    foreach (var result in bucket.GetProperty("results").EnumerateArray())
                    {
                        entry++;
                        yield return ReadResult(entry, at, result);
                    }
                }
            }
        }
    }

    private static UsageReadResult ReadResult(long entry, DateTime at, JsonElement r)
    {
        var model = Text(r, "model");
        if (model is null)
        {
            return UsageReadResult.Rejected(entry, "model", "is missing: request usage grouped by model (group_by=model)");
        }
        var input = Count(r, "input_tokens");
        var output = Count(r, "output_tokens");
        var cached = Count(r, "input_cached_tokens") ?? 0;
        if (input is null || output is null || input < 0 || output < 0 || cached < 0)
        {
            return UsageReadResult.Rejected(entry, input is null or < 0 ? "input_tokens" : output is null or < 0 ? "output_tokens" : "input_cached_tokens",
                "is missing or negative");
        }
        if (cached > input)
        {
            return UsageReadResult.Rejected(entry, "input_cached_tokens", $"{cached} exceeds input_tokens {input}");
        }
        var project = Text(r, "project_id");
        var batch = r.TryGetProperty("batch", out var b) && b.ValueKind == JsonValueKind.True;
        var tier = Text(r, "service_tier") switch
        {
            "flex" => ServiceTiers.Flex,
            "priority" => ServiceTiers.Priority,
            _ when batch => ServiceTiers.Batch,
            _ => ServiceTiers.Standard,
        };
        var key = NaturalKeys.ForRequest("openai", $"bucket|{at:O}|{model}|{project}|{Text(r, "user_id")}|{Text(r, "api_key_id")}|{batch}|{tier}");
        return UsageReadResult.Ok(new UsageRow(entry, at, "openai", model, project ?? "unassigned", input.Value, output.Value, cached,
            Count(r, "num_model_requests") ?? 1, key, Project: project, IsBatch: batch) { ServiceTier = tier });
    }

    private static string? Text(JsonElement e, string name) => JsonPages.Text(e, name);

    private static long? Count(JsonElement e, string name) => JsonPages.Count(e, name);
}
