using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// Uploads every node can read. With PostgreSQL (several nodes) an upload is copied into the
/// database in pieces when it is queued, in the batch's own transaction, and copied back to the
/// data folder of whichever node runs it; with SQLite (one node) the data folder holds it alone.
/// </summary>
internal static class SharedUploads
{
    private const int ChunkBytes = 4 * 1024 * 1024;

    public static bool InDatabase(DatabaseOptions options) => options.Provider == DatabaseProvider.Postgres;

    /// <summary>Copies a stored upload into the database, a piece at a time, inside the caller's transaction.</summary>
    public static async Task StoreAsync(CostInsightsDbContext db, long batchId, string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var buffer = new byte[ChunkBytes];
        for (var sequence = 0; ; sequence++)
        {
            var read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            if (read == 0 && sequence > 0)
            {
                break;
            }
            db.UploadChunks.Add(new UploadChunk { IngestionBatchId = batchId, Sequence = sequence, Data = buffer[..read] });
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (read < buffer.Length)
            {
                break;
            }
        }
    }

    /// <summary>Writes a batch's upload back to this node's data folder from the database; false when the database holds none of it.</summary>
    public static async Task<bool> RestoreAsync(CostInsightsDbContext db, long batchId, string path, CancellationToken cancellationToken)
    {
        if (!await db.UploadChunks.AnyAsync(c => c.IngestionBatchId == batchId, cancellationToken))
        {
            return false;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        await using (var file = File.Create(partial))
        {
            var ids = await db.UploadChunks.AsNoTracking().Where(c => c.IngestionBatchId == batchId).OrderBy(c => c.Sequence).Select(c => c.Id)
                .ToListAsync(cancellationToken);
            // One piece in memory at a time.
            foreach (var id in ids)
            {
                var data = await db.UploadChunks.AsNoTracking().Where(c => c.Id == id).Select(c => c.Data).SingleAsync(cancellationToken);
                await file.WriteAsync(data, cancellationToken);
            }
        }
        File.Move(partial, path, overwrite: true);
        return true;
    }

    public static Task<int> DeleteAsync(CostInsightsDbContext db, long batchId, CancellationToken cancellationToken) =>
        db.UploadChunks.Where(c => c.IngestionBatchId == batchId).ExecuteDeleteAsync(cancellationToken);
}
