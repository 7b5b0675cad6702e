using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using CostInsights.Web.Features.PriceSheets;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace CostInsights.Web.Features.Jobs;

/// <summary>
/// Hangfire runs the background jobs. Its storage follows the database: with SQLite a file of its own in the data folder,
/// with PostgreSQL the schema <c>hangfire</c> of the same database, installed once at start-up under the start-up lock. The
/// storage, filters and activator belong to this host, not to Hangfire's static configuration, so several hosts can share
/// a process (as tests do).
/// </summary>
public static class JobsSetup
{
    public const string PostgresSchema = "hangfire";
    public const string SqliteFile = "hangfire.db";

    public static IServiceCollection AddCostInsightsJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var options = configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();

        services.AddSingleton(_ => CreateStorage(database, TimeSpan.FromMilliseconds(options.PollMilliseconds)));
        services.AddSingleton<JobRunRecorder>();
        services.AddSingleton<IJobLocks>(_ => database.Provider == DatabaseProvider.Postgres ? new PostgresJobLocks(database) : new ProcessJobLocks());
        services.AddSingleton<IJobFilterProvider>(provider => Filters(provider, options));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<JobStarter>();
        services.Replace(ServiceDescriptor.Scoped<IRepriceQueue, ScheduledReprice>());
        foreach (var job in JobCatalog.All)
        {
            services.AddScoped(job.Type);
        }
        services.AddHostedService<RecurringJobsSetup>();
        // A node that only serves pages still queues jobs into the shared storage; the nodes that run jobs run them.
        if (options.RunOnThisNode || database.Provider != DatabaseProvider.Postgres)
        {
            services.AddHangfireServer(server =>
            {
                server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                // One process may hold several hosts (tests do): each server gets a name of its own.
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
            });
        }
        return services;
    }

    /// <summary>Installs or upgrades Hangfire's schema in PostgreSQL; the caller holds the start-up lock, so it runs once.</summary>
    public static async Task InstallSchemaAsync(DatabaseOptions database, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }
        await using var connection = new NpgsqlConnection(database.ResolveConnectionString());
        await connection.OpenAsync(cancellationToken);
        PostgreSqlObjectsInstaller.Install(connection, PostgresSchema);
    }

    private static JobStorage CreateStorage(DatabaseOptions database, TimeSpan poll)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = PostgresSchema,
                PrepareSchemaIfNecessary = false,
                QueuePollInterval = poll,
                // Queued work wakes a waiting server at once (LISTEN/NOTIFY) rather than at its next poll.
                EnableLongPolling = true,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ResolveConnectionString(), options), options);
        }
        var folder = database.ResolveDataFolder();
        Directory.CreateDirectory(folder);
        return new SQLiteStorage(Path.Combine(folder, SqliteFile), new SQLiteStorageOptions { QueuePollInterval = poll });
    }

    /// <summary>
    /// The filters every job runs with, first to last: one run at a time, the run recorded, passing faults retried (instead
    /// of Hangfire's ten automatic retries of any failure), statistics for the dashboard, and attributes on the jobs.
    /// </summary>
    private static IJobFilterProvider Filters(IServiceProvider provider, JobOptions options)
    {
        var filters = new JobFilterCollection();
        filters.Add(new OneAtATime(provider.GetRequiredService<IJobLocks>()), order: 0);
        filters.Add(provider.GetRequiredService<JobRunRecorder>(), order: 1);
        filters.Add(new RetryPassingFaults([.. options.RetryDelaysSeconds.Select(s => TimeSpan.FromSeconds(s))]));
        filters.Add(new StatisticsHistoryAttribute());
        filters.Add(new ContinuationsSupportAttribute());
        return new JobFilterProviderCollection(filters, new JobFilterAttributeFilterProvider());
    }
}
