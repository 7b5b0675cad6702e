using CostInsights.Core;
using CostInsights.Core.Budgets;
using CostInsights.Web.Features.Jobs;

namespace CostInsights.Web.Features.Budgets;

/// <summary>The daily budget check: an alert for each budget month that actual spend or the forecast crossed.</summary>
public sealed class BudgetCheckJob(BudgetService budgets) : IJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var written = await budgets.CheckAsync(cancellationToken);
        return written == 0 ? "no budget newly crossed" : $"{Amounts.Count(written, "budget alert")} written";
    }
}
