using System.Collections.Concurrent;

namespace CostInsights.Web.Features.Account;

/// <summary>
/// Counts failed sign-ins per client address over a sliding window, so that one address cannot try
/// passwords across many accounts; each account also locks itself after its own failures (Identity's
/// lockout). Kept in memory: a node that restarts forgets, which only resets the window.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    /// <summary>Failed sign-ins one address may make within <see cref="Window"/>.</summary>
    public const int MaxFailures = 20;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new();

    /// <summary>How long the address must wait before it may try again, or null when it may try now.</summary>
    public TimeSpan? WaitFor(string address)
    {
        if (!_failures.TryGetValue(address, out var failures))
        {
            return null;
        }
        lock (failures)
        {
            var now = time.GetUtcNow();
            while (failures.Count > 0 && now - failures.Peek() > Window)
            {
                failures.Dequeue();
            }
            return failures.Count >= MaxFailures ? failures.Peek() + Window - now : null;
        }
    }

    public void Failed(string address)
    {
        var failures = _failures.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            failures.Enqueue(time.GetUtcNow());
            while (failures.Count > MaxFailures)
            {
                failures.Dequeue();
            }
        }
    }

    public void Succeeded(string address) => _failures.TryRemove(address, out _);
}
