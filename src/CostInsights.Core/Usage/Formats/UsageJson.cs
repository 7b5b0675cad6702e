using System.Text.Json;
using System.Text.Json.Nodes;
using CostInsights.Core.Csv;

namespace CostInsights.Core.Usage.Formats;

/// <summary>
/// The project's own usage rows as JSON: one object per line (JSON Lines, read as a stream) or an
/// array of objects, each with the usage CSV's field names (<c>timestamp</c>, <c>provider</c>,
/// <c>model</c>, <c>team</c>, <c>input_tokens</c>, ...). Numbers may be JSON numbers or strings.
/// Every object is validated as a CSV row is, and rejected with its entry number and field.
/// </summary>
public static class UsageJson
{
    public const string Format = "usage-json";

    private static readonly IReadOnlyList<string> Columns = [.. UsageCsv.RequiredColumns, .. UsageCsv.OptionalColumns];
    private static readonly CsvHeader Header = CsvHeader.Read(new CsvRow(0, Columns), UsageCsv.RequiredColumns);
    private static readonly int TimestampAt = Columns.ToList().IndexOf(UsageCsv.Timestamp);

    /// <summary>Whether the text starts like the project's usage rows in JSON.</summary>
    public static bool Looks(string start) =>
        start.Contains($"\"{UsageCsv.InputTokens}\"", StringComparison.Ordinal) && start.Contains($"\"{UsageCsv.Timestamp}\"", StringComparison.Ordinal);

    public static IEnumerable<UsageReadResult> Read(TextReader reader) => Read(reader, null);

    /// <summary>Objects with their own field names, read through a column mapping (its constants fill the fields they lack).</summary>
    public static IEnumerable<UsageReadResult> Read(TextReader reader, UsageFieldMapping? mapping)
    {
        return FirstAfterWhitespace(reader) == '[' ? ReadArray(reader, mapping) : ReadLines(reader, mapping);
    }

    /// <summary>Passes over leading whitespace and a byte order mark; the character that follows, not yet read (-1 at the end).</summary>
    private static int FirstAfterWhitespace(TextReader reader)
    {
        var first = reader.Peek();
        while (first is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
        {
            reader.Read();
            first = reader.Peek();
        }
        return first;
    }

    /// <summary>An array's objects one at a time, each numbered as its entry.</summary>
    private static IEnumerable<UsageReadResult> ReadArray(TextReader reader, UsageFieldMapping? mapping)
    {
        long entry = 0;
        foreach (var (element, _) in JsonValueStream.Read(reader))
        {
            using (element)
            {
                yield return ReadObject(++entry, element.RootElement, mapping);
            }
        }
    }

    private static IEnumerable<UsageReadResult> ReadLines(TextReader reader, UsageFieldMapping? mapping)
    {
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (TryParse(text) is not { } document)
            {
                yield return UsageReadResult.Rejected(line, null, "is not a JSON object");
                continue;
            }
            using (document)
            {
                yield return ReadObject(line, document.RootElement, mapping);
            }
        }
    }

    private static JsonDocument? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static UsageReadResult ReadObject(long entry, JsonElement element, UsageFieldMapping? mapping)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return UsageReadResult.Rejected(entry, null, "is not a JSON object");
        }
        try
        {
            return UsageReadResult.Ok(UsageCsv.ReadRow(Header, new CsvRow(entry, Fields(element, mapping))));
        }
        catch (CsvFieldException e)
        {
            return UsageReadResult.Rejected(entry, e.Column, e.Reason);
        }
    }

    /// <summary>
    /// An object's values of the usage fields, in <see cref="Columns"/> order, as text (empty where it has none), its timestamp
    /// read through the mapping.
    /// </summary>
    private static List<string> Fields(JsonElement element, UsageFieldMapping? mapping) =>
        [.. Columns.Select(field => element.TryGetProperty(mapping?.SourceOf(field) ?? field, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "",
        } : mapping?.ConstantOf(field) ?? "").Select((text, i) => mapping is not null && i == TimestampAt ? mapping.Timestamp(text) : text)];

    /// <summary>
    /// Writes objects with their own field names as the project's usage rows in JSON Lines, read through a mapping: one
    /// line for each entry of an array or line of the source, so that a rejected row keeps its number. A line that is not an
    /// object is written as it was, to be rejected as it would have been.
    /// </summary>
    public static void Rewrite(TextReader source, TextWriter target, UsageFieldMapping mapping)
    {
        if (FirstAfterWhitespace(source) == '[')
        {
            foreach (var (element, _) in JsonValueStream.Read(source))
            {
                using (element)
                {
                    WriteLine(target, element.RootElement, mapping, element.RootElement.GetRawText());
                }
            }
            return;
        }
        while (source.ReadLine() is { } text)
        {
            if (string.IsNullOrWhiteSpace(text) || TryParse(text) is not { } document)
            {
                target.WriteLine(text);
                continue;
            }
            using (document)
            {
                WriteLine(target, document.RootElement, mapping, text);
            }
        }
    }

    private static void WriteLine(TextWriter target, JsonElement element, UsageFieldMapping mapping, string original)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            target.WriteLine(original.ReplaceLineEndings(" "));
            return;
        }
        var row = new JsonObject();
        foreach (var (field, value) in Columns.Zip(Fields(element, mapping)).Where(p => p.Second.Length > 0))
        {
            row[field] = value;
        }
        target.WriteLine(row.ToJsonString());
    }
}
