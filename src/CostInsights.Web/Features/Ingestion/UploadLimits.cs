using CostInsights.Core.Ingestion;
using CostInsights.Web.Features.Account;
using CostInsights.Web.Features.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CostInsights.Web.Features.Ingestion;

/// <summary>Refuses an upload over the configured size before any of it is read.</summary>
public static class UploadLimits
{
    public static IServiceCollection AddUploadLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var max = configuration.GetSection(IngestionOptions.Section).Get<IngestionOptions>()?.MaxUploadBytes ?? new IngestionOptions().MaxUploadBytes;
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = max);
        return services;
    }

    public static IApplicationBuilder UseUploadLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            var max = context.RequestServices.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxUploadBytes;
            // A little room for the form's other fields and multipart boundaries.
            var limit = max + 64 * 1024;
            if (context.Request.ContentLength > limit)
            {
                await RefuseAsync(context);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
        }
        await next();
    });

    // Answered here rather than by the status-code pages: the request body is deliberately left unread.
    private static async Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        if (context.Request.IsApi())
        {
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Title = "The upload is larger than the configured limit." },
            });
            return;
        }
        await new RazorComponentResult<ErrorDocument>(new { Code = StatusCodes.Status413PayloadTooLarge }).ExecuteAsync(context);
    }

    public static string Describe(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";
}
