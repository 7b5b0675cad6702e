using CostInsights.Web.Features.Account;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

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
        if (changes && !IsCircuit(request) && !IsErrorPage(context) && context.User.Identity?.IsAuthenticated == true
            && ApiKeyAuthentication.KeyOf(request) is null && await RefusedAsync(context))
        {
            return;
        }
        await next();
    });

    /// <summary>
    /// Whether the request is refused, answering it when it is: it lacks a valid token, or its body (which holds a form's token)
    /// could not be read, having ended before the length it announced (a browser closed mid-upload) or arrived too slowly. Either
    /// answers 400 and is logged as a refusal, not as an error.
    /// </summary>
    private static async Task<bool> RefusedAsync(HttpContext context)
    {
        var request = context.Request;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CookieAntiforgery));
        try
        {
            if (await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                return false;
            }
        }
        catch (AntiforgeryValidationException e) when (e.InnerException is BadHttpRequestException or IOException)
        {
            LogUnreadable(logger, request.Method, request.Path.Value ?? "", e.InnerException.Message);
            await ProblemAsync(context, "The request's body could not be read",
                "It ended before the length it announced, or arrived too slowly. Send it again.");
            return true;
        }
        LogRefused(logger, request.Method, request.Path.Value ?? "");
        await ProblemAsync(context, "Missing or invalid antiforgery token",
            "A request signed in by the login cookie must carry the page's antiforgery token; programs should use an API key instead.");
        return true;
    }

    /// <summary>Answers 400: the API with a problem saying why, pages with the friendly 400 page from the status-code pages.</summary>
    private static async Task ProblemAsync(HttpContext context, string title, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (context.Request.IsApi())
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail).ExecuteAsync(context);
        }
    }

    /// <summary>
    /// The error page that the status-code pages or the exception handler render in place of a refused or failed request (as
    /// that request's method, a POST for a form): it changes nothing, and it must render even though that request was refused.
    /// </summary>
    private static bool IsErrorPage(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerPathFeature>() is not null;

    /// <summary>
    /// The interactive pages' connection (<c>/_blazor</c>): its requests carry no form, and what a
    /// circuit does is bound to the page the server rendered for this user, which another site cannot read.
    /// </summary>
    private static bool IsCircuit(HttpRequest request) => request.Path.StartsWithSegments("/_blazor");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: signed in by cookie without a valid antiforgery token")]
    private static partial void LogRefused(ILogger logger, string method, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path}: its body could not be read ({Reason})")]
    private static partial void LogUnreadable(ILogger logger, string method, string path, string reason);
}
