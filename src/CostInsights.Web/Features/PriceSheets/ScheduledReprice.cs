using CostInsights.Core.Jobs;
using CostInsights.Core.Usage;
using CostInsights.Web.Features.Jobs;

namespace CostInsights.Web.Features.PriceSheets;

/// <summary>Starts the re-price job at once, on whichever node runs jobs; the request returns without waiting for it.</summary>
public sealed class ScheduledReprice(JobStarter jobs) : IRepriceQueue
{
    public Task RequestAsync(CancellationToken cancellationToken)
    {
        jobs.Start(JobIds.Reprice);
        return Task.CompletedTask;
    }
}
