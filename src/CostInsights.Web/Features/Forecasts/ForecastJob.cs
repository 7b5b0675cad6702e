using CostInsights.Core.Forecasts;
using CostInsights.Web.Features.Jobs;

namespace CostInsights.Web.Features.Forecasts;

/// <summary>A forecast run, after each month closes and on demand from the Forecasts page.</summary>
public sealed class ForecastJob(ForecastService forecasts, ILogger<ForecastJob> logger) : ServiceJob(logger)
{
    protected override async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var run = await forecasts.RunAsync(cancellationToken);
        return run.Series == 0 ? "no usage to forecast yet" : $"{run.Series} series forecast {run.HorizonMonths} months ahead";
    }
}
