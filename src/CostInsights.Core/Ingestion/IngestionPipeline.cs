using System.Threading.Channels;
using CostInsights.Core.Data;
using CostInsights.Core.Pricing;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// Ingests a batch's rows in chunks over both cores: one task reads, validates and prices the next
/// chunk while the other stores the last one. Each chunk commits on its own with its records, their
/// rollups, its rejected rows and the batch's counters and resume point, so a batch cut off at any
/// moment holds whole chunks only and resumes after the last one.
/// </summary>
internal sealed class IngestionPipeline(
    CostInsightsDbContext db,
    DbContextOptions<CostInsightsDbContext> dbOptions,
    IngestionOptions options,
    DateTime latestAllowed)
{
    private sealed record Chunk(List<UsageRecord> Records, List<RejectedRow> Rejections, long Read, long Rejected, long Duplicates, long Unpriced, long ZoneAssumed);

    /// <param name="rows">The batch's rows from the start of its source; those already committed are read past.</param>
    /// <param name="onRead">Called with the rows read so far, from the reading task.</param>
    public async Task RunAsync(IngestionBatch batch, IEnumerable<UsageReadResult> rows, Action<long>? onRead, CancellationToken cancellationToken)
    {
        var prices = await PriceBook.LoadAsync(db, cancellationToken);
        // Volume-tiered prices read month-to-date volumes on a connection of their own, never the writer's.
        await using var volumesDb = new CostInsightsDbContext(dbOptions);
        var pricer = new UsagePricer(prices, volumesDb);
        var channel = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keptRejections = await db.RejectedRows.CountAsync(r => r.IngestionBatchId == batch.Id, cancellationToken);
        var producer = Task.Run(() => Produce(batch, rows, pricer, channel.Writer, keptRejections, onRead, stop.Token), stop.Token);
        try
        {
            // The connection stays open across chunks so that SQLite keeps its page cache between commits.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await foreach (var chunk in channel.Reader.ReadAllAsync(cancellationToken))
            {
                await CommitAsync(batch, chunk, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
            // A failed commit stops the reader; a failed reader ends the channel with its exception.
            await stop.CancelAsync();
            try
            {
                await producer;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
    }

    private void Produce(IngestionBatch batch, IEnumerable<UsageReadResult> rows, UsagePricer pricer, ChannelWriter<Chunk> writer,
        int keptRejections, Action<long>? onRead, CancellationToken cancellationToken)
    {
        try
        {
            long read = 0;
            var skip = batch.RowsCommitted;
            var chunk = NewChunk(0);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var result in rows)
            {
                read++;
                if (read <= skip)
                {
                    continue;
                }
                if (read % 5000 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    onRead?.Invoke(read);
                }
                var (record, column, reason) = result.Row is { } row ? Price(row, pricer, batch.Id) : (null, result.Column, result.Reason);
                if (record is null)
                {
                    chunk = chunk with { Rejected = chunk.Rejected + 1 };
                    if (keptRejections < options.MaxRejectedRowsKept)
                    {
                        keptRejections++;
                        chunk.Rejections.Add(new RejectedRow { IngestionBatchId = batch.Id, LineNumber = result.LineNumber, Column = column, Reason = Shorten(reason!) });
                    }
                }
                else if (!keys.Add(record.NaturalKey))
                {
                    chunk = chunk with { Duplicates = chunk.Duplicates + 1 };
                }
                else
                {
                    chunk.Records.Add(record);
                    if (record.IsUnpriced)
                    {
                        chunk = chunk with { Unpriced = chunk.Unpriced + 1 };
                    }
                    if (result.Row!.ZoneAssumed)
                    {
                        chunk = chunk with { ZoneAssumed = chunk.ZoneAssumed + 1 };
                    }
                }
                if (read - chunk.Read >= options.ChunkRows)
                {
                    WriteBlocking(writer, chunk with { Read = read }, cancellationToken);
                    chunk = NewChunk(read);
                    keys.Clear();
                }
            }
            onRead?.Invoke(read);
            WriteBlocking(writer, chunk with { Read = Math.Max(read, skip) }, cancellationToken);
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }

    private static Chunk NewChunk(long readBefore) => new([], [], readBefore, 0, 0, 0, 0);

    private static void WriteBlocking(ChannelWriter<Chunk> writer, Chunk chunk, CancellationToken cancellationToken)
    {
        if (!writer.TryWrite(chunk))
        {
            writer.WriteAsync(chunk, cancellationToken).AsTask().GetAwaiter().GetResult();
        }
    }

    private async Task CommitAsync(IngestionBatch batch, Chunk chunk, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rollups = new RollupAccumulator();
        List<UsageRecord> stored;
        using (var writer = UsageRecordWriter.Create(db, transaction.GetDbTransaction()))
        {
            stored = await writer.WriteAsync(chunk.Records, cancellationToken);
        }
        var unpriced = chunk.Unpriced;
        foreach (var record in stored)
        {
            rollups.Add(record);
        }
        if (stored.Count < chunk.Records.Count)
        {
            unpriced = stored.Count(r => r.IsUnpriced);
        }
        await rollups.FlushAsync(db, cancellationToken);
        db.RejectedRows.AddRange(chunk.Rejections);
        batch.RowsRead = chunk.Read;
        batch.RowsCommitted = chunk.Read;
        batch.RowsAccepted += stored.Count;
        batch.RowsDuplicate += chunk.Duplicates + chunk.Records.Count - stored.Count;
        batch.RowsRejected += chunk.Rejected;
        batch.RowsUnpriced += unpriced;
        batch.RowsZoneAssumed += chunk.ZoneAssumed;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        db.Attach(batch);
    }

    private (UsageRecord? Record, string? Column, string? Reason) Price(UsageRow row, UsagePricer pricer, long batchId)
    {
        if (row.OccurredAt > latestAllowed)
        {
            return (null, UsageCsv.Timestamp, $"{row.OccurredAt:yyyy-MM-ddTHH:mm:ssZ} is in the future");
        }
        var record = new UsageRecord
        {
            OccurredAt = row.OccurredAt,
            Provider = row.Provider,
            Model = row.Model,
            Team = row.Team,
            Project = row.Project,
            Application = row.Application,
            Tags = row.Tags,
            InputTokens = row.InputTokens,
            OutputTokens = row.OutputTokens,
            CachedInputTokens = row.CachedInputTokens,
            CacheWrite5mTokens = row.CacheWrite5mTokens,
            CacheWrite1hTokens = row.CacheWrite1hTokens,
            ReasoningTokens = row.ReasoningTokens,
            ServiceTier = row.ServiceTier,
            Requests = row.Requests,
            IsBatch = row.IsBatch,
            ComputeSeconds = row.ComputeSeconds,
            IngestionBatchId = batchId,
            NaturalKey = row.NaturalKey,
        };
        return pricer.Apply(record) is { } reason ? (null, null, reason) : (record, null, null);
    }

    private static string Shorten(string reason) => reason.Length <= 2000 ? reason : reason[..1999] + "…";
}
