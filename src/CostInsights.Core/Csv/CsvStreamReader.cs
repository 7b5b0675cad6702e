using System.Buffers;
using System.Text;

namespace CostInsights.Core.Csv;

/// <summary>
/// Reads RFC 4180 CSV as a stream of rows: quoted fields, doubled quotes, line breaks inside
/// quotes, CRLF or LF. Reads the text in blocks and never holds more than one record: a field
/// longer than the limit makes its record a <see cref="CsvRow.Problem"/> and the rest of that
/// record is skipped. Short values that repeat (providers, models, teams) are shared, not copied.
/// </summary>
public sealed class CsvStreamReader(TextReader reader, int maxFieldLength = 64 * 1024)
{
    private const int SharedLength = 48;
    private const int SharedCount = 20_000;
    private static readonly SearchValues<char> Special = SearchValues.Create(",\"\r\n");

    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _field = new();
    private readonly HashSet<string> _shared = new(StringComparer.Ordinal);
    private int _position;
    private int _length;
    private long _line = 1;
    private int _lastFieldCount = 16;

    public IEnumerable<CsvRow> ReadAll()
    {
        var lookup = _shared.GetAlternateLookup<ReadOnlySpan<char>>();
        while (ReadRow(lookup) is { } row)
        {
            if (row.Fields.Count == 1 && row.Fields[0].Length == 0 && row.Problem is null)
            {
                continue; // blank line
            }
            yield return row;
        }
    }

    private bool Fill()
    {
        _length = reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }

    private CsvRow? ReadRow(HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup)
    {
        if (_position >= _length && !Fill())
        {
            return null;
        }
        var startLine = _line;
        // Rows of a file have as many fields as each other, mostly: room for as many as the last one had.
        var fields = new List<string>(_lastFieldCount);
        string? problem = null;
        while (true)
        {
            // One field, then the character that ends it: a comma, a line break, or the end of the text.
            var quoted = _position < _length && _buffer[_position] == '"';
            var value = quoted ? ReadQuoted(startLine, ref problem) : ReadPlain(lookup, startLine, ref problem);
            fields.Add(value);
            if (_position >= _length && !Fill())
            {
                _lastFieldCount = Math.Max(fields.Count, 1);
                return new CsvRow(startLine, fields) { Problem = problem };
            }
            var c = _buffer[_position++];
            if (c == ',')
            {
                continue;
            }
            if (c == '\r')
            {
                if (_position >= _length)
                {
                    Fill();
                }
                if (_position < _length && _buffer[_position] == '\n')
                {
                    _position++;
                }
            }
            else if (c != '\n')
            {
                throw new CsvFormatException($"line {startLine}: text after a closing quote in field {fields.Count}", startLine);
            }
            _line++;
            _lastFieldCount = Math.Max(fields.Count, 1);
            return new CsvRow(startLine, fields) { Problem = problem };
        }
    }

    /// <summary>An unquoted field, up to the next comma, quote or line break.</summary>
    private string ReadPlain(HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup, long line, ref string? problem)
    {
        _field.Clear();
        while (true)
        {
            var rest = _buffer.AsSpan(_position, _length - _position);
            var end = rest.IndexOfAny(Special);
            var part = end < 0 ? rest : rest[..end];
            _position += part.Length;
            if (end >= 0 && _field.Length == 0 && rest[end] != '"')
            {
                if (part.Length > maxFieldLength)
                {
                    problem ??= TooLong(line);
                    return "";
                }
                return Share(part, lookup);
            }
            if (_field.Length + part.Length > maxFieldLength)
            {
                problem ??= TooLong(line);
            }
            else
            {
                _field.Append(part);
            }
            if (end >= 0)
            {
                if (rest[end] == '"')
                {
                    // A quote inside an unquoted field is kept as text, as spreadsheets write it.
                    _field.Append('"');
                    _position++;
                    continue;
                }
                return problem is null ? _field.ToString() : "";
            }
            if (!Fill())
            {
                return problem is null ? _field.ToString() : "";
            }
        }
    }

    /// <summary>A quoted field: doubled quotes are one quote, line breaks are part of the value.</summary>
    private string ReadQuoted(long line, ref string? problem)
    {
        _field.Clear();
        _position++;
        while (true)
        {
            if (_position >= _length && !Fill())
            {
                throw new CsvFormatException($"a quoted field opened on line {line} is never closed", line);
            }
            var c = _buffer[_position++];
            if (c == '"')
            {
                if (_position >= _length)
                {
                    Fill();
                }
                if (_position < _length && _buffer[_position] == '"')
                {
                    _position++;
                }
                else
                {
                    return problem is null ? _field.ToString() : "";
                }
            }
            else if (c == '\n')
            {
                _line++;
            }
            if (_field.Length >= maxFieldLength)
            {
                problem ??= TooLong(line);
                continue;
            }
            _field.Append(c);
        }
    }

    private string TooLong(long line) => $"a field is longer than {maxFieldLength:N0} characters; the rest of the line was skipped";

    private string Share(ReadOnlySpan<char> value, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup)
    {
        if (value.Length > SharedLength)
        {
            return new string(value);
        }
        if (lookup.TryGetValue(value, out var shared))
        {
            return shared;
        }
        var text = new string(value);
        if (_shared.Count < SharedCount)
        {
            _shared.Add(text);
        }
        return text;
    }
}
