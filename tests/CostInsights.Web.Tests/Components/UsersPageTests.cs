using Bunit;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CostInsights.Web.Tests.Components;

public sealed class UsersPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);

    private static async Task<PageHarness> AdminAsync()
    {
        var harness = await PageHarness.CreateAsync(Now);
        harness.Context.AddAuthorization().SetAuthorized("admin@example.com").SetPolicies(AppPolicies.Administer);
        var users = harness.Context.Services.GetRequiredService<UsersData>();
        (await users.AddAsync("admin@example.com", "admin-password", AppRoles.Admin)).Succeeded.ShouldBeTrue();
        return harness;
    }

    [Fact]
    public async Task An_admin_adds_a_user_and_a_short_password_is_refused_at_the_field()
    {
        await using var harness = await AdminAsync();
        var page = harness.Context.Render<UsersPage>();
        page.WaitForElement("[data-email='admin@example.com']");

        page.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == "Email").Find("input").Change("pat@example.com");
        page.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == "Password").Find("input").Change("short");
        await page.Find("button[data-testid=add-user]").ClickAsync(new());
        page.WaitForAssertion(() => page.Markup.ShouldContain("At least 10 characters."));
        page.FindAll("[data-email='pat@example.com']").ShouldBeEmpty();

        page.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == "Password").Find("input").Change("long-enough-password");
        await page.Find("button[data-testid=add-user]").ClickAsync(new());
        page.WaitForAssertion(() => page.Find("[data-testid=user-message]").TextContent.ShouldBe("Added pat@example.com as Finance."));
        page.WaitForElement("[data-email='pat@example.com']");
    }

    [Fact]
    public async Task Roles_are_named_as_people_write_them()
    {
        await using var harness = await AdminAsync();
        await harness.Context.Services.GetRequiredService<UsersData>().AddAsync("sam@example.com", "long-enough-password", AppRoles.EngineeringManager);
        var page = harness.Context.Render<UsersPage>();
        page.WaitForElement("[data-email='sam@example.com']");

        page.FindComponents<MudSelect<string>>().Single(s => s.Instance.UserAttributes.GetValueOrDefault("aria-label") is "Role of sam@example.com")
            .Find("input").GetAttribute("value").ShouldBe("Engineering manager");
        page.Markup.ShouldNotContain("EngineeringManager");
    }

    [Fact]
    public async Task Deleting_a_user_asks_first_and_the_last_admin_stays()
    {
        await using var harness = await AdminAsync();
        await harness.Context.Services.GetRequiredService<UsersData>().AddAsync("pat@example.com", "long-enough-password", AppRoles.Finance);
        var dialogs = harness.Context.Render<MudDialogProvider>();
        var page = harness.Context.Render<UsersPage>();
        page.WaitForElement("[data-email='pat@example.com']");

        var delete = page.Find("button[aria-label='Delete pat@example.com']").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("pat@example.com will be deleted and signed out everywhere"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click());
        await delete;
        page.WaitForAssertion(() => page.FindAll("[data-email='pat@example.com']").ShouldBeEmpty());
        page.Find("[data-testid=manage-message]").TextContent.ShouldBe("pat@example.com was deleted.");

        delete = page.Find("button[aria-label='Delete admin@example.com']").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click());
        await delete;
        page.WaitForAssertion(() => page.Find("[data-testid=manage-message]").TextContent
            .ShouldBe("Not changed: admin@example.com is the last admin who can sign in; make another admin first"));
    }

    /// <summary>
    /// How long a search may take to show: the field waits 300 ms after typing, then the database is read; on two cores shared with
    /// the browser tests running beside it that has taken more than 5 s.
    /// </summary>
    private static readonly TimeSpan Searched = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Users_are_paged_and_searched_by_email_in_the_database()
    {
        await using var harness = await AdminAsync();
        var users = harness.Context.Services.GetRequiredService<UsersData>();
        for (var i = 0; i < 30; i++)
        {
            (await users.AddAsync($"user{i:00}@example.com", "long-enough-password", AppRoles.Finance)).Succeeded.ShouldBeTrue();
        }
        var page = harness.Context.Render<UsersPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=user-row]").Count.ShouldBe(25));
        page.Find("[data-testid=user-row]").GetAttribute("data-email").ShouldBe("admin@example.com");
        page.Find("input[data-testid=user-search]").Input("USER2");
        page.WaitForAssertion(() => page.FindAll("[data-testid=user-row]").Select(r => r.GetAttribute("data-email"))
            .ShouldBe(Enumerable.Range(20, 10).Select(i => $"user{i}@example.com")), Searched);

        // What was typed is matched as text: an underscore is not a wildcard.
        page.Find("input[data-testid=user-search]").Input("user_");
        page.WaitForAssertion(() => page.Find("[data-testid=users-empty]").TextContent.ShouldBe("No user's email contains that."), Searched);
    }

    [Fact]
    public async Task A_new_key_is_shown_once_and_revoking_asks_first()
    {
        await using var harness = await AdminAsync();
        var dialogs = harness.Context.Render<MudDialogProvider>();
        var page = harness.Context.Render<UsersPage>();
        page.WaitForElement("[data-testid=no-api-keys]").TextContent.Trim().ShouldBe("No keys yet. Name one above, choose its scope and make it.");

        page.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == "Name").Find("input").Change("warehouse <export>");
        await page.Find("button[data-testid=add-api-key]").ClickAsync(new());
        var token = page.WaitForElement("[data-testid=new-api-key]").TextContent;
        token.ShouldStartWith("ci_");
        page.Find("tr[data-key]").TextContent.ShouldContain("warehouse <export>");
        page.Find("tr[data-key]").TextContent.ShouldNotContain(token);
        page.FindAll("[data-testid=no-api-keys]").ShouldBeEmpty();

        var revoke = page.Find("button[data-testid=revoke-key]").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("will be refused from now on"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click());
        await revoke;
        page.WaitForAssertion(() => page.Find("tr[data-key]").TextContent.ShouldContain("revoked"));
        (await harness.Context.Services.GetRequiredService<ApiKeyService>().ValidateAsync(token, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public void Only_admins_may_open_it()
    {
        typeof(UsersPage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().Single().Policy
            .ShouldBe(AppPolicies.Administer);
    }
}
