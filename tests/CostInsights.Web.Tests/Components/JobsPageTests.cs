using Bunit;
using CostInsights.Core.Jobs;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CostInsights.Web.Tests.Components;

public sealed class JobsPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_job_is_listed_with_how_it_last_ran()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        await harness.SeedAsync(db => db.JobRuns.Add(new JobRun
        {
            JobName = JobIds.Housekeeping,
            StartedAt = Now.UtcDateTime.AddMinutes(-10),
            FinishedAt = Now.UtcDateTime.AddMinutes(-10).AddSeconds(2),
            Succeeded = false,
            Message = "disk <full>",
        }));
        var page = harness.Context.Render<JobsPage>();

        page.WaitForElement("[data-testid=jobs]");
        page.FindAll("tr[data-job]").Select(r => r.GetAttribute("data-job")).ShouldBe(JobCatalog.All.Select(j => j.Id));
        var housekeeping = page.Find($"tr[data-job={JobIds.Housekeeping}]");
        housekeeping.QuerySelector("[data-testid=last-outcome]")!.TextContent.ShouldContain("failed");
        housekeeping.QuerySelector("[data-testid=last-outcome]")!.TextContent.ShouldContain("disk <full>");
        housekeeping.QuerySelector("[data-testid=last-run]")!.TextContent.ShouldBe("2026-06-15 11:50 UTC, took 2 s");
        page.Find($"tr[data-job={JobIds.Forecast}] [data-testid=last-outcome]").TextContent.ShouldContain("not run yet");
    }

    [Fact]
    public async Task Recent_runs_are_paged_newest_first_and_filtered_by_job_and_failure_in_the_database()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        await harness.SeedAsync(db =>
        {
            for (var i = 0; i < 30; i++)
            {
                var started = Now.UtcDateTime.AddHours(-i);
                db.JobRuns.Add(new JobRun
                {
                    JobName = i % 3 == 0 ? JobIds.Housekeeping : JobIds.AnomalyScan,
                    StartedAt = started,
                    FinishedAt = started.AddSeconds(1.5),
                    Succeeded = i != 4,
                    Message = i == 4 ? "<b>scan</b> failed" : $"run {i}",
                    Node = i == 0 ? "vm:6767:15e88b04:6767:cc1fec1d-8d95-43e9-bea7-2f0c1d6e9a11" : "node-a",
                });
            }
        });
        var page = harness.Context.Render<JobsPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=run-row]").Count.ShouldBe(25));
        var newest = page.Find("[data-testid=run-row]").Closest("tr")!;
        newest.TextContent.ShouldContain("2026-06-15 12:00 UTC");
        newest.TextContent.ShouldContain("1.5 s");
        newest.TextContent.ShouldContain("run 0");
        // The node by its name; Hangfire's process id and GUID only in the tooltip.
        var node = newest.QuerySelector("[data-testid=run-node]")!;
        node.TextContent.ShouldBe("vm:6767:15e88b04");
        node.GetAttribute("title").ShouldBe("vm:6767:15e88b04:6767:cc1fec1d-8d95-43e9-bea7-2f0c1d6e9a11");
        page.FindAll("[data-testid=run-node]")[1].TextContent.ShouldBe("node-a");

        await page.InvokeAsync(() => page.FindComponents<MudSwitch<bool>>().Single().Instance.ValueChanged.InvokeAsync(true));
        page.WaitForAssertion(() =>
            page.FindAll("[data-testid=run-row]").ShouldHaveSingleItem().Closest("tr")!.TextContent.ShouldContain("<b>scan</b> failed"));

        await page.InvokeAsync(() => page.FindComponents<MudSwitch<bool>>().Single().Instance.ValueChanged.InvokeAsync(false));
        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>().Single().Instance.ValueChanged.InvokeAsync(JobIds.Housekeeping));
        page.WaitForAssertion(() => page.FindAll("[data-testid=run-row]").Select(r => r.GetAttribute("data-run-job"))
            .ShouldBe(Enumerable.Repeat(JobIds.Housekeeping, 10)));

        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>().Single().Instance.ValueChanged.InvokeAsync(JobIds.Forecast));
        page.WaitForAssertion(() => page.Find("[data-testid=runs-empty]").TextContent.ShouldBe("No run matches these filters."));
    }

    [Fact]
    public async Task Runs_in_a_row_that_ended_alike_show_as_one_row_with_their_count()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        await harness.SeedAsync(db =>
        {
            db.JobRuns.Add(new JobRun
            {
                JobName = JobIds.IngestUsage,
                StartedAt = Now.UtcDateTime.AddMinutes(-61),
                FinishedAt = Now.UtcDateTime.AddMinutes(-61).AddSeconds(4),
                Succeeded = true,
                Message = "1 batch(es) run",
            });
            db.JobRuns.Add(new JobRun
            {
                JobName = JobIds.IngestUsage,
                StartedAt = Now.UtcDateTime.AddMinutes(-1),
                FinishedAt = Now.UtcDateTime.AddMinutes(-1).AddSeconds(0.1),
                Succeeded = true,
                Message = "nothing queued",
                Repeats = 1_440,
                RepeatedSince = Now.UtcDateTime.AddMinutes(-60),
            });
        });
        var page = harness.Context.Render<JobsPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=run-row]").Count.ShouldBe(2));
        var rows = page.FindAll("[data-testid=run-row]").Select(r => r.Closest("tr")!).ToList();
        rows[0].TextContent.ShouldContain("nothing queued");
        rows[0].QuerySelector("[data-testid=run-repeats]")!.TextContent
            .ShouldBe("1,440 runs in a row ended so, the first at 2026-06-15 11:00 UTC.");
        rows[1].QuerySelector("[data-testid=run-repeats]").ShouldBeNull();
        var job = page.Find($"tr[data-job={JobIds.IngestUsage}]");
        job.QuerySelector("[data-testid=last-run]")!.TextContent.ShouldBe("2026-06-15 11:59 UTC, took 0.1 s");
        job.QuerySelector("[data-testid=last-repeats]")!.TextContent.ShouldBe("1,440 runs in a row ended so, the first at 2026-06-15 11:00 UTC.");
    }

    [Fact]
    public async Task Run_now_queues_the_job_and_the_row_shows_its_outcome_when_it_is_recorded_without_a_reload()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        var page = harness.Context.Render<JobsPage>();
        page.WaitForElement("[data-testid=jobs]");

        // The click's handler waits for the run, so it is awaited only once the run is there.
        var click = page.Find($"tr[data-job={JobIds.AnomalyScan}] [data-testid=run-now]").ClickAsync(new());

        page.WaitForElement($"tr[data-job={JobIds.AnomalyScan}] [data-testid=job-running]");
        var snackbar = harness.Context.Services.GetRequiredService<ISnackbar>();
        snackbar.ShownSnackbars.Select(s => s.Message).ShouldContain(m => m != null && m.Contains("Started anomaly-scan"));
        var queued = harness.Context.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().EnqueuedCount("default");
        queued.ShouldBe(1);

        await harness.SeedAsync(db => db.JobRuns.Add(new JobRun
        {
            JobName = JobIds.AnomalyScan,
            StartedAt = Now.UtcDateTime.AddSeconds(1),
            FinishedAt = Now.UtcDateTime.AddSeconds(3),
            Succeeded = true,
            Message = "2 unusual days",
        }));
        page.WaitForAssertion(() =>
            page.Find($"tr[data-job={JobIds.AnomalyScan}] [data-testid=last-outcome]").TextContent.ShouldContain("succeeded"),
            TimeSpan.FromSeconds(20));
        await click;
        snackbar.ShownSnackbars.Select(s => s.Message).ShouldContain(m => m == "anomaly-scan succeeded: 2 unusual days");
    }

    [Fact]
    public void Only_admins_may_open_it()
    {
        typeof(JobsPage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().Single().Policy
            .ShouldBe(AppPolicies.Administer);
    }
}
