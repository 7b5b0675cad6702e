using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// A Parquet file (as cloud providers export FOCUS bills) read as the CSV of its columns: a header of the column names, then a
/// line a row, so that every reader of CSV reads it. A row group's columns are read as values, one row group at a time, and
/// written as lines only as they are read, a few thousand characters at a time. Numbers and times are written invariantly; a time
/// stored as UTC keeps its zone, a time without one stays without. Nested columns (lists, maps, structs such as FOCUS's Tags)
/// are left out, and the note says which. A file that expands past the allowed ratio is refused as a decompression bomb.
/// </summary>
internal sealed class ParquetText : TextReader
{
    /// <summary>How many characters of lines are written at a time, at least.</summary>
    private const int Chunk = 16 * 1024;

    private readonly ParquetReader _reader;
    private readonly (DataField Field, ColumnText Read)[] _columns;
    private readonly long _limit;
    private readonly int _ratio;
    private readonly StringBuilder _lines = new();
    private string _text;
    private int _position;
    private int _nextGroup;
    private long _produced;
    private Action<StringBuilder, int>[] _group = [];
    private int _rows;
    private int _nextRow;
    private long _written;

    private ParquetText(ParquetReader reader, (DataField Field, ColumnText Read)[] columns, long limit, int ratio)
    {
        (_reader, _columns, _limit, _ratio) = (reader, columns, limit, ratio);
        var header = new StringBuilder();
        foreach (var (index, column) in columns.Index())
        {
            Quoted(index > 0 ? header.Append(',') : header, column.Field.Name);
        }
        _text = header.Append('\n').ToString();
        _produced = _text.Length;
    }

    /// <summary>The share of the file's rows written as lines so far, for progress (its bytes are read a row group at a time).</summary>
    public double Done => _reader.Metadata is { NumRows: > 0 } file ? Math.Clamp((double)(_written + _nextRow) / file.NumRows, 0, 1) : 0;

    /// <summary>What was left out, for the batch's notes.</summary>
    public string Note { get; private init; } = "read from Parquet";

