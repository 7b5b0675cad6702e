using CostInsights.Core.Csv;
using CostInsights.Core.Usage.Formats;
using CostInsights.Testing;

namespace CostInsights.Core.Tests.Usage.Formats;

public sealed class OtelGenAiSpansTests
{
    private static string Sample() => File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "samples", "otel-genai-spans.json"));

    [Fact]
    public void GenAi_spans_become_requests_and_other_spans_are_passed_over()
    {
        var rows = OtelGenAiSpans.Read(new StringReader(Sample())).ToList();
        rows.Count.ShouldBe(2);
        var chat = rows[0].Row!;
        // 1775037600 s = 2026-04-01T10:00:00Z.
        (chat.OccurredAt, chat.Provider, chat.Model, chat.Team, chat.Application, chat.InputTokens, chat.CachedInputTokens, chat.OutputTokens, chat.Requests)
            .ShouldBe((new DateTime(2026, 4, 1, 10, 0, 0, DateTimeKind.Utc), "openai", "gpt-4o", "support", "support-bot", 120_000L, 20_000L, 8_000L, 1L));
        // The older gen_ai.system names the provider; numbers may come as JSON numbers; cache writes are part of the input.
        (rows[1].Row!.Provider, rows[1].Row!.InputTokens, rows[1].Row!.CacheWrite5mTokens).ShouldBe(("anthropic", 50_000L, 10_000L));
        rows[0].Row!.NaturalKey.ShouldNotBe(rows[1].Row!.NaturalKey);
    }

    [Fact]
    public void A_span_without_a_provider_or_with_more_cache_than_input_is_rejected_by_name()
    {
        const string export = """
            {"resourceSpans": [{"scopeSpans": [{"spans": [
              {"traceId": "t", "spanId": "1", "startTimeUnixNano": "1775037600000000000", "attributes": [
                {"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4o"}}, {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "5"}}]},
              {"traceId": "t", "spanId": "2", "startTimeUnixNano": "1775037600000000000", "attributes": [
                {"key": "gen_ai.provider.name", "value": {"stringValue": "openai"}}, {"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4o"}},
                {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "5"}}, {"key": "gen_ai.usage.cache_read.input_tokens", "value": {"intValue": "9"}}]}
            ]}]}]}
            """;
        var rows = OtelGenAiSpans.Read(new StringReader(export)).ToList();
        (rows[0].Column, rows[1].Column).ShouldBe(("gen_ai.provider.name", "gen_ai.usage.cache_read.input_tokens"));
        Should.Throw<CsvFormatException>(() => OtelGenAiSpans.Read(new StringReader("{\"resourceSpans\": oops")).ToList());
    }
}
