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

    public async Task<IReadOnlyList<UserSummary>> ListAsync()
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync();
        var result = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            result.Add(new UserSummary(user.Email ?? user.UserName ?? user.Id, [.. await users.GetRolesAsync(user)]));
        }
        return result;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

public sealed record UserSummary(string Email, IReadOnlyList<string> Roles);

public sealed record UserResult(bool Succeeded, string? Error)
{
    public static UserResult Ok() => new(true, null);

    public static UserResult Fail(string error) => new(false, error);
}
