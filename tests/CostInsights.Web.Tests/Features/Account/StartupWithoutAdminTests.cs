using CostInsights.Core;
using CostInsights.Core.Data;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CostInsights.Web.Tests.Features.Account;

/// <summary>Start-up outside demo mode: migrate, then refuse to run until an admin exists.</summary>
public sealed class StartupWithoutAdminTests
{
    private static ServiceProvider Services(TestDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataFolder"] = database.Options.ResolveDataFolder(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCostInsightsCore(configuration);
        services.AddCostInsightsIdentityCore();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Outside_demo_mode_it_refuses_to_start_without_an_admin_and_starts_once_there_is_one()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = Services(database);
        var startup = new DatabaseStartup(services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new DemoOptions { Enabled = false }), NullLogger<DatabaseStartup>.Instance);

        var refused = await Should.ThrowAsync<StartupRefusedException>(() => startup.StartAsync(CancellationToken.None));
        refused.Message.ShouldContain("costinsights users add --email you@example.com --role Admin");

        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            (await users.AddAsync("ops@example.com", "a-long-secret-password", AppRoles.Admin)).Succeeded.ShouldBeTrue();
        }
        await startup.StartAsync(CancellationToken.None);
    }
}
