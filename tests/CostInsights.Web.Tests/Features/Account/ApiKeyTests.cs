using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CostInsights.Core.Users;
using CostInsights.Web.Tests.Infrastructure;

namespace CostInsights.Web.Tests.Features.Account;

public sealed partial class ApiKeyTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    private async Task<string> MakeKeyAsync(AppClient admin, string name, string scope)
    {
        var response = await admin.PostFormAsync("/users", "add-api-key", new() { ["KeyInput.Name"] = name, ["KeyInput.Scope"] = scope });
        var page = await response.Content.ReadAsStringAsync();
        var token = NewKey().Match(page);
        token.Success.ShouldBeTrue("the new key is shown once on the page");
        return token.Groups[1].Value;
    }

    private HttpClient Program(string key, bool bearer = true)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        if (bearer)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        else
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return http;
    }

    [Fact]
    public async Task A_read_key_reads_a_write_key_also_starts_work_and_a_revoked_or_wrong_key_does_nothing()
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var read = await MakeKeyAsync(admin, "warehouse export", ApiKey.Read);
        var write = await MakeKeyAsync(admin, "nightly automation", ApiKey.Write);
        read.ShouldStartWith("ci_");
        read.ShouldNotBe(write);

        using var reader = Program(read);
        (await reader.GetAsync("/api/costs?by=total")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.PostAsync("/api/forecasts/runs", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // A key opens no page: the page asks for the login form.
        var page = await reader.GetAsync("/");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/login");

        using var writer = Program(write, bearer: false);
        (await writer.GetAsync("/api/costs?by=total")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await writer.PostAsync("/api/forecasts/runs", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        using var wrong = Program(read[..^4] + "0000");
        (await wrong.GetAsync("/api/costs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Revoked from the Users page.
        var users = await admin.GetPageAsync("/users");
        users.ShouldContain("warehouse export");
        users.ShouldNotContain(read);
        var id = RevokeForm().Matches(users).Select(m => m.Groups[1].Value).Min(long.Parse);
        (await admin.PostFormAsync("/users", $"revoke-key-{id}", [])).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync("/api/costs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await writer.GetAsync("/api/costs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_openapi_document_covers_every_api_endpoint()
    {
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var document = await finance.GetPageAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/costs", "/api/forecasts/{series}", "/api/forecasts/runs" })
        {
            document.ShouldContain($"\"{path}\"");
        }
    }

    [GeneratedRegex("data-testid=\"new-api-key\">(ci_[0-9a-f]+_[0-9a-f]+)<")]
    private static partial Regex NewKey();

    [GeneratedRegex("name=\"_handler\" value=\"revoke-key-(\\d+)\"")]
    private static partial Regex RevokeForm();
}
