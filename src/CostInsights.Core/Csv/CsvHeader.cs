using System.Globalization;

namespace CostInsights.Core.Csv;

/// <summary>Maps column names to positions and reads typed fields with errors that name the column.</summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> _index;

    private CsvHeader(Dictionary<string, int> index) => _index = index;

    /// <summary>Reads the header row; throws a <see cref="CsvFormatException"/> naming every missing required column.</summary>
    public static CsvHeader Read(CsvRow header, IReadOnlyCollection<string> required)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().TrimStart('\uFEFF');
            if (name.Length > 0 && !index.TryAdd(name, i))
            {
                throw new CsvFormatException($"line {header.LineNumber}: column '{name}' appears twice in the header", header.LineNumber);
            }
        }
        var missing = required.Where(r => !index.ContainsKey(r)).ToList();
        if (missing.Count > 0 && header.Fields.Count == 1 && new[] { ';', '\t', '|' }.FirstOrDefault(header.Fields[0].Contains) is var separator and not '\0')
        {
            throw new CsvFormatException(
                $"line {header.LineNumber}: the header is one column separated by '{(separator == '\t' ? "tab" : separator.ToString())}'; save the file with " +
                    "commas between columns",
                header.LineNumber);
        }
        if (missing.Count > 0)
        {
            throw new CsvFormatException(
                $"line {header.LineNumber}: missing required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))}; the " +
                    $"header has {string.Join(", ", header.Fields.Select(f => $"'{f.Trim()}'"))}",
                header.LineNumber);
        }
        return new CsvHeader(index);
    }

    public bool Has(string column) => _index.ContainsKey(column);

    /// <summary>The trimmed text of a column, or null when the column is absent or the cell empty.</summary>
    public string? Text(CsvRow row, string column)
    {
        if (!_index.TryGetValue(column, out var i) || i >= row.Fields.Count)
        {
            return null;
        }
        var value = row.Fields[i].Trim();
        return value.Length == 0 ? null : value;
    }

    public string RequiredText(CsvRow row, string column) =>
        Text(row, column) ?? throw new CsvFieldException(column, "is empty");

    public long? NonNegativeLong(CsvRow row, string column)
    {
        var text = Text(row, column);
        if (text is null)
        {
            return null;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new CsvFieldException(column, $"'{Excerpt.Of(text, 40)}' is not a whole number");
        }
        if (value < 0)
        {
            throw new CsvFieldException(column, $"{value} is negative");
        }
        return value;
    }

    public decimal? NonNegativeDecimal(CsvRow row, string column)
    {
        var text = Text(row, column);
        if (text is null)
        {
            return null;
        }
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new CsvFieldException(column, $"'{Excerpt.Of(text, 40)}' is not a number");
        }
        if (value < 0)
        {
            throw new CsvFieldException(column, $"{value.ToString(CultureInfo.InvariantCulture)} is negative");
        }
        return value;
    }

    /// <summary>
    /// An ISO 8601 date or date-time (without an offset it is taken as UTC), another form that names the month in words, or
    /// Unix time: a number of at least nine digits, in seconds, milliseconds, microseconds or nanoseconds by its size. A date
    /// written with the day and month as numbers before the year (11/05/2026, 05.11.2026) is refused: whether it means May or
    /// November depends on where it was written, and a wrong guess would move its usage to another month unseen.
    /// </summary>
    public DateTime UtcTime(CsvRow row, string column)
    {
        var text = RequiredText(row, column);
        if (IsoUtc(text) is { } fast)
        {
            return fast;
        }
        if (IsUnixTime(text, out var unix))
        {
            return unix ?? throw new CsvFieldException(column, $"'{Excerpt.Of(text, 40)}' is too large for a Unix time");
        }
        if (DayAndMonthAsNumbers(text))
        {
            throw new CsvFieldException(column,
                $"'{Excerpt.Of(text, 40)}' may be day first or month first: write it as ISO 8601, year first, e.g. 2026-03-01T14:00:00Z");
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new CsvFieldException(column, $"'{Excerpt.Of(text, 40)}' is not a date (use ISO 8601, e.g. 2026-03-01T14:00:00Z)");
        }
        return value.UtcDateTime;
    }

    /// <summary><c>yyyy-MM-ddTHH:mm:ssZ</c>, by far the commonest form in logs, read without the general parser; null for any other form.</summary>
    private static DateTime? IsoUtc(string t)
    {
        if (t.Length != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z')
        {
            return null;
        }
        int Two(int i) => t[i] is >= '0' and <= '9' && t[i + 1] is >= '0' and <= '9' ? (t[i] - '0') * 10 + t[i + 1] - '0' : -1;
        var (century, year, month, day, hour, minute, second) = (Two(0), Two(2), Two(5), Two(8), Two(11), Two(14), Two(17));
        if (century < 0 || year < 0 || century + year == 0 || month is < 1 or > 12 || day < 1 || hour is < 0 or > 23 || minute is < 0 or > 59
            || second is < 0 or > 59
            || day > DateTime.DaysInMonth(century * 100 + year, month))
        {
            return null;
        }
        return new DateTime(century * 100 + year, month, day, hour, minute, second, DateTimeKind.Utc);
    }

    /// <summary>
    /// Whether the text is Unix time, a number of at least nine digits (from 1973 in seconds), and the time it gives (null when
    /// too large for a date). Its size says its unit: below 10¹¹ seconds, below 10¹⁴ milliseconds, below 10¹⁷ microseconds,
    /// else nanoseconds.
    /// </summary>
    private static bool IsUnixTime(string text, out DateTime? time)
    {
        time = null;
        var t = text.AsSpan().Trim();
        var point = t.IndexOf('.');
        var whole = point < 0 ? t : t[..point];
        if (whole.Length < 9 || !IsDigits(whole) || (point >= 0 && (point == t.Length - 1 || !IsDigits(t[(point + 1)..])))
            || !decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        var ticksPerUnit = value < 1e11m ? TimeSpan.TicksPerSecond : value < 1e14m ? TimeSpan.TicksPerMillisecond
            : value < 1e17m ? TimeSpan.TicksPerMicrosecond : 0.01m;
        var ticks = value * ticksPerUnit;
        if (ticks <= (DateTime.MaxValue - DateTime.UnixEpoch).Ticks)
        {
            time = DateTime.SpecifyKind(DateTime.UnixEpoch.AddTicks((long)ticks), DateTimeKind.Utc);
        }
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');

    /// <summary>Whether the text starts with a day and a month as numbers, in either order, before the year: 05/11/2026, 5.11.26.</summary>
    private static bool DayAndMonthAsNumbers(string text)
    {
        var t = text.AsSpan().TrimStart();
        var first = t.IndexOfAny('/', '.', '-');
        if (first is < 1 or > 2 || !IsDigits(t[..first]))
        {
            return false;
        }
        var rest = t[(first + 1)..];
        var second = rest.IndexOfAny('/', '.', '-');
        return second is 1 or 2 && IsDigits(rest[..second]);
    }

    /// <summary>Whether a timestamp names its zone (<c>Z</c>, an offset, or UTC/GMT, or is Unix time); one that does not is read as UTC.</summary>
    public static bool HasZone(string text)
    {
        var t = text.AsSpan().Trim();
        if (t.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || t.EndsWith("UTC", StringComparison.OrdinalIgnoreCase)
            || t.EndsWith("GMT", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        // An offset follows the time: past the date's own dashes. Unix time, the rarer form, is looked for last.
        return (t.Length > 10 && t[10..].IndexOfAny('+', '-') >= 0) || IsUnixTime(text, out _);
    }

}

/// <summary>A cell that cannot be read, naming the column and the reason.</summary>
public sealed class CsvFieldException(string column, string reason) : Exception($"{column} {reason}")
{
    public string Column { get; } = column;
    public string Reason { get; } = reason;
}
