using System.Security.Claims;
using System.Text.Encodings.Web;
using CostInsights.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CostInsights.Web.Features.Account;

/// <summary>
/// Signs in an API request by its key, sent as <c>Authorization: Bearer ci_…</c> or <c>X-Api-Key: ci_…</c>.
/// The key's scope becomes a claim the policies read; an API key never opens a page.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "costinsights:api-scope";

    /// <summary>The key on an API request, or null when it carries none.</summary>
    public static string? KeyOf(HttpRequest request)
    {
        if (!request.IsApi())
        {
            return null;
        }
        if (request.Headers["X-Api-Key"].FirstOrDefault() is { Length: > 0 } header)
        {
            return header.Trim();
        }
        var authorization = request.Headers.Authorization.FirstOrDefault();
        return authorization is not null && authorization.StartsWith("Bearer ci_", StringComparison.Ordinal) ? authorization["Bearer ".Length..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (KeyOf(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }
        var key = await keys.ValidateAsync(token, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"api-key:{key.Name}"), new Claim(ScopeClaim, key.Scope)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }
}
