using System.Collections.Concurrent;
using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using CostInsights.Core.Usage.Formats;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// Queues usage files and ingests them: stream-parse, validate and price each row, store the good
/// ones and the reasons for the bad ones, and update the rollups, in chunks that commit whole.
/// </summary>
public sealed partial class UsageIngestionService(
    CostInsightsDbContext db,
    TimeProvider time,
    IngestionProgress progress,
    IOptions<DatabaseOptions> database,
    IOptions<IngestionOptions> options,
    ILogger<UsageIngestionService> logger)
{
    private const string UploadsFolder = "uploads";

    /// <summary>Stores the upload under the data folder and queues a batch for it.</summary>
    /// <param name="format">One of <see cref="UsageFormats.All"/>, or null to detect it from the file's start.</param>
    /// <param name="mapping">The name of a saved column mapping through which the file is read as the usage CSV.</param>
    public async Task<IngestionBatch> QueueFileAsync(Stream content, string fileName, string createdBy, CancellationToken cancellationToken,
        string? format = null,
        string? mapping = null)
    {
        // The stored name is ours; only a plain extension of the upload's is kept.
        var ext = Path.GetExtension(fileName);
        var extension = ext.Length is > 1 and <= 8 && ext.Skip(1).All(char.IsAsciiLetterOrDigit) ? ext.ToLowerInvariant() : ".upload";
        var relative = Path.Combine(UploadsFolder, $"{Guid.NewGuid():N}{extension}");
        var full = Path.Combine(database.Value.ResolveDataFolder(), relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        long size;
        try
        {
            await using var file = File.Create(full);
            await content.CopyToAsync(file, cancellationToken);
            size = file.Length;
        }
        catch
        {
            // An upload cut off or refused half-way (too large, connection lost) leaves nothing behind.
            File.Delete(full);
            throw;
        }
        format = mapping is not null ? MappedFormat(full) : format ?? Detect(full);
        var name = Path.GetFileName(fileName) is { Length: > 0 } given ? given[..Math.Min(given.Length, 150)] : "upload";
        var batch = new IngestionBatch
        {
            // A name without an extension (a body posted to the API) takes its format's.
            FileName = Path.HasExtension(name) ? name : name + UsageFormats.Extension(format),
            Format = format,
            Mapping = mapping,
            StoredPath = relative,
            SizeBytes = size,
            Status = IngestionStatus.Queued,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
        };
        db.IngestionBatches.Add(batch);
        if (!SharedUploads.InDatabase(database.Value))
        {
            await db.SaveChangesAsync(cancellationToken);
            return batch;
        }
        // The batch and its pieces commit together: a node that picks the batch up finds its file.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await SharedUploads.StoreAsync(db, batch.Id, full, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        db.Attach(batch);
        return batch;
    }

    /// <summary>A file read through a column mapping is the usage rows as JSON when it starts like JSON, else as CSV.</summary>
    private string MappedFormat(string path) => UsageFormats.LooksLikeJson(Start(path)) ? UsageJson.Format : UsageCsv.Format;

    /// <summary>The format a stored upload is in, from its first kilobyte of text.</summary>
    private string Detect(string path) => UsageFormats.Detect(Start(path));

    /// <summary>The first kilobyte of a stored upload as text; empty when it cannot be read (the batch's run says why).</summary>
    private string Start(string path)
    {
        try
        {
            using var source = UsageSource.Open(path, options.Value.MaxExpansion);
            return source.Start(1024);
        }
        catch (Exception e) when (e is UsageSourceException or IOException or InvalidDataException or System.Text.DecoderFallbackException)
        {
            return "";
        }
    }

    /// <summary>
    /// Queues each file of the watched folder that has not changed for a few seconds (a file still
    /// being copied is left for the next sweep; names starting with a dot or ending in .partial or
    /// .tmp are skipped) and moves it to the folder's <c>processed</c> subfolder; returns the files queued.
    /// </summary>
    public async Task<int> QueueWatchedFolderAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var processed = Directory.CreateDirectory(Path.Combine(folder, "processed"));
        var queued = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles().OrderBy(f => f.LastWriteTimeUtc))
        {
            if (file.Name.StartsWith('.') || file.Name.EndsWith(".partial", StringComparison.OrdinalIgnoreCase)
                || file.Name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || now - file.LastWriteTimeUtc < SettleTime)
            {
                continue;
            }
            await using (var content = file.OpenRead())
            {
                await QueueFileAsync(content, file.Name, "watched folder", cancellationToken);
            }
            file.MoveTo(Path.Combine(processed.FullName, $"{now:yyyyMMddHHmmss}-{file.Name}"), overwrite: true);
            queued++;
        }
        return queued;
    }

    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs every queued batch, oldest first. A batch left running by a process that died resumes
    /// after its last committed chunk.
    /// </summary>
    /// <param name="done">Batches already run by the caller, not run again; those run now are added.</param>
    public async Task<int> RunPendingAsync(CancellationToken cancellationToken, ISet<long>? done = null)
    {
        var pending = await db.IngestionBatches.AsNoTracking()
            .Where(b => b.Status == IngestionStatus.Queued || b.Status == IngestionStatus.Running)
            .OrderBy(b => b.Id)
            .Select(b => b.Id)
            .ToListAsync(cancellationToken);
        pending.RemoveAll(id => done?.Contains(id) == true);
        foreach (var id in pending)
        {
            await RunBatchAsync(id, cancellationToken);
            done?.Add(id);
        }
        return pending.Count;
    }

    /// <summary>
    /// Runs one batch to its end. A batch already being run in this process is waited for rather than run a second time
    /// beside it (the ingest job and a direct caller can reach the same batch), and a batch that has ended is left as it is.
    /// </summary>
    public async Task RunBatchAsync(long batchId, CancellationToken cancellationToken)
    {
        var gate = BatchGates.GetOrAdd(batchId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await RunBatchAloneAsync(batchId, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>One gate per batch run in this process.</summary>
    private static readonly ConcurrentDictionary<long, SemaphoreSlim> BatchGates = new();

    private async Task RunBatchAloneAsync(long batchId, CancellationToken cancellationToken)
    {
        // The batch as committed: counts of a chunk that never committed must not carry over.
        db.ChangeTracker.Clear();
        var batch = await db.IngestionBatches.SingleAsync(b => b.Id == batchId, cancellationToken);
        if (batch.Status is IngestionStatus.Succeeded or IngestionStatus.Failed)
        {
            return;
        }
        if (batch.StoredPath is null)
        {
            await FailAsync(batch, "the batch has no stored file", cancellationToken);
            return;
        }
        var path = Path.Combine(database.Value.ResolveDataFolder(), batch.StoredPath);
        // Received by another node: its copy in the database is written to this node's data folder.
        if (!File.Exists(path) && !await SharedUploads.RestoreAsync(db, batch.Id, path, cancellationToken))
        {
            await FailAsync(batch, $"the uploaded file {batch.FileName} is no longer on disk", cancellationToken);
            return;
        }
        if (batch.Status == IngestionStatus.Running && batch.RowsCommitted > 0)
        {
            LogResuming(batch.Id, batch.RowsCommitted);
        }
        batch.Status = IngestionStatus.Running;
        batch.StartedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await using var source = UsageSource.Open(path, options.Value.MaxExpansion);
            if (source.Reader.Peek() < 0)
            {
                await FailAsync(batch, $"{batch.FileName}: {EmptyFile}", cancellationToken);
                return;
            }
            progress.Report(batch.Id, 0, 0, source.Length);
            batch.Notes = source.Note is null ? null : $"The file was {source.Note}.";
            Action<long> onRead = read => progress.Report(batch.Id, read, source.Position, source.Length);
            if (UsageFormats.IsCostLines(batch.Format))
            {
                var latestAllowed = time.GetUtcNow().UtcDateTime + options.Value.FutureTolerance;
                await new CostLineIngestion(db, options.Value, latestAllowed)
                    .RunAsync(batch, UsageFormats.ReadCostLines(batch.Format, source.Reader), onRead, cancellationToken);
                await FinishAsync(batch, cancellationToken);
            }
            else if (batch.Mapping is { } name)
            {
                var saved = await db.SourceMappings.AsNoTracking().SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
                if (saved is null || UsageFieldMapping.Parse(UsageFieldMapping.Lines(saved.Columns),
                    UsageFieldMapping.Lines(saved.Constants)).Mapping is not { } mapping)
                {
                    await FailAsync(batch, $"{batch.FileName}: the column mapping '{name}' it was uploaded with no longer exists", cancellationToken);
                    return;
                }
                var rows = batch.Format == UsageJson.Format ? UsageJson.Read(source.Reader, mapping) : UsageCsv.Read(source.Reader, mapping);
                await IngestAsync(batch, rows, onRead, cancellationToken);
            }
            else
            {
                await IngestAsync(batch, UsageFormats.Read(batch.Format, source.Reader), onRead, cancellationToken);
            }
            await source.DisposeAsync();
            File.Delete(path);
            await SharedUploads.DeleteAsync(db, batch.Id, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever stopped this batch stops it alone: it fails with its reason, and the next one runs. A compressed file whose
            // text did not parse fails for its damage, where it is damaged.
            var fault = IngestionFailure.IsTheFile(e) && e is not UsageSourceException
                ? UsageSource.CompressionFault(path, options.Value.MaxExpansion)
                : null;
            var error = IngestionFailure.Describe(batch.FileName, fault ?? e);
            if (!IngestionFailure.IsTheFile(e))
            {
                LogUnexpected(batch.Id, e);
            }
            await FailAsync(batch, error, CancellationToken.None);
        }
        finally
        {
            progress.Finish(batch.Id);
        }
    }

    /// <summary>
    /// Prices and stores rows for a batch in chunks, each committed with its rollups and the batch's
    /// resume point, and marks the batch succeeded. Rows whose natural key is already stored are
    /// counted as duplicates, not stored again. A batch with committed chunks reads past their rows.
    /// </summary>
    public async Task IngestAsync(IngestionBatch batch, IEnumerable<UsageReadResult> rows, Action<long>? onProgress, CancellationToken cancellationToken)
    {
        var latestAllowed = time.GetUtcNow().UtcDateTime + options.Value.FutureTolerance;
        await new IngestionPipeline(db, options.Value, latestAllowed).RunAsync(batch, rows, onProgress, cancellationToken);
        await FinishAsync(batch, cancellationToken);
    }

    /// <summary>What a batch whose file holds nothing to read fails with, in every format.</summary>
    public const string EmptyFile = "the file is empty: it holds no usage rows";

    private async Task FinishAsync(IngestionBatch batch, CancellationToken cancellationToken)
    {
        if (batch.RowsRead == 0)
        {
            await FailAsync(batch, $"{batch.FileName}: {EmptyFile}", cancellationToken);
            return;
        }
        batch.Status = IngestionStatus.Succeeded;
        batch.Error = null;
        if (batch.RowsZoneAssumed > 0)
        {
            batch.Notes = $"{batch.Notes} {batch.RowsZoneAssumed:N0} rows had timestamps without a time zone; they were read as UTC.".Trim();
        }
        batch.FinishedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        LogIngested(batch.Id, batch.RowsRead, batch.RowsAccepted, batch.RowsDuplicate, batch.RowsRejected, batch.RowsUnpriced);
    }

    /// <summary>
    /// Marks a batch failed; whatever of it earlier chunks committed is taken out again, records and
    /// rollups together, so a file that breaks halfway leaves nothing behind.
    /// </summary>
    private async Task FailAsync(IngestionBatch batch, string error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var stored = db.UsageRecords.Where(r => r.IngestionBatchId == batch.Id);
            if (await stored.MinAsync(r => (DateTime?)r.OccurredAt, cancellationToken) is { } first)
            {
                var models = await stored.Select(r => r.Model).Distinct().ToListAsync(cancellationToken);
                await stored.ExecuteDeleteAsync(cancellationToken);
                await RollupRebuild.RebuildAsync(db, RollupAccumulator.MonthOf(first), models, cancellationToken, monthly: true);
            }
            await db.CostLines.Where(l => l.IngestionBatchId == batch.Id).ExecuteDeleteAsync(cancellationToken);
            await db.RejectedRows.Where(r => r.IngestionBatchId == batch.Id).ExecuteDeleteAsync(cancellationToken);
            await db.IngestionBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, IngestionStatus.Failed)
                .SetProperty(b => b.Error, error.Length > 2000 ? error[..2000] : error)
                .SetProperty(b => b.RowsAccepted, 0L)
                .SetProperty(b => b.RowsDuplicate, 0L)
                .SetProperty(b => b.RowsRejected, 0L)
                .SetProperty(b => b.RowsUnpriced, 0L)
                .SetProperty(b => b.RowsCommitted, 0L)
                .SetProperty(b => b.InputTokens, 0L)
                .SetProperty(b => b.OutputTokens, 0L)
                .SetProperty(b => b.TokenCost, 0m)
                .SetProperty(b => b.ComputeCost, 0m)
                .SetProperty(b => b.FinishedAt, time.GetUtcNow().UtcDateTime), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        LogFailed(batch.Id, error);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Ingestion batch {BatchId}: {Read} rows read, {Accepted} stored ({Unpriced} unpriced), {Duplicates} duplicates, {Rejected} rejected")]
    private partial void LogIngested(long batchId, long read, long accepted, long duplicates, long rejected, long unpriced);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingestion batch {BatchId} resumes after {Rows} committed rows")]
    private partial void LogResuming(long batchId, long rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingestion batch {BatchId} stopped on an unexpected error")]
    private partial void LogUnexpected(long batchId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion batch {BatchId} failed: {Error}")]
    private partial void LogFailed(long batchId, string error);
}
