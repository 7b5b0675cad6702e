using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Infrastructure;

/// <summary>A forecast run on the app's data, made once for tests that build on one.</summary>
public static class ForecastRuns
{
    private static readonly SemaphoreSlim Once = new(1, 1);

    public static async Task EnsureForecastAsync(this WebAppFixture app)
    {
        await Once.WaitAsync();
        try
        {
            using var scope = app.Services.CreateScope();
            if (!await scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>().ForecastRuns.AnyAsync())
            {
                await scope.ServiceProvider.GetRequiredService<ForecastService>().RunAsync(CancellationToken.None);
            }
        }
        finally
        {
            Once.Release();
        }
    }
}
