using System.Diagnostics;
using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Features.Shell;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CostInsights.Web.Tests.Browser;

/// <summary>
/// Users with the Overview open each hold a circuit on the node, and let it go when they leave; what one costs in server memory is
/// measured and printed, from the managed heap after a full collection and from the process's working set. Ten users by default,
/// as CI's two cores draw ten Overviews in seconds; the README's figure is of fifty (COSTINSIGHTS_CIRCUIT_USERS=50).
/// </summary>
/// <remarks>
/// It runs alone, after the tests that run side by side: the managed heap is the whole test process's, and another test's app
/// starting or stopping meanwhile would be counted as the circuits' (it made the heap shrink by 366 KB a circuit in one CI run).
/// </remarks>
[Collection(nameof(CircuitMemoryBrowserTests))]
public sealed class CircuitMemoryBrowserTests(DemoBrowserFixture browser, ITestOutputHelper output) : IClassFixture<DemoBrowserFixture>
{
    private static readonly int Users = int.TryParse(Environment.GetEnvironmentVariable("COSTINSIGHTS_CIRCUIT_USERS"), out var users) && users >= 10
        ? users / 10 * 10 : 10;

    [Fact]
    public async Task Users_on_the_overview_each_hold_a_circuit_until_they_leave_and_what_one_costs_is_measured()
    {
        Require.Chromium();
        var circuits = browser.App.Services.GetRequiredService<OpenCircuits>();
        var finance = DemoUsers.All.Single(u => u.Role == AppRoles.Finance);
        var first = await browser.SignedInPageAsync(finance.Email, finance.Password);
        await BrowserFixture.GotoInteractiveAsync(first, "/");
        var signedIn = await first.Context.StorageStateAsync();
        await first.Context.CloseAsync();
        (await UntilAsync(() => circuits.Connected == 0)).ShouldBeTrue("the first page's browser has gone");
        var held = circuits.Count;
        var (heapBefore, setBefore) = Memory();

        // Ten users arrive at a time.
        var contexts = new List<IBrowserContext>();
        for (var i = 0; i < Users; i += 10)
        {
            contexts.AddRange(await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
            {
                var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.App.BaseAddress.ToString(), StorageState = signedIn });
                await BrowserFixture.GotoInteractiveAsync(await context.NewPageAsync(), "/");
                return context;
            })));
        }
        (await UntilAsync(() => circuits.Connected == Users)).ShouldBeTrue($"{circuits.Connected} of {Users} pages connected");
        // Each connected page holds a circuit of its own. The first page's circuit, kept after its browser went, may be closed
        // meanwhile (the browser's disconnect beacon can arrive late on a busy machine), so it may or may not still count.
        circuits.Count.ShouldBeInRange(Users, held + Users);
        var (heapAfter, setAfter) = Memory();
        var heap = (heapAfter - heapBefore) / Users / 1024.0;
        var set = (setAfter - setBefore) / Users / 1024.0;
        var figure = $"{Users} circuits on the Overview: {heap:0} KB of managed heap and {set:0} KB of working set each";
        output.WriteLine(figure);
        Console.WriteLine(figure);
        heap.ShouldBeGreaterThan(0, "a circuit holds its page's state in memory");

        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
        (await UntilAsync(() => circuits.Connected == 0)).ShouldBeTrue("closing the pages disconnects their circuits");
    }

    /// <summary>Whether the condition came true within 30 seconds.</summary>
    private static async Task<bool> UntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }
        return condition();
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64);
    }
}

/// <summary>The circuit memory test's own collection, run with no other test beside it.</summary>
[CollectionDefinition(nameof(CircuitMemoryBrowserTests), DisableParallelization = true)]
public sealed class CircuitMemoryCollection;
