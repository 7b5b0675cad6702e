using CostInsights.Core.Pricing;
using Quartz;

namespace CostInsights.Web.Features.PriceSheets;

/// <summary>Re-prices the months an activated price sheet reached back over. Thin: the work is the re-price service's.</summary>
[DisallowConcurrentExecution]
public sealed partial class RepriceJob(RepriceService reprice, ILogger<RepriceJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var count = await reprice.RunPendingAsync(cancellationToken);
            context.Result = count == 0 ? "nothing to re-price" : $"{count} usage records re-priced";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
            throw new JobExecutionException(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-pricing failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
