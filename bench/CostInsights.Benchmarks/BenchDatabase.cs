using CostInsights.Core;
using CostInsights.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CostInsights.Benchmarks;

/// <summary>
/// A benchmark's own migrated database, with Core's services over it: SQLite in a temporary folder,
/// or a new PostgreSQL database created through an administrator's connection; dropped on dispose.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly (string Admin, string Name)? _postgres;

    private BenchDatabase(DirectoryInfo folder, ServiceProvider services, (string, string)? postgres) =>
        (_folder, Services, _postgres) = (folder, services, postgres);

    public ServiceProvider Services { get; }

    public static Task<BenchDatabase> CreateAsync(Action<IServiceCollection>? configure, CancellationToken cancellationToken) =>
        CreateAsync(DatabaseProvider.Sqlite, null, configure, cancellationToken);

    /// <param name="postgresAdmin">For PostgreSQL, a connection string allowed to create databases.</param>
    public static Task<BenchDatabase> CreateAsync(DatabaseProvider provider, string? postgresAdmin, Action<IServiceCollection>? configure,
        CancellationToken cancellationToken) =>
        CreateAsync(provider, postgresAdmin, configure is null ? null : (services, _) => configure(services), cancellationToken);

    /// <param name="configure">Further services, given the benchmark database's settings.</param>
    public static async Task<BenchDatabase> CreateAsync(DatabaseProvider provider, string? postgresAdmin,
        Action<IServiceCollection, IConfiguration>? configure, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("costinsights-bench");
        var settings = new Dictionary<string, string?> { ["Database:DataFolder"] = folder.FullName };
        (string, string)? postgres = null;
        if (provider == DatabaseProvider.Postgres)
        {
            var name = $"costinsights_bench_{Guid.NewGuid():N}";
            await ExecuteAsync(postgresAdmin!, $"CREATE DATABASE \"{name}\"", cancellationToken);
            postgres = (postgresAdmin!, name);
            settings["Database:Provider"] = "Postgres";
            settings["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = name }.ConnectionString;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddCostInsightsCore(configuration);
        configure?.Invoke(services, configuration);
        var database = new BenchDatabase(folder, services.BuildServiceProvider(), postgres);
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>().Database.MigrateAsync(cancellationToken);
        return database;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_postgres is var (admin, name))
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
        }
        _folder.Delete(recursive: true);
    }
}
