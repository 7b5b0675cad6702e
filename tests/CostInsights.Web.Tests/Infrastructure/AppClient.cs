using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace CostInsights.Web.Tests.Infrastructure;

/// <summary>A browser-like HTTP client: keeps cookies, reads antiforgery tokens from forms, posts forms.</summary>
public sealed partial class AppClient : IDisposable
{
    private readonly HttpClient _http;

    public AppClient(Uri baseAddress)
    {
        Handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        _http = new HttpClient(Handler) { BaseAddress = baseAddress };
    }

    public HttpClientHandler Handler { get; }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>The antiforgery token of the form on a page.</summary>
    public async Task<string> TokenAsync(string path)
    {
        var token = TokenPattern().Match(await GetPageAsync(path));
        token.Success.ShouldBeTrue($"no antiforgery token on {path}");
        return token.Groups[1].Value;
    }

    public async Task<string> GetPageAsync(string path)
    {
        var response = await _http.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path}");
        return await response.Content.ReadAsStringAsync();
    }

    public async Task SignInAsync(string email, string password)
    {
        var response = await PostFormAsync("/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"signing in as {email}");
    }

    /// <summary>Uploads a usage file as the Ingestion page's upload control does: a multipart POST to its endpoint, with the page's token.</summary>
    public Task<HttpResponseMessage> UploadUsageAsync(Dictionary<string, string> fields, (string Field, string FileName, string Content) file) =>
        PostFormAsync("/ingestion", "", fields, file, "/ingestion/upload");

    /// <summary>Uploads a price sheet as the Price sheets page's upload control does: a multipart POST to its endpoint, with the page's token.</summary>
    public Task<HttpResponseMessage> UploadPriceSheetAsync(Dictionary<string, string> fields, (string Field, string FileName, string Content) file) =>
        PostFormAsync("/price-sheets", "", fields, file, "/price-sheets/upload");

    /// <summary>The page of the draft an accepted price-sheet upload made.</summary>
    public static async Task<string> DraftPageAsync(HttpResponseMessage upload)
    {
        var body = await upload.Content.ReadAsStringAsync();
        upload.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        using var answer = System.Text.Json.JsonDocument.Parse(body);
        return $"/price-sheets/{answer.RootElement.GetProperty("id").GetInt32()}";
    }

    /// <summary>Posts a server-rendered form by its name, with the antiforgery token of the page it is on.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string formName, Dictionary<string, string> fields,
        (string Field, string FileName, string Content)? file = null, string? action = null)
    {
        var page = await GetPageAsync(path);
        var token = TokenPattern().Match(page);
        token.Success.ShouldBeTrue($"no antiforgery token on {path}");
        if (file is null)
        {
            var form = new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = token.Groups[1].Value };
            return await _http.PostAsync(action ?? path, new FormUrlEncodedContent(form));
        }
        var multipart = new MultipartFormDataContent
        {
            { new StringContent(formName), "_handler" },
            { new StringContent(token.Groups[1].Value), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields)
        {
            multipart.Add(new StringContent(value), name);
        }
        var bytes = new ByteArrayContent(Encoding.UTF8.GetBytes(file.Value.Content));
        bytes.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        multipart.Add(bytes, file.Value.Field, file.Value.FileName);
        return await _http.PostAsync(action ?? path, multipart);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
