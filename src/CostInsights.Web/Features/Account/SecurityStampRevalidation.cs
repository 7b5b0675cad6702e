using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CostInsights.Web.Features.Account;

/// <summary>
/// An interactive page keeps the user its connection started with. Every minute the user's security
/// stamp is read again, so that signing out elsewhere, a new role or password, being disabled or
/// deleted also ends the pages already open: they turn to the sign-in page.
/// </summary>
internal sealed class SecurityStampRevalidation(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, IHostApplicationLifetime lifetime)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState.User);

    /// <summary>
    /// False when the user is gone or their stamp has changed since the cookie was issued. While the app stops, its services
    /// may already be gone: the page's connection ends with the app, and the user stays as they were until then.
    /// </summary>
    internal async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        try
        {
            return await StampIsCurrentAsync(principal);
        }
        catch (ObjectDisposedException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return true;
        }
    }

    private async Task<bool> StampIsCurrentAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return false;
        }
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return !users.SupportsUserSecurityStamp || stamp == await users.GetSecurityStampAsync(user);
    }
}
