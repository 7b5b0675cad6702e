using CostInsights.Core.Csv;
using CostInsights.Core.Usage.Formats;

namespace CostInsights.Core.Tests.Usage.Formats;

public sealed class JsonValueStreamTests
{
    private static List<(string Json, long Line)> Read(string text) =>
        [.. JsonValueStream.Read(new StringReader(text)).Select(v => { using (v.Value) { return (v.Value.RootElement.GetRawText(), v.Line); } })];

    [Fact]
    public void Reads_the_elements_of_an_array_one_at_a_time_with_their_lines()
    {
        var values = Read("[\n  {\"a\": \"x]}\\\"\", \"b\": [1, {\"c\": 2}]},\n  {\"a\": 2}\n]\n");
        values.ShouldBe([("{\"a\": \"x]}\\\"\", \"b\": [1, {\"c\": 2}]}", 2L), ("{\"a\": 2}", 3L)]);
    }

    [Fact]
    public void Reads_one_document_or_documents_one_after_another()
    {
        Read("{\"data\": []}").Select(v => v.Json).ShouldBe(["{\"data\": []}"]);
        Read("\uFEFF{\"p\": 1}\n{\"p\": 2}\n\n{\"p\": 3}").Select(v => v.Line).ShouldBe([1L, 2L, 4L]);
    }

    [Fact]
    public void A_cut_short_file_or_broken_value_names_its_line()
    {
        Should.Throw<CsvFormatException>(() => Read("[\n{\"a\": 1},\n{\"a\": ")).Message.ShouldContain("opened on line 3 is never closed");
        Should.Throw<CsvFormatException>(() => Read("[\n{\"a\": 1}\n")).Message.ShouldContain("array is never closed");
        Should.Throw<CsvFormatException>(() => Read("{\"a\": 1}\n{\"a\" 2}")).Message.ShouldContain("not valid JSON at line 2");
    }
}
