using System.Net;
using System.Net.Sockets;
using System.Text;
using CostInsights.Core.Data;
using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Features.Account;
using CostInsights.Web.Features.Security;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostInsights.Web.Tests.Features.Security;

/// <summary>Headers, antiforgery on everything a cookie can change, sign-out, and addresses nobody should be able to break a page with.</summary>
public sealed class SecurityTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    [Theory]
    [InlineData("/login")]
    [InlineData("/")]
    [InlineData("/usage")]
    [InlineData("/error/404")]
    [InlineData("/api/costs")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var response = await admin.GetAsync(path);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(SecurityHeaders.ContentSecurityPolicy);
        SecurityHeaders.ContentSecurityPolicy.ShouldContain("script-src 'self';");
        SecurityHeaders.ContentSecurityPolicy.ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin");
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("HSTS only over HTTPS");
    }

    [Theory]
    [InlineData("/forecasts/run", null)]
    [InlineData("/logout", null)]
    [InlineData("/api/usage", "text/plain")]
    [InlineData("/api/forecasts/runs", null)]
    public async Task A_state_changing_request_signed_in_by_cookie_without_the_token_answers_400_and_changes_nothing(string path, string? contentType)
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var batches = await CountBatchesAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = contentType is null ? null : new StringContent("timestamp,provider,model,team,input_tokens,output_tokens\n", Encoding.UTF8, contentType),
        };

        var response = await admin.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CountBatchesAsync()).ShouldBe(batches);
        // Still signed in: the logout did not happen.
        (await admin.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_form_posted_without_the_token_shows_the_page_that_says_why()
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);

        var response = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/forecasts/run") { Content = new FormUrlEncodedContent([]) });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"error-page\"");
    }

    [Theory]
    [InlineData("/forecasts/run")]
    [InlineData("/api/usage")]
    public async Task A_form_whose_body_ends_early_is_refused_and_logged_as_such_not_as_an_error(string path)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var logs = new LogRecorder(LogLevel.Information);
        await using var node = AppNode.Start(database, database.Options.ResolveDataFolder(), seedDemoUsage: false,
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var admin = await node.SignedInAsync(AppRoles.Admin);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(node.BaseAddress.Host, node.BaseAddress.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        // A multipart form that says it is 100,000 bytes long, then stops: a browser closed mid-upload, or a client that lies.
        var request = $"POST {path} HTTP/1.1\r\nHost: {node.BaseAddress.Authority}\r\n" +
            $"Cookie: {admin.Handler.CookieContainer.GetCookieHeader(node.BaseAddress)}\r\n" +
            "Content-Type: multipart/form-data; boundary=part\r\nContent-Length: 100000\r\n\r\n" +
            "--part\r\nContent-Disposition: form-data; name=\"file\"; filename=\"usage.csv\"\r\nContent-Type: text/csv\r\n\r\ntimestamp,provider\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        tcp.Client.Shutdown(SocketShutdown.Send);
        try
        {
            await new StreamReader(stream).ReadToEndAsync(TestContext.Current.CancellationToken);
        }
        catch (IOException)
        {
            // The server may reset the connection of a request whose body ended early rather than close it.
        }

        for (var wait = 0; wait < 100 && !logs.Messages.Any(m => m.Contains("could not be read", StringComparison.Ordinal)); wait++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        logs.Messages.ShouldContain(m => m.StartsWith("Information", StringComparison.Ordinal) && m.Contains($"Refused POST {path}: its body could not be read",
            StringComparison.Ordinal));
        logs.Messages.Where(m => m.StartsWith("Error", StringComparison.Ordinal) || m.StartsWith("Critical", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task With_the_token_the_same_requests_work()
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var token = await admin.TokenAsync("/forecasts");
        var api = new HttpRequestMessage(HttpMethod.Post, "/api/forecasts/runs");
        api.Headers.Add("RequestVerificationToken", token);
        (await admin.SendAsync(api)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await admin.PostFormAsync("/forecasts", "", [], action: "/forecasts/run")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task After_sign_out_a_copy_of_the_cookie_no_longer_signs_anyone_in()
    {
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var cookies = finance.Handler.CookieContainer.GetCookies(app.BaseAddress);
        using var copy = app.NewClient();
        foreach (Cookie cookie in cookies)
        {
            copy.Handler.CookieContainer.Add(app.BaseAddress, new Cookie(cookie.Name, cookie.Value));
        }
        (await copy.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await finance.PostFormAsync("/", "", [], action: "/logout")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await copy.GetAsync("/");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/login");
    }

    [Theory]
    [InlineData("/ingestion?batch=abc")]
    [InlineData("/usage?page=999999999999")]
    [InlineData("/usage?page=abc")]
    [InlineData("/usage?to=9999-12-31")]
    [InlineData("/usage?from=0001-01-01")]
    [InlineData("/compare?months=99999999999&utilisation=x&offer=y")]
    [InlineData("/scenarios?id=abc")]
    [InlineData("/scenarios/compare?ids=1&ids=abc")]
    public async Task A_bad_value_in_the_address_shows_the_page_or_its_message_never_an_error(string path)
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var response = await admin.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldNotContain("data-testid=\"error-page\"");
        if (path.Contains("9999-12-31") || path.Contains("0001-01-01"))
        {
            html.ShouldContain("is outside the dates usage can have");
        }
    }

    [Fact]
    public async Task The_access_denied_page_answers_403()
    {
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var denied = await finance.GetAsync("/users");
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await finance.GetAsync(denied.Headers.Location!.ToString());
        page.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await page.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"access-denied\"");
    }

    [Fact]
    public async Task An_upload_refused_for_its_size_leaves_no_file_behind()
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var uploads = Path.Combine(app.Database.Options.ResolveDataFolder(), "uploads");
        var before = Directory.Exists(uploads) ? Directory.GetFiles(uploads).Length : 0;
        var token = await admin.TokenAsync("/ingestion");
        // Sent without a length, so the size is found while the body is being stored.
        var body = new StreamContent(new MemoryStream(new byte[WebAppFixture.MaxUploadBytes * 2]));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/usage") { Content = body };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.TransferEncodingChunked = true;

        var response = await admin.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (Directory.Exists(uploads) ? Directory.GetFiles(uploads).Length : 0).ShouldBe(before);
    }

    [Theory]
    [InlineData("text/csv", null, ".csv")]
    [InlineData("application/x-ndjson", null, ".jsonl")]
    [InlineData("application/octet-stream", "attachment; filename=\"gateway-2026-04.csv\"", "gateway-2026-04.csv")]
    public async Task A_body_posted_to_the_api_is_named_for_what_it_is(string contentType, string? disposition, string expected)
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var token = await admin.TokenAsync("/ingestion");
        var body = contentType.Contains("ndjson")
            ? """{"timestamp":"2026-04-01T10:00:00Z","provider":"openai","model":"gpt-4o","team":"a","input_tokens":1,"output_tokens":1}""" + "\n"
            : "timestamp,provider,model,team,input_tokens,output_tokens\n2026-04-01T10:00:00Z,openai,gpt-4o,a,1,1\n";
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        if (disposition is not null)
        {
            content.Headers.ContentDisposition = System.Net.Http.Headers.ContentDispositionHeaderValue.Parse(disposition);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/usage") { Content = content };
        request.Headers.Add("RequestVerificationToken", token);

        var response = await admin.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("batchId").GetInt64();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.CostInsightsDbContext>();
        (await db.IngestionBatches.SingleAsync(b => b.Id == id)).FileName.ShouldEndWith(expected);
    }

    private async Task<int> CountBatchesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Core.Data.CostInsightsDbContext>().IngestionBatches.CountAsync();
    }
}

/// <summary>Sign-in failures: the same words and about the same time whether or not the account exists, and a limit per address.</summary>
public sealed class SignInTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    [Fact]
    public async Task A_wrong_email_and_a_wrong_password_read_alike_and_an_address_that_keeps_failing_waits()
    {
        var admin = DemoUsers.All.Single(u => u.Role == AppRoles.Admin);
        using var client = app.NewClient();

        var wrongPassword = await FailAsync(client, admin.Email, "not the password");
        var noAccount = await FailAsync(client, "nobody@example.com", "not the password");
        wrongPassword.ShouldContain(SignInService.Failed);
        noAccount.ShouldContain(SignInService.Failed);

        // Timing: a missing account is checked against a decoy hash, so it costs what a wrong password does.
        var missing = await TimeAsync(() => FailAsync(client, "nobody@example.com", "x"));
        var wrong = await TimeAsync(() => FailAsync(client, admin.Email, "x"));
        missing.ShouldBeGreaterThan(wrong / 4, $"a missing account took {missing.TotalMilliseconds} ms, a wrong password {wrong.TotalMilliseconds} ms");

        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            await FailAsync(client, $"user{i}@example.com", "guess");
        }
        var blocked = await FailAsync(client, admin.Email, admin.Password);
        blocked.ShouldContain("Too many failed sign-ins from your network address");
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await action();
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }
        return best;
    }

    private static async Task<string> FailAsync(AppClient client, string email, string password)
    {
        var response = await client.PostFormAsync("/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
