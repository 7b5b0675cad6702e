using System.Net;
using CostInsights.Core.Data;
using CostInsights.Core.Users;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Jobs;

public sealed class JobsPageTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    [Fact]
    public async Task The_jobs_page_lists_schedules_and_an_admin_can_run_a_job_now()
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);

        var page = await admin.GetPageAsync("/jobs");
        page.ShouldContain("data-job=\"ingest-usage\"");
        page.ShouldContain("Every minute, UTC");
        page.ShouldContain("data-job=\"housekeeping\"");
        page.ShouldContain("Daily at 03:15 UTC");

        var response = await admin.PostFormAsync("/jobs", "", new() { ["group"] = "maintenance", ["name"] = "housekeeping" }, action: "/jobs/run");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/jobs?started=housekeeping");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
            var run = await db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.JobName == "housekeeping");
            if (run is not null)
            {
                run.Succeeded.ShouldBeTrue(run.Message);
                run.Message.ShouldBe("0 uploads deleted, 0 old job runs pruned");
                break;
            }
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the job did not run");
            await Task.Delay(100);
        }
        var after = await admin.GetPageAsync("/jobs");
        after.ShouldContain("succeeded");
        after.ShouldContain("0 uploads deleted, 0 old job runs pruned");
    }
}
