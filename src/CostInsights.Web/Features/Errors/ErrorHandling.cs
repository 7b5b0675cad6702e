using CostInsights.Web.Features.Account;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CostInsights.Web.Features.Errors;

/// <summary>
/// Errors never show a stack trace: the API answers with ProblemDetails (RFC 9457), pages with a
/// friendly error page that says what happened and what to do.
/// </summary>
public static class ErrorHandling
{
    public static IServiceCollection AddCostInsightsErrors(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    public static WebApplication UseCostInsightsErrors(this WebApplication app)
    {
        app.UseWhen(c => c.Request.IsApi(), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !c.Request.IsApi(), pages =>
        {
            pages.UseExceptionHandler("/error/500");
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        // Any method: a failed form post is re-executed as a POST.
        app.Map("/error/{code:int}", (int code) => new RazorComponentResult<ErrorDocument>(new { Code = code }))
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return app;
    }
}

/// <summary>Maps exceptions that reach an API endpoint to ProblemDetails; the details are logged, never sent.</summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!context.Request.IsApi())
        {
            return false;
        }
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
            OperationCanceledException => (StatusCodes.Status499ClientClosedRequest, "The request was cancelled."),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side. It has been logged."),
        };
        if (status >= 500)
        {
            LogUnhandled(logger, context.Request.Path, exception);
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title },
            Exception = exception,
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnhandled(ILogger logger, string path, Exception exception);
}
