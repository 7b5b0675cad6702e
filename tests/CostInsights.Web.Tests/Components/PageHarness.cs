using System.Text;
using Bunit;
using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Features.Budgets;
using CostInsights.Web.Features.Compare;
using CostInsights.Web.Features.Forecasts;
using CostInsights.Web.Features.Ingestion;
using CostInsights.Web.Features.Jobs;
using CostInsights.Web.Features.Overview;
using CostInsights.Web.Features.PriceSheets;
using CostInsights.Web.Features.Scenarios;
using CostInsights.Web.Features.Usage;
using CostInsights.Web.Features.Users;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace CostInsights.Web.Tests.Components;

/// <summary>
/// A page rendered by bUnit over a real database (SQLite in a temp folder), with MudBlazor's
/// services, JavaScript calls answered loosely, and a fixed clock.
/// </summary>
public sealed class PageHarness : IAsyncDisposable
{
    private PageHarness(TestDatabase database, FixedTimeProvider time)
    {
        Database = database;
        Time = time;
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        var services = Context.Services;
        services.AddMudServices();
        services.AddSingleton<TimeProvider>(time);
        services.AddDbContextFactory<CostInsightsDbContext>(o => DataServiceCollectionExtensions.Configure(o, database.Options));
        services.AddScoped<OverviewQuery>();
        services.AddScoped<ForecastsQuery>();
        services.AddScoped<BudgetsData>();
        services.AddScoped<CompareQuery>();
        services.AddScoped<UsageExplorerQuery>();
        services.AddSingleton<ScenariosData>();
        services.AddSingleton<IngestionData>();
        services.AddSingleton<IRepriceQueue>(new RepriceRequests());
        services.AddScoped<PriceSheetsData>();
        services.AddSingleton<IngestionProgress>();
        services.AddOptions<IngestionOptions>();
        services.AddSingleton<AntiforgeryStateProvider>(new PageToken());
        services.AddLogging();
        services.AddCostInsightsIdentityCore();
        services.AddScoped<UserAdministration>();
        services.AddScoped<ApiKeyService>();
        services.AddSingleton<UsersData>();
        services.AddSingleton<JobStorage>(new InMemoryStorage());
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<JobStarter>();
        services.AddScoped<JobsQuery>();
        services.AddScoped<JobRunWatch>();
    }

    public BunitContext Context { get; } = new();
    public TestDatabase Database { get; }
    public FixedTimeProvider Time { get; }

    /// <param name="migrated">False leaves the database without tables, so that every query fails.</param>
    public static async Task<PageHarness> CreateAsync(DateTimeOffset now, bool migrated = true)
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        if (migrated)
        {
            await using var db = await database.MigratedContextAsync();
        }
        return new PageHarness(database, new FixedTimeProvider(now));
    }

    public async Task SeedAsync(Action<CostInsightsDbContext> add)
    {
        await using var db = Database.NewContext();
        add(db);
        await db.SaveChangesAsync();
    }

    /// <summary>Activates a price sheet and ingests a usage file through the product's own services, records and rollups alike.</summary>
    public async Task IngestAsync(string prices, string usage)
    {
        await using var db = Database.NewContext();
        var sheets = new PriceSheetService(db, Time, new RepriceRequests());
        var upload = await sheets.UploadAsync(null, null, new MemoryStream(Encoding.UTF8.GetBytes(prices)), "prices.csv", "test", CancellationToken.None);
        (await sheets.ActivateAsync(upload.Draft!.Id, null, false, "test", CancellationToken.None)).Succeeded.ShouldBeTrue();
        var ingestion = new UsageIngestionService(db, Time, new IngestionProgress(), Options.Create(Database.Options), Options.Create(new IngestionOptions()),
            NullLogger<UsageIngestionService>.Instance);
        await ingestion.QueueFileAsync(new MemoryStream(Encoding.UTF8.GetBytes(usage)), "usage.csv", "test", CancellationToken.None);
        await ingestion.RunPendingAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>The antiforgery token a prerendered page hands its interactive components.</summary>
    private sealed class PageToken : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("page-token", "__RequestVerificationToken");
    }
}
