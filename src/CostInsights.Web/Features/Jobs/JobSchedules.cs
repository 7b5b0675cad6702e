using CostInsights.Core.Data;
using CostInsights.Web.Features.Ingestion;
using CostInsights.Web.Features.PriceSheets;
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

    public static IServiceCollection AddCostInsightsJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
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

            q.AddJob<IngestUsageJob>(j => j.WithIdentity(IngestUsage)
                .WithDescription("Queues new files of the watched folder, then prices and stores queued usage; also started at once by each upload.")
                .StoreDurably(true)
                .DisallowConcurrentExecution(true));
            q.AddTrigger(t => t.ForJob(IngestUsage).WithIdentity("ingest-usage-sweep", "ingestion")
                .WithDescription("Every minute, UTC")
                .WithCronSchedule("0 * * * * ?", c => c.InTimeZone(TimeZoneInfo.Utc)));

            q.AddJob<HousekeepingJob>(j => j.WithIdentity(Housekeeping)
                .WithDescription("Deletes uploaded files of failed batches after a week, and job history after 30 days.")
                .StoreDurably(true)
                .DisallowConcurrentExecution(true));
            q.AddTrigger(t => t.ForJob(Housekeeping).WithIdentity("housekeeping-daily", "maintenance")
                .WithDescription("Daily at 03:15 UTC")
                .WithCronSchedule("0 15 3 * * ?", c => c.InTimeZone(TimeZoneInfo.Utc)));

            q.AddJob<RepriceJob>(j => j.WithIdentity(Reprice)
                .WithDescription("Re-prices months an activated price sheet reached back over; also started at once by each such activation.")
                .StoreDurably(true)
                .DisallowConcurrentExecution(true));
            q.AddTrigger(t => t.ForJob(Reprice).WithIdentity("reprice-sweep", "pricing")
                .WithDescription("Every 10 minutes, UTC")
                .WithCronSchedule("0 0/10 * * * ?", c => c.InTimeZone(TimeZoneInfo.Utc)));

            q.AddJob<Forecasts.ForecastJob>(j => j.WithIdentity(Forecast)
                .WithDescription("Forecasts every series' volumes and spend for the months ahead; also started from the Forecasts page.")
                .StoreDurably(true)
                .DisallowConcurrentExecution(true));
            q.AddTrigger(t => t.ForJob(Forecast).WithIdentity("forecast-after-month-close", "forecasting")
                .WithDescription("Monthly on the 2nd at 04:00 UTC, after the month closes")
                .WithCronSchedule("0 0 4 2 * ?", c => c.InTimeZone(TimeZoneInfo.Utc)));

            q.AddJob<Budgets.BudgetCheckJob>(j => j.WithIdentity(BudgetCheck)
                .WithDescription("Writes an alert when actual spend or the newest forecast crosses a monthly budget, once per budget month.")
                .StoreDurably(true)
                .DisallowConcurrentExecution(true));
            q.AddTrigger(t => t.ForJob(BudgetCheck).WithIdentity("budget-check-daily", "forecasting")
                .WithDescription("Daily at 05:00 UTC")
                .WithCronSchedule("0 0 5 * * ?", c => c.InTimeZone(TimeZoneInfo.Utc)));

            q.AddJob<Anomalies.AnomalyScanJob>(j => j.WithIdentity(AnomalyScan)
                .WithDescription("Flags the last two weeks' days whose spend fell far outside their weekday's usual band.")
                .StoreDurably(true)
                .DisallowConcurrentExecution(true));
            q.AddTrigger(t => t.ForJob(AnomalyScan).WithIdentity("anomaly-scan-daily", "forecasting")
                .WithDescription("Daily at 05:30 UTC")
                .WithCronSchedule("0 30 5 * * ?", c => c.InTimeZone(TimeZoneInfo.Utc)));

            q.AddJobListener<JobRunRecorder>([]);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
