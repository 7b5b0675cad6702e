using System.Net;
using CostInsights.Core.Users;
using CostInsights.Web.Tests.Infrastructure;

namespace CostInsights.Web.Tests.Features.Account;

/// <summary>Every page and endpoint is behind the right policy; anonymous pages redirect, the API answers 401.</summary>
public sealed class RoleAccessTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    public static TheoryData<string, string, bool> Pages => new()
    {
        { AppRoles.Finance, "/", true },
        { AppRoles.Finance, "/forecasts", true },
        { AppRoles.Finance, "/usage", true },
        { AppRoles.Finance, "/budgets", true },
        { AppRoles.Finance, "/scenarios", true },
        { AppRoles.Finance, "/reconciliation", true },
        { AppRoles.Finance, "/compare", false },
        { AppRoles.Finance, "/price-sheets", false },
        { AppRoles.Finance, "/ingestion", false },
        { AppRoles.Finance, "/jobs", false },
        { AppRoles.Finance, "/users", false },
        { AppRoles.Finance, "/templates/usage.csv", false },
        { AppRoles.EngineeringManager, "/", true },
        { AppRoles.EngineeringManager, "/scenarios", true },
        { AppRoles.EngineeringManager, "/compare", true },
        { AppRoles.EngineeringManager, "/price-sheets", false },
        { AppRoles.EngineeringManager, "/reconciliation", false },
        { AppRoles.EngineeringManager, "/users", false },
        { AppRoles.Admin, "/", true },
        { AppRoles.Admin, "/scenarios", true },
        { AppRoles.Admin, "/price-sheets", true },
        { AppRoles.Admin, "/ingestion", true },
        { AppRoles.Admin, "/jobs", true },
        { AppRoles.Admin, "/users", true },
        { AppRoles.Admin, "/reconciliation", true },
        { AppRoles.Admin, "/templates/price-sheet.csv", true },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_role_opens_only_its_pages(string role, string path, bool allowed)
    {
        using var client = await app.SignedInAsync(role);
        var response = await client.GetAsync(path);
        if (allowed)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        else
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            response.Headers.Location!.AbsolutePath.ShouldBe("/access-denied");
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/price-sheets")]
    [InlineData("/jobs")]
    public async Task Anonymous_pages_redirect_to_login(string path)
    {
        using var client = app.NewClient();
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/login?ReturnUrl=");
    }

    [Fact]
    public async Task The_api_answers_401_with_problem_details_to_anonymous_and_200_to_finance()
    {
        using var anonymous = app.NewClient();
        var denied = await anonymous.GetAsync("/api/costs");
        denied.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        denied.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        using var finance = await app.SignedInAsync(AppRoles.Finance);
        (await finance.GetAsync("/api/costs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var bad = await finance.GetAsync("/api/costs?by=colour");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("'by' must be one of provider, model, team, total");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        using var client = app.NewClient();
        var response = await client.PostFormAsync("/login", "login",
            new() { ["Input.Email"] = "admin@demo.costinsights", ["Input.Password"] = "not-the-password" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("The email or password is not right.");
    }

    [Fact]
    public async Task Health_reports_database_and_scheduler_without_login()
    {
        using var client = app.NewClient();
        var response = await client.GetAsync("/healthz");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("\"database\":{\"status\":\"Healthy\"");
        body.ShouldContain("\"scheduler\":{\"status\":\"Healthy\"");
    }

    [Fact]
    public async Task An_unknown_page_shows_a_friendly_page_not_a_stack_trace()
    {
        using var client = await app.SignedInAsync(AppRoles.Admin);
        var response = await client.GetAsync("/no-such-page");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("Page not found");
        body.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task The_openapi_document_covers_the_api()
    {
        using var client = await app.SignedInAsync(AppRoles.Finance);
        var document = await client.GetPageAsync("/openapi/v1.json");
        document.ShouldContain("\"/api/costs\"");
    }
}
