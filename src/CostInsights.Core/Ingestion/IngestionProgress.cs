using System.Collections.Concurrent;

namespace CostInsights.Core.Ingestion;

/// <summary>Live progress of the batches this node is running, for the Ingestion page's progress bar.</summary>
public sealed class IngestionProgress
{
    private readonly ConcurrentDictionary<long, Snapshot> _running = new();

    public sealed record Snapshot(long RowsRead, long BytesRead, long TotalBytes)
    {
        public int Percent => TotalBytes <= 0 ? 0 : (int)Math.Clamp(100 * BytesRead / TotalBytes, 0, 100);
    }

    public void Report(long batchId, long rowsRead, long bytesRead, long totalBytes) =>
        _running[batchId] = new Snapshot(rowsRead, bytesRead, totalBytes);

    public void Finish(long batchId) => _running.TryRemove(batchId, out _);

    public Snapshot? Get(long batchId) => _running.TryGetValue(batchId, out var s) ? s : null;
}
