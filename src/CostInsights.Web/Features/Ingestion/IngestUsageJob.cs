using CostInsights.Core.Ingestion;
using CostInsights.Web.Features.Jobs;
using Microsoft.Extensions.Options;

namespace CostInsights.Web.Features.Ingestion;

/// <summary>
/// Queues new files of the watched folder, then runs queued ingestion batches until none is left, so that a file uploaded
/// while a run is under way (whose own start then finds it running) is taken by that run.
/// </summary>
public sealed class IngestUsageJob(UsageIngestionService ingestion, IOptions<IngestionOptions> options) : IJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var watched = options.Value.WatchFolder is { Length: > 0 } folder ? await ingestion.QueueWatchedFolderAsync(folder, cancellationToken) : 0;
        var done = new HashSet<long>();
        while (await ingestion.RunPendingAsync(cancellationToken, done) > 0)
        {
        }
        var count = done.Count;
        return (count == 0 ? "nothing queued" : $"{count} batch(es) run") + (watched > 0 ? $", {watched} from the watched folder" : "");
    }
}
