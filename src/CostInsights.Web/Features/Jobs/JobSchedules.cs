using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using CostInsights.Web.Features.Ingestion;
using CostInsights.Web.Features.PriceSheets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace CostInsights.Web.Features.Jobs;

/// <summary>Every background job and its schedule, in one place, in UTC.</summary>
public static class JobSchedules
{
    public static readonly JobKey IngestUsage = new("ingest-usage", "ingestion");
    public static readonly JobKey Housekeeping = new("housekeeping", "maintenance");
    public static readonly JobKey Reprice = new("reprice", "pricing");
    public static readonly JobKey Forecast = new("forecast", "forecasting");
    public static readonly JobKey BudgetCheck = new("budget-check", "forecasting");
    public static readonly JobKey AnomalyScan = new("anomaly-scan", "forecasting");

    /// <summary>Whether this node runs background jobs (default true); with PostgreSQL a node may leave them to the others.</summary>
    public const string RunOnThisNode = "Jobs:RunOnThisNode";

    public static IServiceCollection AddCostInsightsJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.Replace(ServiceDescriptor.Scoped<IRepriceQueue, ScheduledReprice>());
        services.AddQuartz(q =>
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                // Shared job store: each job runs once across the cluster and survives restarts.
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(database.ResolveConnectionString());
                    store.UseClustering(_ => { });
                    store.ProvisionSchema();
                });
            }

            q.AddScheduledJob<IngestUsageJob>(IngestUsage,
                "Queues new files of the watched folder, then prices and stores queued usage; also started at once by each upload.",
                new TriggerKey("ingest-usage-sweep", "ingestion"), "Every minute, UTC", "0 * * * * ?");

            q.AddScheduledJob<HousekeepingJob>(Housekeeping, "Deletes uploaded files of failed batches after a week, and job history after 30 days.",
                new TriggerKey("housekeeping-daily", "maintenance"), "Daily at 03:15 UTC", "0 15 3 * * ?");

            q.AddScheduledJob<RepriceJob>(Reprice, "Re-prices months an activated price sheet reached back over; also started at once by each such activation.",
                new TriggerKey("reprice-sweep", "pricing"), "Every 10 minutes, UTC", "0 0/10 * * * ?");

            q.AddScheduledJob<Forecasts.ForecastJob>(Forecast,
                "Forecasts every series' volumes and spend for the months ahead; also started from the Forecasts page.",
                new TriggerKey("forecast-after-month-close", "forecasting"), "Monthly on the 2nd at 04:00 UTC, after the month closes", "0 0 4 2 * ?");

            q.AddScheduledJob<Budgets.BudgetCheckJob>(BudgetCheck,
                "Writes an alert when actual spend or the newest forecast crosses a monthly budget, once per budget month.",
                new TriggerKey("budget-check-daily", "forecasting"), "Daily at 05:00 UTC", "0 0 5 * * ?");

            q.AddScheduledJob<Anomalies.AnomalyScanJob>(AnomalyScan, "Flags the last two weeks' days whose spend fell far outside their weekday's usual band.",
                new TriggerKey("anomaly-scan-daily", "forecasting"), "Daily at 05:30 UTC", "0 30 5 * * ?");

            q.AddJobListener<JobRunRecorder>([]);
        });
        // A node that only serves pages still queues jobs into the shared store; the nodes that run jobs run them.
        if (configuration.GetValue(RunOnThisNode, true) || database.Provider != DatabaseProvider.Postgres)
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }
        return services;
    }

    /// <summary>
    /// A durable job that never runs twice at once, and its cron trigger in UTC. Triggers keep their keys:
    /// a shared job store replaces a trigger of the same key rather than adding a second one.
    /// </summary>
    private static void AddScheduledJob<TJob>(this IQuartzBuilder q, JobKey key, string description,
        TriggerKey trigger, string schedule, string cron) where TJob : IJob
    {
        q.AddJob<TJob>(j => j.WithIdentity(key).WithDescription(description).StoreDurably(true).DisallowConcurrentExecution(true));
        q.AddTrigger(t => t.ForJob(key).WithIdentity(trigger).WithDescription(schedule)
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc)));
    }
}
