namespace CostInsights.Web.Features.Security;

/// <summary>
/// Headers on every response that keep a page's content from being run, framed or sniffed as
/// something else: scripts only from this site (never inline), no framing, no MIME sniffing, no
/// referrer sent off-site, and HSTS when served over HTTPS.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts and connections only from this origin. Styles allow inline attributes, which the charts
    /// and progress bars set; a style cannot run script.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // ASP.NET Core's own HSTS: sent over HTTPS only, and never for localhost.
        app.UseHsts();
        return app.Use(Add);
    }

    private static async Task Add(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next();
    }
}
