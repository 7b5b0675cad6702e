using CostInsights.Core.Ingestion;
using CostInsights.Web.Features.Jobs;
using Quartz;

namespace CostInsights.Web.Features.Ingestion;

/// <summary>Runs queued ingestion batches.</summary>
[DisallowConcurrentExecution]
public sealed class IngestUsageJob(UsageIngestionService ingestion, ILogger<IngestUsageJob> logger) : ServiceJob(logger)
{
    protected override async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var count = await ingestion.RunPendingAsync(cancellationToken);
        return count == 0 ? "nothing queued" : $"{count} batch(es) run";
    }
}
