using System.Text;

namespace CostInsights.Core.Csv;

/// <summary>
/// Reads RFC 4180 CSV as a stream of rows: quoted fields, doubled quotes, line breaks inside
/// quotes, CRLF or LF. Never holds more than one record in memory.
/// </summary>
public sealed class CsvStreamReader(TextReader reader, int maxFieldLength = 64 * 1024)
{
    private long _line = 1;

    public IEnumerable<CsvRow> ReadAll()
    {
        while (true)
        {
            var row = ReadRow();
            if (row is null)
            {
                yield break;
            }
            if (row.Fields.Count == 1 && row.Fields[0].Length == 0)
            {
                continue; // blank line
            }
            yield return row;
        }
    }

    private CsvRow? ReadRow()
    {
        var startLine = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldWasQuoted = false;
        var any = false;
        while (true)
        {
            var read = reader.Read();
            if (read < 0)
            {
                if (inQuotes)
                {
                    throw new CsvFormatException($"a quoted field opened on line {startLine} is never closed", startLine);
                }
                if (!any)
                {
                    return null;
                }
                fields.Add(field.ToString());
                return new CsvRow(startLine, fields);
            }
            any = true;
            var c = (char)read;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }
                    Append(field, c, startLine);
                }
                continue;
            }
            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    _line++;
                    fields.Add(field.ToString());
                    return new CsvRow(startLine, fields);
                default:
                    if (fieldWasQuoted)
                    {
                        throw new CsvFormatException($"line {startLine}: text after a closing quote in field {fields.Count + 1}", startLine);
                    }
                    Append(field, c, startLine);
                    break;
            }
        }
    }

    private void Append(StringBuilder field, char c, long line)
    {
        if (field.Length >= maxFieldLength)
        {
            throw new CsvFormatException($"line {line}: a field is longer than {maxFieldLength} characters", line);
        }
        field.Append(c);
    }
}
