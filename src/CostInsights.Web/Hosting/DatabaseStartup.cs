using CostInsights.Core.Data;
using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Jobs;
using Microsoft.Extensions.Options;

namespace CostInsights.Web.Hosting;

/// <summary>
/// Runs before the job server and the web server start: migrates the database and the job storage's schema, creates the roles,
/// seeds demo mode, and outside demo mode refuses to start without an admin.
/// </summary>
public sealed partial class DatabaseStartup(IServiceScopeFactory scopes, IOptions<DemoOptions> demo, ILogger<DatabaseStartup> logger) : IHostedService
{
    public const string NoAdminMessage =
        "CostInsights will not start without an admin user. Create one with:  costinsights users add --email you@example.com --role Admin  (or run in demo " +
            "mode with Demo__Enabled=true)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CostInsightsDbContext>();
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        LogDatabase(logger, database.Provider, database.Provider == DatabaseProvider.Sqlite ? database.ResolveDataFolder() : "(PostgreSQL)");
        // Nodes starting together on one database take turns: the first migrates and seeds, the others find it done.
        await using var startupLock = await DatabaseStartupLock.AcquireAsync(database, cancellationToken);
        await DatabaseStartupLock.MigrateHeldAsync(db, cancellationToken);
        await JobsSetup.InstallSchemaAsync(database, cancellationToken);

        var users = services.GetRequiredService<UserAdministration>();
        await users.EnsureRolesAsync();
        if (demo.Value.Enabled)
        {
            var seeder = services.GetRequiredService<DemoSeeder>();
            await seeder.SeedUsersAsync();
            if (demo.Value.SeedUsage)
            {
                var started = TimeProvider.System.GetTimestamp();
                var result = await seeder.SeedUsageAsync(cancellationToken);
                if (result.Seeded)
                {
                    LogDemoSeeded(logger, result.Records, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
                    await seeder.SeedPlanAsync(cancellationToken);
                }
            }
            return;
        }
        if (!await users.AnyAdminAsync())
        {
            LogNoAdmin(logger);
            throw new StartupRefusedException(NoAdminMessage);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Provider}, data folder {DataFolder}")]
    private static partial void LogDatabase(ILogger logger, DatabaseProvider provider, string dataFolder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: generated {Records} usage records in {Seconds:0.0} s")]
    private static partial void LogDemoSeeded(ILogger logger, long records, double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = NoAdminMessage)]
    private static partial void LogNoAdmin(ILogger logger);
}

/// <summary>The app declines to start, for a reason its message gives to the operator.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);