    /// <param name="file">The stored file, at its start.</param>
    /// <param name="limit">How many characters of text it may produce.</param>
    /// <param name="ratio">How many times its size that is, for the message.</param>
    public static ParquetText Open(Stream file, long limit, int ratio)
    {
        ParquetReader reader;
        try
        {
            // A writer that leaves text columns unannotated stores them as bytes: a bill's columns are text.
            reader = ParquetReader.CreateAsync(file, new ParquetOptions { TreatByteArrayAsString = true }, leaveStreamOpen: true).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new UsageSourceException($"starts like a Parquet file but is not a readable one ({Reason(e)}): it may be cut short or damaged");
        }
        var all = reader.Schema.Fields;
        var flat = all.OfType<DataField>().Where(f => f.MaxRepetitionLevel == 0).Select(f => (Field: f, Read: Format(f)))
            .Where(c => c.Read is not null).Select(c => (c.Field, Read: c.Read!)).ToArray();
        var read = flat.Select(c => (Field)c.Field).ToHashSet();
        var left = all.Where(f => !read.Contains(f)).Select(f => Excerpt.Of(f.Name, 40)).ToList();
        if (flat.Length == 0)
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new UsageSourceException("is a Parquet file without a column of text, numbers or times to read");
        }
        var named = string.Join(", ", left.Take(10)) + (left.Count > 10 ? $" and {left.Count - 10} more" : "");
        return new ParquetText(reader, flat, limit, ratio)
        {
            Note = left.Count == 0 ? "read from Parquet" : $"read from Parquet, leaving out its nested or binary columns ({named})",
        };
    }

    /// <summary>
    /// The first <paramref name="length"/> characters, to detect the format by: the header at least, even where the first row
    /// group is damaged (reading the file then fails for the damage, under the format its header names).
    /// </summary>
    public string Preview(int length)
    {
        var header = _text;
        try
        {
            var buffer = new char[length];
            return new string(buffer, 0, ReadBlock(buffer, 0, length));
        }
        catch (UsageSourceException)
        {
            return header;
        }
    }

    public override int Peek() => Fill() ? _text[_position] : -1;

    public override int Read() => Fill() ? _text[_position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.Length == 0 || !Fill())
        {
            return 0;
        }
        var count = Math.Min(buffer.Length, _text.Length - _position);
        _text.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    /// <summary>Whether text is left: the next lines of the row group, or of the next row group where that is used up.</summary>
    private bool Fill()
    {
        while (_position >= _text.Length)
        {
            if (_nextRow >= _rows)
            {
                // The group read is let go before the next is read.
                (_written, _group, _rows, _nextRow) = (_written + _rows, [], 0, 0);
                if (_nextGroup >= _reader.RowGroupCount)
                {
                    return false;
                }
                Open(_nextGroup++);
                continue;
            }
            _lines.Clear();
            while (_nextRow < _rows && _lines.Length < Chunk)
            {
                for (var c = 0; c < _group.Length; c++)
                {
                    if (c > 0)
                    {
                        _lines.Append(',');
                    }
                    _group[c](_lines, _nextRow);
                }
                _lines.Append('\n');
                _nextRow++;
            }
            _produced += _lines.Length;
            if (_produced > _limit)
            {
                throw Bomb();
            }
            (_text, _position) = (_lines.ToString(), 0);
        }
        return true;
    }

    /// <summary>Reads a row group's columns, to be written as lines.</summary>
    private void Open(int index)
    {
        try
        {
            using var group = _reader.OpenRowGroupReader(index);
            // What the row group says it holds is checked before it is read, what it does hold as it is written.
            if (_produced + Math.Max(group.RowGroup.TotalByteSize, group.RowCount * _columns.Length) > _limit)
            {
                throw Bomb();
            }
            var rows = checked((int)group.RowCount);
            _group = [.. _columns.Select(c => c.Read(group, c.Field, rows))];
            (_rows, _nextRow) = (rows, 0);
        }
        catch (Exception e) when (e is not (UsageSourceException or OutOfMemoryException))
        {
            throw new UsageSourceException(
                $"holds a damaged Parquet row group (the {Ordinal(index + 1)} of {_reader.RowGroupCount}: {Reason(e)}); nothing of it was stored");
        }
    }

    private UsageSourceException Bomb() =>
        new($"the Parquet file expands to more than {_ratio} times its size; it was refused as a decompression bomb");

    /// <summary>A column of a row group, read; each of its values written as a CSV field when asked for, without a string of its own.</summary>
    private delegate Action<StringBuilder, int> ColumnText(ParquetRowGroupReader group, DataField field, int rows);

    /// <summary>How a column is read and written as CSV fields; null for a type not read (binary).</summary>
    private static ColumnText? Format(DataField field) => (Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType) switch
    {
        var t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => Strings,
        var t when t == typeof(bool) => Values<bool>((text, v) => text.Append(v ? "true" : "false")),
        var t when t == typeof(byte) => Number<byte>(),
        var t when t == typeof(sbyte) => Number<sbyte>(),
        var t when t == typeof(short) => Number<short>(),
        var t when t == typeof(ushort) => Number<ushort>(),
        var t when t == typeof(int) => Number<int>(),
        var t when t == typeof(uint) => Number<uint>(),
        var t when t == typeof(long) => Number<long>(),
        var t when t == typeof(ulong) => Number<ulong>(),
        var t when t == typeof(float) => Number<float>(),
        var t when t == typeof(double) => Number<double>(),
        var t when t == typeof(decimal) => Number<decimal>(),
        var t when t == typeof(DateTime) => Values<DateTime>(InUtc(field) ? (text, v) => Utc(text, DateTime.SpecifyKind(v, DateTimeKind.Utc)) : Time),
        var t when t == typeof(DateTimeOffset) => Values<DateTimeOffset>((text, v) => Utc(text, v.UtcDateTime)),
        var t when t == typeof(DateOnly) => Values<DateOnly>((text, v) => text.Append(CultureInfo.InvariantCulture, $"{v:yyyy-MM-dd}")),
        _ => null,
    };

    /// <summary>
    /// Whether a column's times are instants in UTC: a timestamp adjusted to UTC, or the legacy 96-bit timestamp, which Spark and
    /// Impala (and so the clouds' exports) write as UTC.
    /// </summary>
    private static bool InUtc(DataField field) =>
        field.SchemaElement?.Type == Parquet.Meta.Type.INT96 || field.SchemaElement?.LogicalType?.TIMESTAMP?.IsAdjustedToUTC == true;

    private static void Utc(StringBuilder text, DateTime time) => text.Append(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'}");

    /// <summary>A time stored as UTC with its zone; one stored without a zone without one, for the reader to say how it took it.</summary>
    private static void Time(StringBuilder text, DateTime time)
    {
        switch (time.Kind)
        {
            case DateTimeKind.Utc:
                Utc(text, time);
                break;
            case DateTimeKind.Local:
                Utc(text, time.ToUniversalTime());
                break;
            default:
                text.Append(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd'T'HH:mm:ss.FFFFFFF}");
                break;
        }
    }

    private static Action<StringBuilder, int> Strings(ParquetRowGroupReader group, DataField field, int rows)
    {
        var values = new string?[rows];
        group.ReadAsync(field, values.AsMemory(), null).AsTask().GetAwaiter().GetResult();
        return (text, r) =>
        {
            if (values[r] is { } v)
            {
                Quoted(text, v);
            }
        };
    }

    /// <summary>A number as it round-trips, invariantly (a double's shortest exact form: 0.1, 1E+21).</summary>
    private static ColumnText Number<T>() where T : struct, ISpanFormattable =>
        Values<T>((text, v) => text.Append(CultureInfo.InvariantCulture, $"{v}"));

    private static ColumnText Values<T>(Action<StringBuilder, T> write) where T : struct => (group, field, rows) =>
    {
        if (field.IsNullable)
        {
            var values = new T?[rows];
            group.ReadAsync(field, values.AsMemory(), null).AsTask().GetAwaiter().GetResult();
            return (text, r) =>
            {
                if (values[r] is { } v)
                {
                    write(text, v);
                }
            };
        }
        var plain = new T[rows];
        group.ReadAsync(field, plain.AsMemory(), null).AsTask().GetAwaiter().GetResult();
        return (text, r) => write(text, plain[r]);
    };

    /// <summary>A CSV field: quoted where it holds a comma, a quote or a line break, its quotes doubled.</summary>
    private static StringBuilder Quoted(StringBuilder text, string value) => value.AsSpan().IndexOfAny(",\"\r\n") < 0
        ? text.Append(value)
        : text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');

    private static string Reason(Exception e) => e.Message.TrimEnd('.') is { Length: > 0 } m ? Excerpt.Of(m, 160) : e.GetType().Name;

    private static string Ordinal(int n) => n + (n % 100 is >= 11 and <= 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        base.Dispose(disposing);
    }
}
