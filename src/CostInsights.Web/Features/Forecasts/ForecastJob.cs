using CostInsights.Core.Budgets;
using CostInsights.Core.Forecasts;
using CostInsights.Web.Features.Jobs;

namespace CostInsights.Web.Features.Forecasts;

/// <summary>A forecast run, after each month closes and on demand from the Forecasts page.</summary>
/// <remarks>A new forecast may cross a budget the last one did not, so budgets are checked after it.</remarks>
public sealed class ForecastJob(ForecastService forecasts, BudgetService budgets) : IJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var run = await forecasts.RunAsync(cancellationToken);
        return run.Describe(run.Series == 0 ? 0 : await budgets.CheckAsync(cancellationToken));
    }
}
