using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CostInsights.Core.Data;

/// <summary>
/// A statement prepared on an open SQLite connection's own handle and stepped many times inside the
/// caller's transaction, values bound directly: a tenth of the per-row cost of a command. Times and
/// decimals are bound as text exactly as EF Core and Microsoft.Data.Sqlite write them, so what this
/// writes reads back through EF like anything else. Parameters are numbered from 1 in the order
/// they first appear in the SQL.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private const string TimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";
    private const string DecimalFormat = "0.0###########################";

    private readonly sqlite3 _handle;
    private readonly sqlite3_stmt _statement;
    private readonly char[] _text = new char[64];

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(raw.sqlite3_prepare_v2(_handle, sql, out _statement));
    }

    public void Text(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));

    public void Long(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Long(int index, long? value) => Check(value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    public void Decimal(int index, decimal? value)
    {
        if (value is not { } number)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }
        number.TryFormat(_text, out var written, DecimalFormat, CultureInfo.InvariantCulture);
        Check(raw.sqlite3_bind_text16(_statement, index, _text.AsSpan(0, written)));
    }

    public void Time(int index, DateTime value)
    {
        value.TryFormat(_text, out var written, TimeFormat, CultureInfo.InvariantCulture);
        Check(raw.sqlite3_bind_text16(_statement, index, _text.AsSpan(0, written)));
    }

    /// <summary>Binds a value by its type: text, whole numbers and booleans, decimals, times, or null.</summary>
    public void Bind(int index, object? value)
    {
        switch (value)
        {
            case null or DBNull: Check(raw.sqlite3_bind_null(_statement, index)); break;
            case string s: Text(index, s); break;
            case long l: Long(index, l); break;
            case int i: Long(index, i); break;
            case bool b: Long(index, b ? 1 : 0); break;
            case decimal d: Decimal(index, d); break;
            case DateTime t: Time(index, t); break;
            default: throw new ArgumentException($"SQLite statements do not bind {value.GetType().Name} values", nameof(value));
        }
    }

    /// <summary>Runs the statement with the values bound; returns the rows it changed.</summary>
    public int Step()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
        return raw.sqlite3_changes(_handle);
    }

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(_handle).utf8_to_string(), result);
        }
    }

    public void Dispose() => _statement.Dispose();
}
