using CostInsights.Core.Csv;

namespace CostInsights.Core.Tests.Csv;

public sealed class CsvStreamReaderTests
{
    private static List<CsvRow> Read(string text) => [.. new CsvStreamReader(new StringReader(text)).ReadAll()];

    [Fact]
    public void Reads_quoted_fields_doubled_quotes_and_line_breaks_inside_quotes()
    {
        var rows = Read("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,end");
        rows.Count.ShouldBe(3);
        rows[1].Fields.ShouldBe(["x, y", "say \"hi\"", "two\nlines"]);
        rows[2].LineNumber.ShouldBe(4);
        rows[2].Fields.ShouldBe(["last", "", "end"]);
    }

    [Fact]
    public void Skips_blank_lines_but_keeps_line_numbers()
    {
        var rows = Read("h\n\n\nvalue\n");
        rows.Select(r => r.LineNumber).ShouldBe([1L, 4L]);
    }

    [Fact]
    public void An_unclosed_quote_names_its_line()
    {
        var e = Should.Throw<CsvFormatException>(() => Read("a,b\n1,\"open\n2,3\n"));
        e.LineNumber.ShouldBe(2);
        e.Message.ShouldContain("never closed");
    }

    [Fact]
    public void A_field_longer_than_the_limit_makes_only_its_own_row_a_problem()
    {
        var huge = new string('x', 10 * 1024 * 1024);
        var rows = Read($"a,b\n1,{huge}\n2,\"{huge}\"\n3,ok\n");
        rows.Select(r => (r.LineNumber, r.Problem is null)).ShouldBe([(1L, true), (2L, false), (3L, false), (4L, true)]);
        rows[1].Problem!.ShouldContain("longer than 65,536 characters");
        rows[3].Fields.ShouldBe(["3", "ok"]);
    }

    [Fact]
    public void Fields_and_quoted_line_breaks_that_straddle_the_read_buffer_come_out_whole()
    {
        // 70,000 short rows cross the 64 KB buffer many times, at every position of a row.
        var text = new System.Text.StringBuilder("id,note,value\r\n");
        for (var i = 0; i < 70_000; i++)
        {
            text.Append(i).Append(i % 7 == 0 ? ",\"multi\nline, \"\"quoted\"\"\"" : ",plain").Append(',').Append(i * 3).Append("\r\n");
        }
        var rows = Read(text.ToString());
        rows.Count.ShouldBe(70_001);
        for (var i = 0; i < 70_000; i++)
        {
            rows[i + 1].Fields.ShouldBe([$"{i}", i % 7 == 0 ? "multi\nline, \"quoted\"" : "plain", $"{i * 3}"]);
        }
    }

    [Fact]
    public void Text_after_a_closing_quote_is_refused_with_its_line()
    {
        var e = Should.Throw<CsvFormatException>(() => Read("a,b\n\"x\"y,2\n"));
        e.Message.ShouldContain("line 2: text after a closing quote");
    }
}
