using System.Threading.Channels;
using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// Ingests a batch's rows over both cores: one task reads, validates, prices and sums the rollups of
/// the rows, handing them over a few thousand at a time, while the other stores them. Every
/// <see cref="IngestionOptions.ChunkRows"/> rows read, a chunk commits with its records, their
/// rollups, its rejected rows and the batch's counters and resume point, so a batch cut off at any
/// moment holds whole chunks only and resumes after the last one.
/// </summary>
internal sealed class IngestionPipeline(
    CostInsightsDbContext db,
    IngestionOptions options,
    DateTime latestAllowed)
{
    private const int ParcelRows = 8192;

    private readonly UsageRowRules _rules = new(options, latestAllowed);

    /// <summary>
    /// Rows handed from the reader to the writer. <see cref="Rollups"/> is the chunk's, summed by the
    /// reader on the assumption (true unless a file is imported again) that every record is new;
    /// <see cref="EndsChunk"/> asks the writer to commit after this parcel.
    /// </summary>
    private sealed record Parcel(List<UsageRecord> Records, RollupAccumulator Rollups, List<RejectedRow> Rejections,
        long Read, long Rejected, long Unpriced, long ZoneAssumed, bool EndsChunk);

    /// <param name="rows">The batch's rows from the start of its source; those already committed are read past.</param>
    /// <param name="onRead">Called with the rows read so far, from the reading task.</param>
    public async Task RunAsync(IngestionBatch batch, IEnumerable<UsageReadResult> rows, Action<long>? onRead, CancellationToken cancellationToken)
    {
        var prices = await PricesInForce.LoadAsync(db, cancellationToken);
        var pricer = new UsagePricer(prices, await PricesInForce.MonthToDateAsync(db, prices, cancellationToken));
        var keptRejections = await db.RejectedRows.CountAsync(r => r.IngestionBatchId == batch.Id, cancellationToken);
        var channel = Channel.CreateBounded<Parcel>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => Produce(batch, rows, pricer, channel.Writer, keptRejections, onRead, stop.Token), stop.Token);
        try
        {
            // The connection stays open across chunks so that SQLite keeps its page cache between commits.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var writer = new ChunkWriter(db, batch);
            await foreach (var parcel in channel.Reader.ReadAllAsync(cancellationToken))
            {
                await writer.WriteAsync(parcel, cancellationToken);
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

    private void Produce(IngestionBatch batch, IEnumerable<UsageReadResult> rows, UsagePricer pricer, ChannelWriter<Parcel> writer,
        int keptRejections, Action<long>? onRead, CancellationToken cancellationToken)
    {
        long read = 0;
        try
        {
            var skip = batch.RowsCommitted;
            var chunkStart = skip;
            var rollups = new RollupAccumulator();
            var parcel = NewParcel(rollups);
            foreach (var result in rows)
            {
                read++;
                if (read <= skip)
                {
                    continue;
                }
                var (record, column, reason) = result.Row is { } row ? Price(row, pricer, batch.Id) : (null, result.Column, result.Reason);
                if (record is null)
                {
                    parcel = parcel with { Rejected = parcel.Rejected + 1 };
                    if (keptRejections < options.MaxRejectedRowsKept)
                    {
                        keptRejections++;
                        parcel.Rejections.Add(new RejectedRow
                        {
                            IngestionBatchId = batch.Id,
                            LineNumber = result.LineNumber,
                            Column = column,
                            Reason = Shorten(reason!)
                        });
                    }
                }
                else
                {
                    parcel.Records.Add(record);
                    rollups.Add(record);
                    parcel = parcel with
                    {
                        Unpriced = parcel.Unpriced + (record.IsUnpriced ? 1 : 0),
                        ZoneAssumed = parcel.ZoneAssumed + (result.Row!.ZoneAssumed ? 1 : 0),
                    };
                }
                var endsChunk = read - chunkStart >= options.ChunkRows;
                if (endsChunk || read % ParcelRows == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    onRead?.Invoke(read);
                    Hand(writer, parcel with { Read = read, EndsChunk = endsChunk }, cancellationToken);
                    if (endsChunk)
                    {
                        (chunkStart, rollups) = (read, new RollupAccumulator());
                    }
                    parcel = NewParcel(rollups);
                }
            }
            onRead?.Invoke(read);
            Hand(writer, parcel with { Read = Math.Max(read, skip), EndsChunk = true }, cancellationToken);
            writer.Complete();
        }
        catch (Exception e)
        {
            IngestionFailure.SetRowsRead(e, read);
            writer.Complete(e);
        }
    }

    private static Parcel NewParcel(RollupAccumulator rollups) => new(new List<UsageRecord>(ParcelRows), rollups, [], 0, 0, 0, 0, false);

    /// <summary>Puts the parcel's records in the order they are stored fastest, here where there is time to spare, and hands it on.</summary>
    private static void Hand(ChannelWriter<Parcel> writer, Parcel parcel, CancellationToken cancellationToken)
    {
        UsageRecordWriter.Order(parcel.Records);
        if (!writer.TryWrite(parcel))
        {
            writer.WriteAsync(parcel, cancellationToken).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Stores parcels in the current chunk's transaction, and commits the chunk when a parcel ends it.</summary>
    private sealed class ChunkWriter(CostInsightsDbContext db, IngestionBatch batch) : IAsyncDisposable
    {
        private IDbContextTransaction? _transaction;
        private UsageRecordWriter? _writer;
        // Records stored before, taken out of the chunk's sums at its end: until then the reader is still adding to them.
        private readonly List<UsageRecord> _takenBack = [];

        public async Task WriteAsync(Parcel parcel, CancellationToken cancellationToken)
        {
            if (_transaction is null)
            {
                _transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                _writer = UsageRecordWriter.Create(db);
            }
            var stored = await _writer!.WriteAsync(parcel.Records, cancellationToken);
            var unpriced = parcel.Unpriced;
            if (stored.Count < parcel.Records.Count)
            {
                _takenBack.AddRange(parcel.Records.Except(stored));
                unpriced = stored.Count(r => r.IsUnpriced);
            }
            db.RejectedRows.AddRange(parcel.Rejections);
            batch.RowsRead = parcel.Read;
            batch.RowsAccepted += stored.Count;
            batch.RowsDuplicate += parcel.Records.Count - stored.Count;
            batch.RowsRejected += parcel.Rejected;
            batch.RowsUnpriced += unpriced;
            batch.RowsZoneAssumed += parcel.ZoneAssumed;
            foreach (var r in stored)
            {
                batch.InputTokens = checked(batch.InputTokens + r.InputTokens);
                batch.OutputTokens = checked(batch.OutputTokens + r.OutputTokens);
                batch.TokenCost += r.TokenCost;
                batch.ComputeCost += r.ComputeCost ?? 0m;
            }
            if (parcel.EndsChunk)
            {
                foreach (var record in _takenBack)
                {
                    parcel.Rollups.Remove(record);
                }
                _takenBack.Clear();
                await parcel.Rollups.FlushAsync(db, cancellationToken);
                batch.RowsCommitted = parcel.Read;
                await db.SaveChangesAsync(cancellationToken);
                await _transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                db.Attach(batch);
                await DisposeAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            _writer?.Dispose();
            _writer = null;
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync();
                _transaction = null;
            }
        }
    }

    private (UsageRecord? Record, string? Column, string? Reason) Price(UsageRow row, UsagePricer pricer, long batchId)
    {
        if (_rules.Check(row) is { } problem)
        {
            return (null, problem.Column, problem.Reason);
        }
        var record = row.ToRecord(batchId);
        return pricer.Apply(record) is { } reason ? (null, null, reason) : (record, null, null);
    }

    private static string Shorten(string reason) => reason.Length <= 2000 ? reason : reason[..1999] + "…";
}
