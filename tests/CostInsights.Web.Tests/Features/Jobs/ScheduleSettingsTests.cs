using CostInsights.Core.Data;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Jobs;

public sealed class ScheduleSettingsTests
{
    [Fact]
    public async Task A_bad_cron_expression_stops_start_up_naming_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("bad-cron-").FullName;
        try
        {
            var refused = Should.Throw<Exception>(() => AppNode.Start(database, folder, seedDemoUsage: false,
                new Dictionary<string, string> { ["Jobs:Schedules:forecast"] = "every tuesday" }));
            var messages = string.Join(" | ", Chain(refused).Select(e => e.Message));
            messages.ShouldContain("Jobs:Schedules:forecast is 'every tuesday', which is not a cron expression");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Settings_change_a_schedule_or_turn_a_job_off_and_it_still_runs_when_started()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("schedules-").FullName;
        try
        {
            await using var node = AppNode.Start(database, folder, seedDemoUsage: false, new Dictionary<string, string>
            {
                ["Jobs:Schedules:anomaly-scan"] = "off",
                ["Jobs:Schedules:budget-check"] = "0 6 * * 1",
            });
            List<RecurringJobDto> recurring;
            using (var connection = node.Services.GetRequiredService<JobStorage>().GetConnection())
            {
                recurring = connection.GetRecurringJobs();
            }
            recurring.ShouldNotContain(r => r.Id == "anomaly-scan");
            recurring.Single(r => r.Id == "budget-check").Cron.ShouldBe("0 6 * * 1");
            recurring.Single(r => r.Id == "forecast").Cron.ShouldBe("0 4 2 * *");

            using var admin = await node.SignedInAsync(AppRoles.Admin);
            var page = await admin.GetPageAsync("/jobs");
            page.ShouldContain("off (by settings); runs when started");
            page.ShouldContain("0 6 * * 1 (cron, UTC; set in Jobs:Schedules)");
            (await admin.PostFormAsync("/jobs", "", new() { ["name"] = "anomaly-scan" }, action: "/jobs/run")).Headers.Location!.ToString()
                .ShouldContain("started=anomaly-scan");
            (await JobRuns.WaitForAsync(node.Services, "anomaly-scan")).Succeeded.ShouldBeTrue();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
