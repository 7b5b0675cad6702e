using CostInsights.Core;
using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CostInsights.Web.Features.Jobs;

/// <summary>
/// Deletes the stored files of batches that failed more than a week ago (the batch and its
/// reasons stay) and job history older than 30 days.
/// </summary>
public sealed class HousekeepingJob(CostInsightsDbContext db, IOptions<DatabaseOptions> database, TimeProvider time)
    : IJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-7);
        var stale = await db.IngestionBatches
            .Where(b => b.Status == IngestionStatus.Failed && b.StoredPath != null && b.FinishedAt < cutoff)
            .ToListAsync(cancellationToken);
        foreach (var batch in stale)
        {
            File.Delete(Path.Combine(database.Value.ResolveDataFolder(), batch.StoredPath!));
            batch.StoredPath = null;
            await db.UploadChunks.Where(c => c.IngestionBatchId == batch.Id).ExecuteDeleteAsync(cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        var historyCutoff = now.AddDays(-30);
        var pruned = await db.JobRuns.Where(r => r.StartedAt < historyCutoff).ExecuteDeleteAsync(cancellationToken);
        return $"{Amounts.Count(stale.Count, "upload")} deleted, {Amounts.Count(pruned, "old job run")} pruned";
    }
}
