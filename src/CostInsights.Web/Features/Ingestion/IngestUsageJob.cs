using CostInsights.Core.Ingestion;
using Quartz;

namespace CostInsights.Web.Features.Ingestion;

/// <summary>Runs queued ingestion batches. Thin: the work is the ingestion service's.</summary>
[DisallowConcurrentExecution]
public sealed partial class IngestUsageJob(UsageIngestionService ingestion, ILogger<IngestUsageJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var count = await ingestion.RunPendingAsync(cancellationToken);
            context.Result = count == 0 ? "nothing queued" : $"{count} batch(es) run";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
            throw new JobExecutionException(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingestion job failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
