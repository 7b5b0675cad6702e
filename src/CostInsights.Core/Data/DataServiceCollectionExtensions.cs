using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The DbContext on the configured provider, with the hand-written migrations.</summary>
    public static IServiceCollection AddCostInsightsData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:Provider is postgres but Database:ConnectionString is empty.")
            .ValidateOnStart();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        // A factory for the interactive pages (one context per operation), and a context per request or scope for the rest.
        services.AddDbContextFactory<CostInsightsDbContext>(db => Configure(db, options));
        return services;
    }

    /// <summary>The user store without the web host's sign-in machinery, for the command line.</summary>
    public static IdentityBuilder AddCostInsightsIdentityCore(this IServiceCollection services) =>
        services.AddIdentityCore<IdentityUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CostInsightsDbContext>();

    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        // Length over composition rules, as NIST SP 800-63B recommends.
        options.Password.RequiredLength = 10;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireDigit = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireLowercase = false;
        options.Lockout.MaxFailedAccessAttempts = 10;
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseOptions options)
    {
        var connectionString = options.ResolveConnectionString();
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                db.UseNpgsql(connectionString, o => o.MigrationsAssembly(CostInsightsDbContext.MigrationsAssembly));
                break;
            default:
                Directory.CreateDirectory(options.ResolveDataFolder());
                db.UseSqlite(connectionString, o => o.MigrationsAssembly(CostInsightsDbContext.MigrationsAssembly))
                    .AddInterceptors(new SqlitePragmas());
                break;
        }
    }
}
