using CostInsights.Core.Users;
using Hangfire;
using Microsoft.AspNetCore.Mvc;

namespace CostInsights.Web.Features.Jobs;

public static class JobsEndpoints
{
    /// <summary>Where Hangfire's own dashboard is, for admins only: its pages, assets and actions.</summary>
    public const string DashboardPath = "/admin/hangfire";

    public static IEndpointRouteBuilder MapJobsEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post from the Jobs page: run a job now, then back to the page.
        app.MapPost("/jobs/run", ([FromForm] string name, JobStarter jobs) => jobs.Start(name)
                ? Results.LocalRedirect("/jobs?started=" + Uri.EscapeDataString(name))
                : Results.LocalRedirect("/jobs?unknown=" + Uri.EscapeDataString(name)))
            .RequireAuthorization(AppPolicies.Administer);

        // Access is the Admin policy's, as for every page: the dashboard's own authorization filters are cleared.
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [],
            AppPath = "/jobs",
            DashboardTitle = "CostInsights · background jobs",
            DisplayStorageConnectionString = false,
        }, app.ServiceProvider.GetRequiredService<JobStorage>()).RequireAuthorization(AppPolicies.Administer);
        return app;
    }
}
