using CostInsights.Core.Usage;
using CostInsights.Web.Features.Jobs;
using Quartz;

namespace CostInsights.Web.Features.PriceSheets;

/// <summary>Re-prices the months an activated price sheet reached back over.</summary>
[DisallowConcurrentExecution]
public sealed class RepriceJob(RepriceService reprice, ILogger<RepriceJob> logger) : ServiceJob(logger)
{
    protected override async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var count = await reprice.RunPendingAsync(cancellationToken);
        return count == 0 ? "nothing to re-price" : $"{count} usage records re-priced";
    }
}
