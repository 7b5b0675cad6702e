using CostInsights.Core.Usage;
using CostInsights.Web.Features.Jobs;
using Quartz;

namespace CostInsights.Web.Features.PriceSheets;

/// <summary>Starts the re-price job at once, on whichever node runs jobs; the request returns without waiting for it.</summary>
public sealed class ScheduledReprice(ISchedulerFactory schedulers) : IRepriceQueue
{
    public async Task RequestAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(JobSchedules.Reprice, cancellationToken);
    }
}
