using CostInsights.Core;
using CostInsights.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostInsights.Cli;

/// <summary>A benchmark's own migrated SQLite database in a temporary folder, with Core's services over it; deleted on dispose.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;

    private BenchDatabase(DirectoryInfo folder, ServiceProvider services) => (_folder, Services) = (folder, services);

    public ServiceProvider Services { get; }

    public static async Task<BenchDatabase> CreateAsync(Action<IServiceCollection>? configure, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("costinsights-bench");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataFolder"] = folder.FullName }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddCostInsightsCore(configuration);
        configure?.Invoke(services);
        var database = new BenchDatabase(folder, services.BuildServiceProvider());
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>().Database.MigrateAsync(cancellationToken);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
