using CostInsights.Core.Data;
using CostInsights.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CostInsights.Web.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel at a free port on 127.0.0.1, on a fresh database, in demo mode for its
/// users but without demo usage, with the clock fixed at <see cref="Now"/>.
/// </summary>
public abstract class WebAppFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Uploads over this size are refused; small so the test can exceed it cheaply.</summary>
    public const long MaxUploadBytes = 256 * 1024;

    private TestDatabase? _database;
    private WebApplicationFactory<Program>? _factory;

    public Uri BaseAddress { get; private set; } = default!;

    public IServiceProvider Services => _factory!.Services;

    public TestDatabase Database => _database!;

    protected virtual bool SeedDemoUsage => false;

    public async ValueTask InitializeAsync()
    {
        if (provider == DatabaseProvider.Postgres && TestEnvironment.PostgresAdminConnection is null)
        {
            return;
        }
        _database = await TestDatabase.CreateAsync(provider);
        var options = _database.Options;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseUrls("http://127.0.0.1:0");
            web.UseSetting("Database:Provider", options.Provider.ToString());
            web.UseSetting("Database:ConnectionString", options.ConnectionString ?? "");
            web.UseSetting("Database:DataFolder", options.ResolveDataFolder());
            web.UseSetting("Demo:Enabled", "true");
            web.UseSetting("Demo:SeedUsage", SeedDemoUsage.ToString());
            web.UseSetting("Ingestion:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
            });
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public AppClient NewClient() => new(BaseAddress);

    /// <summary>A client signed in as the demo user of a role.</summary>
    public async Task<AppClient> SignedInAsync(string role)
    {
        var client = NewClient();
        var user = CostInsights.Core.Demo.DemoUsers.All.Single(u => u.Role == role);
        await client.SignInAsync(user.Email, user.Password);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteWebAppFixture() : WebAppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresWebAppFixture() : WebAppFixture(DatabaseProvider.Postgres);
