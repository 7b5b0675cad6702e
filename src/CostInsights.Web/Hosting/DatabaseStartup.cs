using CostInsights.Core.Data;
using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CostInsights.Web.Hosting;

/// <summary>Before the app listens: migrate, create roles, seed demo mode or insist on an admin.</summary>
public static partial class DatabaseStartup
{
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CostInsights.Startup");
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CostInsightsDbContext>();
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        LogDatabase(logger, database.Provider, database.Provider == DatabaseProvider.Sqlite ? database.ResolveDataFolder() : "(PostgreSQL)");
        await db.Database.MigrateAsync();

        var users = services.GetRequiredService<UserAdministration>();
        await users.EnsureRolesAsync();
        var demo = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo.Enabled)
        {
            var seeder = services.GetRequiredService<DemoSeeder>();
            await seeder.SeedUsersAsync();
            if (demo.SeedUsage)
            {
                var started = TimeProvider.System.GetTimestamp();
                var result = await seeder.SeedUsageAsync(CancellationToken.None);
                if (result.Seeded)
                {
                    LogDemoSeeded(logger, result.Records, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
                }
            }
            return true;
        }
        if (!await users.AnyAdminAsync())
        {
            LogNoAdmin(logger);
            return false;
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Provider}, data folder {DataFolder}")]
    private static partial void LogDatabase(ILogger logger, DatabaseProvider provider, string dataFolder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: generated {Records} usage records in {Seconds:0.0} s")]
    private static partial void LogDemoSeeded(ILogger logger, long records, double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "CostInsights will not start without an admin user. Create one with:  costinsights users add --email you@example.com --role Admin  (or run in demo mode with Demo__Enabled=true)")]
    private static partial void LogNoAdmin(ILogger logger);
}
