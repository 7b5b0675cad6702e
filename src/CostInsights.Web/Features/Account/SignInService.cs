using Microsoft.AspNetCore.Identity;

namespace CostInsights.Web.Features.Account;

/// <summary>
/// Signs a user in by email and password. Every failure reads the same and takes the same time,
/// whether or not the account exists or is locked, so that the form tells nobody which emails have
/// accounts; an address that fails too often waits.
/// </summary>
public sealed class SignInService(SignInManager<IdentityUser> signIn, SignInThrottle throttle)
{
    public const string Failed = "The email or password is not right. After 10 failed attempts an account waits 5 minutes before it can sign in again.";

    // A hash of a random password, checked when there is no account, so that a wrong email costs what a wrong password does.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<IdentityUser>().HashPassword(new IdentityUser(), Guid.NewGuid().ToString()));

    /// <summary>Null when signed in; otherwise the message to show.</summary>
    public async Task<string?> SignInAsync(string email, string password, string clientAddress)
    {
        if (throttle.WaitFor(clientAddress) is { } wait)
        {
            return $"Too many failed sign-ins from your network address. Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minutes.";
        }
        var user = await signIn.UserManager.FindByEmailAsync(email);
        if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(user ?? new IdentityUser(), DecoyHash.Value, password);
            throttle.Failed(clientAddress);
            return Failed;
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            throttle.Failed(clientAddress);
            return Failed;
        }
        throttle.Succeeded(clientAddress);
        return null;
    }

    /// <summary>Signs out and changes the user's security stamp, so that a copy of the cookie stops working too.</summary>
    public async Task SignOutAsync(System.Security.Claims.ClaimsPrincipal principal)
    {
        if (await signIn.UserManager.GetUserAsync(principal) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
    }
}
