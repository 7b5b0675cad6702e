using CostInsights.Core.Csv;
using CostInsights.Core.Usage;

namespace CostInsights.Core.Tests.Usage;

public sealed class UsageCsvTests
{
    private const string Header = "timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens";

    private static List<UsageReadResult> Read(string body) => [.. UsageCsv.Read(new StringReader(Header + "\n" + body))];

    [Fact]
    public void Reads_a_row_as_utc_with_one_request_by_default()
    {
        var row = Read("2026-03-01T14:05:00+02:00,OpenAI,gpt-4o,support,1200,350,400").Single().Row!;
        row.OccurredAt.ShouldBe(new DateTime(2026, 3, 1, 12, 5, 0, DateTimeKind.Utc));
        row.OccurredAt.Kind.ShouldBe(DateTimeKind.Utc);
        (row.Provider, row.Model, row.Team, row.InputTokens, row.OutputTokens, row.CachedInputTokens, row.Requests)
            .ShouldBe(("openai", "gpt-4o", "support", 1200L, 350L, 400L, 1L));
    }

    [Theory]
    [InlineData("1772373900", "2026-03-01T14:05:00.0000000Z", false)]
    [InlineData("1772373900250", "2026-03-01T14:05:00.2500000Z", false)]
    [InlineData("1772373900250125", "2026-03-01T14:05:00.2501250Z", false)]
    [InlineData("1772373900250125700", "2026-03-01T14:05:00.2501257Z", false)]
    [InlineData("1772373900.5", "2026-03-01T14:05:00.5000000Z", false)]
    [InlineData("2026-03-01 14:05:00.6805900", "2026-03-01T14:05:00.6805900Z", true)]
    [InlineData("1 Mar 2026 14:05", "2026-03-01T14:05:00.0000000Z", true)]
    public void Unix_time_in_any_unit_and_iso_or_named_month_forms_are_read(string timestamp, string utc, bool zoneAssumed)
    {
        var row = Read($"{timestamp},openai,gpt-4o,support,5,1,0").Single().Row.ShouldNotBeNull();

        row.OccurredAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(utc);
        row.OccurredAt.Kind.ShouldBe(DateTimeKind.Utc);
        row.ZoneAssumed.ShouldBe(zoneAssumed);
    }

    [Theory]
    [InlineData("2026-03-01,openai,gpt-4o,support,12x,1,0", "input_tokens", "'12x' is not a whole number")]
    [InlineData("03/01/2026,openai,gpt-4o,support,5,1,0", "timestamp", "'03/01/2026' may be day first or month first: write it as ISO 8601")]
    [InlineData("01.03.2026 14:05,openai,gpt-4o,support,5,1,0", "timestamp", "may be day first or month first")]
    [InlineData("13-03-2026,openai,gpt-4o,support,5,1,0", "timestamp", "may be day first or month first")]
    [InlineData("2026,openai,gpt-4o,support,5,1,0", "timestamp", "'2026' is not a date")]
    [InlineData("99999999999999999999999,openai,gpt-4o,support,5,1,0", "timestamp", "is too large for a Unix time")]
    [InlineData("2026-03-01,openai,gpt-4o,support,-5,1,0", "input_tokens", "-5 is negative")]
    [InlineData("yesterday,openai,gpt-4o,support,5,1,0", "timestamp", "'yesterday' is not a date")]
    [InlineData("2026-03-01,openai,gpt-4o,support,5,1,6", "cached_tokens", "6 exceeds input_tokens 5")]
    [InlineData("2026-03-01,openai,,support,5,1,0", "model", "is empty")]
    public void A_bad_row_is_rejected_with_column_and_reason(string line, string column, string reason)
    {
        var result = Read(line).Single();
        result.Row.ShouldBeNull();
        result.LineNumber.ShouldBe(2);
        result.Column.ShouldBe(column);
        result.Reason!.ShouldContain(reason);
    }

    [Fact]
    public void Identical_rows_share_a_natural_key_and_request_ids_override_content()
    {
        var same = Read("2026-03-01T10:00:00Z,openai,gpt-4o,a,1,1,0\n2026-03-01T10:00:00Z,openai,gpt-4o,a,1,1,0\n2026-03-01T10:00:00Z,openai,gpt-4o,a,1,2,0");
        same[0].Row!.NaturalKey.ShouldBe(same[1].Row!.NaturalKey);
        same[2].Row!.NaturalKey.ShouldNotBe(same[0].Row!.NaturalKey);

        var withIds = UsageCsv.Read(new StringReader(Header + ",request_id\n2026-03-01,openai,gpt-4o,a,1,1,0,r1\n2026-03-02,openai,gpt-4o,a,9,9,0,r1"))
            .ToList();
        withIds[0].Row!.NaturalKey.ShouldBe(withIds[1].Row!.NaturalKey);
    }

    [Fact]
    public void A_file_in_another_format_fails_on_its_header()
    {
        var e = Should.Throw<CsvFormatException>(() => UsageCsv.Read(new StringReader("{\"data\": []}\n")).ToList());
        e.Message.ShouldContain("missing required columns");
    }
}
