using System.Net;
using System.Text.RegularExpressions;
using CostInsights.Core.Users;
using CostInsights.Web.Tests.Infrastructure;

namespace CostInsights.Web.Tests.Features.Jobs;

public sealed partial class HangfireDashboardTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    private static readonly string[] Pages = ["/admin/hangfire", "/admin/hangfire/recurring", "/admin/hangfire/jobs/failed", "/admin/hangfire/servers"];

    /// <summary>Its actions: the realtime statistics it polls, trigger a recurring job, requeue and delete failed jobs.</summary>
    private static readonly string[] Actions =
        ["/admin/hangfire/stats", "/admin/hangfire/recurring/trigger", "/admin/hangfire/jobs/failed/requeue", "/admin/hangfire/jobs/failed/delete"];

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_finance_and_managers_are_refused_pages_assets_and_actions()
    {
        using var anonymous = app.NewClient();
        var admin = await app.SignedInAsync(AppRoles.Admin);
        var asset = AssetPattern().Match(await admin.GetPageAsync("/admin/hangfire")).Groups[1].Value;
        asset.ShouldNotBeNullOrEmpty("the dashboard links its stylesheet");
        foreach (var path in Pages.Append(asset))
        {
            var response = await anonymous.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            response.Headers.Location!.ToString().ShouldContain("/login");
        }
        foreach (var path in Actions)
        {
            var response = await anonymous.SendAsync(Post(path));
            response.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Unauthorized);
        }
        foreach (var (role, formPage) in (ValueTuple<string, string>[])[(AppRoles.Finance, "/budgets"), (AppRoles.EngineeringManager, "/scenarios")])
        {
            using var user = await app.SignedInAsync(role);
            foreach (var path in Pages.Append(asset))
            {
                (await user.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role} GET {path}");
            }
            // With a valid antiforgery token of their own, from a form they may use: the role is what refuses them.
            var token = await user.TokenAsync(formPage);
            foreach (var path in Actions)
            {
                var request = Post(path);
                request.Headers.Add("RequestVerificationToken", token);
                (await user.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role} POST {path}");
            }
        }
        admin.Dispose();
    }

    [Fact]
    public async Task An_admin_sees_the_recurring_jobs_and_triggers_one_only_with_the_dashboard_s_antiforgery_token()
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var recurring = await admin.GetPageAsync("/admin/hangfire/recurring");
        recurring.ShouldContain("housekeeping");
        recurring.ShouldContain("anomaly-scan");
        (await admin.GetPageAsync("/jobs")).ShouldContain("href=\"/admin/hangfire\"");

        var forged = await admin.SendAsync(Post("/admin/hangfire/recurring/trigger", "housekeeping"));
        forged.IsSuccessStatusCode.ShouldBeFalse("a POST without the dashboard's token must be refused");

        var token = CsrfPattern().Match(recurring);
        token.Success.ShouldBeTrue("the dashboard page carries its antiforgery token");
        var request = Post("/admin/hangfire/recurring/trigger", "housekeeping");
        request.Headers.Add(HeaderPattern().Match(recurring).Groups[1].Value, token.Groups[1].Value);
        (await admin.SendAsync(request)).IsSuccessStatusCode.ShouldBeTrue();
        await JobRuns.WaitForAsync(app.Services, "housekeeping");
    }

    private static HttpRequestMessage Post(string path, string? job = null) => new(HttpMethod.Post, path)
    {
        Content = new FormUrlEncodedContent(job is null ? [] : [new("jobs[]", job)]),
    };

    [GeneratedRegex("href=\"(/admin/hangfire/css[^\"]*)\"")]
    private static partial Regex AssetPattern();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfPattern();

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex HeaderPattern();
}
