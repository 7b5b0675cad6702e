using CostInsights.Web.Features.Account;
using Microsoft.AspNetCore.Antiforgery;

namespace CostInsights.Web.Features.Security;

/// <summary>
/// Every request that changes something and is signed in by the login cookie carries the
/// antiforgery token (a form field or the <c>RequestVerificationToken</c> header), whatever the
/// endpoint: another site's page cannot post with the user's cookie. A request signed in by an API
/// key needs none, since no browser sends the key by itself; nor does the interactive pages' connection. A missing or wrong token answers 400.
/// </summary>
public static partial class CookieAntiforgery
{
    public static IApplicationBuilder UseCookieAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var changes = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || HttpMethods.IsTrace(request.Method));
        if (changes && !IsCircuit(request) && context.User.Identity?.IsAuthenticated == true && ApiKeyAuthentication.KeyOf(request) is null
            && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            LogRefused(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CookieAntiforgery)), request.Method,
                request.Path.Value ?? "");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            if (request.IsApi())
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token",
                    detail: "A request signed in by the login cookie must carry the page's antiforgery token; programs should use an API key instead.")
                        .ExecuteAsync(context);
            }
            // Pages get the friendly 400 page from the status-code pages.
            return;
        }
        await next();
    });

    /// <summary>
    /// The interactive pages' connection (<c>/_blazor</c>): its requests carry no form, and what a
    /// circuit does is bound to the page the server rendered for this user, which another site cannot read.
    /// </summary>
    private static bool IsCircuit(HttpRequest request) => request.Path.StartsWithSegments("/_blazor");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: signed in by cookie without a valid antiforgery token")]
    private static partial void LogRefused(ILogger logger, string method, string path);
}
