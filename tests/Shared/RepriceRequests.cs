using CostInsights.Core.Usage;

namespace CostInsights.Testing;

/// <summary>Counts the re-prices asked for and runs none, leaving activated sheets pending as a lost request would.</summary>
public sealed class RepriceRequests : IRepriceQueue
{
    public int Count { get; private set; }

    public Task RequestAsync(CancellationToken cancellationToken)
    {
        Count++;
        return Task.CompletedTask;
    }
}
