using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CostInsights.Core.Data;

/// <summary>
/// One SQL statement prepared once and run many times inside the caller's transaction: the bulk
/// path on both providers. Parameters are <c>@p0</c>, <c>@p1</c>... in order of appearance; a null
/// type leaves the provider to infer it from the value (Npgsql maps a UTC DateTime to timestamptz).
/// On SQLite the statement is stepped on the connection's own handle (<see cref="SqliteStatement"/>).
/// </summary>
internal sealed class PreparedCommand : IDisposable
{
    private readonly DbCommand? _command;
    private readonly DbParameter[] _parameters = [];
    private readonly SqliteStatement? _sqlite;
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly IReadOnlyList<DbType?> _types;
    private DbBatch? _batch;
    private bool _prepared;

    /// <summary>Statements queued with <see cref="QueueAsync"/> are sent to the server this many at a time.</summary>
    private const int BatchSize = 1000;

    public PreparedCommand(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<DbType?> types)
    {
        (_connection, _transaction, _types) = (connection, transaction, types);
        if (connection is SqliteConnection sqlite)
        {
            _sqlite = new SqliteStatement(sqlite, sql);
            return;
        }
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        _parameters = new DbParameter[types.Count];
        for (var i = 0; i < types.Count; i++)
        {
            var p = _command.CreateParameter();
            p.ParameterName = $"@p{i}";
            if (types[i] is { } type)
            {
                p.DbType = type;
            }
            _command.Parameters.Add(p);
            _parameters[i] = p;
        }
    }

    /// <summary>Runs the statement with these values; returns the rows it affected.</summary>
    public async Task<int> ExecuteAsync(IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        if (_sqlite is not null)
        {
            return Step(values);
        }
        Bind(values);
        if (!_prepared)
        {
            // Prepared once values are bound, so that every provider knows each parameter's type.
            await _command!.PrepareAsync(cancellationToken);
            _prepared = true;
        }
        return await _command!.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Runs the statement with these values when the rows it affects need not be known: on a server,
    /// a thousand at a time in one round trip. <see cref="FlushAsync"/> sends what is left.
    /// </summary>
    public async Task QueueAsync(IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        if (_sqlite is not null || !_connection.CanCreateBatch)
        {
            await ExecuteAsync(values, cancellationToken);
            return;
        }
        _batch ??= CreateBatch();
        var command = _batch.CreateBatchCommand();
        command.CommandText = _command!.CommandText;
        for (var i = 0; i < values.Count; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = $"@p{i}";
            if (_types[i] is { } type)
            {
                p.DbType = type;
            }
            p.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        _batch.BatchCommands.Add(command);
        if (_batch.BatchCommands.Count >= BatchSize)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Sends the statements queued and not yet sent.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch is { BatchCommands.Count: > 0 })
        {
            await _batch.ExecuteNonQueryAsync(cancellationToken);
            _batch.Dispose();
            _batch = null;
        }
    }

    private DbBatch CreateBatch()
    {
        var batch = _connection.CreateBatch();
        batch.Transaction = _transaction;
        return batch;
    }

    private int Step(IReadOnlyList<object?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            _sqlite!.Bind(i + 1, values[i]);
        }
        return _sqlite!.Step();
    }

    private void Bind(IReadOnlyList<object?> values)
    {
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public void Dispose()
    {
        _batch?.Dispose();
        _command?.Dispose();
        _sqlite?.Dispose();
    }

    /// <summary><c>INSERT INTO "table" ("a", "b") VALUES (@p0, @p1)</c> and any suffix.</summary>
    public static string Insert(string table, IEnumerable<string> columns, string suffix = "")
    {
        var list = columns.ToList();
        return $"INSERT INTO \"{table}\" ({string.Join(", ", list.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", list.Select((_, i) => $"@p{i}"))}) " +
            $"{suffix}".TrimEnd();
    }

    /// <summary><c>UPDATE "table" SET "a" = @p0, "b" = @p1 WHERE "key" = @p2</c>.</summary>
    public static string Update(string table, IReadOnlyList<string> columns, string key) =>
        $"UPDATE \"{table}\" SET {string.Join(", ", columns.Select((c, i) => $"\"{c}\" = @p{i}"))} WHERE \"{key}\" = @p{columns.Count}";
}
