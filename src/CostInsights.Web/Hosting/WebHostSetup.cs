using CostInsights.Core;
using CostInsights.Web.Features.Account;
using CostInsights.Web.Features.Budgets;
using CostInsights.Web.Features.Costs;
using CostInsights.Web.Features.Errors;
using CostInsights.Web.Features.Forecasts;
using CostInsights.Web.Features.Health;
using CostInsights.Web.Features.Ingestion;
using CostInsights.Web.Features.Jobs;
using CostInsights.Web.Features.Overview;
using CostInsights.Web.Features.PriceSheets;
using CostInsights.Web.Features.Reconciliation;
using CostInsights.Web.Features.Scenarios;
using CostInsights.Web.Features.Security;
using CostInsights.Web.Features.Shell;
using CostInsights.Web.Features.Usage;
using MudBlazor.Services;

namespace CostInsights.Web.Hosting;

/// <summary>Composes the web host from one <c>Add</c>/<c>Map</c> call per feature.</summary>
public static class WebHostSetup
{
    public static WebApplicationBuilder AddCostInsights(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        services.AddCostInsightsCore(configuration);
        // Registered before the job server, so the database is migrated before any job runs.
        services.AddHostedService<DatabaseStartup>();
        services.AddCostInsightsAuth();
        services.AddDatabaseDataProtection();
        services.AddCostInsightsJobs(configuration);
        services.AddCostInsightsHealthChecks();
        services.AddCostInsightsErrors();
        services.AddUploadLimits(configuration);
        services.AddScoped<OverviewQuery>();
        services.AddScoped<JobsQuery>();
        services.AddScoped<JobRunWatch>();
        services.AddScoped<Features.Budgets.BudgetsData>();
        services.AddScoped<Features.Reconciliation.ReconciliationData>();
        services.AddSingleton<Features.Users.UsersData>();
        services.AddScoped<Features.Compare.CompareQuery>();
        services.AddScoped<Features.Forecasts.ForecastsQuery>();
        services.AddScoped<Features.Usage.UsageExplorerQuery>();
        services.AddSingleton<Features.Scenarios.ScenariosData>();
        services.AddSingleton<Features.Ingestion.IngestionData>();
        services.AddScoped<Features.PriceSheets.PriceSheetsData>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddSingleton<Features.Shell.OpenCircuits>();
        services.AddSingleton<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(s => s.GetRequiredService<Features.Shell.OpenCircuits>());
        services.AddMudServices();
        services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseCostInsights(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseCostInsightsErrors();
        app.UseUploadLimits();
        // Routing after the error handlers, so that a re-executed error page is routed afresh.
        app.UseRouting();
        app.MapStaticAssets().AllowAnonymous();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCookieAntiforgery();
        app.UseAntiforgery();

        app.MapOpenApi().RequireAuthorization(Core.Users.AppPolicies.ReadDashboards);
        app.MapCostInsightsHealth();
        app.MapAccountEndpoints();
        app.MapPriceSheetEndpoints();
        app.MapIngestionEndpoints();
        app.MapUsageExports();
        app.MapJobsEndpoints();
        app.MapCostsApi();
        app.MapForecastsEndpoints();
        app.MapScenariosEndpoints();
        app.MapReconciliationEndpoints();
        app.MapBudgetsEndpoints();
        app.MapUsageApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
