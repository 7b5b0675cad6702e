using CostInsights.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Users;

/// <summary>Creates users and their roles; used by the Users page, the command line and demo mode.</summary>
public sealed class UserAdministration(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in AppRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }
    }

    /// <summary>Creates a user with one role; fails with every reason Identity gives (weak password, taken email...).</summary>
    public async Task<UserResult> AddAsync(string email, string password, string role)
    {
        if (!AppRoles.IsKnown(role))
        {
            return UserResult.Fail($"unknown role '{role}'; use one of {string.Join(", ", AppRoles.All)}");
        }
        await EnsureRolesAsync();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return UserResult.Fail($"a user with email {email} already exists");
        }
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return UserResult.Fail(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        var added = await users.AddToRoleAsync(user, role);
        return added.Succeeded ? UserResult.Ok() : UserResult.Fail(string.Join("; ", added.Errors.Select(e => e.Description)));
    }

    public async Task<bool> AnyAdminAsync() => (await users.GetUsersInRoleAsync(AppRoles.Admin)).Count > 0;

    public async Task<IReadOnlyList<UserSummary>> ListAsync() => await SummariesAsync(await users.Users.OrderBy(u => u.Email).ToListAsync());

    /// <summary>
    /// One page (from 0) of the users whose email contains <paramref name="search"/> in any case, ordered by email, with their
    /// roles; and how many users match.
    /// </summary>
    public async Task<(IReadOnlyList<UserSummary> Users, int Total)> PageAsync(string? search, bool descending, int page, int size,
        CancellationToken cancellationToken)
    {
        var matching = users.Users;
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = SqlLike.Containing(users.NormalizeEmail(search.Trim()) ?? "");
            matching = matching.Where(u => EF.Functions.Like(u.NormalizedEmail ?? "", pattern, SqlLike.EscapeCharacter));
        }
        var ordered = descending ? matching.OrderByDescending(u => u.NormalizedEmail) : matching.OrderBy(u => u.NormalizedEmail);
        var onPage = await ordered.ThenBy(u => u.Id).Skip(Math.Max(0, page) * size).Take(size).ToListAsync(cancellationToken);
        return (await SummariesAsync(onPage), await matching.CountAsync(cancellationToken));
    }

    private async Task<IReadOnlyList<UserSummary>> SummariesAsync(List<IdentityUser> list)
    {
        var result = new List<UserSummary>(list.Count);
        foreach (var user in list)
        {
            result.Add(new UserSummary(user.Email ?? user.UserName ?? user.Id, [.. await users.GetRolesAsync(user)], IsDisabled(user)));
        }
        return result;
    }

    /// <summary>Gives a user this one role instead of the ones they had; the last admin who can sign in keeps the role.</summary>
    public Task<UserResult> ChangeRoleAsync(string email, string role) => WithUserAsync(email, async user =>
    {
        if (!AppRoles.IsKnown(role))
        {
            return UserResult.Fail($"unknown role '{role}'; use one of {string.Join(", ", AppRoles.All)}");
        }
        if (role != AppRoles.Admin && await IsLastAdminAsync(user))
        {
            return UserResult.Fail($"{email} is the last admin who can sign in; make another admin first");
        }
        await EnsureRolesAsync();
        var current = await users.GetRolesAsync(user);
        return Result(await users.RemoveFromRolesAsync(user, current)) is { Succeeded: false } removed ? removed
            : Result(await users.AddToRoleAsync(user, role)) is { Succeeded: false } added ? added
            : Result(await users.UpdateSecurityStampAsync(user));
    });

    /// <summary>Sets a new password and ends the user's sessions.</summary>
    public Task<UserResult> ResetPasswordAsync(string email, string password) => WithUserAsync(email, async user =>
    {
        // Checked before the old one is removed, so that a refused password leaves the account as it was.
        foreach (var validator in users.PasswordValidators)
        {
            if (Result(await validator.ValidateAsync(users, user, password)) is { Succeeded: false } weak)
            {
                return weak;
            }
        }
        return Result(await users.RemovePasswordAsync(user)) is { Succeeded: false } removed ? removed : Result(await users.AddPasswordAsync(user, password));
    });

    /// <summary>Disables a user (they cannot sign in, and their sessions end) or enables them again; never the last admin.</summary>
    public Task<UserResult> SetDisabledAsync(string email, bool disabled) => WithUserAsync(email, async user =>
    {
        if (disabled && await IsLastAdminAsync(user))
        {
            return UserResult.Fail($"{email} is the last admin who can sign in; make another admin first");
        }
        await users.SetLockoutEnabledAsync(user, true);
        return Result(await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null)) is { Succeeded: false } failed ? failed
            : Result(await users.UpdateSecurityStampAsync(user));
    });

    /// <summary>Deletes a user; never the last admin.</summary>
    public Task<UserResult> DeleteAsync(string email) => WithUserAsync(email, async user =>
        await IsLastAdminAsync(user) ? UserResult.Fail($"{email} is the last admin who can sign in; make another admin first")
            : Result(await users.DeleteAsync(user)));

    /// <summary>A user is disabled when locked out with no end: a lockout after failed sign-ins ends after minutes.</summary>
    private static bool IsDisabled(IdentityUser user) => user.LockoutEnd == DateTimeOffset.MaxValue;

    private async Task<bool> IsLastAdminAsync(IdentityUser user) =>
        await users.IsInRoleAsync(user, AppRoles.Admin) && (await users.GetUsersInRoleAsync(AppRoles.Admin)).Count(a => !IsDisabled(a) && a.Id != user.Id) == 0;

    private async Task<UserResult> WithUserAsync(string email, Func<IdentityUser, Task<UserResult>> change) =>
        await users.FindByEmailAsync(email) is { } user ? await change(user) : UserResult.Fail($"there is no user {email}");

    private static UserResult Result(IdentityResult result) =>
        result.Succeeded ? UserResult.Ok() : UserResult.Fail(string.Join("; ", result.Errors.Select(e => e.Description)));

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

public sealed record UserSummary(string Email, IReadOnlyList<string> Roles, bool IsDisabled);

public sealed record UserResult(bool Succeeded, string? Error)
{
    public static UserResult Ok() => new(true, null);

    public static UserResult Fail(string error) => new(false, error);
}
