using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CostInsights.Core.Data;

/// <summary>
/// A statement prepared on an open SQLite connection's own handle and stepped many times inside the
/// caller's transaction, values bound directly as UTF-8, the database's own encoding: a tenth of
/// the per-row cost of a command. A value
/// equal to the one already bound at its place is not bound again (SQLite keeps bindings from one
/// step to the next), so columns that repeat from row to row (a batch, a provider, a team) cost
/// nothing. Times and decimals are bound as text exactly as EF Core and Microsoft.Data.Sqlite write
/// them (<see cref="SqliteText"/>), so what this writes reads back through EF like anything else.
/// Parameters are numbered from 1 in the order they first appear in the SQL.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private enum Bound : byte { Nothing, Null, Text, Long, Decimal, Time }

    private readonly sqlite3 _handle;
    private readonly sqlite3_stmt _statement;
    private byte[] _text = new byte[256];
    private readonly Bound[] _kinds;
    private readonly string?[] _texts;
    private readonly long[] _longs;
    private readonly decimal[] _decimals;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(raw.sqlite3_prepare_v2(_handle, sql, out _statement));
        var slots = raw.sqlite3_bind_parameter_count(_statement) + 1;
        _kinds = new Bound[slots];
        _texts = new string?[slots];
        _longs = new long[slots];
        _decimals = new decimal[slots];
    }

    public void Text(int index, string? value)
    {
        if (value is null)
        {
            Null(index);
        }
        else if (_kinds[index] != Bound.Text || !string.Equals(_texts[index], value, StringComparison.Ordinal))
        {
            var length = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (length > _text.Length)
            {
                _text = new byte[Math.Max(length, _text.Length * 2)];
            }
            Check(raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, Encoding.UTF8.GetBytes(value, _text))));
            _kinds[index] = Bound.Text;
            _texts[index] = value;
        }
    }

    public void Long(int index, long value)
    {
        if (_kinds[index] != Bound.Long || _longs[index] != value)
        {
            Check(raw.sqlite3_bind_int64(_statement, index, value));
            _kinds[index] = Bound.Long;
            _longs[index] = value;
        }
    }

    public void Long(int index, long? value)
    {
        if (value is { } number)
        {
            Long(index, number);
        }
        else
        {
            Null(index);
        }
    }

    public void Decimal(int index, decimal? value)
    {
        if (value is not { } number)
        {
            Null(index);
        }
        // Equal decimals of different scales (1.5 and 1.50) are written alike, so either may stand.
        else if (_kinds[index] != Bound.Decimal || _decimals[index] != number)
        {
            Check(raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, SqliteText.Write(number, _text))));
            _kinds[index] = Bound.Decimal;
            _decimals[index] = number;
        }
    }

    public void Time(int index, DateTime value)
    {
        if (_kinds[index] != Bound.Time || _longs[index] != value.Ticks)
        {
            Check(raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, SqliteText.Write(value, _text))));
            _kinds[index] = Bound.Time;
            _longs[index] = value.Ticks;
        }
    }

    private void Null(int index)
    {
        if (_kinds[index] != Bound.Null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            _kinds[index] = Bound.Null;
            _texts[index] = null;
        }
    }

    /// <summary>Binds a value by its type: text, whole numbers and booleans, decimals, times, or null.</summary>
    public void Bind(int index, object? value)
    {
        switch (value)
        {
            case null or DBNull: Null(index); break;
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
