using System.Net;
using System.Text.RegularExpressions;
using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using CostInsights.Web.Tests.Infrastructure;

namespace CostInsights.Web.Tests.Features.Users;

/// <summary>An admin changes a user's role and password, disables, enables and deletes them; the last admin stays.</summary>
public sealed partial class UserManagementTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    private const string Email = "pat@example.com";

    [Fact]
    public async Task An_admin_changes_a_users_role_and_password_disables_enables_and_deletes_them()
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var added = await admin.PostFormAsync("/users", "add-user",
            new() { ["Input.Email"] = Email, ["Input.Password"] = "first-password", ["Input.Role"] = AppRoles.Finance });
        (await added.Content.ReadAsStringAsync()).ShouldContain($"Added {Email} as Finance.");
        using var pat = app.NewClient();
        await pat.SignInAsync(Email, "first-password");
        (await pat.GetAsync("/compare")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "finance does not compare billing schemes");

        (await ManageAsync(admin, "role", new() { ["Manage.Role"] = AppRoles.EngineeringManager })).ShouldContain($"{Email} is now EngineeringManager.");
        using (var again = app.NewClient())
        {
            await again.SignInAsync(Email, "first-password");
            (await again.GetAsync("/compare")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await ManageAsync(admin, "password", new() { ["Manage.Password"] = "short" })).ShouldContain("Not changed:");
        (await ManageAsync(admin, "password", new() { ["Manage.Password"] = "second-password" })).ShouldContain("has a new password");
        (await pat.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the old session ended with the new password");
        using (var old = app.NewClient())
        {
            (await old.PostFormAsync("/login", "login",
                new() { ["Input.Email"] = Email, ["Input.Password"] = "first-password" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        using var current = app.NewClient();
        await current.SignInAsync(Email, "second-password");

        (await ManageAsync(admin, "access", [])).ShouldContain($"{Email} is disabled and signed out.");
        (await current.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using (var disabled = app.NewClient())
        {
            (await disabled.PostFormAsync("/login", "login",
                new() { ["Input.Email"] = Email, ["Input.Password"] = "second-password" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await ManageAsync(admin, "access", [])).ShouldContain($"{Email} can sign in again.");
        using (var enabled = app.NewClient())
        {
            await enabled.SignInAsync(Email, "second-password");
        }

        (await ManageAsync(admin, "delete", [])).ShouldContain($"{Email} was deleted.");
        (await admin.GetPageAsync("/users")).ShouldNotContain($"data-email=\"{Email}\"");
    }

    [Theory]
    [InlineData("role")]
    [InlineData("access")]
    [InlineData("delete")]
    public async Task The_last_admin_cannot_be_demoted_disabled_or_deleted(string action)
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var email = DemoUsers.All.Single(u => u.Role == AppRoles.Admin).Email;

        var page = await ManageAsync(admin, action, action == "role" ? new() { ["Manage.Role"] = AppRoles.Finance } : [], email);

        page.ShouldContain($"Not changed: {email} is the last admin who can sign in");
        (await admin.GetAsync("/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Posts one of a user's forms on the Users page (found by the user's place in the list) and returns the page it answers with.</summary>
    private static async Task<string> ManageAsync(AppClient admin, string action, Dictionary<string, string> fields, string email = Email)
    {
        var emails = RowPattern().Matches(await admin.GetPageAsync("/users")).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var index = emails.IndexOf(email);
        index.ShouldBeGreaterThanOrEqualTo(0, $"{email} is not listed");
        var response = await admin.PostFormAsync("/users", $"{action}-{index}", fields);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("data-testid=\"user-row\" data-email=\"([^\"]+)\"")]
    private static partial Regex RowPattern();
}
