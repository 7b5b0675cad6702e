using CostInsights.Core.Jobs;
using CostInsights.Web.Features.Anomalies;
using CostInsights.Web.Features.Budgets;
using CostInsights.Web.Features.Forecasts;
using CostInsights.Web.Features.Ingestion;
using CostInsights.Web.Features.PriceSheets;

namespace CostInsights.Web.Features.Jobs;

/// <summary>A recurring job: its id, what it does, and when it runs (a five-field cron expression, in UTC).</summary>
public sealed record JobDefinition(string Id, Type Type, string Description, string Schedule, string Cron);

/// <summary>
/// Every background job and its schedule, in one place, in UTC. A setting <c>Jobs:Schedules:{id}</c> replaces a job's cron
/// expression, or turns the job off with <c>off</c>.
/// </summary>
public static class JobCatalog
{
    /// <summary>The setting that replaces a job's schedule.</summary>
    public const string SchedulesSection = "Jobs:Schedules";

    /// <summary>The value of <c>Jobs:Schedules:{id}</c> that turns a job off.</summary>
    public const string Off = "off";

    public static readonly IReadOnlyList<JobDefinition> All =
    [
        new(JobIds.IngestUsage, typeof(IngestUsageJob),
            "Queues new files of the watched folder, then prices and stores queued usage; also started at once by each upload.",
            "Every minute, UTC", "* * * * *"),
        new(JobIds.Housekeeping, typeof(HousekeepingJob),
            "Deletes uploaded files of failed batches after a week, and job history after 30 days.",
            "Daily at 03:15 UTC", "15 3 * * *"),
        new(JobIds.Reprice, typeof(RepriceJob),
            "Re-prices months an activated price sheet reached back over; also started at once by each such activation.",
            "Every 10 minutes, UTC", "*/10 * * * *"),
        new(JobIds.Forecast, typeof(ForecastJob),
            "Forecasts every series' volumes and spend for the months ahead; also started from the Forecasts page.",
            "Monthly on the 2nd at 04:00 UTC, after the month closes", "0 4 2 * *"),
        new(JobIds.BudgetCheck, typeof(BudgetCheckJob),
            "Writes an alert when actual spend or the newest forecast crosses a monthly budget, once per budget month.",
            "Daily at 05:00 UTC", "0 5 * * *"),
        new(JobIds.AnomalyScan, typeof(AnomalyScanJob),
            "Flags the last two weeks' days whose spend fell far outside their weekday's usual band.",
            "Daily at 05:30 UTC", "30 5 * * *"),
    ];

    public static JobDefinition? Find(string id) => All.FirstOrDefault(j => j.Id == id);

    /// <summary>The job's schedule after settings: its cron expression and words for it, or null when the settings turn it off.</summary>
    public static (string Cron, string Schedule)? ScheduleOf(JobDefinition job, IConfiguration configuration)
    {
        var setting = configuration[$"{SchedulesSection}:{job.Id}"];
        if (string.IsNullOrWhiteSpace(setting))
        {
            return (job.Cron, job.Schedule);
        }
        var cron = setting.Trim();
        return string.Equals(cron, Off, StringComparison.OrdinalIgnoreCase) ? null : (cron, $"{cron} (cron, UTC; set in {SchedulesSection})");
    }
}
