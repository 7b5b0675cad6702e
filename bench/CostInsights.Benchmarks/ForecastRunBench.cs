using System.Diagnostics;
using CostInsights.Cli;
using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Usage;
using CostInsights.Forecasting.Baselines;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Benchmarks;

/// <summary>
/// <c>costinsights bench forecast-runs</c>: a forecast run over generated monthly usage (five providers,
/// twenty models, as many teams as make the series asked for), against seasonal naive forecasts of the
/// same series and measures in the same run.
/// </summary>
internal static class ForecastRunBench
{
    private const int Providers = 5;
    private const int ModelsPerProvider = 4;

    public static async Task<int> RunAsync(ITerminal terminal, int seriesWanted, int months, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(null, cancellationToken);
        var provider = database.Services;
        // total + providers + models + teams + provider × team (each team uses every provider).
        var teams = Math.Max(1, (seriesWanted - 1 - Providers - Providers * ModelsPerProvider) / (1 + Providers));
        var leaves = Generate(teams, months, provider.GetRequiredService<TimeProvider>()).ToList();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
            db.MonthlyRollups.AddRange(leaves);
            await db.SaveChangesAsync(cancellationToken);
        }

        var histories = leaves.SelectMany(l =>
            new[] { "total", $"p:{l.Provider}", $"m:{l.Model}", $"t:{l.Team}", $"pt:{l.Provider}/{l.Team}" }.Select(k => (Key: k, Leaf: l)))
            .GroupBy(x => x.Key)
            .Select(g => g.GroupBy(x => x.Leaf.PeriodStart).OrderBy(m => m.Key).Select(m => m.Select(x => x.Leaf).ToList()).ToList())
            .ToList();
        var baseline = Stopwatch.StartNew();
        Parallel.ForEach(histories, history =>
        {
            foreach (var measure in new Func<UsageRollup, long>[] { r => r.InputTokens, r => r.OutputTokens, r => r.CachedInputTokens, r => r.Requests })
            {
                Baseline.SeasonalNaive([.. history.Select(m => (double)m.Sum(measure))], 12, 12, [80, 95]);
            }
        });
        baseline.Stop();

        var watch = Stopwatch.StartNew();
        ForecastRunSummary summary;
        await using (var scope = provider.CreateAsyncScope())
        {
            summary = await scope.ServiceProvider.GetRequiredService<ForecastService>().RunAsync(cancellationToken);
        }
        watch.Stop();
        await terminal.Out.WriteLineAsync(
            $"Forecast run: {summary.Series:N0} series × 4 volumes from {months} months of history ({leaves.Count:N0} monthly rollups), " +
            $"{summary.HorizonMonths} months ahead with backtests, reconciled and priced: {watch.Elapsed.TotalSeconds:0.00} s " +
            $"({summary.Series / watch.Elapsed.TotalSeconds:0} series/s on {Environment.ProcessorCount} cores); " +
            $"baseline seasonal naive on the same series and measures: {baseline.Elapsed.TotalSeconds:0.000} s; ratio {watch.Elapsed / baseline.Elapsed:0}");
        return 0;
    }

    /// <summary>Complete months up to the last one, growing with a yearly season and noise; teams start at different times.</summary>
    private static IEnumerable<MonthlyRollup> Generate(int teams, int months, TimeProvider time)
    {
        var random = new Random(36);
        var current = RollupAccumulator.MonthOf(time.GetUtcNow().UtcDateTime);
        for (var team = 0; team < teams; team++)
        {
            var start = team % 4 == 0 ? months / 2 : 0;
            for (var p = 0; p < Providers; p++)
            {
                var model = $"model-{p}-{team % ModelsPerProvider}";
                var scale = 1_000_000 * (1 + random.Next(50));
                for (var i = start; i < months; i++)
                {
                    var growth = Math.Pow(1.03 + 0.02 * random.NextDouble(), i);
                    var season = 1 + 0.15 * Math.Sin(2 * Math.PI * i / 12);
                    var input = (long)(scale * growth * season * (0.9 + 0.2 * random.NextDouble()));
                    yield return new MonthlyRollup
                    {
                        PeriodStart = current.AddMonths(i - months),
                        Provider = $"provider-{p}",
                        Model = model,
                        Team = $"team-{team}",
                        InputTokens = input,
                        OutputTokens = input / 4,
                        CachedInputTokens = input / 5,
                        Requests = input / 1_500,
                        RecordCount = 1,
                        TokenCost = input * 0.000003m,
                        TokenPriceSheetId = 1,
                    };
                }
            }
        }
    }
}
