using Microsoft.AspNetCore.Components;

namespace CostInsights.Web.Features.Shell;

/// <summary>
/// A page or part of one that reads and waits while the user is on it: <see cref="Leaving"/> is
/// cancelled when the user leaves, so reads and waits stop; work started in the background goes on.
/// </summary>
public abstract class InteractivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _leaving = new();

    protected CancellationToken Leaving => _leaving.Token;

    public void Dispose()
    {
        _leaving.Cancel();
        _leaving.Dispose();
        GC.SuppressFinalize(this);
    }
}
