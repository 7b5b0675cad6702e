namespace CostInsights.Core.Usage;

/// <summary>
/// Starts the re-pricing an activated sheet asked for. The sheet's own mark (<c>RepriceFrom</c> without <c>RepricedAt</c>)
/// is the durable record of the work, so a request lost to a restart is still done by the scheduled re-price.
/// </summary>
public interface IRepriceQueue
{
    Task RequestAsync(CancellationToken cancellationToken);
}

/// <summary>Re-prices at once, in the caller's scope: for the command line, which has no background jobs.</summary>
public sealed class RepriceNow(RepriceService reprice) : IRepriceQueue
{
    public Task RequestAsync(CancellationToken cancellationToken) => reprice.RunPendingAsync(cancellationToken);
}
