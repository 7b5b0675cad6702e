using CostInsights.Core.Csv;
using CostInsights.Core.Data;
using CostInsights.Core.Pricing;
using CostInsights.Core.Usage;
using CostInsights.Core.Usage.Formats;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// Queues usage files and ingests them: stream-parse, validate and price each row, store the
/// good ones and the reasons for the bad ones, and update the rollups, all in one transaction.
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
    public static readonly IReadOnlyList<string> Formats = [UsageCsv.Format, UsageJson.Format, OpenAiUsage.Format, AnthropicUsageReport.Format, BedrockInvocationLogs.Format, OtelGenAiSpans.Format, LiteLlmSpendLogs.Format];

    /// <param name="format">One of <see cref="Formats"/>, or null to detect it from the file's start.</param>
    public async Task<IngestionBatch> QueueFileAsync(Stream content, string fileName, string createdBy, CancellationToken cancellationToken, string? format = null)
    {
        // The stored name is ours; only a plain extension of the upload's is kept.
        var ext = Path.GetExtension(fileName);
        var extension = ext.Length is > 1 and <= 8 && ext.Skip(1).All(char.IsAsciiLetterOrDigit) ? ext.ToLowerInvariant() : ".upload";
        var relative = Path.Combine(UploadsFolder, $"{Guid.NewGuid():N}{extension}");
        var full = Path.Combine(database.Value.ResolveDataFolder(), relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        long size;
        await using (var file = File.Create(full))
        {
            await content.CopyToAsync(file, cancellationToken);
            size = file.Length;
        }
        var batch = new IngestionBatch
        {
            FileName = Path.GetFileName(fileName),
            Format = format ?? Detect(full),
            StoredPath = relative,
            SizeBytes = size,
            Status = IngestionStatus.Queued,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
        };
        db.IngestionBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        return batch;
    }

    /// <summary>The format a stored upload is in, from its first kilobyte.</summary>
    private static string Detect(string path)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[1024];
        var start = new string(buffer, 0, reader.Read(buffer, 0, buffer.Length)).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (start.StartsWith('{') || start.StartsWith('['))
        {
            return OpenAiUsage.Looks(start) ? OpenAiUsage.Format
                : AnthropicUsageReport.Looks(start) ? AnthropicUsageReport.Format
                : BedrockInvocationLogs.Looks(start) ? BedrockInvocationLogs.Format
                : OtelGenAiSpans.Looks(start) ? OtelGenAiSpans.Format
                : UsageJson.Looks(start) ? UsageJson.Format
                : UsageCsv.Format;
        }
        return LiteLlmSpendLogs.Looks(start.Split('\n', 2)[0]) ? LiteLlmSpendLogs.Format : UsageCsv.Format;
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
    /// Runs every queued batch, oldest first. A batch left running by a process that died is
    /// run again: its transaction never committed, so nothing of it was stored.
    /// </summary>
    public async Task<int> RunPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await db.IngestionBatches.AsNoTracking()
            .Where(b => b.Status == IngestionStatus.Queued || b.Status == IngestionStatus.Running)
            .OrderBy(b => b.Id)
            .Select(b => b.Id)
            .ToListAsync(cancellationToken);
        foreach (var id in pending)
        {
            await RunBatchAsync(id, cancellationToken);
        }
        return pending.Count;
    }

    public async Task RunBatchAsync(long batchId, CancellationToken cancellationToken)
    {
        var batch = await db.IngestionBatches.SingleAsync(b => b.Id == batchId, cancellationToken);
        if (batch.StoredPath is null)
        {
            await FailAsync(batch, "the batch has no stored file", cancellationToken);
            return;
        }
        var path = Path.Combine(database.Value.ResolveDataFolder(), batch.StoredPath);
        if (!File.Exists(path))
        {
            await FailAsync(batch, $"the uploaded file {batch.FileName} is no longer on disk", cancellationToken);
            return;
        }
        batch.Status = IngestionStatus.Running;
        batch.StartedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await using var stream = File.OpenRead(path);
            using var reader = new StreamReader(stream);
            var total = stream.Length;
            var rows = batch.Format switch
            {
                OpenAiUsage.Format => OpenAiUsage.Read(reader),
                AnthropicUsageReport.Format => AnthropicUsageReport.Read(reader),
                UsageJson.Format => UsageJson.Read(reader),
                OtelGenAiSpans.Format => OtelGenAiSpans.Read(reader),
                LiteLlmSpendLogs.Format => LiteLlmSpendLogs.Read(reader),
                BedrockInvocationLogs.Format => BedrockInvocationLogs.Read(reader),
                _ => UsageCsv.Read(reader),
            };
            await IngestAsync(batch, rows, read => progress.Report(batch.Id, read, stream.Position, total), cancellationToken);
            File.Delete(path);
        }
        catch (CsvFormatException e)
        {
            await FailAsync(batch, $"{batch.FileName}: {e.Message}", cancellationToken);
        }
        finally
        {
            progress.Finish(batch.Id);
        }
    }

    /// <summary>
    /// Prices and stores rows for a batch in one transaction and marks it succeeded. Rows whose
    /// natural key is already stored are counted as duplicates, not stored again.
    /// </summary>
    public async Task IngestAsync(IngestionBatch batch, IEnumerable<UsageReadResult> rows, Action<long>? onProgress, CancellationToken cancellationToken)
    {
        var prices = await PriceBook.LoadAsync(db, cancellationToken);
        var latestAllowed = time.GetUtcNow().UtcDateTime + options.Value.FutureTolerance;
        var rollups = new RollupAccumulator();
        var pricer = new UsagePricer(prices, db);
        long read = 0, accepted = 0, duplicates = 0, rejected = 0;
        var rejections = new List<RejectedRow>();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var loader = new UsageBulkLoader(db.Database.GetDbConnection(), transaction.GetDbTransaction());
        foreach (var result in rows)
        {
            read++;
            if (read % 5000 == 0)
            {
                onProgress?.Invoke(read);
            }
            var (record, column, reason) = result.Row is { } row
                ? Price(row, pricer, batch.Id, latestAllowed)
                : (null, result.Column, result.Reason);
            if (record is null)
            {
                rejected++;
                if (rejections.Count < options.Value.MaxRejectedRowsKept)
                {
                    rejections.Add(new RejectedRow { IngestionBatchId = batch.Id, LineNumber = result.LineNumber, Column = column, Reason = reason! });
                }
                continue;
            }
            if (await loader.InsertAsync(record, cancellationToken))
            {
                accepted++;
                rollups.Add(record);
            }
            else
            {
                duplicates++;
            }
        }
        onProgress?.Invoke(read);

        db.RejectedRows.AddRange(rejections);
        await rollups.FlushAsync(db, cancellationToken);
        batch.RowsRead = read;
        batch.RowsAccepted = accepted;
        batch.RowsDuplicate = duplicates;
        batch.RowsRejected = rejected;
        batch.Status = IngestionStatus.Succeeded;
        batch.Error = read == 0 ? "the file has a header but no rows" : null;
        batch.FinishedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogIngested(batch.Id, read, accepted, duplicates, rejected);
    }

    private static (UsageRecord? Record, string? Column, string? Reason) Price(UsageRow row, UsagePricer pricer, long batchId, DateTime latestAllowed)
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
        return pricer.Apply(record) is { } reason ? (null, UsageCsv.Model, reason) : (record, null, null);
    }

    private async Task FailAsync(IngestionBatch batch, string error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await db.IngestionBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Status, IngestionStatus.Failed)
            .SetProperty(b => b.Error, error.Length > 2000 ? error[..2000] : error)
            .SetProperty(b => b.FinishedAt, time.GetUtcNow().UtcDateTime), cancellationToken);
        LogFailed(batch.Id, error);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingestion batch {BatchId}: {Read} rows read, {Accepted} stored, {Duplicates} duplicates, {Rejected} rejected")]
    private partial void LogIngested(long batchId, long read, long accepted, long duplicates, long rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion batch {BatchId} failed: {Error}")]
    private partial void LogFailed(long batchId, string error);
}
