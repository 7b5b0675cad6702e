using CostInsights.Core.Ingestion;
using Microsoft.AspNetCore.Http.Features;
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
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
        }
        await next();
    });

    public static string Describe(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";
}
