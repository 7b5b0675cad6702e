using CostInsights.Core.Usage;
using CostInsights.Web.Features.Jobs;

namespace CostInsights.Web.Features.PriceSheets;

/// <summary>Re-prices the months an activated price sheet reached back over.</summary>
public sealed class RepriceJob(RepriceService reprice) : IJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var count = await reprice.RunPendingAsync(cancellationToken);
        return count == 0 ? "nothing to re-price" : $"{count} usage records re-priced";
    }
}
