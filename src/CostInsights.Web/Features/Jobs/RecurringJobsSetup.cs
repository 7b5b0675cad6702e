using CostInsights.Core.Jobs;
using Hangfire;

namespace CostInsights.Web.Features.Jobs;

/// <summary>
/// Declares the catalog's recurring jobs in the job storage at start-up, in UTC, with the schedules the settings give, and
/// removes those the settings turn off. A cron expression that does not parse stops start-up, naming the setting. Then it
/// starts the jobs that finish what a stopped node left undone.
/// </summary>
public sealed class RecurringJobsSetup(IRecurringJobManager recurring, JobStarter jobs, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var job in JobCatalog.All)
        {
            if (JobCatalog.ScheduleOf(job, configuration) is not { } schedule)
            {
                recurring.RemoveIfExists(job.Id);
                continue;
            }
            try
            {
                recurring.AddOrUpdate(job.Id, JobStarter.Call(job.Type), schedule.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException(
                    $"{JobCatalog.SchedulesSection}:{job.Id} is '{schedule.Cron}', which is not a cron expression " +
                    $"(five fields, minute hour day month weekday, in UTC, or '{JobCatalog.Off}'): {e.InnerException?.Message ?? e.Message}", e);
            }
        }
        // Work a stopped or killed node left (a batch part-stored, a re-price asked for) is taken up now, not at the next fire.
        jobs.Start(JobIds.IngestUsage);
        jobs.Start(JobIds.Reprice);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
