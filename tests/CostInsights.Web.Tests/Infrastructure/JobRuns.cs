using CostInsights.Core.Data;
using CostInsights.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Infrastructure;

/// <summary>The runs of background jobs a node recorded.</summary>
public static class JobRuns
{
    /// <summary>Waits for a recorded run of the job after <paramref name="after"/> run ids, and returns it.</summary>
    public static async Task<JobRun> WaitForAsync(IServiceProvider services, string job, long after = 0, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
                if (await db.JobRuns.AsNoTracking().Where(r => r.JobName == job && r.Id > after).OrderBy(r => r.Id).FirstOrDefaultAsync() is { } run)
                {
                    return run;
                }
            }
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the job {job} did not run within {seconds} s");
            await Task.Delay(100);
        }
    }
}
