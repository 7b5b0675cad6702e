using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace CostInsights.Web.Features.Shell;

/// <summary>
/// A page or part of one that reads and waits while the user is on it: <see cref="Leaving"/> is
/// cancelled when the user leaves, so reads and waits stop; work started in the background goes on.
/// A page whose view is all in its address calls <see cref="FollowAddress"/> to load it again when
/// only the query string changes, which Blazor does not tell a page that takes no parameters.
/// </summary>
public abstract class InteractivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _leaving;
    private readonly CancellationToken _leavingToken;
    private string? _followed;

    protected InteractivePage()
    {
        _leaving = new CancellationTokenSource();
        // Kept apart from its source, so that it can still be asked once the page is disposed.
        _leavingToken = _leaving.Token;
    }

    [Inject] private NavigationManager Addresses { get; set; } = default!;

    protected CancellationToken Leaving => _leavingToken;

    /// <summary>From now on, a new address of this same page runs <see cref="OnAddressChangedAsync"/> and renders.</summary>
    protected void FollowAddress()
    {
        if (_followed is null)
        {
            _followed = new Uri(Addresses.Uri).AbsolutePath;
            Addresses.LocationChanged += AddressChanged;
        }
    }

    protected virtual Task OnAddressChangedAsync() => Task.CompletedTask;

    /// <summary>A value of the current address's query string, trimmed; null when it is absent or blank.</summary>
    protected string? QueryText(string key) =>
        QueryHelpers.ParseQuery(new Uri(Addresses.Uri).Query).GetValueOrDefault(key).ToString().Trim() is { Length: > 0 } value ? value : null;

    private void AddressChanged(object? sender, LocationChangedEventArgs e)
    {
        if (new Uri(e.Location).AbsolutePath != _followed || Leaving.IsCancellationRequested)
        {
            return;
        }
        _ = InvokeAsync(async () =>
        {
            try
            {
                await OnAddressChangedAsync();
                StateHasChanged();
            }
            catch (OperationCanceledException) when (Leaving.IsCancellationRequested)
            {
                // The user left while the page was reading.
            }
            catch (Exception exception)
            {
                await DispatchExceptionAsync(exception);
            }
        });
    }

    public void Dispose()
    {
        if (_followed is not null)
        {
            Addresses.LocationChanged -= AddressChanged;
        }
        _leaving.Cancel();
        _leaving.Dispose();
        GC.SuppressFinalize(this);
    }
}
