using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CostInsights.Web.Features.Shell;

/// <summary>
/// How many interactive pages' circuits this node holds now (each a user's page kept in server memory, for a while even after
/// its browser went away, so that it can reconnect), and how many of them have their browser connected.
/// </summary>
public sealed class OpenCircuits : CircuitHandler
{
    private int _count;
    private int _connected;

    public int Count => Volatile.Read(ref _count);

    public int Connected => Volatile.Read(ref _connected);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connected);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _connected);
        return Task.CompletedTask;
    }

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _count);
        return Task.CompletedTask;
    }
}
