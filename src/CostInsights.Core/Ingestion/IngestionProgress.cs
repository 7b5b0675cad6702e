using System.Collections.Concurrent;

namespace CostInsights.Core.Ingestion;

/// <summary>Live progress of the batches this node is running, for the Ingestion page's progress bar and the command line's.</summary>
public sealed class IngestionProgress(TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<long, (long Started, Snapshot Last)> _running = new();

    /// <summary>Rows and bytes read since the batch started here, and for how long it has run.</summary>
    public sealed record Snapshot(long RowsRead, long BytesRead, long TotalBytes, TimeSpan Elapsed)
    {
        public int Percent => TotalBytes <= 0 ? 0 : (int)Math.Clamp(100 * BytesRead / TotalBytes, 0, 100);

        public double RowsPerSecond => Elapsed.TotalSeconds < 0.05 ? 0 : RowsRead / Elapsed.TotalSeconds;

        /// <summary>The time left at the rate read so far; null until something has been read.</summary>
        public TimeSpan? Remaining => BytesRead <= 0 || TotalBytes <= 0 ? null : Elapsed * ((double)Math.Max(0, TotalBytes - BytesRead) / BytesRead);
    }

    public void Report(long batchId, long rowsRead, long bytesRead, long totalBytes)
    {
        var now = _time.GetTimestamp();
        _running.AddOrUpdate(batchId,
            _ => (now, new Snapshot(rowsRead, bytesRead, totalBytes, TimeSpan.Zero)),
            (_, before) => (before.Started, new Snapshot(rowsRead, bytesRead, totalBytes, _time.GetElapsedTime(before.Started, now))));
    }

    public void Finish(long batchId) => _running.TryRemove(batchId, out _);

    public Snapshot? Get(long batchId) => _running.TryGetValue(batchId, out var s) ? s.Last : null;
}
