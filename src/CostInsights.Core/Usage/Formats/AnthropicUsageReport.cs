using System.Text.Json;
using CostInsights.Pricing;

namespace CostInsights.Core.Usage.Formats;

/// <summary>
/// Anthropic's Admin API usage report (<c>/v1/organizations/usage_report/messages</c>): pages of time
/// buckets (<c>starting_at</c>, <c>ending_at</c>) whose results carry <c>uncached_input_tokens</c>,
/// <c>cache_creation.ephemeral_5m_input_tokens</c>, <c>cache_creation.ephemeral_1h_input_tokens</c>,
/// <c>cache_read_input_tokens</c>, <c>output_tokens</c>, <c>model</c>, <c>workspace_id</c>,
/// <c>api_key_id</c>, <c>service_tier</c> and <c>context_window</c>. Input tokens are the sum of the
/// uncached, cache-write and cache-read ones, each part priced at its own rate. The team is the
/// workspace (the default workspace when there is none). The report counts no requests, so a
/// bucket counts as one, and its context window (not its tokens) chooses the context tier of its
/// prices; web-search requests are not priced.
/// </summary>
public static class AnthropicUsageReport
{
    public const string Format = "anthropic-usage";

    /// <summary>Whether the text starts like an Anthropic usage report page.</summary>
    public static bool Looks(string start) =>
        start.Contains("\"uncached_input_tokens\"", StringComparison.Ordinal) || start.Contains("\"cache_read_input_tokens\"", StringComparison.Ordinal);

    public static IEnumerable<UsageReadResult> Read(TextReader reader) =>
        JsonPages.ReadBuckets(reader, "an Anthropic usage report page", "starting_at", "a bucket has no starting_at time",
            bucket => JsonPages.Text(bucket, "starting_at") is { } text
                && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var start)
                ? start.UtcDateTime : null,
            ReadResult);

    private static UsageReadResult ReadResult(long entry, DateTime at, JsonElement r)
    {
        if (JsonPages.Text(r, "model") is not { } model)
        {
            return UsageReadResult.Rejected(entry, "model", "is missing: request the report grouped by model (group_by[]=model)");
        }
        var uncached = JsonPages.Count(r, "uncached_input_tokens");
        var output = JsonPages.Count(r, "output_tokens");
        var read = JsonPages.Count(r, "cache_read_input_tokens") ?? 0;
        long write5m = 0, write1h = 0;
        if (r.TryGetProperty("cache_creation", out var creation) && creation.ValueKind == JsonValueKind.Object)
        {
            write5m = JsonPages.Count(creation, "ephemeral_5m_input_tokens") ?? 0;
            write1h = JsonPages.Count(creation, "ephemeral_1h_input_tokens") ?? 0;
        }
        foreach (var (name, value) in new[] { ("uncached_input_tokens", uncached), ("output_tokens", output), ("cache_read_input_tokens", (long?)read),
                     ("cache_creation.ephemeral_5m_input_tokens", write5m), ("cache_creation.ephemeral_1h_input_tokens", write1h) })
        {
            if (value is null or < 0)
            {
                return UsageReadResult.Rejected(entry, name, "is missing or negative");
            }
        }
        var workspace = JsonPages.Text(r, "workspace_id");
        var tier = JsonPages.Text(r, "service_tier") switch
        {
            "batch" => ServiceTiers.Batch,
            "priority" => ServiceTiers.Priority,
            _ => ServiceTiers.Standard,
        };
        var key = NaturalKeys.ForRequest("anthropic",
            $"usage|{at:O}|{model}|{workspace}|{JsonPages.Text(r, "api_key_id")}|{tier}|{JsonPages.Text(r, "context_window")}");
        var input = UsageLimits.Sum(uncached!.Value, write5m, write1h, read);
        return UsageReadResult.Ok(new UsageRow(entry, at, "anthropic", model, workspace ?? "default", input, output!.Value, read, 1, key,
            Project: workspace, IsBatch: tier == ServiceTiers.Batch)
        {
            CacheWrite5mTokens = write5m,
            CacheWrite1hTokens = write1h,
            ServiceTier = tier,
            ContextAboveTokens = ContextWindowFloor(JsonPages.Text(r, "context_window")),
            Tags = UsageTags.Join([Tag("api_key", JsonPages.Text(r, "api_key_id")), Tag("context_window", JsonPages.Text(r, "context_window")),
                Tag("web_searches", r.TryGetProperty("server_tool_use", out var tools)
                    ? JsonPages.Count(tools, "web_search_requests")?.ToString(System.Globalization.CultureInfo.InvariantCulture) : null)]),
        });
    }

    /// <summary>
    /// The lower bound in input tokens of a result's <c>context_window</c> ("0-200k" is 0, "200k-1M" is 200,000). A bucket is
    /// not one request, and the report does not count requests, so without the window its tokens say nothing of a request's
    /// size: a report not grouped by context window is priced below the first context tier, as most requests are.
    /// </summary>
    private static long ContextWindowFloor(string? window)
    {
        var floor = window?.Split('-', 2)[0].Trim() ?? "";
        var scale = floor.EndsWith('k') || floor.EndsWith('K') ? 1_000L : floor.EndsWith('M') || floor.EndsWith('m') ? 1_000_000L : 1L;
        var digits = scale == 1 ? floor : floor[..^1];
        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value <= long.MaxValue / scale
            ? value * scale
            : 0;
    }

    private static string? Tag(string key, string? value) => value is null or "0" ? null : $"{key}={value}";
}
