using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CostInsights.Core.Users;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

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
        var id = RevokeForm().Match(users[users.IndexOf("warehouse export</td>", StringComparison.Ordinal)..]).Groups[1].Value;
        (await admin.PostFormAsync("/users", $"revoke-key-{id}", [])).StatusCode.ShouldBe(HttpStatusCode.OK);
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
        using var writer = Program(await MakeKeyAsync(admin, "usage feeder", ApiKey.Write));
        using var reader = Program(await MakeKeyAsync(admin, "usage reader", ApiKey.Read));
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
        foreach (var path in new[] { "/api/costs", "/api/forecasts/{series}", "/api/forecasts/runs", "/api/usage", "/api/usage/batches/{id}" })
        {
            document.ShouldContain($"\"{path}\"");
        }
    }

    [GeneratedRegex("data-testid=\"new-api-key\">(ci_[0-9a-f]+_[0-9a-f]+)<")]
    private static partial Regex NewKey();

    [GeneratedRegex("name=\"_handler\" value=\"revoke-key-(\\d+)\"")]
    private static partial Regex RevokeForm();
}
