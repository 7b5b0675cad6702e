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
}
