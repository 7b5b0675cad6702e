using CostInsights.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Quartz;

namespace CostInsights.Web.Features.Jobs;

public static class JobsEndpoints
{
    public static IEndpointRouteBuilder MapJobsEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post from the Jobs page: run a job now, then back to the page.
        app.MapPost("/jobs/run", async ([FromForm] string group, [FromForm] string name, ISchedulerFactory schedulers, CancellationToken cancellationToken) =>
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var key = new JobKey(name, group);
            if (!await scheduler.Exists(key, cancellationToken))
            {
                return Results.LocalRedirect("/jobs?unknown=" + Uri.EscapeDataString(name));
            }
            await scheduler.TriggerJob(key, cancellationToken);
            return Results.LocalRedirect("/jobs?started=" + Uri.EscapeDataString(name));
        }).RequireAuthorization(AppPolicies.Administer);
        return app;
    }
}
