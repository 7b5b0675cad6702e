using CostInsights.Core.Ingestion;
using CostInsights.Web.Features.Jobs;
using Microsoft.Extensions.Options;
using Quartz;

namespace CostInsights.Web.Features.Ingestion;

/// <summary>Queues new files of the watched folder, then runs queued ingestion batches.</summary>
[DisallowConcurrentExecution]
public sealed class IngestUsageJob(UsageIngestionService ingestion, IOptions<IngestionOptions> options, ILogger<IngestUsageJob> logger) : ServiceJob(logger)
{
    protected override async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var watched = options.Value.WatchFolder is { Length: > 0 } folder ? await ingestion.QueueWatchedFolderAsync(folder, cancellationToken) : 0;
        var count = await ingestion.RunPendingAsync(cancellationToken);
        return (count == 0 ? "nothing queued" : $"{count} batch(es) run") + (watched > 0 ? $", {watched} from the watched folder" : "");
    }
}
