using System.Text.Json;
using CostInsights.Pricing;

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

    public static IEnumerable<UsageReadResult> Read(TextReader reader) =>
        JsonPages.ReadBuckets(reader, "an OpenAI usage page", "start_time", "a bucket has no start_time in Unix seconds",
            bucket => JsonPages.UnixSeconds(bucket, "start_time"),
            ReadResult);

    private static UsageReadResult ReadResult(long entry, DateTime at, JsonElement r)
    {
        var model = JsonPages.Text(r, "model");
        if (model is null)
        {
            return UsageReadResult.Rejected(entry, "model", "is missing: request usage grouped by model (group_by=model)");
        }
        var input = JsonPages.Count(r, "input_tokens");
        var output = JsonPages.Count(r, "output_tokens");
        var cached = JsonPages.Count(r, "input_cached_tokens") ?? 0;
        if (input is null || output is null || input < 0 || output < 0 || cached < 0)
        {
            return UsageReadResult.Rejected(entry, input is null or < 0 ? "input_tokens" : output is null or < 0 ? "output_tokens" : "input_cached_tokens",
                "is missing or negative");
        }
        if (cached > input)
        {
            return UsageReadResult.Rejected(entry, "input_cached_tokens", $"{cached} exceeds input_tokens {input}");
        }
        var project = JsonPages.Text(r, "project_id");
        var batch = r.TryGetProperty("batch", out var b) && b.ValueKind == JsonValueKind.True;
        var tier = JsonPages.Text(r, "service_tier") switch
        {
            "flex" => ServiceTiers.Flex,
            "priority" => ServiceTiers.Priority,
            _ when batch => ServiceTiers.Batch,
            _ => ServiceTiers.Standard,
        };
        var key = NaturalKeys.ForRequest("openai",
            $"bucket|{at:O}|{model}|{project}|{JsonPages.Text(r, "user_id")}|{JsonPages.Text(r, "api_key_id")}|{batch}|{tier}");
        return UsageReadResult.Ok(new UsageRow(entry, at, "openai", model, project ?? "unassigned", input.Value, output.Value, cached,
            JsonPages.Count(r, "num_model_requests") ?? 1, key, Project: project, IsBatch: batch)
        {
            ServiceTier = tier,
            Tags = UsageTags.Join([JsonPages.Text(r, "user_id") is { } user ? $"user={user}" : null,
                JsonPages.Text(r, "api_key_id") is { } apiKey ? $"api_key={apiKey}" : null]),
        });
    }
}
