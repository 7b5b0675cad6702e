using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Users;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Account;

public sealed class ApiKeyTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    /// <summary>What the Users page's Make a key calls; the page itself is UsersPageTests' (bUnit).</summary>
    private async Task<string> MakeKeyAsync(string name, string scope)
    {
        var (token, problem) = await app.Services.GetRequiredService<UsersData>().MakeKeyAsync(name, scope, "admin@example.com", CancellationToken.None);
        problem.ShouldBeNull();
        return token.ShouldNotBeNull();
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
        var read = await MakeKeyAsync("warehouse export", ApiKey.Read);
        var write = await MakeKeyAsync("nightly automation", ApiKey.Write);
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

        // Listed on the Users page without its token, and revoked from there.
        var users = await admin.GetPageAsync("/users");
        users.ShouldContain("warehouse export");
        users.ShouldNotContain(read);
        var data = app.Services.GetRequiredService<UsersData>();
        var id = (await data.KeysAsync(CancellationToken.None)).Single(k => k.Name == "warehouse export").Id;
        (await data.RevokeKeyAsync(id, CancellationToken.None)).ShouldBe(1);
        (await reader.GetAsync("/api/costs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await writer.GetAsync("/api/costs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_write_key_posts_usage_as_json_lines_and_follows_its_batch_and_a_read_key_may_not()
    {
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<CostInsights.Core.PriceSheets.PriceSheetService>().SaveAsync("api-test", "csv", null, "test",
                [new CostInsights.Core.PriceSheets.TokenPrice { Provider = "apitest", Model = "m-1",
                    EffectiveFrom = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), InputPerMillion = 2m, OutputPerMillion = 8m }],
                [], CostInsights.Core.PriceSheets.PriceSheetStatus.Active, CancellationToken.None);
        }
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        using var writer = Program(await MakeKeyAsync("usage feeder", ApiKey.Write));
        using var reader = Program(await MakeKeyAsync("usage reader", ApiKey.Read));
        const string body = """
            {"timestamp": "2026-05-01T09:00:00Z", "provider": "apitest", "model": "m-1", "team": "api", "input_tokens": 1000000, "output_tokens": 500000, "request_id": "api-1"}
            {"timestamp": "2026-05-01T09:05:00Z", "provider": "apitest", "model": "m-1", "team": "api", "input_tokens": -3, "output_tokens": 1}
            """;
        HttpContent Content() => new StringContent(body, System.Text.Encoding.UTF8, "application/x-ndjson");

        (await reader.PostAsync("/api/usage", Content())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await writer.PostAsync("/api/usage?format=parquet", Content())).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var posted = await writer.PostAsync("/api/usage", Content());
        posted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var queued = await posted.Content.ReadFromJsonAsync<CostInsights.Web.Features.Ingestion.QueuedBatch>();
        queued!.Format.ShouldBe("usage-json");

        CostInsights.Web.Features.Ingestion.IngestionBatchView? batch = null;
        for (var i = 0; i < 120 && batch?.Status is not ("Succeeded" or "Failed"); i++)
        {
            await Task.Delay(250);
            batch = await writer.GetFromJsonAsync<CostInsights.Web.Features.Ingestion.IngestionBatchView>(posted.Headers.Location);
        }
        (batch!.Status, batch.RowsAccepted, batch.RowsRejected).ShouldBe(("Succeeded", 1L, 1L));
        // 1M × $2 + 0.5M × $8 = $6.
        var costs = await (await writer.GetAsync("/api/costs?by=total&from=2026-05-01&to=2026-05-01")).Content.ReadAsStringAsync();
        costs.ShouldContain("\"tokenCost\":6");
    }

    [Fact]
    public async Task The_openapi_document_covers_every_api_endpoint()
    {
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var document = await finance.GetPageAsync("/openapi/v1.json");
        string[] paths = ["/api/costs", "/api/forecasts/{series}", "/api/forecast-totals/{series}", "/api/forecasts/runs", "/api/usage",
            "/api/usage/batches/{id}"];
        foreach (var path in paths)
        {
            document.ShouldContain($"\"{path}\"");
        }
    }
}
