namespace CostInsights.Web.Features.Shell;

/// <summary>How a page waits for work it started in the background: it asks every so often until the answer comes, or gives up.</summary>
public static class Waiting
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    /// <summary>The probe's first answer, or null when <paramref name="atMost"/> passed first.</summary>
    public static async Task<T?> ForAsync<T>(Func<CancellationToken, Task<T?>> probe, TimeSpan atMost, TimeProvider time,
        CancellationToken cancellationToken)
        where T : class
    {
        using var timer = new PeriodicTimer(Every, time);
        var until = time.GetUtcNow() + atMost;
        while (time.GetUtcNow() < until && await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (await probe(cancellationToken) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}
