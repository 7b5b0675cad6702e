using CostInsights.Core.Usage;
using CostInsights.Core.Usage.Formats;

namespace CostInsights.Core.Tests.Usage;

public sealed class UsageFieldMappingTests
{
    private static UsageFieldMapping Mapping(params string[] sets) =>
        UsageFieldMapping.Parse(["timestamp=Timestamp", "model=Model", "input_tokens=Request tokens", "output_tokens=Response tokens"],
            ["provider=openai", "team=research", .. sets]).Mapping.ShouldNotBeNull();

    [Fact]
    public void A_trace_counting_seconds_from_its_start_is_placed_in_time_by_its_origin()
    {
        const string trace = """
            Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type
            5,ChatGPT,472,18,490,Conversation log
            86400.25,GPT-4,417,276,693,API log
            2026-03-05T10:00:00Z,GPT-4,10,1,11,API log
            -3,GPT-4,10,1,11,API log
            """;

        var rows = UsageCsv.Read(new StringReader(trace), Mapping("timestamp_origin=2026-03-01T00:00:00+01:00")).ToList();

        rows.Take(3).Select(r => r.Row.ShouldNotBeNull().OccurredAt).ShouldBe([
            new DateTime(2026, 2, 28, 23, 0, 5, DateTimeKind.Utc),
            new DateTime(2026, 3, 1, 23, 0, 0, 250, DateTimeKind.Utc),
            new DateTime(2026, 3, 5, 10, 0, 0, DateTimeKind.Utc),
        ]);
        rows.Take(3).ShouldAllBe(r => !r.Row!.ZoneAssumed);
        (rows[3].LineNumber, rows[3].Column, rows[3].Reason).ShouldBe((5L, "timestamp", "'-3' is not a date (use ISO 8601, e.g. 2026-03-01T14:00:00Z)"));
    }

    [Fact]
    public void Without_an_origin_a_count_from_a_traces_start_is_not_a_date()
    {
        var row = UsageCsv.Read(new StringReader("Timestamp,Model,Request tokens,Response tokens\n5,ChatGPT,472,18\n"), Mapping()).Single();

        (row.Column, row.Reason).ShouldBe(("timestamp", "'5' is not a date (use ISO 8601, e.g. 2026-03-01T14:00:00Z)"));
    }

    [Fact]
    public void A_json_lines_trace_in_milliseconds_is_read_through_the_same_mapping()
    {
        var mapping = UsageFieldMapping.Parse(["timestamp=timestamp", "input_tokens=input_length", "output_tokens=output_length"],
            ["provider=openai", "model=gpt-4o", "team=research", "timestamp_origin=2026-03-01T00:00:00Z", "timestamp_unit=ms"]).Mapping!;
        const string trace = """
            {"timestamp": 27482, "input_length": 6955, "output_length": 52, "hash_ids": [46, 47]}
            {"timestamp": "30535.5", "input_length": 6472, "output_length": 26}
            """;

        var rows = UsageJson.Read(new StringReader(trace), mapping).Select(r => r.Row.ShouldNotBeNull()).ToList();

        rows.Select(r => (r.OccurredAt, r.InputTokens)).ShouldBe([
            (new DateTime(2026, 3, 1, 0, 0, 27, 482, DateTimeKind.Utc), 6955L),
            (new DateTime(2026, 3, 1, 0, 0, 30, 535, 500, DateTimeKind.Utc), 6472L),
        ]);
    }

    [Theory]
    [InlineData("timestamp_unit=ms", "--set timestamp_unit=ms: set timestamp_origin too")]
    [InlineData("timestamp_origin=yesterday", "--set timestamp_origin=yesterday: not a date; write the moment the trace starts as ISO 8601")]
    [InlineData("timestamp_origin=5", "--set timestamp_origin=5: not a date")]
    [InlineData("timestamp_origin=2026-03-01|timestamp_unit=h", "--set timestamp_unit=h: use s for seconds or ms for milliseconds")]
    public void A_trace_clock_that_cannot_be_read_is_refused_with_its_reason(string sets, string reason)
    {
        var (mapping, error) = UsageFieldMapping.Parse(["timestamp=Timestamp"], sets.Split('|'));

        mapping.ShouldBeNull();
        error.ShouldNotBeNull().ShouldStartWith(reason);
    }
}
