using System.Text.Json;
using CostInsights.Core.Csv;

namespace CostInsights.Core.Usage.Formats;

/// <summary>
/// OpenTelemetry GenAI spans as OTLP JSON (an export request, an array of them, or one per line as
/// the file exporter writes them). A span with <c>gen_ai.usage.input_tokens</c> or
/// <c>gen_ai.usage.output_tokens</c> is one request: the provider from <c>gen_ai.provider.name</c>
/// (or the older <c>gen_ai.system</c>), the model from <c>gen_ai.request.model</c> (or
/// <c>gen_ai.response.model</c>), cache reads and writes from <c>gen_ai.usage.cache_read.input_tokens</c>
/// and <c>gen_ai.usage.cache_creation.input_tokens</c> as parts of the input. The team is the
/// resource's <c>service.namespace</c> (else <c>service.name</c>), the application its
/// <c>service.name</c>. Trace and span ids identify the request; other spans are not usage and are passed over.
/// </summary>
public static class OtelGenAiSpans
{
    public const string Format = "otel-genai";

    public static bool Looks(string start) => start.Contains("\"resourceSpans\"", StringComparison.Ordinal);

    public static IEnumerable<UsageReadResult> Read(TextReader reader)
    {
        long entry = 0;
        foreach (var (page, _) in JsonValueStream.Read(reader))
        {
            using (page)
            {
                if (!page.RootElement.TryGetProperty("resourceSpans", out var resources) || resources.ValueKind != JsonValueKind.Array)
                {
                    throw new CsvFormatException("an OTLP export has no \"resourceSpans\" array", 1);
                }
                foreach (var resource in resources.EnumerateArray())
                {
                    var service = resource.TryGetProperty("resource", out var r) ? Attributes(r) : [];
                    foreach (var scope in Array(resource, "scopeSpans"))
                    {
                        foreach (var span in Array(scope, "spans"))
                        {
                            var attributes = Attributes(span);
                            if (!attributes.ContainsKey("gen_ai.usage.input_tokens") && !attributes.ContainsKey("gen_ai.usage.output_tokens"))
                            {
                                continue;
                            }
                            yield return ReadSpan(++entry, span, attributes, service);
                        }
                    }
                }
            }
        }
    }

    private static UsageReadResult ReadSpan(long entry, JsonElement span, Dictionary<string, string> a, Dictionary<string, string> service)
    {
        var provider = (a.GetValueOrDefault("gen_ai.provider.name") ?? a.GetValueOrDefault("gen_ai.system"))?.ToLowerInvariant();
        if (provider is null)
        {
            return UsageReadResult.Rejected(entry, "gen_ai.provider.name", "is missing (and so is gen_ai.system)");
        }
        if ((a.GetValueOrDefault("gen_ai.request.model") ?? a.GetValueOrDefault("gen_ai.response.model")) is not { } model)
        {
            return UsageReadResult.Rejected(entry, "gen_ai.request.model", "is missing (and so is gen_ai.response.model)");
        }
        if (!long.TryParse(JsonPages.Text(span, "startTimeUnixNano") ?? (span.TryGetProperty("startTimeUnixNano", out var n) ? n.GetRawText() : null),
            out var nanos) || nanos <= 0)
        {
            return UsageReadResult.Rejected(entry, "startTimeUnixNano", "is missing or not a time in nanoseconds since 1970");
        }
        long? Count(string key) => a.TryGetValue(key, out var v) ? long.TryParse(v, out var c) && c >= 0 ? c : -1 : null;
        var input = Count("gen_ai.usage.input_tokens") ?? 0;
        var output = Count("gen_ai.usage.output_tokens") ?? 0;
        var read = Count("gen_ai.usage.cache_read.input_tokens") ?? 0;
        var written = Count("gen_ai.usage.cache_creation.input_tokens") ?? 0;
        foreach (var (name, value) in new[] { ("gen_ai.usage.input_tokens", input), ("gen_ai.usage.output_tokens", output),
                     ("gen_ai.usage.cache_read.input_tokens", read), ("gen_ai.usage.cache_creation.input_tokens", written) })
        {
            if (value < 0)
            {
                return UsageReadResult.Rejected(entry, name, "is not a non-negative whole number");
            }
        }
        if (UsageLimits.Sum(read, written) is var cachedAndWritten && cachedAndWritten > input)
        {
            return UsageReadResult.Rejected(entry, "gen_ai.usage.cache_read.input_tokens",
                $"cache reads and writes ({cachedAndWritten}) exceed gen_ai.usage.input_tokens {input} (they are part of the input)");
        }
        var at = DateTime.UnixEpoch.AddTicks(nanos / 100);
        var application = service.GetValueOrDefault("service.name");
        var team = service.GetValueOrDefault("service.namespace") ?? application ?? "unassigned";
        var key = NaturalKeys.ForRequest(provider, $"otel|{JsonPages.Text(span, "traceId")}|{JsonPages.Text(span, "spanId")}");
        return UsageReadResult.Ok(new UsageRow(entry, at, provider, model, team, input, output, read, 1, key, Application: application)
        {
            CacheWrite5mTokens = written,
        });
    }

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    /// <summary>OTLP key–value attributes as text: string, int (sent as a string or a number), double or bool values.</summary>
    private static Dictionary<string, string> Attributes(JsonElement e)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in Array(e, "attributes"))
        {
            if (JsonPages.Text(attribute, "key") is not { } key || !attribute.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            foreach (var kind in value.EnumerateObject())
            {
                result[key] = kind.Value.ValueKind == JsonValueKind.String ? kind.Value.GetString() ?? "" : kind.Value.GetRawText();
            }
        }
        return result;
    }
}
