using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CostInsights.Web.Features.Ingestion;

/// <summary>Deletes the stored files of batches that failed more than a week ago; the batch and its reasons stay.</summary>
[DisallowConcurrentExecution]
public sealed partial class CleanUploadsJob(CostInsightsDbContext db, IOptions<DatabaseOptions> database, TimeProvider time, ILogger<CleanUploadsJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-7);
            var stale = await db.IngestionBatches
                .Where(b => b.Status == IngestionStatus.Failed && b.StoredPath != null && b.FinishedAt < cutoff)
                .ToListAsync(cancellationToken);
            foreach (var batch in stale)
            {
                File.Delete(Path.Combine(database.Value.ResolveDataFolder(), batch.StoredPath!));
                batch.StoredPath = null;
            }
            await db.SaveChangesAsync(cancellationToken);
            context.Result = $"{stale.Count} file(s) deleted";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
            throw new JobExecutionException(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Upload clean-up failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
