using Bunit;
using CostInsights.Web.Features.Shell.Charts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace CostInsights.Web.Tests.Components;

/// <summary>The chart component draws one chart per element, however quickly its data changes.</summary>
public sealed class ChartDrawingTests
{
    [Fact]
    public async Task A_new_spec_while_the_chart_is_still_being_created_updates_that_chart_instead_of_creating_another()
    {
        await using var context = new BunitContext();
        var browser = new SlowCharts();
        context.Services.AddSingleton<IJSRuntime>(browser);
        var chart = context.Render<Chart>(p => p.Add(c => c.Id, "c").Add(c => c.Label, "a chart").Add(c => c.Spec, Spec(1)));

        // The page's data changes twice before the browser has created the chart.
        chart.Render(p => p.Add(c => c.Spec, Spec(2)));
        chart.Render(p => p.Add(c => c.Spec, Spec(3)));
        browser.Calls.ShouldBe(["create"]);

        browser.Created.SetResult(browser);
        // The update follows no render, so it is awaited by asking, not by a render.
        var until = DateTime.UtcNow.AddSeconds(10);
        while (browser.Calls.Count < 2 && DateTime.UtcNow < until)
        {
            await Task.Delay(10);
        }
        browser.Calls.ShouldBe(["create", "update"]);
    }

    [Fact]
    public async Task A_chart_whose_circuit_is_closing_is_destroyed_once_created_without_an_error()
    {
        await using var context = new BunitContext();
        var browser = new SlowCharts { Cancelled = "destroy" };
        context.Services.AddSingleton<IJSRuntime>(browser);
        var chart = context.Render<Chart>(p => p.Add(c => c.Id, "c").Add(c => c.Label, "a chart").Add(c => c.Spec, Spec(1)));

        // The page closes while the browser is still creating the chart: it is destroyed once created. A closing circuit cancels
        // the calls still on their way to the browser, which is no error.
        Exception? thrown = null;
        try
        {
            await chart.Instance.DisposeAsync();
        }
        catch (Exception e)
        {
            thrown = e;
        }
        thrown.ShouldBeNull();
        browser.Calls.ShouldBe(["create"], "disposal does not wait for a browser that may never answer");

        browser.Created.SetResult(browser);
        var until = DateTime.UtcNow.AddSeconds(10);
        while (browser.Calls.Count < 2 && DateTime.UtcNow < until)
        {
            await Task.Delay(10);
        }
        browser.Calls.ShouldBe(["create", "destroy"]);
    }

    private static ChartSpec Spec(decimal y) => new()
    {
        X = new ChartAxis("Month (UTC)", AxisUnit.Month),
        Y = new ChartAxis("Spend (USD)", AxisUnit.Usd),
        Series = [new ChartSeries("spend", SeriesStyle.Line, [new ChartPoint(ChartX.Month(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)), y)])],
    };

    /// <summary>A browser whose charts module creates a chart only when the test says so, and records what it was asked.</summary>
    private sealed class SlowCharts : IJSRuntime, IJSObjectReference
    {
        public TaskCompletionSource<IJSObjectReference> Created { get; } = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _calls = new();

        public IReadOnlyList<string> Calls => [.. _calls];

        /// <summary>A call the browser never answers, as when the circuit closes: it is cancelled.</summary>
        public string? Cancelled { get; init; }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => InvokeAsync<TValue>(identifier, default, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            if (identifier == "import")
            {
                return ValueTask.FromResult((TValue)(object)this);
            }
            _calls.Enqueue(identifier);
            if (identifier == Cancelled)
            {
                return ValueTask.FromException<TValue>(new TaskCanceledException());
            }
            return identifier == "create" ? new ValueTask<TValue>(Created.Task.ContinueWith(t => (TValue)t.Result, TaskScheduler.Default))
                : ValueTask.FromResult(default(TValue)!);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
