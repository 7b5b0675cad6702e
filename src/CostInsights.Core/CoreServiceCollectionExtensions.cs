using CostInsights.Core.Data;
using CostInsights.Core.Demo;
using CostInsights.Core.Ingestion;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Data, pricing, ingestion and demo services, shared by the web host and the command line.</summary>
    public static IServiceCollection AddCostInsightsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCostInsightsData(configuration);
        services.AddOptions<IngestionOptions>()
            .Bind(configuration.GetSection(IngestionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<Forecasts.ForecastOptions>()
            .Bind(configuration.GetSection(Forecasts.ForecastOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IngestionProgress>();
        services.AddScoped<PriceSheetService>();
        services.AddScoped<Usage.RepriceService>();
        // Re-priced at once where there are no background jobs (the command line); the web host queues the job instead.
        services.AddScoped<Usage.IRepriceQueue, Usage.RepriceNow>();
        services.AddScoped<UsageIngestionService>();
        services.AddScoped<Usage.UsageQuery>();
        services.AddScoped<Spend.SpendReadModel>();
        services.AddScoped<SourceMappingService>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<Forecasts.ForecastService>();
        services.AddScoped<Budgets.BudgetService>();
        services.AddScoped<Reconciliation.ReconciliationService>();
        services.AddScoped<Anomalies.AnomalyDetector>();
        services.AddScoped<Scenarios.ScenarioService>();
        services.AddScoped<DemoSeeder>();
        return services;
    }
}
