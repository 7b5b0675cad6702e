using System.Net;
using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Users;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Users;

/// <summary>An admin changes a user's role and password, disables, enables and deletes them; the last admin stays.</summary>
public sealed class UserManagementTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    private const string Email = "pat@example.com";

    [Fact]
    public async Task An_admin_changes_a_users_role_and_password_disables_enables_and_deletes_them()
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        // What the Users page's buttons call; the page itself is UsersPageTests' (bUnit).
        var users = app.Services.GetRequiredService<UsersData>();
        (await users.AddAsync(Email, "first-password", AppRoles.Finance)).Succeeded.ShouldBeTrue();
        using var pat = app.NewClient();
        await pat.SignInAsync(Email, "first-password");
        (await pat.GetAsync("/compare")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "finance does not compare billing schemes");

        (await users.ChangeRoleAsync(Email, AppRoles.EngineeringManager)).Succeeded.ShouldBeTrue();
        using (var again = app.NewClient())
        {
            await again.SignInAsync(Email, "first-password");
            (await again.GetAsync("/compare")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await users.ResetPasswordAsync(Email, "short")).Succeeded.ShouldBeFalse();
        (await users.ResetPasswordAsync(Email, "second-password")).Succeeded.ShouldBeTrue();
        (await pat.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the old session ended with the new password");
        using (var old = app.NewClient())
        {
            (await old.PostFormAsync("/login", "login",
                new() { ["Input.Email"] = Email, ["Input.Password"] = "first-password" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        using var current = app.NewClient();
        await current.SignInAsync(Email, "second-password");

        (await users.SetDisabledAsync(Email, true)).Succeeded.ShouldBeTrue();
        (await current.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using (var disabled = app.NewClient())
        {
            (await disabled.PostFormAsync("/login", "login",
                new() { ["Input.Email"] = Email, ["Input.Password"] = "second-password" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await users.SetDisabledAsync(Email, false)).Succeeded.ShouldBeTrue();
        using (var enabled = app.NewClient())
        {
            await enabled.SignInAsync(Email, "second-password");
        }

        (await users.DeleteAsync(Email)).Succeeded.ShouldBeTrue();
        (await admin.GetPageAsync("/users")).ShouldNotContain($"data-email=\"{Email}\"");
    }

    [Theory]
    [InlineData("role")]
    [InlineData("access")]
    [InlineData("delete")]
    public async Task The_last_admin_cannot_be_demoted_disabled_or_deleted(string action)
    {
        var users = app.Services.GetRequiredService<UsersData>();
        var email = DemoUsers.All.Single(u => u.Role == AppRoles.Admin).Email;

        var result = action switch
        {
            "role" => await users.ChangeRoleAsync(email, AppRoles.Finance),
            "access" => await users.SetDisabledAsync(email, true),
            _ => await users.DeleteAsync(email),
        };

        result.Error.ShouldBe($"{email} is the last admin who can sign in; make another admin first");
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        (await admin.GetAsync("/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
