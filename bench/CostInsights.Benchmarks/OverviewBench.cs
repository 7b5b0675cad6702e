using System.Diagnostics;
using CostInsights.Cli;
using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using CostInsights.Web.Features.Overview;
using CostInsights.Web.Features.Usage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace CostInsights.Benchmarks;

/// <summary>
/// <c>costinsights bench overview</c>: the interactive Overview (the last 12 months) and the Usage page grouped by team by month
/// over the last 12 months, each rendered on the server as their first render does, over a database of 100 thousand usage records
/// (the baseline) and over one of many more (10 million by default), the same 400 series over 24 months in both. Both read the
/// spend read model's sums of the rollups, so the ratios stay near 1.
/// </summary>
internal static class OverviewBench
{
    private const int Renders = 20;
    private const string UsageByTeam = "usage?by=team&grain=month&period=last-12";

    public static async Task<int> RunAsync(ITerminal terminal, long records, CancellationToken cancellationToken)
    {
        var baseline = await MeasureAsync(terminal, 100_000, cancellationToken);
        var large = await MeasureAsync(terminal, records, cancellationToken);
        await terminal.Out.WriteLineAsync(
            $"Overview render, median of {Renders}: {large.Overview.TotalMilliseconds:0.0} ms with {records:N0} records; " +
            $"baseline {baseline.Overview.TotalMilliseconds:0.0} ms with 100,000 records; ratio {large.Overview / baseline.Overview:0.00}");
        await terminal.Out.WriteLineAsync(
            $"Usage by team by month, 12 months, median of {Renders}: {large.Usage.TotalMilliseconds:0.0} ms with {records:N0} records; " +
            $"baseline {baseline.Usage.TotalMilliseconds:0.0} ms with 100,000 records; ratio {large.Usage / baseline.Usage:0.00}");
        return 0;
    }

    private static async Task<(TimeSpan Overview, TimeSpan Usage)> MeasureAsync(ITerminal terminal, long records, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(Pages, cancellationToken);
        var provider = database.Services;
        var load = Stopwatch.StartNew();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
            await LoadAsync(db, records, provider.GetRequiredService<TimeProvider>(), cancellationToken);
        }
        await terminal.Out.WriteLineAsync($"Loaded {records:N0} records and their rollups in {load.Elapsed.TotalSeconds:0.0} s");
        return (await MedianAsync<OverviewPage>(provider, "", "data-testid=\"spend-table\""),
            await MedianAsync<UsagePage>(provider, UsageByTeam, "data-testid=\"group-table\""));
    }

    /// <summary>The median time of the page's first render at an address, after three untimed renders.</summary>
    private static async Task<TimeSpan> MedianAsync<TPage>(IServiceProvider provider, string address, string mustShow) where TPage : IComponent
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < Renders + 3; i++)
        {
            await using var scope = provider.CreateAsyncScope();
            ((BenchNavigation)scope.ServiceProvider.GetRequiredService<NavigationManager>()).Open(address);
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
            var watch = Stopwatch.StartNew();
            var html = await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<TPage>()).ToHtmlString());
            watch.Stop();
            if (!html.Contains(mustShow, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{typeof(TPage).Name} rendered without {mustShow}.");
            }
            if (i >= 3)
            {
                times.Add(watch.Elapsed);
            }
        }
        return times.Order().ElementAt(times.Count / 2);
    }

    /// <summary>What the two pages need to render outside a circuit: their queries, MudBlazor, an address, and no browser.</summary>
    private static void Pages(IServiceCollection services)
    {
        services.AddScoped<OverviewQuery>();
        services.AddScoped<UsageExplorerQuery>();
        services.AddMudServices();
        services.AddScoped<NavigationManager, BenchNavigation>();
        services.AddScoped<IJSRuntime, NoBrowser>();
    }

    private sealed class BenchNavigation : NavigationManager
    {
        private const string Base = "http://bench.local/";

        public void Open(string address) => Initialize(Base, Base + address);
    }

    /// <summary>A server render calls no script: a page that did would fail the benchmark.</summary>
    private sealed class NoBrowser : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException($"A server render called {identifier}.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException($"A server render called {identifier}.");
    }

    /// <summary>Priced records of 400 series spread over the last 24 months, written in bulk, then their rollups built in SQL.</summary>
    private static async Task LoadAsync(CostInsightsDbContext db, long records, TimeProvider time, CancellationToken cancellationToken)
    {
        var end = time.GetUtcNow().UtcDateTime;
        var span = (end - RollupAccumulator.MonthOf(end).AddMonths(-23)).TotalSeconds;
        var random = new Random(10);
        await BulkRecords.WriteAsync(db, end, records, i =>
        {
            var series = (int)(i % 400);
            var input = random.NextInt64(100, 20_000);
            return new BulkRecords.Row(end.AddSeconds(-random.NextDouble() * span), $"provider-{series % 4}", $"model-{series % 40}",
                $"team-{series / 40}", input, input / 4, 0, false, (input * 3m + input / 4 * 12m) / 1_000_000m);
        }, cancellationToken);
        await RollupRebuild.RebuildAllAsync(db, cancellationToken);
    }
}
