using System.CommandLine;
using System.Globalization;
using CostInsights.Core;
using CostInsights.Core.Budgets;
using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Cli;

/// <summary>
/// <c>costinsights forecast run</c>: a forecast run on the stored usage, as the monthly job runs one, then the budget check the
/// job runs after it; for a server without the web app's jobs, or a script that imports usage and forecasts it.
/// </summary>
internal static class ForecastRunCommand
{
    public static Command Create(ITerminal terminal, Func<ParseResult, CancellationToken, Task<AsyncServiceScope>> open)
    {
        var run = new Command("run", "Forecast every series of the stored usage for the months ahead, as the monthly job does, and check the budgets");
        run.SetAction((parse, cancellationToken) => CliApp.RunSafelyAsync(terminal, async () =>
        {
            await using var services = await open(parse, cancellationToken);
            var summary = await services.ServiceProvider.GetRequiredService<ForecastService>().RunAsync(cancellationToken);
            if (summary.Series == 0)
            {
                await terminal.Error.WriteLineAsync(
                    "Nothing forecast: no complete month of usage is stored yet. Import usage first (costinsights usage import).");
                return 1;
            }
            var alerts = await services.ServiceProvider.GetRequiredService<BudgetService>().CheckAsync(cancellationToken);
            var described = summary.Describe(alerts);
            await terminal.Out.WriteLineAsync($"{char.ToUpperInvariant(described[0])}{described[1..]}.");
            if (await TotalSpendAsync(services.ServiceProvider.GetRequiredService<CostInsightsDbContext>(), cancellationToken) is { } total)
            {
                await terminal.Out.WriteLineAsync(total);
            }
            return 0;
        }));
        return run;
    }

    /// <summary>The newest run's per-token spend of all teams over its months, with the total's own 80% interval where it has one.</summary>
    private static async Task<string?> TotalSpendAsync(CostInsightsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.ForecastRuns.NewestRunAtAsync(cancellationToken) is not { } runAt)
        {
            return null;
        }
        var stored = await db.ForecastRuns.AsNoTracking().OfRun(runAt)
            .Where(r => r.Series == SeriesKeys.Total && r.Measure == ForecastMeasures.TokenSpend)
            .Select(r => new { r.PointsJson, r.TotalShare80, r.TotalShare95 })
            .FirstOrDefaultAsync(cancellationToken);
        if (stored is null || ForecastPoint.Deserialize(stored.PointsJson) is not { Count: > 0 } points)
        {
            return null;
        }
        var total = ForecastTotal.Of(points, stored.TotalShare80, stored.TotalShare95);
        var interval = total is { Lower80: { } low, Upper80: { } high } ? $" (80% interval {Amounts.Usd(low)} to {Amounts.Usd(high)})" : "";
        static string Month(DateTime month) => month.ToString("MMM yyyy", CultureInfo.InvariantCulture);
        return $"Per-token spend, all teams, {Month(points[0].Month)} to {Month(points[^1].Month)}: {Amounts.Usd(total.Point)}{interval}.";
    }
}
