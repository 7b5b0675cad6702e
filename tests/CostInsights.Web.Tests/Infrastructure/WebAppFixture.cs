using CostInsights.Core.Data;
using CostInsights.Testing;

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
    private AppNode? _node;

    public Uri BaseAddress => _node!.BaseAddress;

    public IServiceProvider Services => _node!.Services;

    public TestDatabase Database => _database!;

    protected virtual bool SeedDemoUsage => false;

    public async ValueTask InitializeAsync()
    {
        if (provider == DatabaseProvider.Postgres && TestEnvironment.PostgresAdminConnection is null)
        {
            return;
        }
        _database = await TestDatabase.CreateAsync(provider);
        _node = AppNode.Start(_database, _database.Options.ResolveDataFolder(), SeedDemoUsage);
    }

    public AppClient NewClient() => _node!.NewClient();

    /// <summary>A client signed in as the demo user of a role.</summary>
    public Task<AppClient> SignedInAsync(string role) => _node!.SignedInAsync(role);

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
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
