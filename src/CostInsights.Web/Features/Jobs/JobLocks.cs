using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CostInsights.Core.Data;
using Npgsql;

namespace CostInsights.Web.Features.Jobs;

/// <summary>The lock a job holds while it runs, so that two runs of it never overlap.</summary>
public interface IJobLocks
{
    /// <summary>The job's lock, or null when a run holds it already; disposing it lets go.</summary>
    IDisposable? TryAcquire(string job);
}

/// <summary>
/// With PostgreSQL, a session advisory lock per job, held on a connection of its own for the run: every node sees it, and
/// a node that dies lets go of it with its connection, so a crash never leaves a job locked.
/// </summary>
public sealed class PostgresJobLocks(DatabaseOptions database) : IJobLocks
{
    public IDisposable? TryAcquire(string job)
    {
        var connection = new NpgsqlConnection(database.ResolveConnectionString());
        try
        {
            connection.Open();
            using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key(job));
            if (command.ExecuteScalar() is true)
            {
                return new Held(connection, Key(job));
            }
            connection.Dispose();
            return null;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A held lock: let go by an unlock the server has answered before the connection goes back to its pool, so the next node
    /// to ask finds it free (a session reset or a closed connection is done by the server a moment after the client moves on).
    /// </summary>
    private sealed class Held(NpgsqlConnection connection, long key) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }
            try
            {
                using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                unlock.Parameters.AddWithValue("key", key);
                unlock.ExecuteScalar();
            }
            catch (NpgsqlException)
            {
                // The session is gone, and the lock with it.
            }
            finally
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>A number for the job's name among the database's advisory locks, the same on every node.</summary>
    private static long Key(string job) => BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes("costinsights:job:" + job)));
}

/// <summary>With SQLite, one node has the database, so a lock in the process is every lock there is.</summary>
public sealed class ProcessJobLocks : IJobLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public IDisposable? TryAcquire(string job)
    {
        var gate = _locks.GetOrAdd(job, _ => new SemaphoreSlim(1, 1));
        return gate.Wait(0) ? new Release(gate) : null;
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
